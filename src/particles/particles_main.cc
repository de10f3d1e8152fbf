// `sluice particles` (particles_main.h): option checks, the run, its report
// and output files.
#include "particles/particles_main.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "particles/force_kernel.h"
#include "particles/html_player.h"
#include "particles/legend.h"
#include "particles/output_file.h"
#include "particles/picture.h"
#include "particles/png_writer.h"
#include "particles/progress_line.h"
#include "particles/simulation.h"

namespace sluice::particles {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// Shortest text that reads back as the same double (Python's repr).
std::string Repr(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

// Fails now, before a long run, if `path` could not be written after it.
// Touches nothing: a run that is stopped leaves an existing file as it was.
bool CheckWritable(const std::string& path, const char* option) {
  Status st = CheckOutputPath(path);
  if (!st.ok()) {
    std::fprintf(stderr, "sluice particles: %s: %s\n", option, st.message().c_str());
    return false;
  }
  return true;
}

// The terminal's width in columns (0 when unknown).
int TerminalWidth(int fd) {
  struct winsize ws;
  return ::ioctl(fd, TIOCGWINSZ, &ws) == 0 ? ws.ws_col : 0;
}

// "200 particles, 300 steps, threads (2), naive": the title of the
// pictures.
std::string RunTitle(const SimulationOptions& o) {
  std::string title = std::to_string(o.n) + (o.n == 1 ? " particle, " : " particles, ") + std::to_string(o.steps) +
                      (o.steps == 1 ? " step, " : " steps, ") + ModeName(o.mode);
  if (o.mode != Mode::kSerial) title += " (" + std::to_string(o.workers) + ")";
  return title + ", " + AlgorithmName(o.algorithm);
}

int UsageError(const std::string& message) {
  std::fprintf(stderr, "sluice particles: %s\n", message.c_str());
  return kExitUsage;
}

}  // namespace

void AddParticlesOptions(CLI::App& cmd, ParticlesFlags* flags) {
  cmd.add_option("-n,--particles", flags->n,
                 "Number of particles, 1 to " + std::to_string(kMaxParticles) + " (default 20)");
  cmd.add_option("-s,--steps", flags->steps, "Number of time steps, 0 or more (default 1000)")->type_name("STEPS");
  cmd.add_option("--mode", flags->mode, "serial (default), threads (barriers) or processes (pipe ring)")
      ->type_name("MODE")
      ->check(CLI::IsMember({"serial", "threads", "processes"}));
  cmd.add_option("-j,--jobs", flags->jobs,
                 "Worker threads or processes, 1 to the number of particles (default: the CPU count, at most n)");
  cmd.add_option("--algorithm", flags->algorithm, "naive (all pairs) or cells (cell grid); default cells above 2000")
      ->type_name("ALGORITHM")
      ->check(CLI::IsMember({"naive", "cells"}));
  cmd.add_flag("-e,--normalize", flags->normalize, "Rescale velocities each step to keep the initial energy");
  cmd.add_option("--seed", flags->seed, "Random seed, as Python's random.seed (default 1000)")->type_name("S");
  cmd.add_option("--init", flags->init, "Initial positions: grid (the chapter's, default) or random")
      ->type_name("LAYOUT")
      ->check(CLI::IsMember({"grid", "random"}));
  cmd.add_option("--dt", flags->dt, "Length of a time step, more than 0 (default 0.0005)")->type_name("DT");
  cmd.add_option("--stats", flags->stats, "Print the step and energy every K steps")->type_name("K");
  cmd.add_option("--png", flags->png, "Write the final state as a PNG picture (particles coloured by worker)")
      ->type_name("FILE");
  cmd.add_option("--html", flags->html, "Write a self-contained HTML page that plays the run")->type_name("FILE");
  cmd.add_option("--html-every", flags->html_every, "Record a frame for --html every K steps (default: ~250 frames)")
      ->type_name("K");
}

int ParticlesMain(const ParticlesFlags& flags) {
  SimulationOptions opts;
  if (flags.n < 1)
    return UsageError("-n: the number of particles must be at least 1 (got " + std::to_string(flags.n) + ")");
  if (flags.steps < 0) {
    return UsageError("-s: the number of steps must not be negative (got " + std::to_string(flags.steps) + ")");
  }
  if (flags.stats < 0) return UsageError("--stats: K must be positive (got " + std::to_string(flags.stats) + ")");
  if (flags.html_every < 0) {
    return UsageError("--html-every: K must be positive (got " + std::to_string(flags.html_every) + ")");
  }
  if (!(flags.dt > 0)) return UsageError("--dt: the time step must be positive (got " + Repr(flags.dt) + ")");
  opts.n = static_cast<std::size_t>(flags.n);
  opts.steps = flags.steps;
  opts.mode = flags.mode == "threads" ? Mode::kThreads : flags.mode == "processes" ? Mode::kProcesses : Mode::kSerial;
  if (flags.jobs) {
    if (*flags.jobs < 1)
      return UsageError("-j: the number of workers must be at least 1 (got " + std::to_string(*flags.jobs) + ")");
    opts.workers = static_cast<std::size_t>(*flags.jobs);
  } else if (opts.mode != Mode::kSerial) {
    opts.workers = std::max<std::size_t>(1, std::min<std::size_t>(std::thread::hardware_concurrency(), opts.n));
  }
  opts.algorithm = flags.algorithm               ? (*flags.algorithm == "cells" ? Algorithm::kCells : Algorithm::kNaive)
                   : opts.n > kCellsDefaultAbove ? Algorithm::kCells
                                                 : Algorithm::kNaive;
  opts.normalize = flags.normalize;
  opts.seed = flags.seed;
  opts.init = flags.init == "random" ? InitKind::kRandom : InitKind::kGrid;
  opts.dt = flags.dt;
  Status valid = Validate(opts);
  if (!valid.ok()) return UsageError(valid.message());

  const std::int64_t html_every = flags.html_every > 0 ? flags.html_every : std::max<std::int64_t>(1, opts.steps / 250);
  if (!flags.html.empty() && HtmlRecorder::FrameBytes(opts.n, opts.steps, html_every) > HtmlRecorder::kMaxFrameBytes) {
    return UsageError("--html: " + std::to_string(opts.n) + " particles every " + std::to_string(html_every) + " of " +
                      std::to_string(opts.steps) + " steps would make the page too large; raise --html-every");
  }
  if (!flags.png.empty() && !flags.html.empty() && SameOutputFile(flags.png, flags.html)) {
    return UsageError("--png and --html name the same file '" + flags.png + "'");
  }
  if (!flags.png.empty() && !CheckWritable(flags.png, "--png")) return kExitUsage;
  if (!flags.html.empty() && !CheckWritable(flags.html, "--html")) return kExitUsage;

  const Physics ph = Physics::ForCount(opts.n, opts.dt);
  std::unique_ptr<HtmlRecorder> recorder;
  if (!flags.html.empty()) {
    recorder = std::make_unique<HtmlRecorder>(opts.n, opts.workers, ph.box_size, opts.steps, html_every);
  }
  const std::int64_t stats = flags.stats;
  // The progress line goes to a terminal only: never into a pipe or a file.
  std::unique_ptr<ProgressLine> progress;
  if (opts.steps > 0 && ::isatty(STDERR_FILENO)) {
    progress = std::make_unique<ProgressLine>(stderr, opts.steps, TerminalWidth(STDERR_FILENO));
  }
  // A --stats line on the same terminal first erases the progress line.
  const bool stdout_tty = ::isatty(STDOUT_FILENO) != 0;
  StepObserver observer;
  if (stats > 0 || recorder || progress) {
    observer = [stats, stdout_tty, &recorder, &progress](std::int64_t step, double energy, const ParticleSet& state) {
      if (stats > 0 && step % stats == 0) {
        if (progress && stdout_tty) progress->Clear();
        std::printf("step %lld: energy %s\n", static_cast<long long>(step), Repr(energy).c_str());
        if (progress) std::fflush(stdout);
      }
      if (recorder) recorder->Observe(step, energy, state);
      if (progress) progress->Update(step);
    };
  }

  auto result = RunSimulation(opts, observer);
  if (progress) progress->Clear();
  if (!result.ok()) {
    std::fflush(stdout);
    std::fprintf(stderr, "sluice particles: %s\n", result.status().message().c_str());
    return kExitFailure;  // an existing --png or --html file is left as it was
  }
  std::printf("%s simulation took %.4f seconds\n", ModeAdjective(opts.mode), result->seconds);
  std::string algorithm = AlgorithmName(opts.algorithm);
  if (opts.algorithm == Algorithm::kNaive) {
    algorithm += std::string(" (") + KernelName(ActiveKernel()) + " kernel)";
  }
  const char* unit = opts.mode == Mode::kProcesses ? (opts.workers == 1 ? "process" : "processes")
                                                   : (opts.workers == 1 ? "thread" : "threads");
  std::printf("final energy: %s (initial %s; %zu particle%s, %lld steps, %s, %zu %s)\n",
              Repr(result->final_energy).c_str(), Repr(result->initial_energy).c_str(), opts.n, opts.n == 1 ? "" : "s",
              static_cast<long long>(opts.steps), algorithm.c_str(), opts.workers, unit);
  std::fflush(stdout);
  int status = kExitOk;
  const std::string title = RunTitle(opts);
  const std::vector<LegendEntry> legend = WorkerLegend(opts.mode, opts.workers);
  if (!flags.png.empty()) {
    const std::vector<std::uint8_t> png =
        EncodePng(DrawTitledPicture(result->final_state, ph.box_size, opts.workers, title, legend));
    Status st = ReplaceOutputFile(flags.png, std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
    if (!st.ok()) {
      std::fprintf(stderr, "sluice particles: --png: %s\n", st.message().c_str());
      status = kExitFailure;
    }
  }
  if (recorder) {
    const std::string page = recorder->Page(title, legend);
    Status st = ReplaceOutputFile(flags.html, page);
    if (!st.ok()) {
      std::fprintf(stderr, "sluice particles: --html: %s\n", st.message().c_str());
      status = kExitFailure;
    }
  }
  return status;
}

}  // namespace sluice::particles

// `sluice particles`: the chapter 4.8 particle simulator (src/particles).
//
//   sluice particles [-n N] [-s STEPS] [--mode serial|threads|processes]
//                    [-j N] [--algorithm naive|cells] [--normalize]
//                    [--seed S] [--init grid|random] [--dt DT] [--stats K]
//                    [--png FILE] [--html FILE] [--html-every K]
//
// Prints `--stats` lines while running, then the chapter's closing line
// ("serial simulation took 0.0197 seconds", "multithreaded ...",
// "multiprocess ...") and the final energy. Bad options and unwritable
// output files exit 2 before anything runs; a run that blows up exits 1
// naming the step.
#include <charconv>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "cli/command.h"
#include "particles/force_kernel.h"
#include "particles/html_player.h"
#include "particles/png_writer.h"
#include "particles/simulation.h"

namespace sluice::cli {

namespace {

using particles::Algorithm;
using particles::InitKind;
using particles::Mode;

// Shortest text that reads back as the same double (Python's repr).
std::string Repr(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

// Creates (truncates) `path` now, so an unwritable output fails before a
// long run rather than after it.
bool CheckWritable(const std::string& path, const char* option) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    std::fprintf(stderr, "sluice particles: %s: cannot write '%s': %s\n", option, path.c_str(), std::strerror(errno));
    return false;
  }
  std::fclose(f);
  return true;
}

int UsageError(const std::string& message) {
  std::fprintf(stderr, "sluice particles: %s\n", message.c_str());
  return kExitUsage;
}

}  // namespace

CommandAction RegisterParticles(CLI::App& app) {
  struct Options {
    long long n = 20;
    long long steps = 1000;
    std::string mode = "serial";
    std::optional<long long> jobs;
    std::optional<std::string> algorithm;
    bool normalize = false;
    long long seed = particles::kDefaultSeed;
    std::string init = "grid";
    double dt = particles::Physics::kDefaultDt;
    long long stats = 0;
    std::string png, html;
    long long html_every = 0;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("particles", "Simulate particles (chapter 4.8): serial, threads or processes");
  sub->add_option("-n,--particles", o->n, "Number of particles (default 20)");
  sub->add_option("-s,--steps", o->steps, "Number of time steps (default 1000)");
  sub->add_option("--mode", o->mode, "serial (default), threads (barriers) or processes (pipe ring)")
      ->check(CLI::IsMember({"serial", "threads", "processes"}));
  sub->add_option("-j,--jobs", o->jobs, "Worker threads or processes (default: the CPU count, at most n)");
  sub->add_option("--algorithm", o->algorithm, "naive (all pairs) or cells (cell grid); default cells above 2000")
      ->check(CLI::IsMember({"naive", "cells"}));
  sub->add_flag("-e,--normalize", o->normalize, "Rescale velocities each step to keep the initial energy");
  sub->add_option("--seed", o->seed, "Random seed, as Python's random.seed (default 1000)");
  sub->add_option("--init", o->init, "Initial positions: grid (the chapter's, default) or random")
      ->check(CLI::IsMember({"grid", "random"}));
  sub->add_option("--dt", o->dt, "Length of a time step (default 0.0005)");
  sub->add_option("--stats", o->stats, "Print the step and energy every K steps");
  sub->add_option("--png", o->png, "Write the final state as a PNG picture (particles coloured by worker)");
  sub->add_option("--html", o->html, "Write a self-contained HTML page that plays the run");
  sub->add_option("--html-every", o->html_every, "Record a frame for --html every K steps (default: ~250 frames)");

  return [o]() -> int {
    particles::SimulationOptions opts;
    if (o->n < 1)
      return UsageError("-n: the number of particles must be at least 1 (got " + std::to_string(o->n) + ")");
    if (o->steps < 0) {
      return UsageError("-s: the number of steps must not be negative (got " + std::to_string(o->steps) + ")");
    }
    if (o->stats < 0) return UsageError("--stats: K must be positive (got " + std::to_string(o->stats) + ")");
    if (o->html_every < 0) {
      return UsageError("--html-every: K must be positive (got " + std::to_string(o->html_every) + ")");
    }
    if (!(o->dt > 0)) return UsageError("--dt: the time step must be positive (got " + Repr(o->dt) + ")");
    opts.n = static_cast<std::size_t>(o->n);
    opts.steps = o->steps;
    opts.mode = o->mode == "threads" ? Mode::kThreads : o->mode == "processes" ? Mode::kProcesses : Mode::kSerial;
    if (o->jobs) {
      if (*o->jobs < 1)
        return UsageError("-j: the number of workers must be at least 1 (got " + std::to_string(*o->jobs) + ")");
      opts.workers = static_cast<std::size_t>(*o->jobs);
    } else if (opts.mode != Mode::kSerial) {
      opts.workers = std::max<std::size_t>(1, std::min<std::size_t>(std::thread::hardware_concurrency(), opts.n));
    }
    opts.algorithm = o->algorithm ? (*o->algorithm == "cells" ? Algorithm::kCells : Algorithm::kNaive)
                     : opts.n > particles::kCellsDefaultAbove ? Algorithm::kCells
                                                              : Algorithm::kNaive;
    opts.normalize = o->normalize;
    opts.seed = o->seed;
    opts.init = o->init == "random" ? InitKind::kRandom : InitKind::kGrid;
    opts.dt = o->dt;
    Status valid = particles::Validate(opts);
    if (!valid.ok()) return UsageError(valid.message());

    const std::int64_t html_every = o->html_every > 0 ? o->html_every : std::max<std::int64_t>(1, opts.steps / 250);
    if (!o->html.empty() &&
        particles::HtmlRecorder::FrameBytes(opts.n, opts.steps, html_every) > particles::HtmlRecorder::kMaxFrameBytes) {
      return UsageError("--html: " + std::to_string(opts.n) + " particles every " + std::to_string(html_every) +
                        " of " + std::to_string(opts.steps) +
                        " steps would make the page too large; raise --html-every");
    }
    if (!o->png.empty() && !CheckWritable(o->png, "--png")) return kExitUsage;
    if (!o->html.empty() && !CheckWritable(o->html, "--html")) return kExitUsage;

    const particles::Physics ph = particles::Physics::ForCount(opts.n, opts.dt);
    std::unique_ptr<particles::HtmlRecorder> recorder;
    if (!o->html.empty()) {
      recorder = std::make_unique<particles::HtmlRecorder>(opts.n, opts.workers, ph.box_size, opts.steps, html_every);
    }
    const std::int64_t stats = o->stats;
    particles::StepObserver observer;
    if (stats > 0 || recorder) {
      observer = [stats, &recorder](std::int64_t step, double energy, const particles::ParticleSet& state) {
        if (stats > 0 && step % stats == 0)
          std::printf("step %lld: energy %s\n", static_cast<long long>(step), Repr(energy).c_str());
        if (recorder) recorder->Observe(step, energy, state);
      };
    }

    auto result = particles::RunSimulation(opts, observer);
    if (!result.ok()) {
      std::fflush(stdout);
      std::fprintf(stderr, "sluice particles: %s\n", result.status().message().c_str());
      for (const std::string* path : {&o->png, &o->html}) {
        if (!path->empty()) std::remove(path->c_str());
      }
      return kExitFailure;
    }
    std::printf("%s simulation took %.4f seconds\n", particles::ModeAdjective(opts.mode), result->seconds);
    std::string algorithm = particles::AlgorithmName(opts.algorithm);
    if (opts.algorithm == Algorithm::kNaive) {
      algorithm += std::string(" (") + particles::KernelName(particles::ActiveKernel()) + " kernel)";
    }
    const char* unit = opts.mode == Mode::kProcesses ? (opts.workers == 1 ? "process" : "processes")
                                                     : (opts.workers == 1 ? "thread" : "threads");
    std::printf("final energy: %s (initial %s; %zu particle%s, %lld steps, %s, %zu %s)\n",
                Repr(result->final_energy).c_str(), Repr(result->initial_energy).c_str(), opts.n,
                opts.n == 1 ? "" : "s", static_cast<long long>(opts.steps), algorithm.c_str(), opts.workers, unit);
    int status = kExitOk;
    if (!o->png.empty()) {
      const std::vector<std::uint8_t> png =
          particles::EncodePng(particles::DrawParticles(result->final_state, ph.box_size, opts.workers));
      Status st = particles::WriteFileBytes(o->png, png.data(), png.size());
      if (!st.ok()) {
        std::fprintf(stderr, "sluice particles: --png: %s\n", st.message().c_str());
        status = kExitFailure;
      }
    }
    if (recorder) {
      const std::string title = std::to_string(opts.n) + " particles, " + particles::ModeName(opts.mode) + " (" +
                                std::to_string(opts.workers) + "), " + particles::AlgorithmName(opts.algorithm) + ", " +
                                std::to_string(opts.steps) + " steps";
      const std::string page = recorder->Page(title);
      Status st = particles::WriteFileBytes(o->html, page.data(), page.size());
      if (!st.ok()) {
        std::fprintf(stderr, "sluice particles: --html: %s\n", st.message().c_str());
        status = kExitFailure;
      }
    }
    return status;
  };
}

}  // namespace sluice::cli

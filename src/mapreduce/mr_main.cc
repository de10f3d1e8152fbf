// `sluice mr` (mr_main.h): Hadoop spellings, option parsing, the job, exit status.
#include "mapreduce/mr_main.h"

#include <signal.h>

#include <atomic>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/usage/help_formatter.h"
#include "cli/usage/unknown_option.h"
#include "mapreduce/streaming_job.h"
#include "mapreduce/units.h"
#include "sluice/mapreduce.h"

namespace sluice::mapreduce {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

std::atomic<bool> g_interrupted{false};

extern "C" void OnInterrupt(int) { g_interrupted.store(true); }

// Routes SIGINT/SIGTERM/SIGHUP to g_interrupted while a job runs, and
// ignores SIGPIPE: a closed stderr (`sluice mr run ... 2>&1 | head`) must
// not kill sluice before it has stopped its tasks and removed their files.
class InterruptGuard {
 public:
  InterruptGuard() {
    struct sigaction sa = {};
    sa.sa_handler = OnInterrupt;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < 3; ++i) ::sigaction(kSignals[i], &sa, &old_[i]);
    struct sigaction ignore = {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGPIPE, &ignore, &old_pipe_);
  }
  ~InterruptGuard() {
    for (int i = 0; i < 3; ++i) ::sigaction(kSignals[i], &old_[i], nullptr);
    ::sigaction(SIGPIPE, &old_pipe_, nullptr);
  }

 private:
  static constexpr int kSignals[3] = {SIGINT, SIGTERM, SIGHUP};
  struct sigaction old_[3];
  struct sigaction old_pipe_;
};

// Hadoop Streaming's single-dash options, as ours.
std::string Translate(const std::string& arg) {
  static const std::map<std::string, std::string> kHadoop = {
      {"-mapper", "--mapper"}, {"-reducer", "--reducer"},         {"-combiner", "--combiner"}, {"-input", "--input"},
      {"-output", "--output"}, {"-numReduceTasks", "--reducers"}, {"-file", "--file"},         {"-cmdenv", "--cmdenv"},
  };
  auto it = kHadoop.find(arg);
  return it == kHadoop.end() ? arg : it->second;
}

// Hadoop's job properties (-D NAME=VALUE, -DNAME=VALUE, -jobconf NAME=VALUE)
// that have an option of ours, as that option's arguments. Any other
// property is an error: silently ignoring it would run a different job.
Result<std::vector<std::string>> PropertyAsOptions(const std::string& property) {
  struct Known {
    const char* name;
    const char* option;
    const char* unit;  // appended to the value
  };
  static constexpr Known kKnown[] = {
      {"mapreduce.job.reduces", "--reducers", ""},
      {"mapred.reduce.tasks", "--reducers", ""},
      {"mapreduce.task.timeout", "--task-timeout", "ms"},
      {"mapred.task.timeout", "--task-timeout", "ms"},
      {"mapreduce.map.maxattempts", "--max-attempts", ""},
      {"mapreduce.input.fileinputformat.split.maxsize", "--split-size", ""},
      {"mapred.max.split.size", "--split-size", ""},
  };
  const std::size_t eq = property.find('=');
  if (eq == std::string::npos || eq == 0) {
    return Status::InvalidArgument("-D wants NAME=VALUE, got '" + property + "'");
  }
  const std::string name = property.substr(0, eq), value = property.substr(eq + 1);
  for (const Known& k : kKnown) {
    if (name == k.name) return std::vector<std::string>{k.option, value + k.unit};
  }
  std::string names;
  for (const Known& k : kKnown) names += std::string(names.empty() ? "" : ", ") + k.name;
  return Status::InvalidArgument("-D " + name + ": not a property sluice knows (it knows " + names + ")");
}

// CLI11's Range says "Value abc not in range 0 to 100000" of a non-number.
CLI::Validator WholeNumber(unsigned long lo, unsigned long hi) {
  const std::string range = std::to_string(lo) + " to " + std::to_string(hi);
  return CLI::Validator(
      [lo, hi, range](std::string& text) -> std::string {
        const bool digits =
            !text.empty() && text.size() <= 19 && text.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || std::stoul(text) < lo || std::stoul(text) > hi) {
          return "expected a whole number from " + range + ", got '" + text + "'";
        }
        return std::string();
      },
      "INT in [" + range + "]");
}

int Usage(const std::string& message) {
  std::fprintf(stderr, "sluice mr: %s\nRun 'sluice mr run --help' for usage.\n", message.c_str());
  return kExitUsage;
}

int RunCommand(const std::vector<std::string>& args) {
  StreamingJob job;
  JobOptions options;
  std::string sort_memory = "256M", split_size = "64M", task_timeout = "10m", status_interval = "5s";
  bool quiet = false;
  CLI::App app{
      "Run a Hadoop Streaming job on this machine: parallel map and reduce tasks, external sort, "
      "retries, progress. Writes DIR/part-NNNNN and DIR/_SUCCESS as Hadoop does.",
      "sluice mr run"};
  cli::UsePlainHelp(app);
  app.add_option("--mapper", job.mapper,
                 "Mapper command (run by /bin/sh): input lines on stdin, key<TAB>value lines out")
      ->type_name("CMD")
      ->required();
  app.add_option("--reducer", job.reducer,
                 "Reducer command: its partition's pairs on stdin, sorted by key (NONE: map-only, like --reducers 0)")
      ->type_name("CMD");
  app.add_option("--combiner", job.combiner, "Combiner command, run on each sorted spill of a map task")
      ->type_name("CMD");
  app.add_option("--input", options.inputs,
                 "Input files, directories (their files) or glob patterns such as 'in/*.txt' (repeatable)")
      ->type_name("PATH")
      ->required()
      ->expected(1, -1);
  app.add_option("--output", options.output, "Output directory (must not exist, unless --overwrite)")
      ->type_name("DIR")
      ->required();
  app.add_option(
         "--reducers", options.reducers,
         "Number of reduce tasks = part files, 0 to " + std::to_string(kMaxReducers) + " (default 1; 0: map-only)")
      ->type_name("N")
      ->check(WholeNumber(0, kMaxReducers));
  app.add_option("--parallel", options.parallel,
                 "Tasks run at once, 1 to " + std::to_string(kMaxParallel) + " (default: number of CPUs)")
      ->type_name("N")
      ->check(WholeNumber(1, kMaxParallel));
  app.add_option("--max-attempts", options.max_attempts, "Attempts per task before the job fails, 1 to 100 (default 4)")
      ->type_name("N")
      ->check(WholeNumber(1, 100));
  app.add_option("--sort-memory", sort_memory, "Memory for all sort buffers and merges, e.g. 16M (default 256M)")
      ->type_name("SIZE");
  app.add_option("--split-size", split_size, "Input split size, e.g. 64M (default 64M)")->type_name("SIZE");
  app.add_option("--task-timeout", task_timeout,
                 "Kill and retry an attempt after this long without progress, e.g. 30s (default 10m; 0: never)")
      ->type_name("DURATION");
  app.add_option("--file", job.files, "File to ship to the tasks' directory (on their PATH and PYTHONPATH)")
      ->type_name("FILE");
  app.add_option("--cmdenv", job.cmdenv, "NAME=VALUE to set in every task's environment (repeatable)")
      ->type_name("NAME=VALUE");
  app.add_flag("--overwrite", options.overwrite, "Replace the output directory if it exists");
  app.add_flag("-q,--quiet", quiet, "No progress and no summary");
  app.add_option("--status-interval", status_interval,
                 "Time between status lines when stderr is not a terminal, e.g. 30s (default 5s)")
      ->type_name("DURATION");
  app.footer(
      "Hadoop's spellings work too: -mapper -reducer -combiner -input -output -numReduceTasks -file -cmdenv,\n"
      "and -D NAME=VALUE (or -jobconf) for mapreduce.job.reduces, mapreduce.task.timeout (ms),\n"
      "mapreduce.map.maxattempts and mapreduce.input.fileinputformat.split.maxsize (bytes).\n"
      "Exit status: 0 success, 1 the job failed, 2 usage or setup error, 130 interrupted.");

  std::vector<std::string> translated;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string property;
    if ((args[i] == "-D" || args[i] == "-jobconf") && i + 1 < args.size())
      property = args[++i];
    else if (args[i].size() > 2 && args[i].rfind("-D", 0) == 0)
      property = args[i].substr(2);
    else if (args[i] == "-D" || args[i] == "-jobconf")
      return Usage(args[i] + " wants NAME=VALUE");
    if (property.empty()) {
      translated.push_back(Translate(args[i]));
      continue;
    }
    auto options_for = PropertyAsOptions(property);
    if (!options_for.ok()) return Usage(options_for.status().message());
    translated.insert(translated.end(), options_for->begin(), options_for->end());
  }
  std::vector<std::string> reversed(translated.rbegin(), translated.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    // A mistyped option first: CLI11 would report "--mapper is required"
    // for --mappers, or the option's value as an unexpected argument.
    if (auto unknown = cli::FindUnknownOption(app, translated)) return Usage(cli::UnknownOptionMessage(app, *unknown));
    return Usage(e.what());
  }
  for (const std::string& kv : job.cmdenv) {
    if (kv.find('=') == std::string::npos || kv.front() == '=')
      return Usage("--cmdenv wants NAME=VALUE, got '" + kv + "'");
  }
  if (job.reducer == "NONE") {
    job.reducer.clear();
    options.reducers = 0;
  }
  auto size = ParseSize(sort_memory);
  if (!size.ok()) return Usage("--sort-memory: " + size.status().message());
  options.sort_memory = *size;
  size = ParseSize(split_size);
  if (!size.ok()) return Usage("--split-size: " + size.status().message());
  options.split_size = *size;
  auto timeout = ParseDuration(task_timeout);
  if (!timeout.ok()) return Usage("--task-timeout: " + timeout.status().message());
  options.task_timeout = *timeout;
  auto interval = ParseDuration(status_interval);
  if (!interval.ok()) return Usage("--status-interval: " + interval.status().message());
  if (interval->count() <= 0) return Usage("--status-interval: must be more than 0, got '" + status_interval + "'");
  options.status_interval = *interval;
  options.progress = quiet ? ProgressMode::kQuiet : ProgressMode::kAuto;
  g_interrupted.store(false);
  options.cancel = &g_interrupted;

  InterruptGuard guard;
  Result<JobResult> result = RunStreamingJob(job, options);
  if (!result.ok()) return Usage(result.status().message());
  const Status& st = result->status;
  if (st.ok()) return kExitOk;
  if (st.code() == StatusCode::kCancelled) {
    std::fprintf(stderr, "sluice mr: interrupted; tasks killed, partial output removed\n");
    return 130;
  }
  std::fprintf(stderr, "sluice mr: job failed: %s\n", st.message().c_str());
  return kExitFailure;
}

}  // namespace

int MrMain(std::vector<std::string> args) {
  if (args.empty()) return Usage("missing subcommand (expected 'run')");
  if (args[0] != "run") return Usage("unknown subcommand '" + args[0] + "' (expected 'run')");
  args.erase(args.begin());
  return RunCommand(args);
}

}  // namespace sluice::mapreduce

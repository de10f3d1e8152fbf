// `sluice mr`: registers the subcommand; its parsing and program are
// src/mapreduce's (mr_main.h).
#include <string>
#include <vector>

#include "cli/command.h"
#include "mapreduce/mr_main.h"

namespace sluice::cli {

CommandAction RegisterMr(CLI::App& app) {
  CLI::App* sub = app.add_subcommand("mr", "MapReduce: run Hadoop Streaming jobs locally ('sluice mr run --help')");
  // Everything after `mr` is parsed by MrMain, which also accepts Hadoop's
  // single-dash long options (CLI11 would reject them).
  sub->prefix_command();
  // The statuses MrMain returns (mr_main.h).
  sub->footer(
      "Subcommands:\n  run    run a streaming job (sluice mr run --help)\n\n"
      "Exit status of 'sluice mr run': 0 the job succeeded; 1 it failed (a task ran out of attempts);\n"
      "2 usage or setup error (nothing written); 130 interrupted (partial output removed).");
  return [sub] { return mapreduce::MrMain(sub->remaining()); };
}

}  // namespace sluice::cli

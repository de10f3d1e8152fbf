// A subcommand of the `sluice` binary.
//
// Each subcommand lives in src/cli/commands/<name>.cc and exposes one
// Register function that adds itself to the CLI11 app and returns the action
// to run when the user picked it. main.cc only wires them together, so adding
// `sluice sql` later means one new file and one line in main.cc.
#ifndef SLUICE_CLI_COMMAND_H_
#define SLUICE_CLI_COMMAND_H_

#include <functional>

#include <CLI/CLI.hpp>

namespace sluice::cli {

// Exit statuses shared by every subcommand (as documented in `sluice --help`).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the command ran and found/hit a problem
inline constexpr int kExitUsage = 2;    // bad command line or fatal setup error

// The action a registered subcommand runs after parsing; returns the exit status.
using CommandAction = std::function<int()>;

// Registers `sluice demo`: the chapter 4.2/4.8 streams and parallel tour.
CommandAction RegisterDemo(CLI::App& app);

// Registers `sluice sql`: the sqlite3-compatible SQL shell (src/shell).
CommandAction RegisterSql(CLI::App& app);

// Registers `sluice slt`: the sqllogictest runner (src/slt).
CommandAction RegisterSlt(CLI::App& app);

// Registers `sluice crawl`: the dead-link checker (src/crawl).
CommandAction RegisterCrawl(CLI::App& app);
// Registers `sluice mr`: MapReduce jobs run locally (src/mapreduce).
CommandAction RegisterMr(CLI::App& app);
// Registers `sluice particles`: the chapter 4.8 particle simulator (src/particles).
CommandAction RegisterParticles(CLI::App& app);

}  // namespace sluice::cli

#endif  // SLUICE_CLI_COMMAND_H_

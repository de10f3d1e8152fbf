// A subcommand of the `sluice` binary.
//
// Each subcommand is registered by src/cli/commands/<name>.cc, whose one
// Register function adds it to the CLI11 app and returns the action to run
// when the user picked it. The program itself -- its options, checks,
// messages and exit status -- belongs to its module (<module>_main.h, e.g.
// src/mapreduce/mr_main.h); the Register function only names the
// subcommand and delegates. main.cc wires them together, so a new
// subcommand is one file here and one line in main.cc.
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

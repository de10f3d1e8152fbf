// The `sluice slt` program: runs sqllogictest files on fresh in-memory
// databases (or --db FILE, emptied for each test file; --reopen closes and
// reopens it before every query) and ends with "N passed, N failed, N
// skipped". Exit status 0 only when no record failed, else 1.
//
// src/cli registers the subcommand and its options (AddSltOptions, so
// `sluice slt --help` lists them) and runs SltMain with what CLI11 parsed.
// Unlike the runner (slt_runner.h), this opens real databases, so it links
// the engine (sluice_sql_connection).
#ifndef SLUICE_SLT_SLT_MAIN_H_
#define SLUICE_SLT_SLT_MAIN_H_

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace sluice::slt {

// The command line as parsed.
struct SltFlags {
  std::string db;
  bool verbose = false;
  bool reopen = false;
  int hash_threshold = 8;
  std::vector<std::string> files;
};

// Adds the options to `cmd` (the `slt` subcommand), parsed into *flags.
// Lifetime: *flags outlives the parse.
void AddSltOptions(CLI::App& cmd, SltFlags* flags);

// Runs every file in order; returns the exit status.
int SltMain(const SltFlags& flags);

}  // namespace sluice::slt

#endif  // SLUICE_SLT_SLT_MAIN_H_

// The `sluice slt` program: runs sqllogictest files on fresh in-memory
// databases, and Turso's `.sqltest` files (sqltest_runner.h) through
// sluice's shell or, with --engine sqlite3, through the sqlite3 program
// (--only FILE runs just the test keys listed in FILE, one a line;
// --results FILE writes "pass|fail|skip KEY" per test run) (or --db FILE, emptied for each test file; --reopen closes and
// reopens it before every query), printing each failure (file:line, the
// SQL, expected and got; --quiet leaves them out) and a line per file, and
// ends with "N passed, N failed, N skipped". A directory argument stands
// for the test files beneath it (slt_paths.h). Exit status 0 only when no
// record failed, 1 when one did or a file could not be read, 2 when an
// argument names nothing to run (nothing is run then).
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
  bool quiet = false;
  bool reopen = false;
  int hash_threshold = 8;
  std::string engine = "sluice";  // or "sqlite3" (.sqltest files only)
  std::string sqlite3 = "/usr/bin/sqlite3";
  std::string only;       // a file of test keys (.sqltest)
  std::string results;    // where to write a line per .sqltest test run
  int test_timeout = 30;  // seconds one .sqltest test may run
  std::vector<std::string> files;
};

// Adds the options to `cmd` (the `slt` subcommand), parsed into *flags.
// Lifetime: *flags outlives the parse.
void AddSltOptions(CLI::App& cmd, SltFlags* flags);

// Runs every file in order (a directory: its test files); returns the exit
// status.
int SltMain(const SltFlags& flags);

}  // namespace sluice::slt

#endif  // SLUICE_SLT_SLT_MAIN_H_

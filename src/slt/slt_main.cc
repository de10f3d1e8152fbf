// `sluice slt` (slt_main.h): opens the databases and runs the files.
#include "slt/slt_main.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "slt/slt_runner.h"
#include "sluice/database.h"

namespace sluice::slt {

void AddSltOptions(CLI::App& cmd, SltFlags* flags) {
  cmd.add_option("--db", flags->db, "Database file to run on (default: a fresh in-memory database per file)");
  cmd.add_flag("-v,--verbose", flags->verbose, "Show each failure: file:line, the SQL, expected and got");
  cmd.add_flag("--reopen", flags->reopen, "With --db: close and reopen the database before every query");
  cmd.add_option(
      "--hash-threshold", flags->hash_threshold,
      "Hash results with more values than this (default 8, as the corpus assumes; a file may set its own; 0: never)");
  cmd.add_option("TESTFILE", flags->files, "sqllogictest files")->required();
}

int SltMain(const SltFlags& flags) {
  SltOptions options;
  options.verbose = flags.verbose;
  options.hash_threshold = flags.hash_threshold;
  options.reopen_before_queries = flags.reopen;
  std::string path = flags.db.empty() ? ":memory:" : flags.db;
  // --db FILE: each test file starts from an empty database in FILE.
  auto open = [path](bool fresh) -> Result<std::unique_ptr<Database>> {
    if (fresh && path != ":memory:") {
      std::remove(path.c_str());
      std::remove((path + "-wal").c_str());
    }
    return Database::Open(path);
  };
  SltRunner runner(open, options, stdout);
  SltCounts total;
  for (const std::string& f : flags.files) total += runner.RunFile(f);
  std::printf("%lld passed, %lld failed, %lld skipped\n", static_cast<long long>(total.passed),
              static_cast<long long>(total.failed), static_cast<long long>(total.skipped));
  return total.failed == 0 ? 0 : 1;
}

}  // namespace sluice::slt

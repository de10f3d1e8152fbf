// `sluice slt` (slt_main.h): opens the databases and runs the files.
#include "slt/slt_main.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "slt/slt_paths.h"
#include "slt/slt_runner.h"
#include "sluice/database.h"

namespace sluice::slt {

void AddSltOptions(CLI::App& cmd, SltFlags* flags) {
  cmd.add_option("--db", flags->db,
                 "Database file to run on, emptied for each test file (default: a fresh in-memory database per file)")
      ->type_name("FILE");
  cmd.add_flag("-q,--quiet", flags->quiet,
               "Leave out the failures (file:line, the SQL, expected and got): only the counts per file and in total");
  cmd.add_flag("--reopen", flags->reopen,
               "With --db: close and reopen the database before every query outside a transaction");
  cmd.add_option(
      "--hash-threshold", flags->hash_threshold,
      "Hash results with more values than N (default 8, as the corpus assumes; a file may set its own; 0: never)");
  cmd.add_option("TESTFILE", flags->files,
                 "sqllogictest files; a directory stands for its *.test and *.slt files at any depth, in path order")
      ->required();
}

int SltMain(const SltFlags& flags) {
  Result<std::vector<std::string>> files = ExpandTestPaths(flags.files);
  if (!files.ok()) {
    std::fprintf(stderr, "sluice slt: %s\n", files.status().message().c_str());
    return 2;
  }
  SltOptions options;
  options.verbose = !flags.quiet;
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
  for (const std::string& f : *files) total += runner.RunFile(f);
  std::printf("%lld passed, %lld failed, %lld skipped\n", static_cast<long long>(total.passed),
              static_cast<long long>(total.failed), static_cast<long long>(total.skipped));
  return total.failed == 0 ? 0 : 1;
}

}  // namespace sluice::slt

// `sluice slt`: runs sqllogictest files (src/slt) on fresh in-memory
// databases (or --db FILE, emptied for each test file; --reopen closes and
// reopens it before every query) and ends with "N passed, N failed, N
// skipped".
// Exit status 0 only when no record failed.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/command.h"
#include "slt/slt_runner.h"
#include "sluice/database.h"

namespace sluice::cli {

CommandAction RegisterSlt(CLI::App& app) {
  struct Options {
    std::string db;
    bool verbose = false;
    bool reopen = false;
    int hash_threshold = 8;
    std::vector<std::string> files;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("slt", "Run sqllogictest files against the SQL engine");
  sub->add_option("--db", opts->db, "Database file to run on (default: a fresh in-memory database per file)");
  sub->add_flag("-v,--verbose", opts->verbose, "Show each failure: file:line, the SQL, expected and got");
  sub->add_flag("--reopen", opts->reopen, "With --db: close and reopen the database before every query");
  sub->add_option(
      "--hash-threshold", opts->hash_threshold,
      "Hash results with more values than this (default 8, as the corpus assumes; a file may set its own; 0: never)");
  sub->add_option("TESTFILE", opts->files, "sqllogictest files")->required();
  return [opts] {
    slt::SltOptions options;
    options.verbose = opts->verbose;
    options.hash_threshold = opts->hash_threshold;
    options.reopen_before_queries = opts->reopen;
    std::string path = opts->db.empty() ? ":memory:" : opts->db;
    // --db FILE: each test file starts from an empty database in FILE.
    auto open = [path](bool fresh) -> Result<std::unique_ptr<Database>> {
      if (fresh && path != ":memory:") {
        std::remove(path.c_str());
        std::remove((path + "-wal").c_str());
      }
      return Database::Open(path);
    };
    slt::SltRunner runner(open, options, stdout);
    slt::SltCounts total;
    for (const std::string& f : opts->files) total += runner.RunFile(f);
    std::printf("%lld passed, %lld failed, %lld skipped\n", static_cast<long long>(total.passed),
                static_cast<long long>(total.failed), static_cast<long long>(total.skipped));
    return total.failed == 0 ? kExitOk : kExitFailure;
  };
}

}  // namespace sluice::cli

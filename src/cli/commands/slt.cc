// `sluice slt`: runs sqllogictest files (src/slt) on fresh in-memory
// databases (or --db FILE) and ends with "N passed, N failed, N skipped".
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
    int hash_threshold = 8;
    std::vector<std::string> files;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("slt", "Run sqllogictest files against the SQL engine");
  sub->add_option("--db", opts->db, "Database file to run on (default: a fresh in-memory database per file)");
  sub->add_flag("-v,--verbose", opts->verbose, "Show each failure: file:line, the SQL, expected and got");
  sub->add_option("--hash-threshold", opts->hash_threshold,
                  "Hash results with more values than this (default 8, as the corpus assumes; a file may set its own; 0: never)");
  sub->add_option("TESTFILE", opts->files, "sqllogictest files")->required();
  return [opts] {
    slt::SltOptions options;
    options.verbose = opts->verbose;
    options.hash_threshold = opts->hash_threshold;
    std::string path = opts->db.empty() ? ":memory:" : opts->db;
    slt::SltRunner runner([path] { return Database::Open(path); }, options, stdout);
    slt::SltCounts total;
    for (const std::string& f : opts->files) total += runner.RunFile(f);
    std::printf("%lld passed, %lld failed, %lld skipped\n", static_cast<long long>(total.passed),
                static_cast<long long>(total.failed), static_cast<long long>(total.skipped));
    return total.failed == 0 ? kExitOk : kExitFailure;
  };
}

}  // namespace sluice::cli

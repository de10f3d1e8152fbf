// `sluice slt` (slt_main.h): opens the databases and runs the files.
#include "slt/slt_main.h"

#include <cstdio>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "slt/slt_paths.h"
#include "slt/slt_runner.h"
#include "slt/sqltest_engines.h"
#include "slt/sqltest_runner.h"
#include "sluice/database.h"

namespace sluice::slt {

namespace {

bool IsSqltest(const std::string& path) {
  return path.size() >= 8 && path.compare(path.size() - 8, 8, ".sqltest") == 0;
}

}  // namespace

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
  cmd.add_option("--engine", flags->engine,
                 "What runs .sqltest files: sluice (its shell, in-process; default) or sqlite3 (the program)")
      ->check(CLI::IsMember({"sluice", "sqlite3"}))
      ->type_name("ENGINE");
  cmd.add_option("--sqlite3", flags->sqlite3, "The sqlite3 program of --engine sqlite3 (default /usr/bin/sqlite3)")
      ->type_name("PATH");
  cmd.add_option("--only", flags->only,
                 "Run only the .sqltest tests whose keys (REL:NAME) FILE lists, one a line (others are not counted)")
      ->type_name("FILE");
  cmd.add_option("--results", flags->results, "Write a line \"pass|fail|skip KEY\" per .sqltest test run to FILE")
      ->type_name("FILE");
  cmd.add_option("--test-timeout", flags->test_timeout,
                 "Seconds a .sqltest test may run before it is interrupted and fails (default 30)")
      ->check(CLI::Range(1, 86400))
      ->type_name("SECONDS");
  cmd.add_option("TESTFILE", flags->files,
                 "sqllogictest files (or .sqltest files); a directory stands for its *.test, *.slt and *.sqltest "
                 "files at any depth, in path order")
      ->required();
}

int SltMain(const SltFlags& flags) {
  Result<std::vector<std::string>> files = ExpandTestPaths(flags.files);
  if (!files.ok()) {
    std::fprintf(stderr, "sluice slt: %s\n", files.status().message().c_str());
    return 2;
  }
  const bool sqlite3 = flags.engine == "sqlite3";
  bool any_sqltest = false;
  for (const std::string& f : *files) {
    if (IsSqltest(f)) {
      any_sqltest = true;
    } else if (sqlite3) {
      std::fprintf(stderr, "sluice slt: %s: --engine sqlite3 runs .sqltest files only\n", f.c_str());
      return 2;
    }
  }
  if (!any_sqltest && (!flags.only.empty() || !flags.results.empty())) {
    std::fprintf(stderr, "sluice slt: --only and --results apply to .sqltest files, and none is named\n");
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

  // The .sqltest side: the engine, the --only keys, the --results file.
  std::unique_ptr<SqltestEngine> engine;
  std::set<std::string> only;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> results(nullptr, std::fclose);
  SqltestOptions sqltest_options;
  sqltest_options.verbose = !flags.quiet;
  if (any_sqltest) {
    Result<std::unique_ptr<SqltestEngine>> made = sqlite3 ? MakeSqlite3SqltestEngine(flags.sqlite3, flags.test_timeout)
                                                          : MakeSluiceSqltestEngine(flags.test_timeout);
    if (!made.ok()) {
      std::fprintf(stderr, "sluice slt: %s\n", made.status().message().c_str());
      return 2;
    }
    engine = std::move(*made);
    if (!flags.only.empty()) {
      std::ifstream in(flags.only);
      if (!in) {
        std::fprintf(stderr, "sluice slt: --only %s: cannot read the file\n", flags.only.c_str());
        return 2;
      }
      for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line[0] != '#') only.insert(line);
      }
      sqltest_options.only = &only;
    }
    if (!flags.results.empty()) {
      results.reset(std::fopen(flags.results.c_str(), "w"));
      if (!results) {
        std::fprintf(stderr, "sluice slt: --results %s: cannot create the file\n", flags.results.c_str());
        return 2;
      }
      sqltest_options.results = results.get();
    }
  }
  std::unique_ptr<SqltestRunner> sqltest_runner;
  if (engine) sqltest_runner = std::make_unique<SqltestRunner>(engine.get(), sqltest_options, stdout);

  SltCounts total;
  for (const std::string& f : *files) total += IsSqltest(f) ? sqltest_runner->RunFile(f) : runner.RunFile(f);
  std::printf("%lld passed, %lld failed, %lld skipped\n", static_cast<long long>(total.passed),
              static_cast<long long>(total.failed), static_cast<long long>(total.skipped));
  return total.failed == 0 ? 0 : 1;
}

}  // namespace sluice::slt

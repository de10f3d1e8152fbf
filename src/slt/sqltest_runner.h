// SqltestRunner: runs `.sqltest` files (sqltest_file.h) through an engine
// that behaves as Turso's "cli" backend -- a shell in list mode reading the
// test's SQL on stdin -- and counts the tests passed, failed and skipped.
//
// Per file, every test runs once per @database of the file, each time on a
// fresh database: the named setups (in @setup order), the setup end marker
// and the test's SQL go to the shell as one input; the outcome is compared
// per sqltest_compare.h, against the test's `expect @cli` block when it has
// one, else its default block.
//  - Not counted at all (as Turso does): tests for another @backend.
//  - Skipped: @skip, @skip-file, and @skip-if/@skip-file-if sqlite (both
//    engines we run are sqlite3 or held to it: a test Turso marks as not
//    holding for sqlite3 does not hold for sluice either); mvcc conditions
//    never apply; @requires never skips (the cli backend claims every
//    capability, so a missing feature fails instead). A database whose file
//    is not in the corpus (SqltestEngine::Run's NotFound) skips its tests.
// Test keys: "REL:NAME", REL the file's path below the corpus root (the
// directory holding `database/`), with "@SPEC" appended when the file has
// more than one @database. `only` restricts the run to the listed keys.
//
// Output: failures as `sluice slt` reports them (file:line, the SQL,
// expected and got; verbose only), a line per file
// "PATH: N passed, N failed, N skipped (T s)", and, with `results`, one
// line per test run: "pass KEY", "fail KEY" or "skip KEY".
//
// Thread safety: one thread.
#ifndef SLUICE_SLT_SQLTEST_RUNNER_H_
#define SLUICE_SLT_SQLTEST_RUNNER_H_

#include <cstdio>
#include <set>
#include <string>

#include "slt/slt_runner.h"
#include "slt/sqltest_compare.h"
#include "slt/sqltest_file.h"
#include "sluice/result.h"

namespace sluice::slt {

// A test's database with its files located.
struct SqltestTarget {
  SqltestDatabase::Kind kind = SqltestDatabase::Kind::kMemory;
  // kDefault, kDefaultNoRowidAlias, kPath: the absolute path of the SQLite
  // database file (database/testing.db, ...); the sqlite3 dump of it is
  // the same path with ".sql" for ".db".
  std::string db_file;
  bool readonly = false;
};

// Runs one input on a fresh database.
class SqltestEngine {
 public:
  virtual ~SqltestEngine() = default;
  // What the shell printed and how it exited; NotFound when the target's
  // database is not there (the test is skipped), another error when the
  // engine could not run it (the test fails).
  virtual Result<SqltestRun> Run(const SqltestTarget& target, const std::string& input) = 0;
};

struct SqltestOptions {
  bool verbose = false;
  const std::set<std::string>* only = nullptr;  // null: every test
  std::FILE* results = nullptr;                 // "pass|fail|skip KEY" lines
};

class SqltestRunner {
 public:
  SqltestRunner(SqltestEngine* engine, SqltestOptions options, std::FILE* out);

  // Reads, parses and runs one file; a file that cannot be read or parsed
  // counts as one failure.
  SltCounts RunFile(const std::string& path);

 private:
  void ReportFailure(const std::string& path, const SqltestCase& c, const SqltestDatabase& db, size_t ndb,
                     const std::string& reason, const SqltestExpectation& expect, const SqltestOutcome* got);

  SqltestEngine* engine_;
  SqltestOptions options_;
  std::FILE* out_;
};

// The corpus root for `file`: the nearest directory at or above the
// file's that holds a `database` directory; "" when there is none.
std::string FindSqltestRoot(const std::string& file);

}  // namespace sluice::slt

#endif  // SLUICE_SLT_SQLTEST_RUNNER_H_

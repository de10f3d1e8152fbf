// SltRunner: runs sqllogictest files against a sluice::Database and counts
// the records that pass, fail and are skipped.
//
// Semantics are those of SQLite's reference runner (sqllogictest.c with its
// sqlite driver), which made the expected results:
//  - `statement ok` runs every statement of its SQL and passes when none
//    fails; `statement error` passes when one fails.
//  - `query` prepares the first statement; it fails when that cannot be
//    prepared or returns a column count other than len(TYPES). An error
//    while stepping ends the result with the rows seen so far.
//  - Each value prints by its column's type letter (sql::SltText: NULL,
//    (empty), '@' for unprintable bytes, %.3f for R, integer for I).
//  - rowsort sorts rows (column by column, byte order), valuesort sorts all
//    values; then, when the query has a label or the values outnumber the
//    hash threshold (> 0), they are hashed: md5 of each value + "\n",
//    shown as "N values hashing to <md5>". An expected section of that one
//    line is compared by hash, any other value by value (whatever the
//    threshold). Queries with the same label must produce the same hash.
//  - skipif/onlyif are evaluated for the engine name "sqlite"; `halt`
//    (when it applies) ends the file.
// Records counted: statement and query records; skipped ones are those
// whose conditions exclude us. Control records (hash-threshold, halt) are
// not counted.
//
// Thread safety: one thread; the runner owns the databases it opens.
#ifndef SLUICE_SLT_SLT_RUNNER_H_
#define SLUICE_SLT_SLT_RUNNER_H_

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "slt/slt_record.h"
#include "sluice/database.h"
#include "sluice/result.h"

namespace sluice::slt {

struct SltCounts {
  int64_t passed = 0;
  int64_t failed = 0;
  int64_t skipped = 0;

  SltCounts& operator+=(const SltCounts& o) {
    passed += o.passed;
    failed += o.failed;
    skipped += o.skipped;
    return *this;
  }
};

struct SltOptions {
  std::string engine = "sqlite";  // the name skipif/onlyif test
  int hash_threshold = 8;         // until a file's hash-threshold record (the corpus assumes 8)
  bool verbose = false;           // print each failure
  // Close and reopen the database (through the factory, fresh = false)
  // before every query outside a transaction: a file database must answer
  // from what it stored.
  bool reopen_before_queries = false;
};

// Opens the database for one test file: an empty one when `fresh`, else
// the same one again (reopen_before_queries).
using DatabaseFactory = std::function<Result<std::unique_ptr<Database>>(bool fresh)>;

class SltRunner {
 public:
  // `out` receives per-file lines and, in verbose mode, failure reports.
  SltRunner(DatabaseFactory factory, SltOptions options, std::FILE* out);

  // Reads and runs one file on a fresh database; prints
  // "PATH: N passed, N failed, N skipped".
  SltCounts RunFile(const std::string& path);

  // Runs the text of a test file on `db` (for tests); `name` labels
  // failure reports.
  SltCounts RunText(const std::string& name, std::string_view text, Database* db);

 private:
  // RunText on an owned database, which reopen_before_queries replaces.
  SltCounts RunRecords(const std::string& name, std::string_view text, std::unique_ptr<Database>* owned, Database* db);

  // Returns "" when the record passed, else the reason; fills `got` with
  // the printed result for failure reports.
  std::string RunStatement(const SltRecord& r, Database* db);
  std::string RunQuery(const SltRecord& r, Database* db, int hash_threshold, std::vector<std::string>* got);
  void ReportFailure(const std::string& name, const SltRecord& r, const std::string& reason,
                     const std::vector<std::string>& got);

  DatabaseFactory factory_;
  SltOptions options_;
  std::FILE* out_;
  std::map<std::string, std::string> label_hashes_;  // per file
};

// The printed values of a query result after sorting, per the record's
// sort mode (exposed for tests). `ncol` > 0.
void SortValues(SortMode mode, size_t ncol, std::vector<std::string>* values);

}  // namespace sluice::slt

#endif  // SLUICE_SLT_SLT_RUNNER_H_

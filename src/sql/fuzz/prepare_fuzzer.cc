// libFuzzer target for the SQL front end through the binder and planner:
// every statement of the input is prepared (lexed, parsed, bound against a
// fixed schema, planned) with Database::Prepare, as the shell does, walking
// the script with PrepareOutcome::consumed. Statements are never stepped, so
// the schema stays as set up and a run cannot hang in a huge join; the
// executor is exercised by the sqllogictest corpus instead.
//
// It checks the contract of Prepare on hostile input: no crash, leak, UB or
// hang; an error has a message; `consumed` always advances (else the shell
// would loop) and stays within the input; error offsets lie inside it.
//
// Built by tools/fuzz_sql.sh (clang, -fsanitize=fuzzer,address,undefined);
// not part of the default build.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "sluice/database.h"

namespace {

[[noreturn]] void Fail(const char* what, std::string_view sql) {
  std::fprintf(stderr, "prepare_fuzzer: %s\n--- input:\n%.*s\n", what, static_cast<int>(sql.size()), sql.data());
  std::abort();
}

// The schema the statements are bound against: the tables of the corpus
// (select1-5) and the chapter, a view and an index, so that names resolve
// and the binder's deeper paths (views, correlated scopes, indexes) run.
constexpr std::string_view kSchema = R"sql(
CREATE TABLE t1(a INTEGER, b INTEGER, c INTEGER, d INTEGER, e INTEGER);
INSERT INTO t1 VALUES(1,2,3,4,5),(6,7,8,9,10),(NULL,12,13,NULL,15);
CREATE TABLE t2(a INTEGER, b VARCHAR(30), c REAL);
CREATE TABLE t3(x, y TEXT, z DECIMAL(10,2) UNIQUE);
CREATE INDEX t1b ON t1(b);
CREATE VIEW v1 AS SELECT a, b + c AS s FROM t1 WHERE a > 1;
CREATE TABLE cities AS SELECT 38 AS latitude, 122 AS longitude, 'Berkeley' AS name;
CREATE TABLE primes (n UNIQUE, prime DEFAULT 1);
)sql";

sluice::Database& SharedDatabase() {
  static std::unique_ptr<sluice::Database> db = [] {
    auto opened = sluice::Database::Open(":memory:");
    if (!opened.ok()) Fail("cannot open an in-memory database", opened.status().ToString());
    sluice::Status s = (*opened)->Execute(kSchema);
    if (!s.ok()) Fail("schema setup failed", s.ToString());
    return std::move(*opened);
  }();
  return *db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  sluice::Database& db = SharedDatabase();
  std::string_view rest = input;
  while (!rest.empty()) {
    sluice::PrepareOutcome p = db.Prepare(rest);
    if (p.consumed > rest.size()) Fail("consumed past the end of the input", input);
    if (!p.status.ok()) {
      if (p.status.message().empty()) Fail("error without a message", input);
      if (p.statement) Fail("error with a statement", input);
      if (p.status.error_offset() >= static_cast<int64_t>(rest.size()) + 1) Fail("error offset past the end", input);
    }
    if (p.consumed == 0) {
      // Only an error or the end may stop the walk; a statement must consume.
      if (p.statement) Fail("a statement that consumed nothing", input);
      break;
    }
    rest.remove_prefix(p.consumed);
  }
  return 0;
}

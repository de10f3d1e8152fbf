// The `.sqltest` format (Turso's SQL test DSL, ../shared/sqltests/dsl-spec.md)
// parsed into a SqltestFile: the databases every test runs on, the named
// setup blocks, and the tests with their decorators and expectations.
//
// Parsing follows Turso's lexer and parser: a `{ ... }` block runs to the
// matching brace (nested braces count; `\{`, `\}` and `\\` stand for the
// character), without the newline right after `{` and the one right before
// `}`; `#` starts a comment outside blocks. Expectations are kept as Turso
// keeps them: exact rows are the block's lines, each trimmed (empty lines
// kept); `raw` lines are untrimmed; `unordered` rows are the non-empty
// trimmed lines; `pattern` and `error` are the trimmed block (an empty
// error block accepts any error). `expect @BACKEND` blocks override the
// default expectation for that backend. Snapshot and matrix cases, which
// only Turso's own Rust backend runs, are parsed and kept out of `tests`.
// Anything else is refused with the line it is on.
#ifndef SLUICE_SLT_SQLTEST_FILE_H_
#define SLUICE_SLT_SQLTEST_FILE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/result.h"

namespace sluice::slt {

// Where a test's database comes from.
struct SqltestDatabase {
  enum class Kind { kMemory, kTemp, kDefault, kDefaultNoRowidAlias, kPath };
  Kind kind = Kind::kMemory;
  std::string path;  // kPath: as written (relative to the corpus root)
  bool readonly = false;
  // As written after @database (":memory:", "database/x.db readonly").
  std::string spec;
};

struct SqltestExpectation {
  enum class Kind { kExact, kRaw, kUnordered, kPattern, kError };
  Kind kind = Kind::kExact;
  std::vector<std::string> rows;  // kExact, kRaw, kUnordered
  std::string text;               // kPattern: the regex; kError: the substring ("" = any error)
  int line = 0;                   // of the `expect` keyword
};

struct SqltestSkip {
  std::string condition;  // "" (unconditional), "mvcc" or "sqlite"
  std::string reason;
};

struct SqltestCase {
  std::string name;
  int line = 0;  // of the `test` keyword
  std::string sql;
  std::vector<std::string> setups;  // @setup names, in order
  std::vector<SqltestSkip> skips;
  std::string backend;                                   // @backend ("" = any)
  std::vector<std::string> required;                     // @requires capabilities
  SqltestExpectation expect;                             // the default expectation
  std::map<std::string, SqltestExpectation> by_backend;  // expect @cli / @js / @rust
};

struct SqltestFile {
  std::vector<SqltestDatabase> databases;
  std::map<std::string, std::string> setups;  // name -> SQL
  std::vector<SqltestSkip> file_skips;        // @skip-file, @skip-file-if
  std::vector<std::string> file_requires;     // @requires-file
  std::vector<SqltestCase> tests;
};

// Parses the text of a `.sqltest` file. Errors read "line N: what".
Result<SqltestFile> ParseSqltest(std::string_view text);

}  // namespace sluice::slt

#endif  // SLUICE_SLT_SQLTEST_FILE_H_

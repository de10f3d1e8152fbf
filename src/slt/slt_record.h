// The sqllogictest file format: records and their parser.
//
// Grammar (SQLite's sqllogictest, https://www.sqlite.org/sqllogictest/):
//
//   file      := record (blank-line+ record)*
//   record    := condition* command
//   condition := "skipif" DB | "onlyif" DB
//   command   := "statement" ("ok"|"error") NL sql
//              | "query" TYPES [SORT [LABEL]] NL sql [NL "----" (NL value)*]
//              | "hash-threshold" N
//              | "halt"
//   TYPES     := [ITR]+            one letter per result column
//   SORT      := "nosort" | "rowsort" | "valuesort"
//
// Lines are split at '\n' with a trailing '\r' removed (part of the corpus
// uses CRLF). Lines starting with '#' are comments and are dropped wherever
// they appear. A record ends at the first blank line; the sql is every line
// up to "----" (query) or the end of the record, joined with '\n'.
#ifndef SLUICE_SLT_SLT_RECORD_H_
#define SLUICE_SLT_SLT_RECORD_H_

#include <string>
#include <string_view>
#include <vector>

namespace sluice::slt {

enum class SortMode { kNoSort, kRowSort, kValueSort };

struct Condition {
  bool only_if = false;  // onlyif (true) or skipif (false)
  std::string db;
};

struct SltRecord {
  enum class Kind { kStatement, kQuery, kHashThreshold, kHalt, kUnknown };
  Kind kind = Kind::kUnknown;
  int line = 0;  // 1-based line of the command (after the conditions)
  std::vector<Condition> conditions;
  std::string command_line;  // the command as written (for kUnknown)

  bool expect_error = false;  // statement error
  std::string sql;

  std::string types;  // query
  SortMode sort = SortMode::kNoSort;
  std::string label;
  std::vector<std::string> expected;  // the lines after "----"

  int hash_threshold = 0;  // hash-threshold N

  // Whether the record applies to engine `db` ("sqlite" for us): no
  // `skipif db`, and every `onlyif` names db.
  bool AppliesTo(std::string_view db) const;
};

// Splits a whole test file into records.
std::vector<SltRecord> ParseSltFile(std::string_view text);

}  // namespace sluice::slt

#endif  // SLUICE_SLT_SLT_RECORD_H_

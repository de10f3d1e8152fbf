// Statement boundaries without parsing: IsCompleteStatement() and
// FindStatementEnd() of parser.h.
//
// A transcription of SQLite's sqlite3_complete() (sqlite/src/complete.c): a
// scanner that knows only strings, quoted names, comments, ';' and the
// words CREATE, TEMP/TEMPORARY, TRIGGER, END and EXPLAIN, driving an
// eight-state automaton so that the ';'s inside `CREATE TRIGGER ... BEGIN
// ...; ...; END` do not end the statement:
//
//   state \ token  SEMI  WS  OTHER EXPLAIN CREATE TEMP TRIGGER END
//   0 INVALID        1    0    2      3      4     2      2     2
//   1 START          1    1    2      3      4     2      2     2
//   2 NORMAL         1    2    2      2      2     2      2     2
//   3 EXPLAIN        1    3    3      2      4     2      2     2
//   4 CREATE         1    4    2      2      2     4      5     2
//   5 TRIGGER        6    5    5      5      5     5      5     5
//   6 SEMI           6    6    5      5      5     5      5     7
//   7 END            1    7    5      5      5     5      5     5
//
// The input is complete when the automaton ends in START.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sql/lexer/lexer.h"
#include "sql/parser/parser.h"

namespace sluice::sql {
namespace {

enum CompleteToken : uint8_t { kTkSemi, kTkWs, kTkOther, kTkExplain, kTkCreate, kTkTemp, kTkTrigger, kTkEnd };

constexpr uint8_t kTransitions[8][8] = {
    {1, 0, 2, 3, 4, 2, 2, 2}, {1, 1, 2, 3, 4, 2, 2, 2}, {1, 2, 2, 2, 2, 2, 2, 2}, {1, 3, 3, 2, 4, 2, 2, 2},
    {1, 4, 2, 2, 2, 4, 5, 2}, {6, 5, 5, 5, 5, 5, 5, 5}, {6, 6, 5, 5, 5, 5, 5, 7}, {1, 7, 5, 5, 5, 5, 5, 5},
};

bool WordIs(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

enum class ScanEnd { kComplete, kIncomplete, kFoundEnd };

// Runs the automaton over sql[start..]. With `stop_at_end`, stops at the
// first ';' that returns it to START and sets *end just past that ';'.
ScanEnd Scan(std::string_view sql, size_t start, bool stop_at_end, size_t* end) {
  sql = sql.substr(0, sql.find('\0'));
  const size_t n = sql.size();
  auto at = [&](size_t i) { return i < n ? sql[i] : '\0'; };
  uint8_t state = 0;
  size_t i = start;
  while (i < n) {
    CompleteToken token;
    switch (sql[i]) {
      case ';': token = kTkSemi; break;
      case ' ':
      case '\r':
      case '\t':
      case '\n':
      case '\f': token = kTkWs; break;
      case '/':
        if (at(i + 1) != '*') {
          token = kTkOther;
          break;
        }
        i += 2;
        while (i < n && !(sql[i] == '*' && at(i + 1) == '/')) ++i;
        if (i >= n) return ScanEnd::kIncomplete;
        ++i;  // at the '/' of "*/"
        token = kTkWs;
        break;
      case '-':
        if (at(i + 1) != '-') {
          token = kTkOther;
          break;
        }
        while (i < n && sql[i] != '\n') ++i;
        if (i >= n) return state == 1 ? ScanEnd::kComplete : ScanEnd::kIncomplete;
        token = kTkWs;
        break;
      case '[':
        ++i;
        while (i < n && sql[i] != ']') ++i;
        if (i >= n) return ScanEnd::kIncomplete;
        token = kTkOther;
        break;
      case '`':
      case '"':
      case '\'': {
        const char quote = sql[i];
        ++i;
        while (i < n && sql[i] != quote) ++i;
        if (i >= n) return ScanEnd::kIncomplete;
        token = kTkOther;
        break;
      }
      default:
        if (IsIdentifierChar(sql[i])) {
          size_t len = 1;
          while (i + len < n && IsIdentifierChar(sql[i + len])) ++len;
          std::string_view word = sql.substr(i, len);
          if (WordIs(word, "create")) {
            token = kTkCreate;
          } else if (WordIs(word, "trigger")) {
            token = kTkTrigger;
          } else if (WordIs(word, "temp") || WordIs(word, "temporary")) {
            token = kTkTemp;
          } else if (WordIs(word, "end")) {
            token = kTkEnd;
          } else if (WordIs(word, "explain")) {
            token = kTkExplain;
          } else {
            token = kTkOther;
          }
          i += len - 1;
        } else {
          token = kTkOther;
        }
        break;
    }
    const uint8_t next = kTransitions[state][token];
    if (stop_at_end && token == kTkSemi && next == 1) {
      *end = i + 1;
      return ScanEnd::kFoundEnd;
    }
    state = next;
    ++i;
  }
  return state == 1 ? ScanEnd::kComplete : ScanEnd::kIncomplete;
}

}  // namespace

bool IsCompleteStatement(std::string_view sql) {
  size_t unused = 0;
  return Scan(sql, 0, false, &unused) == ScanEnd::kComplete;
}

size_t FindStatementEnd(std::string_view sql, size_t start) {
  sql = sql.substr(0, sql.find('\0'));  // a NUL ends the input
  size_t end = 0;
  if (start >= sql.size()) return sql.size();
  if (Scan(sql, start, true, &end) == ScanEnd::kFoundEnd) return end;
  return sql.size();
}

}  // namespace sluice::sql

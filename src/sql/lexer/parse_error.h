// ParseError: where and why SQL text failed to lex or parse, for callers that
// show the spot (the shell prints `Parse error near line 3: near "selec":
// syntax error` and a caret under the token).
//
// The parser returns a Status whose message is exactly `message` (in
// SQLite's wording); functions that take a `ParseError*` fill it in as well.
#ifndef SLUICE_SQL_LEXER_PARSE_ERROR_H_
#define SLUICE_SQL_LEXER_PARSE_ERROR_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "sluice/result_code.h"

namespace sluice::sql {

struct ParseError {
  // SQLite's message: `near "selec": syntax error`, `incomplete input`,
  // `unrecognized token: "'abc"`, `parser stack overflow`, ...
  std::string message;
  // Byte offset, 1-based line and 1-based byte column of the offending token
  // (of the end of the input for `incomplete input`) in the text that was
  // given to the parser.
  size_t offset = 0;
  uint32_t line = 1;
  uint32_t column = 1;
  // The offending token as written; empty at the end of the input.
  std::string token;
  // True when sqlite3 marks the spot for this error (sqlite3_error_offset()
  // >= 0), i.e. its shell prints the caret line: syntax errors on a token,
  // unrecognized tokens, bad literals. False for `incomplete input`,
  // `parser stack overflow`, `Expression tree is too large ...` and the
  // other messages that name no token.
  bool has_caret = false;
  // SQLite's result code: SQLITE_ERROR but for `string or blob too big`
  // (SQLITE_TOOBIG).
  ResultCode result_code = ResultCode::kError;
};

// Limits that keep hostile input from exhausting the stack or memory.
struct ParseOptions {
  // Nesting of parentheses, subqueries, unary and NOT operators, CASE and
  // function arguments beyond which parsing fails with `parser stack
  // overflow`. Each level costs a few stack frames: at 1000, a parse needs
  // up to ~0.8 MB of stack in an optimized build and ~3 MB under ASan.
  // (SQLite 3.40's own parser stops at about 100.)
  int max_depth = 1000;
  // SQLite's SQLITE_MAX_EXPR_DEPTH: expression trees taller than this fail
  // with `Expression tree is too large (maximum depth 1000)`. This also
  // bounds the depth of left-deep operator chains (1+1+1+...), which the
  // parser builds without recursion but which the AST's destructor, the
  // printer and later stages walk recursively.
  int max_expr_height = 1000;
  // SQLITE_LIMIT_COMPOUND_SELECT: `too many terms in compound SELECT`.
  int max_compound_select = 500;
  // SQLITE_MAX_VARIABLE_NUMBER as in the sqlite3 3.40 that made the
  // expected outputs: `variable number must be between ?1 and ?250000`.
  int max_variable_number = 250000;
  // SQLITE_MAX_LENGTH (sql/value/length_limit.h, which this layer may not
  // include): a literal, identifier or other token longer than this many
  // bytes fails with `string or blob too big` (SQLITE_TOOBIG) before any
  // value is built from it. (sqlite3 also counts comments; whitespace and
  // comments are skipped by the lexer here.)
  int64_t max_token_length = 1000000000;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_LEXER_PARSE_ERROR_H_

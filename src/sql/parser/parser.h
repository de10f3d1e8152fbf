// Entry points of the SQL front end: SQL text in, AST (ast/statement.h) out.
//
// The dialect is SQLite's (see src/sql/README.md); errors carry SQLite's
// messages (`near "selec": syntax error`, `incomplete input`, ...) in the
// returned Status and their position in a ParseError (parse_error.h).
//
// A script is a sequence of statements separated by ';' (empty statements
// are allowed). ScriptParser hands them out one at a time and, after a bad
// statement, carries on after its end (the next ';' at the top level,
// outside strings, comments, quoted names and CREATE TRIGGER bodies), which
// is what a shell running a script needs.
//
// Thread safety: the functions are reentrant; a ScriptParser is used by one
// thread at a time.
#ifndef SLUICE_SQL_PARSER_PARSER_H_
#define SLUICE_SQL_PARSER_PARSER_H_

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "sluice/result.h"
#include "sql/ast/expr.h"
#include "sql/ast/statement.h"
#include "sql/lexer/parse_error.h"

namespace sluice::sql {

class Parser;

class ScriptParser {
 public:
  // REQUIRES: `script` outlives the ScriptParser. The statements it returns
  // own their text and do not refer to `script`. A NUL byte ends the script
  // (as for sqlite3_prepare()); positions never go past it.
  explicit ScriptParser(std::string_view script, const ParseOptions& options = ParseOptions());
  ~ScriptParser();
  ScriptParser(const ScriptParser&) = delete;
  ScriptParser& operator=(const ScriptParser&) = delete;

  // Parses the next statement. Returns a null StatementPtr when only
  // whitespace, comments and ';' remain. On a parse error returns the
  // error (see error()) and moves past the end of the bad statement, so
  // that calling Next() again continues with the following one.
  Result<StatementPtr> Next();

  // The error of the last failed Next(); positions count from the start of
  // the script.
  const ParseError& error() const { return error_; }

  // Offset of the first token of the statement last returned or failed.
  size_t statement_begin() const { return statement_begin_; }

  // Offset from which the next statement will be parsed.
  size_t position() const { return position_; }

 private:
  std::string_view script_;
  std::unique_ptr<Parser> parser_;
  ParseError error_;
  size_t statement_begin_ = 0;
  size_t position_ = 0;
};

// Parses a whole script; fails at the first bad statement.
Result<std::vector<StatementPtr>> ParseScript(std::string_view sql, ParseError* error = nullptr,
                                              const ParseOptions& options = ParseOptions());

// Parses exactly one statement (a trailing ';' is allowed). Fails with
// `incomplete input` on an empty input and with a syntax error on the
// first token of a second statement.
Result<StatementPtr> ParseStatement(std::string_view sql, ParseError* error = nullptr,
                                    const ParseOptions& options = ParseOptions());

// Parses one expression that makes up all of `sql` (for tests and tools).
// Expression spans count from the start of `sql`.
Result<ExprPtr> ParseExpression(std::string_view sql, ParseError* error = nullptr,
                                const ParseOptions& options = ParseOptions());

// The offset just past the ';' that ends the statement starting at `start`
// (or sql.size() when there is none): the first ';' outside strings,
// comments, quoted identifiers and CREATE TRIGGER ... END bodies, found the
// way sqlite3_complete() finds it. A NUL byte ends `sql`.
size_t FindStatementEnd(std::string_view sql, size_t start = 0);

// sqlite3_complete(): true when `sql` ends with a complete statement, i.e.
// with a ';' that is not inside a string, comment, quoted identifier or an
// unfinished CREATE TRIGGER; an interactive shell keeps reading lines
// (showing its continuation prompt) while this is false. Whitespace and
// comments after the ';' do not matter; an input without any ';' (even an
// empty one) is not complete.
bool IsCompleteStatement(std::string_view sql);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_PARSER_PARSER_H_

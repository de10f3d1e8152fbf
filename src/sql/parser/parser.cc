// Entry points of parser.h over the internal Parser.
#include "sql/parser/parser.h"

#include <utility>

#include "sql/lexer/lexer.h"
#include "sql/parser/parser_internal.h"

namespace sluice::sql {

ScriptParser::ScriptParser(std::string_view script, const ParseOptions& options)
    : script_(script.substr(0, script.find('\0'))), parser_(std::make_unique<Parser>(script, options)) {}

ScriptParser::~ScriptParser() = default;

Result<StatementPtr> ScriptParser::Next() {
  if (parser_->SkipEmptyStatements()) {
    position_ = parser_->current_offset();
    statement_begin_ = position_;
    return StatementPtr();
  }
  statement_begin_ = parser_->current_offset();
  StatementPtr statement = parser_->ParseStatementAndTerminator();
  if (statement) {
    position_ = parser_->last_end();
    return statement;
  }
  error_ = parser_->error();
  position_ = FindStatementEnd(script_, statement_begin_);
  parser_->ResetTo(position_);
  return Status::InvalidArgument(error_.message, error_.result_code);
}

Result<std::vector<StatementPtr>> ParseScript(std::string_view sql, ParseError* error, const ParseOptions& options) {
  ScriptParser parser(sql, options);
  std::vector<StatementPtr> statements;
  for (;;) {
    Result<StatementPtr> next = parser.Next();
    if (!next.ok()) {
      if (error != nullptr) *error = parser.error();
      return next.status();
    }
    if (*next == nullptr) return statements;
    statements.push_back(std::move(*next));
  }
}

Result<StatementPtr> ParseStatement(std::string_view sql, ParseError* error, const ParseOptions& options) {
  Parser parser(sql, options);
  parser.SkipEmptyStatements();
  StatementPtr statement = parser.ParseStatementAndTerminator();
  if (!statement) {
    if (error != nullptr) *error = parser.error();
    return Status::InvalidArgument(parser.error().message, parser.error().result_code);
  }
  if (!parser.SkipEmptyStatements()) {
    // A second statement: report its first token as SQLite's syntax error.
    Lexer lexer(sql);
    lexer.SkipTo(parser.current_offset());
    Token t = lexer.Next();
    ParseError e{
        "near \"" + std::string(t.text) + "\": syntax error", t.offset, t.line, t.column, std::string(t.text), true};
    if (t.kind == TokenKind::kIllegal) e.message = UnrecognizedTokenMessage(t);
    if (error != nullptr) *error = e;
    return Status::InvalidArgument(e.message);
  }
  return statement;
}

Result<ExprPtr> ParseExpression(std::string_view sql, ParseError* error, const ParseOptions& options) {
  Parser parser(sql, options);
  ExprPtr expr = parser.ParseStandaloneExpression();
  if (!expr) {
    if (error != nullptr) *error = parser.error();
    return Status::InvalidArgument(parser.error().message, parser.error().result_code);
  }
  return expr;
}

}  // namespace sluice::sql

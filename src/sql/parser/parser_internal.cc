// Parser core: the token cursor, SQLite's token classes, error reporting,
// and the dispatch from a statement's first keyword to its parse function.
#include <utility>

#include "sql/lexer/keywords.h"
#include "sql/parser/parser_internal.h"

namespace sluice::sql {

Parser::Parser(std::string_view input, const ParseOptions& options) : input_(input), options_(options), lexer_(input) {
  input_ = lexer_.input();  // cut at a NUL byte, as the lexer does
  tok_ = Lex();
}

Token Parser::Lex() {
  Token t = lexer_.Next();
  if (static_cast<int64_t>(t.text.size()) > options_.max_token_length) {
    // An illegal token, so that every parse function stops at it; its
    // message is SQLite's for an over-long token (SyntaxErrorAt).
    t.kind = TokenKind::kIllegal;
    too_big_offset_ = t.offset;
  }
  return t;
}

// ---------------------------------------------------------------------------
// Tokens

const Token& Parser::Peek(int n) {
  while (ahead_count_ < n) ahead_[ahead_count_++] = Lex();
  return ahead_[n - 1];
}

Token Parser::Advance() {
  Token t = tok_;
  if (t.kind == TokenKind::kEof) return t;
  last_end_ = t.offset + t.text.size();
  if (ahead_count_ > 0) {
    tok_ = ahead_[0];
    for (int i = 1; i < ahead_count_; ++i) ahead_[i - 1] = ahead_[i];
    --ahead_count_;
  } else {
    tok_ = Lex();
  }
  return t;
}

bool Parser::Accept(TokenKind k) {
  if (tok_.kind != k) return false;
  Advance();
  return true;
}

bool Parser::Expect(TokenKind k) {
  if (Accept(k)) return true;
  return SyntaxError();
}

void Parser::ResetTo(size_t offset) {
  ahead_count_ = 0;
  if (offset < lexer_.position()) {
    Lexer fresh(input_);
    lexer_ = fresh;
  }
  lexer_.SkipTo(offset);
  tok_ = Lex();
  last_end_ = offset;
  failed_ = false;
  depth_ = 0;
}

bool Parser::IsJoinKeyword(TokenKind k) {
  switch (k) {
    case TokenKind::kCross:
    case TokenKind::kFull:
    case TokenKind::kInner:
    case TokenKind::kLeft:
    case TokenKind::kNatural:
    case TokenKind::kOuter:
    case TokenKind::kRight: return true;
    default: return false;
  }
}

bool Parser::IsIds(const Token& t) {
  return t.kind == TokenKind::kIdentifier || t.kind == TokenKind::kString || IsFallbackKeyword(t.kind);
}

bool Parser::IsNm(const Token& t) { return IsIds(t) || t.kind == TokenKind::kIndexed || IsJoinKeyword(t.kind); }

bool Parser::IsIdj(const Token& t) {
  return t.kind == TokenKind::kIdentifier || IsFallbackKeyword(t.kind) || t.kind == TokenKind::kIndexed ||
         IsJoinKeyword(t.kind);
}

bool Parser::ParseName(std::string* name) {
  if (!IsNm(tok_)) return SyntaxError();
  *name = Dequote(Advance().text);
  return true;
}

bool Parser::ParseQualifiedName(std::string* schema, std::string* name, SourceSpan* name_span) {
  if (!IsNm(tok_)) return SyntaxError();
  Token first = Advance();
  Token last = first;
  schema->clear();
  if (At(TokenKind::kDot)) {
    Advance();
    if (!IsNm(tok_)) return SyntaxError();
    *schema = Dequote(first.text);
    last = Advance();
  }
  *name = Dequote(last.text);
  if (name_span != nullptr) *name_span = SourceSpan{last.offset, last.offset + last.text.size()};
  return true;
}

bool Parser::ParseNameList(std::vector<std::string>* names) {
  if (!Expect(TokenKind::kLeftParen)) return {};
  do {
    std::string name;
    if (!ParseName(&name)) return {};
    names->push_back(std::move(name));
  } while (Accept(TokenKind::kComma));
  return Expect(TokenKind::kRightParen);
}

// ---------------------------------------------------------------------------
// Errors

Failure Parser::ErrorAt(const Token& t, std::string msg, bool has_caret) {
  if (!failed_) {
    failed_ = true;
    error_ = ParseError{msg, t.offset, t.line, t.column, std::string(t.text), has_caret};
  }
  return Failure();
}

Failure Parser::SyntaxErrorAt(const Token& t) {
  if (t.kind == TokenKind::kEof) return ErrorAt(t, "incomplete input", false);
  if (t.kind == TokenKind::kIllegal && t.offset == too_big_offset_) {
    bool first = !failed_;
    Failure f = ErrorAt(t, "string or blob too big", false);
    if (first) error_.result_code = ResultCode::kTooBig;
    return f;
  }
  if (t.kind == TokenKind::kIllegal) return ErrorAt(t, UnrecognizedTokenMessage(t), true);
  std::string msg = "near \"";
  msg += t.text;
  msg += "\": syntax error";
  return ErrorAt(t, std::move(msg), true);
}

Failure Parser::SyntaxError() { return SyntaxErrorAt(tok_); }

Failure Parser::StackOverflow() { return ErrorAt(tok_, "parser stack overflow", false); }

// ---------------------------------------------------------------------------
// Statements

bool Parser::SkipEmptyStatements() {
  while (At(TokenKind::kSemicolon)) Advance();
  return At(TokenKind::kEof);
}

void Parser::FinishStatement(Statement& s, size_t begin) {
  s.span = SourceSpan{begin, last_end_ > begin ? last_end_ : begin};
  s.sql = std::string(input_.substr(s.span.begin, s.span.size()));
  s.parameter_count = max_parameter_;
  s.parameter_names.assign(static_cast<size_t>(max_parameter_), std::string());
  for (const auto& [index, name] : parameter_names_) {
    if (index <= max_parameter_) s.parameter_names[index - 1] = name;
  }
}

StatementPtr Parser::ParseStatementAndTerminator() {
  failed_ = false;
  depth_ = 0;
  max_parameter_ = 0;
  named_parameters_.clear();
  parameter_names_.clear();
  StatementPtr statement = ParseStatement();
  if (!statement) {
    if (!failed_) SyntaxError();  // (every failure records one; be safe)
    return nullptr;
  }
  if (!At(TokenKind::kEof) && !At(TokenKind::kSemicolon)) return SyntaxError();
  Accept(TokenKind::kSemicolon);
  return statement;
}

ExprPtr Parser::ParseStandaloneExpression() {
  failed_ = false;
  depth_ = 0;
  max_parameter_ = 0;
  named_parameters_.clear();
  parameter_names_.clear();
  ExprPtr expr = ParseExpr();
  if (!expr) {
    if (!failed_) SyntaxError();
    return nullptr;
  }
  if (!At(TokenKind::kEof)) return SyntaxError();
  return expr;
}

// cmdx ::= cmd | EXPLAIN cmd | EXPLAIN QUERY PLAN cmd.
StatementPtr Parser::ParseStatement() {
  const size_t begin = tok_.offset;
  if (!At(TokenKind::kExplain)) return ParseStatementBody();
  Advance();
  auto explain = std::make_unique<ExplainStatement>();
  if (At(TokenKind::kQuery)) {
    Advance();
    if (!Expect(TokenKind::kPlan)) return {};
    explain->query_plan = true;
  }
  if (!(explain->statement = ParseStatementBody())) return {};
  FinishStatement(*explain, begin);
  return StatementPtr(std::move(explain));
}

StatementPtr Parser::ParseStatementBody() {
  switch (kind()) {
    case TokenKind::kSelect:
    case TokenKind::kValues: return ParseSelectStatement(nullptr, tok_.offset);
    case TokenKind::kWith: return ParseWithStatement();
    case TokenKind::kInsert:
    case TokenKind::kReplace: return ParseInsert(nullptr);
    case TokenKind::kUpdate: return ParseUpdate(nullptr);
    case TokenKind::kDelete: return ParseDelete(nullptr);
    case TokenKind::kCreate: return ParseCreate();
    case TokenKind::kDrop: return ParseDrop();
    case TokenKind::kBegin: return ParseBegin();
    case TokenKind::kCommit:
    case TokenKind::kEnd: return ParseCommit();
    case TokenKind::kRollback: return ParseRollback();
    case TokenKind::kSavepoint: return ParseSavepoint();
    case TokenKind::kRelease: return ParseRelease();
    case TokenKind::kPragma: return ParsePragma();
    case TokenKind::kVacuum: return ParseVacuum();
    case TokenKind::kReindex:
    case TokenKind::kAnalyze: return ParseReindexOrAnalyze();
    case TokenKind::kAlter: return ParseAlterTable();
    case TokenKind::kAttach: return ParseAttach();
    case TokenKind::kDetach: return ParseDetach();
    default: return SyntaxError();
  }
}

// WITH ... followed by SELECT, VALUES, INSERT, REPLACE, UPDATE or DELETE.
StatementPtr Parser::ParseWithStatement() {
  const size_t begin = tok_.offset;
  std::unique_ptr<WithClause> with = ParseWith();
  if (!with) return {};
  StatementPtr statement;
  switch (kind()) {
    case TokenKind::kSelect:
    case TokenKind::kValues: return ParseSelectStatement(std::move(with), begin);
    case TokenKind::kInsert:
    case TokenKind::kReplace: {
      if (!(statement = ParseInsert(std::move(with)))) return {};
      break;
    }
    case TokenKind::kUpdate: {
      if (!(statement = ParseUpdate(std::move(with)))) return {};
      break;
    }
    case TokenKind::kDelete: {
      if (!(statement = ParseDelete(std::move(with)))) return {};
      break;
    }
    default: return SyntaxError();
  }
  FinishStatement(*statement, begin);  // the span starts at WITH
  return statement;
}

StatementPtr Parser::ParseSelectStatement(std::unique_ptr<WithClause> with, size_t begin) {
  auto statement = std::make_unique<SelectStatement>();
  if (!(statement->select = ParseSelectAfterWith(std::move(with), begin))) return {};
  FinishStatement(*statement, begin);
  return StatementPtr(std::move(statement));
}

}  // namespace sluice::sql

// Transaction control (BEGIN, COMMIT/END, ROLLBACK, SAVEPOINT, RELEASE),
// PRAGMA, VACUUM, REINDEX and ANALYZE.
#include <string>
#include <utility>

#include "sql/lexer/lexer.h"
#include "sql/parser/parser_internal.h"

namespace sluice::sql {

// BEGIN [DEFERRED|IMMEDIATE|EXCLUSIVE] [TRANSACTION [nm]]
StatementPtr Parser::ParseBegin() {
  const size_t begin = tok_.offset;
  Advance();  // BEGIN
  auto statement = std::make_unique<BeginStatement>();
  if (Accept(TokenKind::kDeferred)) {
    statement->mode = BeginStatement::Mode::kDeferred;
  } else if (Accept(TokenKind::kImmediate)) {
    statement->mode = BeginStatement::Mode::kImmediate;
  } else if (Accept(TokenKind::kExclusive)) {
    statement->mode = BeginStatement::Mode::kExclusive;
  }
  if (Accept(TokenKind::kTransaction) && IsNm(tok_)) Advance();
  FinishStatement(*statement, begin);
  return StatementPtr(std::move(statement));
}

// COMMIT|END [TRANSACTION [nm]]
StatementPtr Parser::ParseCommit() {
  const size_t begin = tok_.offset;
  Advance();
  auto statement = std::make_unique<CommitStatement>();
  if (Accept(TokenKind::kTransaction) && IsNm(tok_)) Advance();
  FinishStatement(*statement, begin);
  return StatementPtr(std::move(statement));
}

// ROLLBACK [TRANSACTION [nm]] [TO [SAVEPOINT] nm]
StatementPtr Parser::ParseRollback() {
  const size_t begin = tok_.offset;
  Advance();  // ROLLBACK
  auto statement = std::make_unique<RollbackStatement>();
  if (Accept(TokenKind::kTransaction) && IsNm(tok_)) Advance();
  if (Accept(TokenKind::kTo)) {
    Accept(TokenKind::kSavepoint);
    if (!ParseName(&statement->savepoint)) return {};
  }
  FinishStatement(*statement, begin);
  return StatementPtr(std::move(statement));
}

// SAVEPOINT nm
StatementPtr Parser::ParseSavepoint() {
  const size_t begin = tok_.offset;
  Advance();
  auto statement = std::make_unique<SavepointStatement>();
  if (!ParseName(&statement->name)) return {};
  FinishStatement(*statement, begin);
  return StatementPtr(std::move(statement));
}

// RELEASE [SAVEPOINT] nm
StatementPtr Parser::ParseRelease() {
  const size_t begin = tok_.offset;
  Advance();
  Accept(TokenKind::kSavepoint);
  auto statement = std::make_unique<ReleaseStatement>();
  if (!ParseName(&statement->name)) return {};
  FinishStatement(*statement, begin);
  return StatementPtr(std::move(statement));
}

// PRAGMA [schema.]name [= value | ( value )]
//   value ::= [+|-] number | nm | ON | DELETE | DEFAULT
StatementPtr Parser::ParsePragma() {
  const size_t begin = tok_.offset;
  Advance();  // PRAGMA
  auto pragma = std::make_unique<PragmaStatement>();
  if (!ParseQualifiedName(&pragma->schema, &pragma->name)) return {};
  bool call = false;
  if (Accept(TokenKind::kEqual) || (call = Accept(TokenKind::kLeftParen))) {
    pragma->has_value = true;
    pragma->call_form = call;
    char sign = 0;
    if (At(TokenKind::kMinus)) {
      Advance();
      sign = '-';
    } else if (At(TokenKind::kPlus)) {
      Advance();
      sign = '+';  // SQLite drops it from the value
    }
    if (At(TokenKind::kInteger) || At(TokenKind::kFloat)) {
      if (sign == '-') pragma->value.push_back('-');
      pragma->value.append(Advance().text);
    } else if (sign == 0 && (IsNm(tok_) || At(TokenKind::kOn) || At(TokenKind::kDelete) || At(TokenKind::kDefault))) {
      pragma->value = Dequote(Advance().text);
    } else {
      return SyntaxError();
    }
    if (call)
      if (!Expect(TokenKind::kRightParen)) return {};
  }
  FinishStatement(*pragma, begin);
  return StatementPtr(std::move(pragma));
}

// VACUUM [schema] [INTO expr]
StatementPtr Parser::ParseVacuum() {
  const size_t begin = tok_.offset;
  Advance();  // VACUUM
  auto vacuum = std::make_unique<VacuumStatement>();
  if (IsNm(tok_)) {
    if (!ParseName(&vacuum->schema)) return {};
  }
  if (Accept(TokenKind::kInto)) {
    if (!(vacuum->into = ParseExpr())) return {};
  }
  FinishStatement(*vacuum, begin);
  return StatementPtr(std::move(vacuum));
}

// REINDEX [[schema.]name] | ANALYZE [[schema.]name]
StatementPtr Parser::ParseReindexOrAnalyze() {
  const size_t begin = tok_.offset;
  const bool reindex = Advance().kind == TokenKind::kReindex;
  std::string schema, name;
  if (IsNm(tok_))
    if (!ParseQualifiedName(&schema, &name)) return {};
  StatementPtr statement;
  if (reindex) {
    auto r = std::make_unique<ReindexStatement>();
    r->schema = std::move(schema);
    r->name = std::move(name);
    statement = std::move(r);
  } else {
    auto a = std::make_unique<AnalyzeStatement>();
    a->schema = std::move(schema);
    a->name = std::move(name);
    statement = std::move(a);
  }
  FinishStatement(*statement, begin);
  return statement;
}

}  // namespace sluice::sql

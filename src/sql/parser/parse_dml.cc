// INSERT / REPLACE, UPDATE and DELETE statements (each optionally after a
// WITH clause, which ParseWithStatement has already consumed).
#include <string>
#include <utility>

#include "sql/parser/parser_internal.h"

namespace sluice::sql {

// resolvetype ::= ROLLBACK | ABORT | FAIL | IGNORE | REPLACE
bool Parser::ParseConflictClause(ConflictResolution* r) {
  switch (kind()) {
    case TokenKind::kRollback: *r = ConflictResolution::kRollback; break;
    case TokenKind::kAbort: *r = ConflictResolution::kAbort; break;
    case TokenKind::kFail: *r = ConflictResolution::kFail; break;
    case TokenKind::kIgnore: *r = ConflictResolution::kIgnore; break;
    case TokenKind::kReplace: *r = ConflictResolution::kReplace; break;
    default: return SyntaxError();
  }
  Advance();
  return true;
}

// onconf ::= <nothing> | ON CONFLICT resolvetype
bool Parser::ParseOnConflict(ConflictResolution* r) {
  if (!At(TokenKind::kOn)) return true;
  Advance();
  if (!Expect(TokenKind::kConflict)) return {};
  return ParseConflictClause(r);
}

// indexed_opt ::= <nothing> | INDEXED BY nm | NOT INDEXED
bool Parser::ParseIndexedBy(std::string* indexed_by, bool* not_indexed) {
  if (Accept(TokenKind::kIndexed)) {
    if (!Expect(TokenKind::kBy)) return {};
    if (!ParseName(indexed_by)) return {};
  } else if (At(TokenKind::kNot) && Peek().kind == TokenKind::kIndexed) {
    Advance();
    Advance();
    *not_indexed = true;
  }
  return true;
}

// (INSERT [OR resolvetype] | REPLACE) INTO [schema.]table [AS alias]
//   [( columns )] (select | DEFAULT VALUES)
StatementPtr Parser::ParseInsert(std::unique_ptr<WithClause> with) {
  const size_t begin = tok_.offset;
  auto insert = std::make_unique<InsertStatement>();
  insert->with = std::move(with);
  if (Accept(TokenKind::kReplace)) {
    insert->replace = true;
    insert->conflict = ConflictResolution::kReplace;
  } else {
    if (!Expect(TokenKind::kInsert)) return {};
    if (Accept(TokenKind::kOr))
      if (!ParseConflictClause(&insert->conflict)) return {};
  }
  if (!Expect(TokenKind::kInto)) return {};
  if (!ParseQualifiedName(&insert->schema, &insert->table)) return {};
  if (Accept(TokenKind::kAs)) {
    if (!ParseName(&insert->alias)) return {};
    insert->has_alias = true;
  }
  if (At(TokenKind::kLeftParen))
    if (!ParseNameList(&insert->columns)) return {};
  if (Accept(TokenKind::kDefault)) {
    if (!Expect(TokenKind::kValues)) return {};
    insert->default_values = true;
    if (!ParseReturning(&insert->returning)) return {};
  } else if (StartsSelect(tok_)) {
    if (!(insert->select = ParseSelect())) return {};
    if (!ParseUpsertClauses(insert.get())) return {};
    if (!ParseReturning(&insert->returning)) return {};
  } else {
    return SyntaxError();
  }
  FinishStatement(*insert, begin);
  return StatementPtr(std::move(insert));
}

// UPDATE [OR resolvetype] [schema.]table [AS alias] [indexed_opt]
//   SET setlist [FROM seltablist] [WHERE expr]
StatementPtr Parser::ParseUpdate(std::unique_ptr<WithClause> with) {
  const size_t begin = tok_.offset;
  auto update = std::make_unique<UpdateStatement>();
  update->with = std::move(with);
  Advance();  // UPDATE
  if (Accept(TokenKind::kOr))
    if (!ParseConflictClause(&update->conflict)) return {};
  if (!ParseQualifiedName(&update->schema, &update->table)) return {};
  if (Accept(TokenKind::kAs)) {
    if (!ParseName(&update->alias)) return {};
    update->has_alias = true;
  }
  if (!ParseIndexedBy(&update->indexed_by, &update->not_indexed)) return {};
  if (!Expect(TokenKind::kSet)) return {};
  do {
    Assignment assignment;
    assignment.span.begin = tok_.offset;
    if (At(TokenKind::kLeftParen)) {
      if (!ParseNameList(&assignment.columns)) return {};
    } else {
      std::string column;
      if (!ParseName(&column)) return {};
      assignment.columns.push_back(std::move(column));
    }
    if (!Expect(TokenKind::kEqual)) return {};
    if (!(assignment.value = ParseExpr())) return {};
    assignment.span.end = last_end_;
    update->assignments.push_back(std::move(assignment));
  } while (Accept(TokenKind::kComma));
  if (Accept(TokenKind::kFrom)) {
    if (!(update->from = ParseFromClause())) return {};
  }
  if (Accept(TokenKind::kWhere)) {
    if (!(update->where = ParseExpr())) return {};
  }
  if (in_trigger_body_ && At(TokenKind::kReturning)) return SyntaxError();
  if (!ParseReturning(&update->returning)) return {};
  if (!ParseDmlLimit(&update->order_by, &update->limit, &update->offset, "UPDATE")) return {};
  FinishStatement(*update, begin);
  return StatementPtr(std::move(update));
}

// DELETE FROM [schema.]table [AS alias] [indexed_opt] [WHERE expr]
StatementPtr Parser::ParseDelete(std::unique_ptr<WithClause> with) {
  const size_t begin = tok_.offset;
  auto del = std::make_unique<DeleteStatement>();
  del->with = std::move(with);
  Advance();  // DELETE
  if (!Expect(TokenKind::kFrom)) return {};
  if (!ParseQualifiedName(&del->schema, &del->table)) return {};
  if (Accept(TokenKind::kAs)) {
    if (!ParseName(&del->alias)) return {};
    del->has_alias = true;
  }
  if (!ParseIndexedBy(&del->indexed_by, &del->not_indexed)) return {};
  if (Accept(TokenKind::kWhere)) {
    if (!(del->where = ParseExpr())) return {};
  }
  if (in_trigger_body_ && At(TokenKind::kReturning)) return SyntaxError();
  if (!ParseReturning(&del->returning)) return {};
  if (!ParseDmlLimit(&del->order_by, &del->limit, &del->offset, "DELETE")) return {};
  FinishStatement(*del, begin);
  return StatementPtr(std::move(del));
}

}  // namespace sluice::sql

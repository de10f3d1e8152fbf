// The RETURNING clause of INSERT, UPDATE and DELETE, the ORDER BY / LIMIT
// of UPDATE and DELETE, and the ON CONFLICT
// clauses of INSERT (UPSERT), after its VALUES or SELECT:
//   upsert ::= ON CONFLICT ( sortlist ) [WHERE expr] DO NOTHING [upsert]
//            | ON CONFLICT ( sortlist ) [WHERE expr] DO UPDATE SET setlist [WHERE expr] [upsert]
//            | ON CONFLICT DO NOTHING
//            | ON CONFLICT DO UPDATE SET setlist [WHERE expr]
// Only the last clause may omit the target (sqlite3 3.35+): after one
// without a target, another ON is a syntax error there. A SELECT source
// followed by ON CONFLICT needs a WHERE (or no FROM), as in sqlite3, or
// the ON is read as a join constraint.
#include <string>
#include <utility>

#include "sql/parser/parser_internal.h"

namespace sluice::sql {

bool Parser::ParseUpsertClauses(InsertStatement* insert) {
  while (At(TokenKind::kOn) && Peek().kind == TokenKind::kConflict) {
    UpsertClause clause;
    clause.span.begin = tok_.offset;
    Advance();  // ON
    Advance();  // CONFLICT
    if (At(TokenKind::kLeftParen)) {
      Advance();
      do {
        ExprPtr e = ParseExpr();
        if (!e) return false;
        if (!Accept(TokenKind::kAsc)) Accept(TokenKind::kDesc);
        clause.target.push_back(std::move(e));
      } while (Accept(TokenKind::kComma));
      if (!Expect(TokenKind::kRightParen)) return false;
      if (Accept(TokenKind::kWhere)) {
        if (!(clause.target_where = ParseExpr())) return false;
      }
    }
    if (!Expect(TokenKind::kDo)) return false;
    if (Accept(TokenKind::kNothing)) {
      clause.do_update = false;
    } else {
      if (!Expect(TokenKind::kUpdate)) return false;
      if (!Expect(TokenKind::kSet)) return false;
      do {
        std::vector<std::string> columns;
        if (At(TokenKind::kLeftParen)) {
          if (!ParseNameList(&columns)) return false;
        } else {
          std::string column;
          if (!ParseName(&column)) return false;
          columns.push_back(std::move(column));
        }
        if (!Expect(TokenKind::kEqual)) return false;
        ExprPtr value = ParseExpr();
        if (!value) return false;
        clause.set_columns.push_back(std::move(columns));
        clause.set_values.push_back(std::move(value));
      } while (Accept(TokenKind::kComma));
      if (Accept(TokenKind::kWhere)) {
        if (!(clause.where = ParseExpr())) return false;
      }
      clause.do_update = true;
    }
    clause.span.end = last_end_;
    const bool last = clause.target.empty();
    insert->upserts.push_back(std::move(clause));
    if (last) break;
  }
  return true;
}

// returning ::= <nothing> | RETURNING result-column, ...
bool Parser::ParseReturning(std::vector<ResultColumn>* columns) {
  if (!Accept(TokenKind::kReturning)) return true;
  do {
    ResultColumn column;
    if (!ParseResultColumn(&column)) return false;
    columns->push_back(std::move(column));
  } while (Accept(TokenKind::kComma));
  return true;
}

// orderby_opt limit_opt of UPDATE and DELETE, as sqlite3 built with
// SQLITE_ENABLE_UPDATE_DELETE_LIMIT (Debian's) parses them; ORDER BY needs
// a LIMIT.
bool Parser::ParseDmlLimit(std::vector<OrderingTerm>* order_by, ExprPtr* limit, ExprPtr* offset, const char* what) {
  const Token order = tok_;
  if (At(TokenKind::kOrder)) {
    if (!ParseOrderBy(order_by)) return false;
  }
  if (At(TokenKind::kLimit)) {
    if (!ParseLimit(limit, offset)) return false;
  } else if (!order_by->empty()) {
    return ErrorAt(order, std::string("ORDER BY without LIMIT on ") + what, false);
  }
  return true;
}

}  // namespace sluice::sql

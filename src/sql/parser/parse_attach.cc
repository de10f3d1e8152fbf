// ATTACH [DATABASE] expr AS expr and DETACH [DATABASE] expr, as SQLite's
// grammar has them (both operands are expressions).
#include "sql/parser/parser_internal.h"

namespace sluice::sql {

StatementPtr Parser::ParseAttach() {
  const size_t begin = tok_.offset;
  Advance();  // ATTACH
  Accept(TokenKind::kDatabase);
  auto attach = std::make_unique<AttachStatement>();
  if (!(attach->file = ParseExpr())) return {};
  if (!Expect(TokenKind::kAs)) return {};
  if (!(attach->name = ParseExpr())) return {};
  FinishStatement(*attach, begin);
  return StatementPtr(std::move(attach));
}

StatementPtr Parser::ParseDetach() {
  const size_t begin = tok_.offset;
  Advance();  // DETACH
  Accept(TokenKind::kDatabase);
  auto detach = std::make_unique<DetachStatement>();
  if (!(detach->name = ParseExpr())) return {};
  FinishStatement(*detach, begin);
  return StatementPtr(std::move(detach));
}

}  // namespace sluice::sql

// Out-of-line pieces of the AST: destructors of nodes that own a Select
// (which expr.h only declares), and the SQL spellings of operators.
#include "sql/ast/expr.h"
#include "sql/ast/select.h"
#include "sql/ast/statement.h"

namespace sluice::sql {

InSelectExpr::~InSelectExpr() = default;
ExistsExpr::~ExistsExpr() = default;
SubqueryExpr::~SubqueryExpr() = default;
TableRef::~TableRef() = default;
Select::~Select() = default;

std::string_view BinaryOpSql(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr: return "OR";
    case BinaryOp::kAnd: return "AND";
    case BinaryOp::kEqual: return "=";
    case BinaryOp::kNotEqual: return "!=";
    case BinaryOp::kIs: return "IS";
    case BinaryOp::kIsNot: return "IS NOT";
    case BinaryOp::kLess: return "<";
    case BinaryOp::kLessEqual: return "<=";
    case BinaryOp::kGreater: return ">";
    case BinaryOp::kGreaterEqual: return ">=";
    case BinaryOp::kBitAnd: return "&";
    case BinaryOp::kBitOr: return "|";
    case BinaryOp::kShiftLeft: return "<<";
    case BinaryOp::kShiftRight: return ">>";
    case BinaryOp::kAdd: return "+";
    case BinaryOp::kSubtract: return "-";
    case BinaryOp::kMultiply: return "*";
    case BinaryOp::kDivide: return "/";
    case BinaryOp::kModulo: return "%";
    case BinaryOp::kConcat: return "||";
    case BinaryOp::kJsonExtract: return "->";
    case BinaryOp::kJsonExtractValue: return "->>";
  }
  return "?";
}

std::string_view UnaryOpSql(UnaryOp op) {
  switch (op) {
    case UnaryOp::kNegate: return "-";
    case UnaryOp::kPlus: return "+";
    case UnaryOp::kBitNot: return "~";
    case UnaryOp::kNot: return "NOT";
  }
  return "?";
}

std::string_view LikeOpSql(LikeOp op) {
  switch (op) {
    case LikeOp::kLike: return "LIKE";
    case LikeOp::kGlob: return "GLOB";
    case LikeOp::kRegexp: return "REGEXP";
    case LikeOp::kMatch: return "MATCH";
  }
  return "?";
}

std::string_view CompoundOpSql(CompoundOp op) {
  switch (op) {
    case CompoundOp::kUnion: return "UNION";
    case CompoundOp::kUnionAll: return "UNION ALL";
    case CompoundOp::kIntersect: return "INTERSECT";
    case CompoundOp::kExcept: return "EXCEPT";
  }
  return "?";
}

std::string_view JoinKindSql(JoinKind kind) {
  switch (kind) {
    case JoinKind::kComma: return ",";
    case JoinKind::kInner: return "JOIN";
    case JoinKind::kCross: return "CROSS JOIN";
    case JoinKind::kLeft: return "LEFT JOIN";
    case JoinKind::kRight: return "RIGHT JOIN";
    case JoinKind::kFull: return "FULL JOIN";
  }
  return "?";
}

std::string_view ConflictResolutionSql(ConflictResolution r) {
  switch (r) {
    case ConflictResolution::kDefault: return "";
    case ConflictResolution::kRollback: return "ROLLBACK";
    case ConflictResolution::kAbort: return "ABORT";
    case ConflictResolution::kFail: return "FAIL";
    case ConflictResolution::kIgnore: return "IGNORE";
    case ConflictResolution::kReplace: return "REPLACE";
  }
  return "";
}

}  // namespace sluice::sql

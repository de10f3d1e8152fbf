// BoundExpr helpers: copy, structural equality, column collection, printing.
#include "sql/plan/bound_expr.h"

#include <algorithm>

#include "sql/plan/plan.h"

namespace sluice::sql {

BoundExprPtr BoundExpr::Clone() const {
  auto c = std::make_unique<BoundExpr>(kind);
  c->op = op;
  c->negated = negated;
  c->distinct = distinct;
  c->has_operand = has_operand;
  c->has_else = has_else;
  c->affinity = affinity;
  c->collation = collation;
  c->collation_source = collation_source;
  c->cast_target = cast_target;
  c->constant = constant;
  c->column = column;
  c->slot = slot;
  c->function = function;
  for (const BoundExprPtr& child : children) c->children.push_back(child->Clone());
  c->subquery = subquery;
  c->correlated = correlated;
  return c;
}

BoundExprPtr MakeConstant(Value v) {
  auto e = std::make_unique<BoundExpr>(BoundKind::kConstant);
  e->constant = std::move(v);
  e->constant.MakeOwned();
  return e;
}

BoundExprPtr MakeColumnRef(ColumnId id, Affinity affinity, Collation collation, CollationSource source) {
  auto e = std::make_unique<BoundExpr>(BoundKind::kColumn);
  e->column = id;
  e->affinity = affinity;
  e->collation = collation;
  e->collation_source = source;
  return e;
}

bool SameAsIndexExpr(const BoundExpr& q, const BoundExpr& ix,
                     const std::function<bool(ColumnId column, int slot)>& column_at_slot) {
  if (q.kind == BoundKind::kColumn) {
    return ix.kind == BoundKind::kColumn && column_at_slot(q.column, ix.slot) &&
           (q.collation_source != CollationSource::kExplicit || q.collation == ix.collation);
  }
  if (q.kind != ix.kind || q.op != ix.op || q.negated != ix.negated || q.distinct != ix.distinct ||
      q.has_operand != ix.has_operand || q.has_else != ix.has_else || q.cast_target != ix.cast_target ||
      q.function != ix.function || q.children.size() != ix.children.size() || q.subquery != nullptr ||
      ix.subquery != nullptr) {
    return false;
  }
  if ((q.collation_source == CollationSource::kExplicit || ix.collation_source == CollationSource::kExplicit) &&
      (q.collation != ix.collation || q.collation_source != ix.collation_source)) {
    return false;
  }
  if (q.kind == BoundKind::kConstant && !q.constant.IdenticalTo(ix.constant)) return false;
  for (size_t i = 0; i < q.children.size(); ++i) {
    if (!SameAsIndexExpr(*q.children[i], *ix.children[i], column_at_slot)) return false;
  }
  return true;
}

bool BoundExprEquals(const BoundExpr& a, const BoundExpr& b) {
  if (a.kind != b.kind || a.op != b.op || a.negated != b.negated || a.distinct != b.distinct ||
      a.has_operand != b.has_operand || a.has_else != b.has_else || a.cast_target != b.cast_target ||
      a.function != b.function || a.children.size() != b.children.size()) {
    return false;
  }
  if (a.collation_source == CollationSource::kExplicit || b.collation_source == CollationSource::kExplicit) {
    if (a.collation != b.collation || a.collation_source != b.collation_source) return false;
  }
  switch (a.kind) {
    case BoundKind::kConstant:
      if (!a.constant.IdenticalTo(b.constant)) return false;
      break;
    case BoundKind::kColumn:
      if (a.column != b.column) return false;
      break;
    case BoundKind::kInSubquery:
    case BoundKind::kExists:
    case BoundKind::kScalarSubquery:
      if (a.subquery != b.subquery) return false;
      break;
    default: break;
  }
  if (a.function != nullptr && !a.function->deterministic) return false;
  for (size_t i = 0; i < a.children.size(); ++i) {
    if (!BoundExprEquals(*a.children[i], *b.children[i])) return false;
  }
  return true;
}

void CollectColumns(const BoundExpr& e, std::vector<ColumnId>* out) {
  if (e.kind == BoundKind::kColumn) out->push_back(e.column);
  for (ColumnId id : e.correlated) out->push_back(id);
  for (const BoundExprPtr& c : e.children) CollectColumns(*c, out);
}

bool HasSideEffectsOrAggregates(const BoundExpr& e) {
  if (e.kind == BoundKind::kAggregate) return true;
  if (e.function != nullptr && !e.function->deterministic) return true;
  for (const BoundExprPtr& c : e.children) {
    if (HasSideEffectsOrAggregates(*c)) return true;
  }
  return false;
}

namespace {

const char* CompareOpText(uint8_t op) {
  static const char* kOps[] = {"=", "<>", "<", "<=", ">", ">="};
  return kOps[op];
}
const char* ArithOpText(uint8_t op) {
  static const char* kOps[] = {"+", "-", "*", "/", "%"};
  return kOps[op];
}
const char* BitOpText(uint8_t op) {
  static const char* kOps[] = {"&", "|", "<<", ">>"};
  return kOps[op];
}

std::string Join(const std::vector<BoundExprPtr>& list, size_t from, const char* sep) {
  std::string s;
  for (size_t i = from; i < list.size(); ++i) {
    if (i > from) s += sep;
    s += ExprToString(*list[i]);
  }
  return s;
}

}  // namespace

std::string ExprToString(const BoundExpr& e) {
  auto child = [&](size_t i) { return ExprToString(*e.children[i]); };
  std::string neg = e.negated ? "NOT " : "";
  switch (e.kind) {
    case BoundKind::kConstant:
      return e.constant.is_text() ? "'" + std::string(e.constant.bytes()) + "'" : e.constant.DebugString();
    case BoundKind::kColumn: return e.slot >= 0 ? "#" + std::to_string(e.slot) : "@" + std::to_string(e.column);
    case BoundKind::kNot: return "NOT " + child(0);
    case BoundKind::kNegate: return "-" + child(0);
    case BoundKind::kBitNot: return "~" + child(0);
    case BoundKind::kArith: return "(" + child(0) + " " + ArithOpText(e.op) + " " + child(1) + ")";
    case BoundKind::kBit: return "(" + child(0) + " " + BitOpText(e.op) + " " + child(1) + ")";
    case BoundKind::kConcat: return "(" + child(0) + " || " + child(1) + ")";
    case BoundKind::kCompare: return "(" + child(0) + " " + CompareOpText(e.op) + " " + child(1) + ")";
    case BoundKind::kIs: return "(" + child(0) + (e.negated ? " IS NOT " : " IS ") + child(1) + ")";
    case BoundKind::kAnd: return "(" + Join(e.children, 0, " AND ") + ")";
    case BoundKind::kOr: return "(" + Join(e.children, 0, " OR ") + ")";
    case BoundKind::kNullTest: return "(" + child(0) + (e.negated ? " NOTNULL)" : " ISNULL)");
    case BoundKind::kLike: return "(" + child(0) + " " + neg + "LIKE " + child(1) + ")";
    case BoundKind::kGlob: return "(" + child(0) + " " + neg + "GLOB " + child(1) + ")";
    case BoundKind::kBetween: return "(" + child(0) + " " + neg + "BETWEEN " + child(1) + " AND " + child(2) + ")";
    case BoundKind::kInList: return "(" + child(0) + " " + neg + "IN (" + Join(e.children, 1, ", ") + "))";
    case BoundKind::kInSubquery: return "(" + child(0) + " " + neg + "IN (subquery))";
    case BoundKind::kExists: return neg + "EXISTS(subquery)";
    case BoundKind::kScalarSubquery: return "(subquery)";
    case BoundKind::kCase: return "CASE(" + Join(e.children, 0, ", ") + ")";
    case BoundKind::kCast: return "CAST(" + child(0) + " AS " + std::string(AffinityName(e.cast_target)) + ")";
    case BoundKind::kFunction:
    case BoundKind::kAggregate:
      return std::string(e.function ? e.function->name : "?") + "(" + (e.distinct ? "DISTINCT " : "") +
             Join(e.children, 0, ", ") + ")";
    case BoundKind::kRowValue: return "(" + Join(e.children, 0, ", ") + ")";
  }
  return "?";
}

Collation PairCollation(const BoundExpr& l, const BoundExpr& r) {
  if (l.collation_source == CollationSource::kExplicit) return l.collation;
  if (r.collation_source == CollationSource::kExplicit) return r.collation;
  if (l.collation_source == CollationSource::kColumn) return l.collation;
  if (r.collation_source == CollationSource::kColumn) return r.collation;
  return Collation::kBinary;
}

}  // namespace sluice::sql

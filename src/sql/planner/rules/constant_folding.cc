// Rule: constant folding. An expression node whose children are all
// constants, that reads no column, calls nothing non-deterministic and holds
// no subquery or aggregate is replaced by its value. LIKE and like() are
// left alone: PRAGMA case_sensitive_like may change their answer after the
// statement is planned. Errors (e.g. abs() of
// the smallest integer) are left for run time, where SQLite reports them.
#include <vector>

#include "sql/planner/rules/rules.h"

namespace sluice::sql::rules {

namespace {

bool Foldable(const BoundExpr& e) {
  switch (e.kind) {
    case BoundKind::kConstant:
    case BoundKind::kColumn:
    case BoundKind::kAggregate:
    case BoundKind::kInSubquery:
    case BoundKind::kExists:
    case BoundKind::kScalarSubquery:
    case BoundKind::kRowValue: return false;
    case BoundKind::kLike: return false;
    case BoundKind::kFunction:
      if (!e.function->deterministic || e.function->name == "like") return false;
      break;
    default: break;
  }
  for (const BoundExprPtr& c : e.children) {
    if (c->kind != BoundKind::kConstant) return false;
  }
  return true;
}

void Fold(BoundExprPtr& e, const PlannerOptions& options) {
  for (BoundExprPtr& c : e->children) Fold(c, options);
  if (!Foldable(*e)) return;
  Result<Value> v = options.evaluate_constant(*e);
  if (!v.ok()) return;
  BoundExprPtr folded = MakeConstant(*v);
  // A folded expression keeps no affinity (SQLite's constants have none),
  // except a CAST, whose affinity is its target's.
  folded->affinity = e->kind == BoundKind::kCast ? e->affinity : Affinity::kNone;
  folded->collation = e->collation;
  folded->collation_source = e->collation_source;
  e = std::move(folded);
}

}  // namespace

void FoldConstants(PlanNode* root, const PlannerOptions& options) {
  if (!options.evaluate_constant || !options.fold_constants) return;
  std::vector<PlanNode*> stack{root};
  while (!stack.empty()) {
    PlanNode* n = stack.back();
    stack.pop_back();
    ForEachNodeExpr(n, [&](BoundExprPtr& e) { Fold(e, options); });
    for (const PlanPtr& c : n->children) stack.push_back(c.get());
  }
}

void MarkTopN(PlanNode* root) {
  std::vector<PlanNode*> stack{root};
  while (!stack.empty()) {
    PlanNode* n = stack.back();
    stack.pop_back();
    if (n->kind == PlanKind::kLimit && n->children[0]->kind == PlanKind::kSort &&
        n->limit->kind == BoundKind::kConstant && n->limit->constant.is_integer() &&
        (!n->offset || (n->offset->kind == BoundKind::kConstant && n->offset->constant.is_integer()))) {
      int64_t limit = n->limit->constant.integer();
      int64_t offset = n->offset ? n->offset->constant.integer() : 0;
      if (limit >= 0 && offset >= 0 && limit < (int64_t{1} << 40) && offset < (int64_t{1} << 40)) {
        n->children[0]->limit_hint = limit + offset;
      }
    }
    for (const PlanPtr& c : n->children) stack.push_back(c.get());
  }
}

}  // namespace sluice::sql::rules

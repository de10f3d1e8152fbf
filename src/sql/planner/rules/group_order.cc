// Group order: SQLite emits GROUP BY groups in key order, and so does our
// hash aggregation by sorting its groups at the end. When a sort right
// above the aggregate (perhaps through a projection of plain columns)
// orders by every group key under the key's own collation, no two groups
// can tie in that sort, so the order the aggregate emits them in cannot be
// observed and its sort is skipped.
#include <algorithm>

#include "sql/planner/rules/rules.h"

namespace sluice::sql::rules {

namespace {

Collation GroupCollation(const BoundExpr& e) {
  return e.collation_source != CollationSource::kNone ? e.collation : Collation::kBinary;
}

// The aggregate output id that sort key `e` (over `child`'s outputs) reads,
// or nullopt.
std::optional<ColumnId> AggregateColumn(const BoundExpr& e, const PlanNode& child) {
  if (e.kind != BoundKind::kColumn) return std::nullopt;
  if (child.kind == PlanKind::kAggregate) return e.column;
  auto it = std::find(child.outputs.begin(), child.outputs.end(), e.column);
  if (it == child.outputs.end()) return std::nullopt;
  const BoundExpr& projected = *child.exprs[static_cast<size_t>(it - child.outputs.begin())];
  if (projected.kind != BoundKind::kColumn) return std::nullopt;
  return projected.column;
}

void MarkIfCovered(PlanNode* sort) {
  PlanNode* child = sort->children[0].get();
  PlanNode* agg = child;
  if (child->kind == PlanKind::kProject) agg = child->children[0].get();
  if (agg->kind != PlanKind::kAggregate || agg->groups.empty()) return;
  for (size_t k = 0; k < agg->groups.size(); ++k) {
    ColumnId group_id = agg->outputs[k];
    Collation collation = GroupCollation(*agg->groups[k]);
    bool covered = false;
    for (const SortKey& key : sort->sort_keys) {
      std::optional<ColumnId> id = AggregateColumn(*key.expr, *child);
      if (id && *id == group_id && key.collation == collation) covered = true;
    }
    if (!covered) return;
  }
  agg->group_order_needed = false;
}

}  // namespace

void SkipUnobservableGroupOrder(PlanNode* root) {
  std::vector<PlanNode*> stack{root};
  while (!stack.empty()) {
    PlanNode* n = stack.back();
    stack.pop_back();
    if (n->kind == PlanKind::kSort) MarkIfCovered(n);
    for (const PlanPtr& c : n->children) stack.push_back(c.get());
  }
}

}  // namespace sluice::sql::rules

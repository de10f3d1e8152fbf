// The planner's rewrite rules (see planner.h for the order they run in).
#ifndef SLUICE_SQL_PLANNER_RULES_RULES_H_
#define SLUICE_SQL_PLANNER_RULES_RULES_H_

#include <optional>

#include "sql/planner/planner.h"

namespace sluice::sql::rules {

// Folds constant sub-expressions of every expression of the plan tree.
void FoldConstants(PlanNode* root, const PlannerOptions& options);
// Pushes filters down, detects equi-joins, picks index lookups. Returns the
// new root (a Filter may be placed above it).
PlanPtr PushDownFilters(PlanPtr root, const PlannerOptions& options);
// Drops the columns no ancestor reads from scans (and so from the joins
// above them), so that batches carry only what the query needs.
void PruneColumns(PlanNode* root);
// LIMIT (constant) over SORT: a top-N sort.
void MarkTopN(PlanNode* root);
// GROUP BY under a sort that orders by every group key: the aggregate need
// not emit its groups in key order (group_order.cc).
void SkipUnobservableGroupOrder(PlanNode* root);

// Calls fn(BoundExprPtr&) on every expression slot of one node.
template <typename Fn>
void ForEachNodeExpr(PlanNode* n, Fn&& fn) {
  for (auto& row : n->rows)
    for (auto& e : row) fn(e);
  for (auto& keys : n->lookup_keys)
    for (auto& e : keys) fn(e);
  if (n->predicate) fn(n->predicate);
  for (auto& e : n->exprs) fn(e);
  for (auto& e : n->left_keys) fn(e);
  for (auto& e : n->right_keys) fn(e);
  for (auto& e : n->groups) fn(e);
  for (auto& e : n->aggregates) fn(e);
  for (auto& k : n->sort_keys) fn(k.expr);
  if (n->limit) fn(n->limit);
  if (n->offset) fn(n->offset);
  for (auto& a : n->assignments) fn(a.second);
}

}  // namespace sluice::sql::rules

#endif  // SLUICE_SQL_PLANNER_RULES_RULES_H_

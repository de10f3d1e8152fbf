// Planner: rewrites a bound plan (binder/plan.h) into the plan the executor
// runs. Passes, in order (each a file under rules/):
//
//   1. constant_folding  sub-expressions without columns, subqueries or
//                        non-deterministic calls become constants.
//   2. filter_pushdown   WHERE/ON conjuncts move to the lowest node whose
//                        inputs cover their columns; equality conjuncts
//                        between the two sides of a join become hash-join
//                        keys (equi-join detection); index lookups for
//                        `col = const` / `col IN (consts)` on indexed columns.
//   3. top_n             LIMIT over ORDER BY becomes a top-N sort.
//      column_pruning    scans emit only the columns something reads.
//   4. resolve_slots     column references get their batch positions.
// Subquery plans inside expressions are planned the same way, once.
//
// Joins keep FROM order: the left input is probed in its order and matches
// come in build order, which is the order of SQLite's nested loop.
#ifndef SLUICE_SQL_PLANNER_PLANNER_H_
#define SLUICE_SQL_PLANNER_PLANNER_H_

#include <functional>

#include "sluice/result.h"
#include "sql/plan/plan.h"

namespace sluice::sql {

struct PlannerOptions {
  // Evaluates an expression without columns (constant folding); null
  // disables folding. Provided by the executor layer above the planner.
  std::function<Result<Value>(const BoundExpr&)> evaluate_constant;
  bool fold_constants = true;
  bool push_down_filters = true;
  bool hash_joins = true;
  bool use_indexes = true;
  bool top_n = true;
  bool prune_columns = true;
};

// Plans `root` in place (and every subquery plan inside it).
Status PlanQuery(PlanNode* root, const PlannerOptions& options);

// Resolves the column references of `expr` against `layout` (slot = position,
// or -1 for columns of enclosing queries).
void ResolveSlots(BoundExpr* expr, const std::vector<ColumnId>& layout);

// Plans an expression evaluated over rows of `layout` outside any plan
// node: folds constants, resolves slots and plans the
// subqueries inside it.
Status PlanExpression(BoundExprPtr* expr, const std::vector<ColumnId>& layout, const PlannerOptions& options);

// Conjuncts of an AND tree (moved out of `expr`).
void SplitConjuncts(BoundExprPtr expr, std::vector<BoundExprPtr>* out);
BoundExprPtr MakeConjunction(std::vector<BoundExprPtr> conjuncts);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_PLANNER_PLANNER_H_

// UPDATE / DELETE ... [ORDER BY ...] LIMIT n [OFFSET m], as sqlite3 built
// with SQLITE_ENABLE_UPDATE_DELETE_LIMIT (Debian's): the rows the
// statement would change, sorted by the ORDER BY terms (expressions over
// the target's columns; no ORDER BY: scan order) and cut by LIMIT/OFFSET
// (evaluated once, with SELECT's rules) before the write.
#include "sql/binder/binder.h"
#include "sql/binder/binder_internal.h"

namespace sluice::sql {

Result<PlanPtr> Binder::Impl::BindModifyLimit(PlanPtr plan, Scope* scope) {
  const ModifyLimit& m = modify_limit_;
  if (m.order_by != nullptr && !m.order_by->empty()) {
    if (m.order_by->size() > kMaxColumns) return Status::InvalidArgument("too many terms in ORDER BY clause");
    auto sort = std::make_shared<PlanNode>(PlanKind::kSort);
    sort->outputs = plan->outputs;
    for (const OrderingTerm& term : *m.order_by) {
      ExprContext ctx{scope, false};
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr e, BindExpr(*term.expr, ctx));
      SortKey key;
      key.collation = e->collation_source != CollationSource::kNone ? e->collation : Collation::kBinary;
      key.descending = term.order == SortOrder::kDesc;
      key.nulls_first = term.nulls == NullsOrder::kDefault ? !key.descending : term.nulls == NullsOrder::kFirst;
      key.expr = std::move(e);
      sort->sort_keys.push_back(std::move(key));
    }
    sort->children.push_back(std::move(plan));
    plan = sort;
  }
  auto limit = std::make_shared<PlanNode>(PlanKind::kLimit);
  limit->outputs = plan->outputs;
  Scope empty;
  ExprContext ctx{&empty};
  SLUICE_ASSIGN_OR_RETURN(limit->limit, BindExpr(*m.limit, ctx));
  if (m.offset != nullptr) {
    SLUICE_ASSIGN_OR_RETURN(limit->offset, BindExpr(*m.offset, ctx));
  }
  limit->children.push_back(std::move(plan));
  return PlanPtr(limit);
}

}  // namespace sluice::sql

// INDEXED BY checks, as sqlite3IndexedByLookup(): the index named must be
// one of the table's (an explicit index or a constraint's automatic one),
// else the statement fails with "no such index: name". The planner picks
// its access paths itself, so a named index that exists changes nothing
// in the results (sqlite3 3.40 can use any index of the table for a scan,
// so it never refuses one that exists either) — except a partial index,
// which the planner may use only when the query's WHERE holds the index's
// WHERE as a term: the scan is marked (PlanNode::indexed_by_partial) and
// the planner answers "no query solution" otherwise. NOT INDEXED needs no
// check.
#include "sql/binder/binder_internal.h"

namespace sluice::sql {

Status CheckIndexedBy(const Table* table, const std::string& index) {
  if (index.empty() || table == nullptr) return Status::OK();
  for (const IndexDef& idx : table->indexes) {
    if (NameEqualsNoCase(idx.name, index)) return Status::OK();
  }
  return Status::InvalidArgument("no such index: " + index);
}

void MarkIndexedByPartial(PlanNode* plan, const std::string& index) {
  if (index.empty() || plan == nullptr) return;
  if (plan->kind == PlanKind::kGet && plan->table != nullptr) {
    for (size_t i = 0; i < plan->table->indexes.size(); ++i) {
      const IndexDef& idx = plan->table->indexes[i];
      if (idx.filter != nullptr && NameEqualsNoCase(idx.name, index)) plan->indexed_by_partial = static_cast<int>(i);
    }
    return;
  }
  for (const PlanPtr& c : plan->children) MarkIndexedByPartial(c.get(), index);
}

}  // namespace sluice::sql

// UPSERT's DO NOTHING (INSERT ... ON CONFLICT [(target)] DO NOTHING): a row
// that would conflict with one of the constraints the clauses name (the
// binder's PlanNode::upsert_skip) is skipped, before any other uniqueness
// check, so the statement's own conflict resolution (OR REPLACE, ...) still
// applies to the others; NOT NULL and CHECK failures are not conflicts an
// ON CONFLICT clause resolves.
#ifndef SLUICE_SQL_EXEC_OPS_UPSERT_H_
#define SLUICE_SQL_EXEC_OPS_UPSERT_H_

#include <cstdint>
#include <vector>

#include "sql/catalog/table.h"

namespace sluice::sql {

// True when `row` (affinity applied), stored as `rowid`, conflicts with a
// row of `t` on one of `constraints` (-1: the rowid, else a position in
// t.indexes).
bool UpsertConflicts(const Table& t, const std::vector<int>& constraints, const std::vector<Value>& row,
                     int64_t rowid);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_EXEC_OPS_UPSERT_H_

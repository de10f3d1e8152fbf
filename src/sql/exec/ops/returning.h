// RETURNING: each row an INSERT, UPDATE (or UPSERT's DO UPDATE) writes, or
// a DELETE removes, is evaluated through PlanNode::returning as it is at
// that moment (after defaults, affinity and generated columns) and kept in
// ExecContext::returning, in the order the statement processes the rows.
// The connection hands them out only once the statement has succeeded.
#ifndef SLUICE_SQL_EXEC_OPS_RETURNING_H_
#define SLUICE_SQL_EXEC_OPS_RETURNING_H_

#include <cstddef>

#include "sluice/status.h"
#include "sql/catalog/table.h"
#include "sql/exec/exec_context.h"
#include "sql/plan/plan.h"

namespace sluice::sql {

// True when `node` has a RETURNING clause and someone collects its rows.
inline bool WantsReturning(const PlanNode& node, const ExecContext* ctx) {
  return !node.returning.empty() && ctx->returning != nullptr;
}

// Evaluates the RETURNING expressions over the row at `pos` of `data` and
// appends the result to ctx->returning. REQUIRES: WantsReturning.
Status EmitReturning(const PlanNode& node, ExecContext* ctx, const TableData& data, size_t pos);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_EXEC_OPS_RETURNING_H_

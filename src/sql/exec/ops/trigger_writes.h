// Row writes that fire triggers: the paths the modify operators (insert.cc,
// update.cc, delete.cc) take when ExecContext::row_triggers is set, and the
// interface through which they fire (the connection's trigger runner
// implements it).
//
// Row by row, as SQLite: the BEFORE triggers of a row, its write, then its
// AFTER triggers, so that each sees the writes of the rows before it. A
// trigger may write the target table itself, so the table is looked up
// again (TableWriteAccess::Writable) after every firing. A RAISE(IGNORE)
// skips the row (and its remaining triggers) and goes on with the next.
//
// Atomicity: these paths do not undo a failed statement themselves; the
// connection restores the catalog it kept from before the statement (the
// triggers' writes must be undone with it), except where SQLite keeps
// the work done so far (OR FAIL, RAISE(FAIL)).
#ifndef SLUICE_SQL_EXEC_OPS_TRIGGER_WRITES_H_
#define SLUICE_SQL_EXEC_OPS_TRIGGER_WRITES_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "sluice/result.h"
#include "sql/catalog/table.h"
#include "sql/exec/data_chunk.h"
#include "sql/exec/exec_context.h"
#include "sql/plan/plan.h"

namespace sluice::sql {

class RowTriggers {
 public:
  enum class Timing : uint8_t { kBefore, kAfter };
  virtual ~RowTriggers() = default;
  // Fires the triggers of `timing` for one row. `old_row` / `new_row`: the
  // row's values, one per column, then its rowid; null when the event has
  // none (OLD for INSERT, NEW for DELETE). A RAISE(IGNORE) comes back as
  // its status (IsRaise(s, RaiseAction::kIgnore), function/raise.h).
  virtual Status Fire(Timing timing, const std::vector<Value>* old_row, const std::vector<Value>* new_row) = 0;
  // A row that INSERT OR REPLACE deleted (values, then rowid): sqlite3
  // fires the table's DELETE triggers for it when recursive triggers are
  // on.
  virtual Status FireReplaceDelete(const std::vector<Value>& old_row) = 0;
};

namespace ops {

// INSERT: stores `source` (one column per node.insert_columns entry),
// unnamed columns from `defaults`; `rowid_slot`: the source column holding
// an explicit rowid, or -1. The ON CONFLICT clauses of node.upserts apply
// (exec/ops/upsert.h). Returns the number of rows inserted or updated.
Result<int64_t> InsertFiringTriggers(const PlanNode& node, ExecContext* ctx, const RowStore& source,
                                     const std::vector<Value>& defaults, int rowid_slot);

// UPDATE: `apply` writes values[a][0] into the one row `rowids[0]` of a
// table (UpdateOp's checked write) and returns 1 when it changed it.
using ApplyUpdate = std::function<Result<int64_t>(Table&, const std::vector<int64_t>& rowids,
                                                  const std::vector<std::vector<Value>>& values)>;
Result<int64_t> UpdateFiringTriggers(const PlanNode& node, ExecContext* ctx, const std::vector<int64_t>& rowids,
                                     const std::vector<std::vector<Value>>& values, const ApplyUpdate& apply);

// DELETE: deletes the rows `rowids`, in that order.
Result<int64_t> DeleteFiringTriggers(const PlanNode& node, ExecContext* ctx, const std::vector<int64_t>& rowids);

}  // namespace ops
}  // namespace sluice::sql

#endif  // SLUICE_SQL_EXEC_OPS_TRIGGER_WRITES_H_

// UPSERT (INSERT ... ON CONFLICT) as sqlite3 3.35+ runs it: a row that
// passed its NOT NULL and CHECK constraints is tested against the clauses
// in order (PlanNode::upserts); the first whose constraints (a target, or
// all of them) it conflicts with decides: DO NOTHING skips the row, DO
// UPDATE updates the conflicting row instead (when its WHERE holds; else
// the row is skipped), with ABORT semantics whatever the INSERT's own
// conflict clause: NOT NULL, STRICT, CHECK and UNIQUE / rowid conflicts of
// the updated row fail the statement. Conflicts no clause covers go to the
// statement's usual checks (and its OR clause).
//
// The updates are undoable: Undo() puts every updated row back as it was,
// newest first, for the insert operator's failure path.
#ifndef SLUICE_SQL_EXEC_OPS_UPSERT_H_
#define SLUICE_SQL_EXEC_OPS_UPSERT_H_

#include <cstdint>
#include <vector>

#include "sql/catalog/table.h"
#include "sql/exec/exec_context.h"
#include "sql/exec/ops/table_write.h"
#include "sql/plan/plan.h"

namespace sluice::sql {

class UpsertExecutor : public UpsertHandler {
 public:
  // REQUIRES: node (a kInsert with upserts) and ctx outlive this.
  UpsertExecutor(const PlanNode& node, ExecContext* ctx) : node_(node), ctx_(ctx) {}

  Result<bool> Handle(Table& t, const std::vector<Value>& row, int64_t rowid) override;
  // Rows DO UPDATE changed (each counts as a change, as in sqlite3).
  int64_t updated() const { return updated_; }
  void Undo(Table& t);

 private:
  // The position of a row of `t` that `row` (as `rowid`) conflicts with on
  // one of `constraints`, or -1.
  static int64_t Conflict(const Table& t, const std::vector<int>& constraints, const std::vector<Value>& row,
                          int64_t rowid);
  Status Update(Table& t, const UpsertAction& action, size_t pos, const std::vector<Value>& row, int64_t rowid,
                bool* changed);

  struct Saved {
    int64_t rowid;      // the row's rowid after the update
    int64_t old_rowid;  // ... and before
    std::vector<Value> values;
  };
  const PlanNode& node_;
  ExecContext* ctx_;
  int64_t updated_ = 0;
  std::vector<Saved> undo_;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_EXEC_OPS_UPSERT_H_

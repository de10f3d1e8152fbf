// Row writes that fire triggers (see trigger_writes.h).
#include "sql/exec/ops/trigger_writes.h"

#include <optional>

#include "sql/exec/ops/autoincrement.h"
#include "sql/exec/ops/returning.h"
#include "sql/exec/ops/table_write.h"
#include "sql/exec/ops/upsert.h"
#include "sql/function/raise.h"

namespace sluice::sql::ops {

namespace {

// UpdateOp's assignment targets that are not table columns (update.cc).
constexpr int kRowidColumn = -2;
constexpr int kSuperseded = -3;

using Timing = RowTriggers::Timing;

Table* Target(ExecContext* ctx, const std::string& name, Status* error) {
  Table* t = ctx->tables->Writable(name);
  if (t == nullptr) *error = Status::InvalidArgument("no such table: " + name);
  return t;
}

// The row stored under `rowid` (values, then the rowid); empty when gone.
std::vector<Value> ReadRow(const Table& t, int64_t rowid) {
  std::vector<Value> row;
  int64_t pos = t.data.FindRowid(rowid);
  if (pos < 0) return row;
  for (size_t c = 0; c < t.columns_info.size(); ++c) row.push_back(t.data.value(c, static_cast<size_t>(pos)).Owned());
  row.push_back(Value::Integer(rowid));
  return row;
}

}  // namespace

Result<int64_t> InsertFiringTriggers(const PlanNode& node, ExecContext* ctx, const RowStore& source,
                                     const std::vector<Value>& defaults, int rowid_slot) {
  RowTriggers* triggers = ctx->row_triggers;
  const std::string& name = node.table->name;
  int64_t count = 0;
  // ON CONFLICT clauses (the statement's undo is the caller's catalog
  // copy). DO UPDATE gets here only when no UPDATE trigger is on the table
  // (triggers.cc refuses the rest).
  std::optional<UpsertExecutor> upsert;
  if (!node.upserts.empty()) upsert.emplace(node, ctx);
  // AUTOINCREMENT: the counter, written back when every row is in.
  std::optional<AutoincrementCounter> autoinc;
  if (node.table->autoincrement) {
    SLUICE_ASSIGN_OR_RETURN(AutoincrementCounter counter, AutoincrementCounter::Start(ctx->tables, *node.table));
    autoinc = std::move(counter);
  }
  for (size_t r = 0; r < source.size; ++r) {
    SLUICE_RETURN_IF_ERROR(ctx->CheckInterrupt());  // each row runs programs
    std::vector<Value> row = defaults;
    Value explicit_rowid;
    for (size_t i = 0; i < node.insert_columns.size(); ++i) {
      if (node.insert_columns[i] >= 0) {
        row[static_cast<size_t>(node.insert_columns[i])] = source.columns[i][r];
      } else {
        explicit_rowid = source.columns[i][r];
      }
    }
    Status error;
    Table* t = Target(ctx, name, &error);
    if (t == nullptr) return error;
    // NEW as the BEFORE triggers see it: column affinity applied; the
    // rowid -1 while it is not known yet (sqlite3).
    std::vector<Value> before = row;
    for (size_t c = 0; c < before.size(); ++c) {
      before[c] = ApplyColumnAffinity(t->columns_info[c].affinity, before[c]).Owned();
    }
    Value rowid = explicit_rowid;
    if (t->rowid_alias >= 0 && !before[static_cast<size_t>(t->rowid_alias)].is_null()) {
      rowid = before[static_cast<size_t>(t->rowid_alias)];
    }
    Value known = ApplyColumnAffinity(Affinity::kInteger, rowid);
    before.push_back(known.is_integer() ? known : Value::Integer(-1));
    if (t->rowid_alias >= 0) before[static_cast<size_t>(t->rowid_alias)] = before.back();
    Status st = triggers->Fire(Timing::kBefore, nullptr, &before);
    if (IsRaise(st, RaiseAction::kIgnore)) continue;
    SLUICE_RETURN_IF_ERROR(st);
    t = Target(ctx, name, &error);  // the triggers may have written it
    if (t == nullptr) return error;
    std::vector<DeletedRow> deleted;
    bool auto_rowid = false;
    if (autoinc) {
      SLUICE_ASSIGN_OR_RETURN(auto_rowid, AutoincrementRowid(*t, &*autoinc, row, &explicit_rowid));
    }
    SLUICE_ASSIGN_OR_RETURN(InsertedRow ins,
                            InsertRow(*t, std::move(row), rowid_slot >= 0 || auto_rowid ? &explicit_rowid : nullptr,
                                      node.conflict, node.conflict == ConflictResolution::kReplace ? &deleted : nullptr,
                                      {&node.checks, ctx, &defaults, &node.generated, upsert ? &*upsert : nullptr}));
    for (DeletedRow& gone : deleted) {
      gone.values.push_back(Value::Integer(gone.rowid));
      SLUICE_RETURN_IF_ERROR(triggers->FireReplaceDelete(gone.values));
    }
    if (!deleted.empty()) {
      t = Target(ctx, name, &error);
      if (t == nullptr) return error;
    }
    if (!ins.inserted) continue;
    ++count;
    if (ctx->connection != nullptr) ctx->connection->last_insert_rowid = ins.rowid;
    if (ctx->inserted != nullptr) ctx->inserted->push_back(ins.rowid);
    // RETURNING gives the row as stored, before its AFTER triggers run.
    if (WantsReturning(node, ctx)) {
      SLUICE_RETURN_IF_ERROR(EmitReturning(node, ctx, t->data, static_cast<size_t>(t->data.FindRowid(ins.rowid))));
    }
    std::vector<Value> after = ReadRow(*t, ins.rowid);
    st = triggers->Fire(Timing::kAfter, nullptr, &after);
    if (IsRaise(st, RaiseAction::kIgnore)) continue;
    SLUICE_RETURN_IF_ERROR(st);
  }
  if (upsert) count += upsert->updated();
  if (autoinc) SLUICE_RETURN_IF_ERROR(autoinc->Finish(ctx->tables));
  return count;
}

Result<int64_t> UpdateFiringTriggers(const PlanNode& node, ExecContext* ctx, const std::vector<int64_t>& rowids,
                                     const std::vector<std::vector<Value>>& values, const ApplyUpdate& apply) {
  RowTriggers* triggers = ctx->row_triggers;
  const std::string& name = node.table->name;
  int64_t count = 0;
  std::vector<std::vector<Value>> one(values.size(), std::vector<Value>(1));
  for (size_t r = 0; r < rowids.size(); ++r) {
    SLUICE_RETURN_IF_ERROR(ctx->CheckInterrupt());  // each row runs programs
    Status error;
    Table* t = Target(ctx, name, &error);
    if (t == nullptr) return error;
    std::vector<Value> old_row = ReadRow(*t, rowids[r]);
    if (old_row.empty()) continue;  // deleted by a trigger of an earlier row
    std::vector<Value> new_row = old_row;
    for (size_t a = 0; a < values.size(); ++a) {
      int col = node.assignments[a].first;
      if (col == kSuperseded) continue;
      if (col == kRowidColumn) {
        new_row.back() = ApplyColumnAffinity(Affinity::kInteger, values[a][r]).Owned();
        continue;
      }
      new_row[static_cast<size_t>(col)] =
          ApplyColumnAffinity(t->columns_info[static_cast<size_t>(col)].affinity, values[a][r]).Owned();
      if (col == t->rowid_alias) new_row.back() = new_row[static_cast<size_t>(col)];
    }
    Status st = triggers->Fire(Timing::kBefore, &old_row, &new_row);
    if (IsRaise(st, RaiseAction::kIgnore)) continue;
    SLUICE_RETURN_IF_ERROR(st);
    t = Target(ctx, name, &error);
    if (t == nullptr) return error;
    if (t->data.FindRowid(rowids[r]) < 0) continue;  // a BEFORE trigger deleted it
    for (size_t a = 0; a < values.size(); ++a) one[a][0] = values[a][r];
    SLUICE_ASSIGN_OR_RETURN(int64_t changed, apply(*t, {rowids[r]}, one));
    if (changed == 0) continue;  // OR IGNORE skipped it
    ++count;
    // Where the row is now: its rowid may have been assigned.
    int64_t rowid = rowids[r];
    if (new_row.back().is_integer()) rowid = new_row.back().integer();
    std::vector<Value> after = ReadRow(*t, rowid);
    if (after.empty()) after = ReadRow(*t, rowids[r]);
    if (after.empty()) continue;
    st = triggers->Fire(Timing::kAfter, &old_row, &after);
    if (IsRaise(st, RaiseAction::kIgnore)) continue;
    SLUICE_RETURN_IF_ERROR(st);
  }
  return count;
}

Result<int64_t> DeleteFiringTriggers(const PlanNode& node, ExecContext* ctx, const std::vector<int64_t>& rowids) {
  RowTriggers* triggers = ctx->row_triggers;
  const std::string& name = node.table->name;
  int64_t count = 0;
  for (int64_t rowid : rowids) {
    SLUICE_RETURN_IF_ERROR(ctx->CheckInterrupt());  // each row runs programs
    Status error;
    Table* t = Target(ctx, name, &error);
    if (t == nullptr) return error;
    std::vector<Value> old_row = ReadRow(*t, rowid);
    if (old_row.empty()) continue;  // deleted by a trigger of an earlier row
    Status st = triggers->Fire(Timing::kBefore, &old_row, nullptr);
    if (IsRaise(st, RaiseAction::kIgnore)) continue;
    SLUICE_RETURN_IF_ERROR(st);
    t = Target(ctx, name, &error);
    if (t == nullptr) return error;
    int64_t pos = t->data.FindRowid(rowid);
    if (pos < 0) continue;
    if (WantsReturning(node, ctx)) SLUICE_RETURN_IF_ERROR(EmitReturning(node, ctx, t->data, static_cast<size_t>(pos)));
    // The foreign key check of the statement needs the rows it deleted.
    if (ctx->deleted != nullptr) {
      std::vector<Value> values(old_row.begin(), old_row.end() - 1);
      ctx->deleted->emplace_back(rowid, std::move(values));
    }
    t->data.DeleteRows({static_cast<size_t>(pos)});
    ++count;
    st = triggers->Fire(Timing::kAfter, &old_row, nullptr);
    if (IsRaise(st, RaiseAction::kIgnore)) continue;
    SLUICE_RETURN_IF_ERROR(st);
  }
  return count;
}

}  // namespace sluice::sql::ops

// UPSERT: the ON CONFLICT clauses of an INSERT (see upsert.h).
#include "sql/exec/ops/upsert.h"

#include <utility>

#include "sql/catalog/index.h"
#include "sql/exec/expr_eval.h"
#include "sql/exec/ops/returning.h"
#include "sql/value/logic.h"

namespace sluice::sql {

namespace {

constexpr int kRowidColumn = -2;  // UpsertAction::assignments: the rowid of a table without an alias
constexpr int kSuperseded = -3;

}  // namespace

int64_t UpsertExecutor::Conflict(const Table& t, const std::vector<int>& constraints, const std::vector<Value>& row,
                                 int64_t rowid) {
  for (int c : constraints) {
    if (c < 0) {
      int64_t pos = t.data.FindRowid(rowid);
      if (pos >= 0) return pos;
      continue;
    }
    const IndexDef& idx = t.indexes[static_cast<size_t>(c)];
    // A row outside a partial index cannot conflict in it.
    if (idx.filter != nullptr && !idx.filter->Covers(row, rowid)) continue;
    std::vector<Value> key = IndexKeyOfRow(idx, row, rowid);
    // Lookup finds nothing for a key with a NULL: NULLs are distinct.
    std::vector<uint32_t> hits = t.Index(static_cast<size_t>(c)).Lookup(key);
    if (!hits.empty()) return hits[0];
  }
  return -1;
}

Result<bool> UpsertExecutor::Handle(Table& t, const std::vector<Value>& row, int64_t rowid) {
  for (const UpsertAction& action : node_.upserts) {
    int64_t pos = Conflict(t, action.constraints, row, rowid);
    if (pos < 0) continue;
    if (!action.do_update) return true;
    bool changed = false;
    SLUICE_RETURN_IF_ERROR(Update(t, action, static_cast<size_t>(pos), row, rowid, &changed));
    if (changed) ++updated_;
    return true;
  }
  return false;
}

Status UpsertExecutor::Update(Table& t, const UpsertAction& action, size_t pos, const std::vector<Value>& row,
                              int64_t rowid, bool* changed) {
  TableData& data = t.data;
  const size_t n = t.columns_info.size();
  // The slots: the conflicting row and its rowid, then the proposed row
  // ("excluded") and its rowid.
  std::vector<Value> slots(2 * (n + 1));
  for (size_t c = 0; c < n; ++c) slots[c] = data.value(c, pos);
  slots[n] = Value::Integer(data.rowid(pos));
  for (size_t c = 0; c < n; ++c) slots[n + 1 + c] = row[c];
  slots[2 * n + 1] = Value::Integer(rowid);
  std::vector<const Value*> pointers(slots.size());
  for (size_t i = 0; i < slots.size(); ++i) pointers[i] = &slots[i];
  RowRef ref;
  ref.left = pointers.data();
  ref.left_width = pointers.size();
  static const std::vector<ColumnId> kNoLayout;
  ExprEvaluator eval(ctx_, &kNoLayout);
  if (action.where != nullptr) {
    SLUICE_ASSIGN_OR_RETURN(Value w, eval.Eval(*action.where, ref));
    if (Truthiness(w) != TriBool::kTrue) return Status::OK();
  }
  std::vector<Value> values;
  for (const auto& a : action.assignments) {
    SLUICE_ASSIGN_OR_RETURN(Value v, eval.Eval(*a.second, ref));
    values.push_back(v.Owned());
  }
  // The indexes are built before the update opens (only reads and value
  // writes are allowed while it is).
  std::vector<std::pair<size_t, const HashIndex*>> unique;
  for (size_t i = 0; i < t.indexes.size(); ++i) {
    if (t.indexes[i].unique) unique.emplace_back(i, &t.Index(i));
  }
  Saved saved;
  saved.old_rowid = data.rowid(pos);
  for (size_t c = 0; c < n; ++c) saved.values.push_back(data.value(c, pos).Owned());
  int64_t new_rowid = saved.old_rowid;
  data.BeginUpdate();
  auto fail = [&](Status st) {
    data.RollbackUpdate();
    return st;
  };
  for (size_t a = 0; a < action.assignments.size(); ++a) {
    const int col = action.assignments[a].first;
    if (col == kSuperseded) continue;
    if (col == kRowidColumn || col == t.rowid_alias) {
      if (values[a].is_null()) return fail(Status::InvalidArgument("datatype mismatch", ResultCode::kMismatch));
      Result<int64_t> id = RowidValue(values[a]);
      if (!id.ok()) return fail(id.status());
      if (*id != new_rowid) {
        if (data.FindRowid(*id) >= 0) {
          return fail(Status::InvalidArgument("UNIQUE constraint failed: " + RowidName(t), RowidConflictCode(t)));
        }
        data.UpdateRowid(pos, *id);
        if (ctx_->renumbered != nullptr) ctx_->renumbered->emplace_back(new_rowid, *id);
        new_rowid = *id;
      }
      if (col >= 0) data.UpdateValue(static_cast<size_t>(col), pos, Value::Integer(*id));
      continue;
    }
    const ColumnInfo& info = t.columns_info[static_cast<size_t>(col)];
    Value v = ApplyColumnAffinity(info.affinity, values[a]).Owned();
    if (v.is_null() && info.not_null) {
      return fail(Status::InvalidArgument("NOT NULL constraint failed: " + t.name + "." + info.name,
                                          ResultCode::kConstraintNotNull));
    }
    if (t.strict) {
      if (Status st = CheckStrictType(t, static_cast<size_t>(col), v); !st.ok()) return fail(st);
    }
    data.UpdateValue(static_cast<size_t>(col), pos, std::move(v));
  }
  if (!node_.checks.empty() || !node_.generated.empty()) {
    std::vector<Value> now(n);
    for (size_t c = 0; c < n; ++c) now[c] = data.value(c, pos);
    RowChecks row_checks{&node_.checks, ctx_, nullptr, &node_.generated};
    if (Status st = ComputeGenerated(t, row_checks, &now, new_rowid); !st.ok()) return fail(st);
    for (const GeneratedColumn& g : node_.generated) {
      size_t c = static_cast<size_t>(g.column);
      if (now[c].is_null() && t.columns_info[c].not_null) {
        return fail(Status::InvalidArgument("NOT NULL constraint failed: " + t.name + "." + t.columns_info[c].name,
                                            ResultCode::kConstraintNotNull));
      }
      data.UpdateValue(c, pos, now[c]);
    }
    if (Status st = CheckRow(t, row_checks, now, new_rowid); !st.ok()) return fail(st);
  }
  for (const auto& [i, index] : unique) {
    if (index->HasOtherWithKeyOf(pos)) {
      return fail(Status::InvalidArgument(UniqueMessage(t, t.indexes[i]), UniqueConflictCode(t.indexes[i])));
    }
  }
  data.CommitUpdate();
  if (WantsReturning(node_, ctx_)) {
    int64_t now = data.FindRowid(new_rowid);
    SLUICE_RETURN_IF_ERROR(EmitReturning(node_, ctx_, data, static_cast<size_t>(now)));
  }
  saved.rowid = new_rowid;
  undo_.push_back(std::move(saved));
  *changed = true;
  return Status::OK();
}

void UpsertExecutor::Undo(Table& t) {
  TableData& data = t.data;
  for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
    int64_t pos = data.FindRowid(it->rowid);
    if (pos < 0) continue;  // deleted since (OR REPLACE): put back as deleted
    if (it->rowid != it->old_rowid && data.FindRowid(it->old_rowid) >= 0) continue;
    data.BeginUpdate();
    for (size_t c = 0; c < it->values.size(); ++c) data.UpdateValue(c, static_cast<size_t>(pos), it->values[c]);
    if (it->rowid != it->old_rowid) data.UpdateRowid(static_cast<size_t>(pos), it->old_rowid);
    data.CommitUpdate();
  }
  undo_.clear();
}

}  // namespace sluice::sql

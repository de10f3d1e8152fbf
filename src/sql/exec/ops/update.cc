// Update: the modify operator of UPDATE (PlanKind::kUpdate). Its child
// yields the rows to change (the table's columns, then the rowid). All are
// read, and every new value computed from the old rows, before the table
// changes; then the rows are updated in place, in order, with SQLite's
// row-by-row NOT NULL / STRICT type / CHECK / UNIQUE / rowid checks. A
// failure rolls every write back (TableData::RollbackUpdate): a statement
// is all or nothing — unless its conflict clause says otherwise, as in
// SQLite: OR IGNORE leaves a row that breaks a constraint as it was and
// goes on; OR FAIL keeps the rows changed before it; OR REPLACE deletes
// the rows whose key (or rowid) the row takes, and gives a NULL in a NOT
// NULL column its DEFAULT. Emits one row: the number of rows changed.
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include "sql/catalog/index.h"
#include "sql/exec/expr_eval.h"
#include "sql/exec/ops/modify_operator.h"
#include "sql/exec/ops/ops.h"
#include "sql/exec/ops/returning.h"
#include "sql/exec/ops/table_write.h"
#include "sql/exec/ops/trigger_writes.h"
#include "sql/exec/ops/update_from.h"

namespace sluice::sql::ops {

namespace {

// PlanNode::assignments columns that are not table columns.
constexpr int kRowidColumn = -2;  // the rowid of a table without an alias
constexpr int kSuperseded = -3;   // SET the same column twice: the last wins

class UpdateOp : public ModifyOperator {
 public:
  UpdateOp(const PlanNode& node, ExecContext* ctx, OperatorPtr child)
      : ModifyOperator(node), ctx_(ctx), child_(std::move(child)) {}

 private:
  Result<int64_t> Run() override {
    const std::vector<ColumnId>& layout = node_.children[0]->outputs;
    RowStore rows;
    rows.Init(layout.size());
    DataChunk chunk;
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(bool more, child_->Next(&chunk));
      if (!more) break;
      rows.Append(chunk);
    }
    child_.reset();  // done reading: the scans may let go of the table
    if (rows.size == 0) return int64_t{0};
    const auto& assignments = node_.assignments;
    // New values of every matched row, computed from the old rows first.
    ExprEvaluator eval(ctx_, &layout);
    std::vector<std::vector<Value>> values(assignments.size());
    const Value* const* row_columns = rows.column_pointers();
    for (size_t r = 0; r < rows.size; ++r) {
      RowRef row;
      row.left = row_columns;
      row.left_row = r;
      row.left_width = rows.columns.size();
      for (size_t a = 0; a < assignments.size(); ++a) {
        SLUICE_ASSIGN_OR_RETURN(Value v, eval.Eval(*assignments[a].second, row));
        values[a].push_back(v.Owned());
      }
    }
    size_t matched = rows.size;
    size_t rowid_slot = layout.size() - 1;
    if (node_.update_rowid != 0) rowid_slot = UpdateFromRowidSlot(layout, node_.update_rowid);
    std::vector<int64_t> matched_rowids(matched);
    for (size_t r = 0; r < matched; ++r) matched_rowids[r] = rows.columns[rowid_slot][r].integer();
    if (node_.update_rowid != 0) KeepOneMatchPerRow(&matched_rowids, &values);
    if (ctx_->matched != nullptr) *ctx_->matched = matched_rowids;
    rows = RowStore();
    SLUICE_CHECK(ctx_->tables != nullptr);
    if (ctx_->row_triggers != nullptr) {
      return UpdateFiringTriggers(node_, ctx_, matched_rowids, values,
                                  [this](Table& t, const std::vector<int64_t>& ids,
                                         const std::vector<std::vector<Value>>& v) { return Apply(t, ids, v); });
    }
    Table* work = ctx_->tables->Writable(node_.table->name);
    if (work == nullptr) return Status::InvalidArgument("no such table: " + node_.table->name);
    return Apply(*work, matched_rowids, values);
  }

  // Writes values[a][r] into the row of matched_rowids[r], in place;
  // returns the number of rows changed.
  Result<int64_t> Apply(Table& t, const std::vector<int64_t>& matched_rowids,
                        const std::vector<std::vector<Value>>& values) {
    const auto& assignments = node_.assignments;
    const ConflictResolution conflict = node_.conflict;
    TableData& data = t.data;
    // OR REPLACE: the DEFAULT a NULL in a NOT NULL column takes.
    std::vector<Value> defaults(t.columns_info.size());
    for (size_t c = 0; c < node_.insert_defaults.size() && c < defaults.size(); ++c) {
      if (node_.insert_defaults[c] == nullptr) continue;
      SLUICE_ASSIGN_OR_RETURN(defaults[c], EvaluateConstant(*node_.insert_defaults[c], ctx_));
      defaults[c].MakeOwned();
    }
    bool sets_rowid = false;
    for (const auto& a : assignments)
      sets_rowid |= a.first == kRowidColumn || (a.first >= 0 && a.first == t.rowid_alias);
    // SQLite checks UNIQUE row by row, in update order: the table's built
    // indexes follow every value written (TableData::UpdateValue), so a
    // row's key is checked against the rows as they are at that moment.
    // The position of every current rowid is kept when rowids are assigned
    // (FindRowid does not see renumbered rows while the update is open).
    std::vector<std::pair<size_t, const HashIndex*>> unique;
    for (size_t i = 0; i < t.indexes.size(); ++i) {
      if (t.indexes[i].unique) unique.emplace_back(i, &t.Index(i));
    }
    std::unordered_map<int64_t, size_t> live_rowids;
    for (size_t i = 0; sets_rowid && i < data.row_count(); ++i) {
      if (!data.is_dead(i)) live_rowids.emplace(data.rowid(i), i);
    }
    // Every matched row's position, found before anything is written: a
    // rowid assigned to an earlier row may equal a later row's old rowid,
    // and rows keep their positions until CommitUpdate.
    std::vector<int64_t> positions(matched_rowids.size());
    for (size_t r = 0; r < matched_rowids.size(); ++r) positions[r] = data.FindRowid(matched_rowids[r]);
    if (ctx_->updated != nullptr) {
      for (int64_t pos : positions) {
        if (pos < 0) continue;
        std::vector<Value> old(data.column_count());
        for (size_t c = 0; c < old.size(); ++c) old[c] = data.value(c, static_cast<size_t>(pos)).Owned();
        ctx_->updated->emplace_back(data.rowid(static_cast<size_t>(pos)), std::move(old));
      }
    }
    // OR REPLACE: positions of the rows the statement deletes, removed
    // once the update is committed. Such a row stays in place until then,
    // so the checks of later rows skip it; one that holds a rowid being
    // assigned moves to a spare rowid first.
    std::unordered_set<size_t> doomed;
    int64_t next_spare = INT64_MIN;
    int64_t changed = 0;
    data.BeginUpdate();
    auto fail = [&](Status st) {
      data.RollbackUpdate();
      return st;
    };
    // The values (and rowid) a row had, to undo it alone (OR IGNORE, OR
    // FAIL; other clauses undo the whole statement).
    std::vector<std::pair<size_t, Value>> undo;
    const bool undo_rows = conflict == ConflictResolution::kIgnore || conflict == ConflictResolution::kFail;
    for (size_t r = 0; r < matched_rowids.size(); ++r) {
      int64_t pos = positions[r];
      if (pos < 0) continue;
      size_t p = static_cast<size_t>(pos);
      if (doomed.count(p) != 0) continue;  // deleted by an earlier row's REPLACE
      undo.clear();
      const int64_t old_rowid = data.rowid(p);
      Status st =
          UpdateRow(t, p, r, values, defaults, &live_rowids, unique, &doomed, &next_spare, undo_rows ? &undo : nullptr);
      if (st.ok() && WantsReturning(node_, ctx_)) st = EmitReturning(node_, ctx_, data, p);
      if (st.ok()) {
        ++changed;
        continue;
      }
      if (!IsResolvableConflict(st) ||
          (conflict != ConflictResolution::kIgnore && conflict != ConflictResolution::kFail)) {
        return fail(st);
      }
      for (auto it = undo.rbegin(); it != undo.rend(); ++it) data.UpdateValue(it->first, p, std::move(it->second));
      if (data.rowid(p) != old_rowid) {
        live_rowids.erase(data.rowid(p));
        live_rowids[old_rowid] = p;
        data.UpdateRowid(p, old_rowid);
      }
      if (conflict == ConflictResolution::kIgnore) continue;
      // OR FAIL: the rows changed before this one stay (SQLite).
      CommitDeleting(data, doomed);
      if (ctx_->connection != nullptr) ctx_->connection->kept_by_failure = changed;
      return st;
    }
    CommitDeleting(data, doomed);
    return changed;
  }

  // Commits the update (logs the rows; renumbered rows re-sort), then
  // deletes the rows OR REPLACE doomed.
  static void CommitDeleting(TableData& data, const std::unordered_set<size_t>& doomed) {
    std::vector<int64_t> rowids;
    for (size_t p : doomed) rowids.push_back(data.rowid(p));
    data.CommitUpdate();
    if (rowids.empty()) return;
    std::vector<size_t> at;
    for (int64_t id : rowids) {
      int64_t q = data.FindRowid(id);
      if (q >= 0) at.push_back(static_cast<size_t>(q));
    }
    data.DeleteRows(std::move(at));
  }

  // One row's assignments with their checks (NOT NULL, STRICT type, rowid,
  // CHECK, UNIQUE); each value it replaces goes to `undo` first (when
  // given).
  Status UpdateRow(Table& t, size_t p, size_t r, const std::vector<std::vector<Value>>& values,
                   const std::vector<Value>& defaults, std::unordered_map<int64_t, size_t>* live_rowids,
                   const std::vector<std::pair<size_t, const HashIndex*>>& unique, std::unordered_set<size_t>* doomed,
                   int64_t* next_spare, std::vector<std::pair<size_t, Value>>* undo) {
    const auto& assignments = node_.assignments;
    const bool replace = node_.conflict == ConflictResolution::kReplace;
    TableData& data = t.data;
    auto write = [&](size_t c, Value v) {
      if (undo != nullptr) undo->emplace_back(c, data.value(c, p).Owned());
      data.UpdateValue(c, p, std::move(v));
    };
    for (size_t a = 0; a < assignments.size(); ++a) {
      int col = assignments[a].first;
      if (col == kSuperseded) continue;
      if (col == kRowidColumn || col == t.rowid_alias) {
        const Value& v = values[a][r];
        // SQLite: a rowid cannot be set to NULL by UPDATE.
        if (v.is_null()) return Status::InvalidArgument("datatype mismatch", ResultCode::kMismatch);
        SLUICE_ASSIGN_OR_RETURN(int64_t id, RowidValue(v));
        // An unchanged rowid is no change: it must not mark the table's
        // rows renumbered (which would log the whole table at commit).
        if (id == data.rowid(p)) continue;
        auto holder = live_rowids->find(id);
        if (holder != live_rowids->end()) {
          if (!replace) {
            return Status::InvalidArgument("UNIQUE constraint failed: " + RowidName(t), RowidConflictCode(t));
          }
          // The row holding `id` is deleted: it moves to a spare rowid.
          size_t q = holder->second;
          while (live_rowids->count(*next_spare) != 0) ++*next_spare;
          int64_t spare = (*next_spare)++;
          live_rowids->erase(holder);
          live_rowids->emplace(spare, q);
          data.UpdateRowid(q, spare);
          doomed->insert(q);
        }
        live_rowids->erase(data.rowid(p));
        live_rowids->emplace(id, p);
        if (ctx_->renumbered != nullptr) ctx_->renumbered->emplace_back(data.rowid(p), id);
        data.UpdateRowid(p, id);
        if (col >= 0) write(static_cast<size_t>(col), Value::Integer(id));
        continue;
      }
      const ColumnInfo& info = t.columns_info[static_cast<size_t>(col)];
      Value v = ApplyColumnAffinity(info.affinity, values[a][r]).Owned();
      if (v.is_null() && info.not_null && replace && !defaults[static_cast<size_t>(col)].is_null()) {
        v = ApplyColumnAffinity(info.affinity, defaults[static_cast<size_t>(col)]).Owned();
      }
      if (v.is_null() && info.not_null) {
        return Status::InvalidArgument("NOT NULL constraint failed: " + t.name + "." + info.name,
                                       ResultCode::kConstraintNotNull);
      }
      if (t.strict) SLUICE_RETURN_IF_ERROR(CheckStrictType(t, static_cast<size_t>(col), v));
      write(static_cast<size_t>(col), std::move(v));
    }
    if (!node_.checks.empty() || !node_.generated.empty()) {
      std::vector<Value> now(t.columns_info.size());
      for (size_t c = 0; c < now.size(); ++c) now[c] = data.value(c, p);
      RowChecks row_checks{&node_.checks, ctx_, nullptr, &node_.generated};
      // Generated columns follow the values just written.
      SLUICE_RETURN_IF_ERROR(ComputeGenerated(t, row_checks, &now, data.rowid(p)));
      for (const GeneratedColumn& g : node_.generated) {
        size_t c = static_cast<size_t>(g.column);
        const ColumnInfo& info = t.columns_info[c];
        if (now[c].is_null() && info.not_null) {
          return Status::InvalidArgument("NOT NULL constraint failed: " + t.name + "." + info.name,
                                         ResultCode::kConstraintNotNull);
        }
        write(c, now[c]);  // STRICT: sqlite3 3.40 does not check their types
      }
      SLUICE_RETURN_IF_ERROR(CheckRow(t, row_checks, now, data.rowid(p)));
    }
    for (const auto& [i, index] : unique) {
      if (!replace) {
        if (index->HasOtherWithKeyOf(p)) {
          return Status::InvalidArgument(UniqueMessage(t, t.indexes[i]), UniqueConflictCode(t.indexes[i]));
        }
        continue;
      }
      if (!index->Contains(p)) continue;  // a NULL in the key, or outside a partial index
      std::vector<Value> key;
      if (!t.indexes[i].key_exprs.empty()) {
        key = index->ComputedKey(p);
      } else {
        for (int c : t.indexes[i].columns) key.push_back(data.value(static_cast<size_t>(c), p));
      }
      for (uint32_t q : index->Lookup(key)) {
        if (q != p) doomed->insert(q);
      }
    }
    return Status::OK();
  }

  ExecContext* ctx_;
  OperatorPtr child_;
};

}  // namespace

OperatorPtr MakeUpdate(const PlanNode& node, ExecContext* ctx, OperatorPtr child) {
  return std::make_unique<UpdateOp>(node, ctx, std::move(child));
}

}  // namespace sluice::sql::ops

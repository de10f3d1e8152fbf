// Update: the modify operator of UPDATE (PlanKind::kUpdate). Its child
// yields the rows to change (the table's columns, then the rowid). All are
// read, and every new value computed from the old rows, before the table
// changes; then the rows are updated in place, in order, with SQLite's
// row-by-row NOT NULL / STRICT type / CHECK / UNIQUE / rowid checks. A failure rolls every write
// back (TableData::RollbackUpdate): a statement is all or nothing. Emits
// one row: the number of rows matched.
#include <unordered_set>

#include "sql/catalog/index.h"
#include "sql/exec/expr_eval.h"
#include "sql/exec/ops/modify_operator.h"
#include "sql/exec/ops/ops.h"
#include "sql/exec/ops/table_write.h"

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
    std::vector<int64_t> matched_rowids(matched);
    for (size_t r = 0; r < matched; ++r) matched_rowids[r] = rows.columns[rowid_slot][r].integer();
    rows = RowStore();
    SLUICE_CHECK(ctx_->tables != nullptr);
    Table* work = ctx_->tables->Writable(node_.table->name);
    if (work == nullptr) return Status::InvalidArgument("no such table: " + node_.table->name);
    SLUICE_RETURN_IF_ERROR(Apply(*work, matched_rowids, values));
    return static_cast<int64_t>(matched);
  }

  // Writes values[a][r] into the row of matched_rowids[r], in place.
  Status Apply(Table& t, const std::vector<int64_t>& matched_rowids, const std::vector<std::vector<Value>>& values) {
    const auto& assignments = node_.assignments;
    TableData& data = t.data;
    bool sets_rowid = false;
    for (const auto& a : assignments)
      sets_rowid |= a.first == kRowidColumn || (a.first >= 0 && a.first == t.rowid_alias);
    // SQLite checks UNIQUE row by row, in update order: the table's built
    // indexes follow every value written (TableData::UpdateValue), so a
    // row's key is checked against the rows as they are at that moment.
    // The set of current rowids is kept when rowids are assigned.
    std::vector<std::pair<size_t, const HashIndex*>> unique;
    for (size_t i = 0; i < t.indexes.size(); ++i) {
      if (t.indexes[i].unique) unique.emplace_back(i, &t.Index(i));
    }
    std::unordered_set<int64_t> live_rowids;
    for (size_t i = 0; sets_rowid && i < data.row_count(); ++i) {
      if (!data.is_dead(i)) live_rowids.insert(data.rowid(i));
    }
    // Every matched row's position, found before anything is written: a
    // rowid assigned to an earlier row may equal a later row's old rowid,
    // and rows keep their positions until CommitUpdate.
    std::vector<int64_t> positions(matched_rowids.size());
    for (size_t r = 0; r < matched_rowids.size(); ++r) positions[r] = data.FindRowid(matched_rowids[r]);
    data.BeginUpdate();
    auto fail = [&](Status st) {
      data.RollbackUpdate();
      return st;
    };
    for (size_t r = 0; r < matched_rowids.size(); ++r) {
      int64_t pos = positions[r];
      if (pos < 0) continue;
      size_t p = static_cast<size_t>(pos);
      for (size_t a = 0; a < assignments.size(); ++a) {
        int col = assignments[a].first;
        if (col == kSuperseded) continue;
        if (col == kRowidColumn || col == t.rowid_alias) {
          const Value& v = values[a][r];
          // SQLite: a rowid cannot be set to NULL by UPDATE.
          if (v.is_null()) return fail(Status::InvalidArgument("datatype mismatch", ResultCode::kMismatch));
          Result<int64_t> given = RowidValue(v);
          if (!given.ok()) return fail(given.status());
          int64_t id = *given;
          // An unchanged rowid is no change: it must not mark the table's
          // rows renumbered (which would log the whole table at commit).
          if (id == data.rowid(p)) continue;
          if (live_rowids.count(id) != 0) {
            return fail(Status::InvalidArgument("UNIQUE constraint failed: " + RowidName(t), RowidConflictCode(t)));
          }
          live_rowids.erase(data.rowid(p));
          live_rowids.insert(id);
          data.UpdateRowid(p, id);
          if (col >= 0) data.UpdateValue(static_cast<size_t>(col), p, Value::Integer(id));
          continue;
        }
        const ColumnInfo& info = t.columns_info[static_cast<size_t>(col)];
        Value v = ApplyColumnAffinity(info.affinity, values[a][r]).Owned();
        if (v.is_null() && info.not_null) {
          return fail(Status::InvalidArgument("NOT NULL constraint failed: " + t.name + "." + info.name,
                                              ResultCode::kConstraintNotNull));
        }
        if (t.strict) {
          Status st = CheckStrictType(t, static_cast<size_t>(col), v);
          if (!st.ok()) return fail(st);
        }
        data.UpdateValue(static_cast<size_t>(col), p, std::move(v));
      }
      if (!node_.checks.empty()) {
        std::vector<Value> now(t.columns_info.size());
        for (size_t c = 0; c < now.size(); ++c) now[c] = data.value(c, p);
        Status st = CheckRow(t, {&node_.checks, ctx_}, now, data.rowid(p));
        if (!st.ok()) return fail(st);
      }
      for (const auto& [i, index] : unique) {
        if (index->HasOtherWithKeyOf(p)) {
          return fail(Status::InvalidArgument(UniqueMessage(t, t.indexes[i]), UniqueConflictCode(t.indexes[i])));
        }
      }
    }
    data.CommitUpdate();  // logs the rows; renumbered rows re-sort
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

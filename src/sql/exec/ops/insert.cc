// Insert: the modify operator of INSERT (PlanKind::kInsert). Reads all of
// its source's rows first (INSERT INTO t SELECT ... FROM t must not see its
// own rows, and an error in a later source row leaves the table as it
// was) — through an operator tree it makes for its child, or for literal
// VALUES rows by evaluating them directly — then stores them into the
// target table with InsertRow's checks (the table's CHECK constraints
// included), filling the columns the statement does not name from their
// DEFAULTs.
// Emits one row: the number of rows inserted.
//
// Atomicity: on a failure the rows this statement inserted are removed
// again, and the rows INSERT OR REPLACE deleted (kept aside until the
// statement ends) are put back — except under OR FAIL, where the rows
// before the failing one stay, as in SQLite.

#include <optional>
#include <unordered_set>

#include "sql/exec/expr_eval.h"
#include "sql/exec/ops/autoincrement.h"
#include "sql/exec/ops/returning.h"
#include "sql/exec/ops/modify_operator.h"
#include "sql/exec/ops/ops.h"
#include "sql/exec/ops/table_write.h"
#include "sql/exec/ops/trigger_writes.h"
#include "sql/exec/ops/upsert.h"

namespace sluice::sql::ops {

namespace {

class InsertOp : public ModifyOperator {
 public:
  InsertOp(const PlanNode& node, ExecContext* ctx) : ModifyOperator(node), ctx_(ctx) {}

 private:
  Result<int64_t> Run() override {
    RowStore source;
    if (node_.children.empty()) {
      source.Init(0);  // DEFAULT VALUES: one row of defaults
      source.size = 1;
    } else if (const PlanNode& from = *node_.children[0]; from.kind == PlanKind::kValues && from.children.empty()) {
      SLUICE_RETURN_IF_ERROR(EvaluateRows(from, &source));
    } else {
      OperatorPtr child = MakeOperator(from, ctx_);
      source.Init(from.outputs.size());
      DataChunk chunk;
      while (true) {
        SLUICE_ASSIGN_OR_RETURN(bool more, child->Next(&chunk));
        if (!more) break;
        source.Append(chunk);
      }
    }  // done reading: the scans let go of the tables
    const Table& schema = *node_.table;
    size_t ncols = schema.columns_info.size();
    std::vector<Value> defaults(ncols);
    for (size_t c = 0; c < ncols && c < node_.insert_defaults.size(); ++c) {
      if (static_cast<int>(c) == node_.insert_default_error_column) return node_.insert_default_error;
      if (node_.insert_defaults[c] == nullptr) continue;
      SLUICE_ASSIGN_OR_RETURN(defaults[c], EvaluateConstant(*node_.insert_defaults[c], ctx_));
      defaults[c].MakeOwned();
    }
    int rowid_slot = -1;
    for (size_t i = 0; i < node_.insert_columns.size(); ++i) {
      if (node_.insert_columns[i] < 0) rowid_slot = static_cast<int>(i);
    }
    SLUICE_CHECK(ctx_->tables != nullptr);
    if (ctx_->row_triggers != nullptr) return InsertFiringTriggers(node_, ctx_, source, defaults, rowid_slot);
    ConflictResolution conflict = node_.conflict;
    Table* target = ctx_->tables->Writable(schema.name);
    if (target == nullptr) return Status::InvalidArgument("no such table: " + schema.name);
    // REPLACE may delete rows: they are kept (in `restore`) until the
    // statement succeeds. `mine` holds the rowids this statement inserted
    // that are still present; a deleted row of its own is not restored.
    // UPSERT: DO UPDATE may renumber rows, so this statement's rows are
    // found by rowid on failure, as REPLACE's.
    std::optional<UpsertExecutor> upsert;
    if (!node_.upserts.empty()) upsert.emplace(node_, ctx_);
    const bool may_delete = (conflict == ConflictResolution::kReplace &&
                             (schema.rowid_alias >= 0 || !schema.indexes.empty() || rowid_slot >= 0)) ||
                            upsert.has_value();
    std::vector<DeletedRow> deleted, restore;
    std::unordered_set<int64_t> mine;
    int64_t count = 0;
    const size_t rows_before = target->row_count();
    std::optional<AutoincrementCounter> autoinc;
    if (schema.autoincrement) {
      SLUICE_ASSIGN_OR_RETURN(AutoincrementCounter counter, AutoincrementCounter::Start(ctx_->tables, schema));
      autoinc = std::move(counter);
    }
    Status failure;
    for (size_t r = 0; r < source.size; ++r) {
      std::vector<Value> row = defaults;
      Value explicit_rowid;
      for (size_t i = 0; i < node_.insert_columns.size(); ++i) {
        if (node_.insert_columns[i] >= 0) {
          row[static_cast<size_t>(node_.insert_columns[i])] = source.columns[i][r];
        } else {
          explicit_rowid = source.columns[i][r];
        }
      }
      bool auto_rowid = false;
      if (autoinc) {
        Result<bool> given = AutoincrementRowid(*target, &*autoinc, row, &explicit_rowid);
        if (!given.ok()) {
          failure = given.status();
          break;
        }
        auto_rowid = *given;
      }
      Result<InsertedRow> ins =
          InsertRow(*target, std::move(row), rowid_slot >= 0 || auto_rowid ? &explicit_rowid : nullptr, conflict,
                    may_delete ? &deleted : nullptr,
                    {&node_.checks, ctx_, &defaults, &node_.generated, upsert ? &*upsert : nullptr});
      if (!ins.ok()) {
        failure = ins.status();
        break;
      }
      for (DeletedRow& gone : deleted) {
        if (mine.erase(gone.rowid) == 0) restore.push_back(std::move(gone));
      }
      deleted.clear();
      if (!ins->inserted) continue;
      ++count;
      if (ctx_->connection != nullptr) ctx_->connection->last_insert_rowid = ins->rowid;
      if (WantsReturning(node_, ctx_)) {
        int64_t pos = target->data.FindRowid(ins->rowid);
        if (Status st = EmitReturning(node_, ctx_, target->data, static_cast<size_t>(pos)); !st.ok()) {
          failure = st;
          if (may_delete) mine.insert(ins->rowid);
          break;
        }
      }
      if (may_delete) mine.insert(ins->rowid);
      if (ctx_->inserted != nullptr) ctx_->inserted->push_back(ins->rowid);
    }
    // OR FAIL: the rows stored before the one that failed stay (SQLite);
    // errors no conflict clause resolves undo the statement all the same.
    if (!failure.ok() && conflict == ConflictResolution::kFail && IsResolvableConflict(failure)) {
      if (ctx_->connection != nullptr) ctx_->connection->kept_by_failure = count;
      return failure;
    }
    if (failure.ok() && autoinc) failure = autoinc->Finish(ctx_->tables);
    if (!failure.ok() && upsert) upsert->Undo(*target);
    if (!failure.ok()) {
      if (!may_delete) {
        // Nothing was deleted: this statement's rows are the ones after
        // rows_before (AppendRow appends at the end).
        SLUICE_DCHECK(target->row_count() == rows_before + static_cast<size_t>(count));
        if (count > 0) target->data.Truncate(rows_before);
      } else {
        std::vector<bool> keep(target->row_count());
        for (size_t i = 0; i < keep.size(); ++i) keep[i] = mine.count(target->data.rowid(i)) == 0;
        if (!mine.empty()) target->data.Compact(keep);
        for (DeletedRow& row : restore) target->data.AppendRow(std::move(row.values), row.rowid);
      }
      return failure;
    }
    if (ctx_->deleted != nullptr) {
      for (DeletedRow& row : restore) ctx_->deleted->emplace_back(row.rowid, std::move(row.values));
    }
    if (upsert) count += upsert->updated();
    return count;
  }

  // The rows of a VALUES node, evaluated straight into `out`: the source of
  // nearly every small INSERT, for which an operator (and a chunk) would
  // cost more than the insert itself. Same results as ValuesOp.
  Status EvaluateRows(const PlanNode& values, RowStore* out) {
    static const std::vector<ColumnId> kNoColumns;
    out->Init(values.outputs.size());
    for (std::vector<Value>& column : out->columns) column.reserve(values.rows.size());
    ExprEvaluator eval(ctx_, &kNoColumns);
    RowRef none;
    for (const std::vector<BoundExprPtr>& row : values.rows) {
      for (size_t c = 0; c < row.size(); ++c) {
        SLUICE_ASSIGN_OR_RETURN(Value v, eval.Eval(*row[c], none));
        out->columns[c].push_back(std::move(v));
      }
    }
    out->size = values.rows.size();
    return Status::OK();
  }

  ExecContext* ctx_;
};

}  // namespace

OperatorPtr MakeInsert(const PlanNode& node, ExecContext* ctx) { return std::make_unique<InsertOp>(node, ctx); }

}  // namespace sluice::sql::ops

// Delete: the modify operator of DELETE (PlanKind::kDelete). Its child
// yields the rows to delete (the table's columns, then the rowid); all are
// read first, then removed from the target table in one step. Emits one
// row: the number of rows deleted.
#include <unordered_set>

#include "sql/exec/ops/modify_operator.h"
#include "sql/exec/ops/ops.h"
#include "sql/exec/ops/returning.h"
#include "sql/exec/ops/table_write.h"
#include "sql/exec/ops/trigger_writes.h"

namespace sluice::sql::ops {

namespace {

class DeleteOp : public ModifyOperator {
 public:
  DeleteOp(const PlanNode& node, ExecContext* ctx, OperatorPtr child)
      : ModifyOperator(node), ctx_(ctx), child_(std::move(child)) {}

 private:
  Result<int64_t> Run() override {
    size_t rowid_slot = node_.children[0]->outputs.size() - 1;
    std::unordered_set<int64_t> doomed;
    std::vector<int64_t> in_order;  // for triggers and RETURNING, which go in scan order
    const bool returning = WantsReturning(node_, ctx_);
    DataChunk chunk;
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(bool more, child_->Next(&chunk));
      if (!more) break;
      for (size_t r = 0; r < chunk.size(); ++r) {
        int64_t id = chunk.at(rowid_slot, r).integer();
        if (doomed.insert(id).second && (returning || ctx_->row_triggers != nullptr)) in_order.push_back(id);
      }
    }
    child_.reset();  // done reading: the scans may let go of the table
    if (doomed.empty()) return int64_t{0};
    SLUICE_CHECK(ctx_->tables != nullptr);
    if (ctx_->row_triggers != nullptr) return DeleteFiringTriggers(node_, ctx_, in_order);
    Table* t = ctx_->tables->Writable(node_.table->name);
    if (t == nullptr) return Status::InvalidArgument("no such table: " + node_.table->name);
    // Positions by rowid lookup, not a walk over the table: deleting a few
    // rows of a big table costs what they cost (TableData::DeleteRows).
    for (int64_t rowid : in_order) {
      int64_t pos = t->data.FindRowid(rowid);
      if (pos >= 0) SLUICE_RETURN_IF_ERROR(EmitReturning(node_, ctx_, t->data, static_cast<size_t>(pos)));
    }
    std::vector<size_t> positions;
    positions.reserve(doomed.size());
    for (int64_t rowid : doomed) {
      int64_t pos = t->data.FindRowid(rowid);
      if (pos >= 0) positions.push_back(static_cast<size_t>(pos));
    }
    if (ctx_->deleted != nullptr) {
      for (size_t p : positions) {
        std::vector<Value> values;
        for (size_t c = 0; c < t->data.column_count(); ++c) values.push_back(t->data.value(c, p).Owned());
        ctx_->deleted->emplace_back(t->data.rowid(p), std::move(values));
      }
    }
    t->data.DeleteRows(std::move(positions));
    return static_cast<int64_t>(doomed.size());
  }

  ExecContext* ctx_;
  OperatorPtr child_;
};

}  // namespace

OperatorPtr MakeDelete(const PlanNode& node, ExecContext* ctx, OperatorPtr child) {
  return std::make_unique<DeleteOp>(node, ctx, std::move(child));
}

}  // namespace sluice::sql::ops

// Constructors of the physical operators (one file each in ops/); the
// factory in operator.cc picks one per plan node.
#ifndef SLUICE_SQL_EXEC_OPS_OPS_H_
#define SLUICE_SQL_EXEC_OPS_OPS_H_

#include "sql/exec/operator.h"

namespace sluice::sql::ops {

OperatorPtr MakeScan(const PlanNode& node, ExecContext* ctx);
OperatorPtr MakeValues(const PlanNode& node, ExecContext* ctx);
OperatorPtr MakeFilter(const PlanNode& node, ExecContext* ctx, OperatorPtr child);
OperatorPtr MakeProject(const PlanNode& node, ExecContext* ctx, OperatorPtr child);
OperatorPtr MakeHashJoin(const PlanNode& node, ExecContext* ctx, OperatorPtr left, OperatorPtr right);
OperatorPtr MakeNestedLoopJoin(const PlanNode& node, ExecContext* ctx, OperatorPtr left, OperatorPtr right);
OperatorPtr MakeHashAggregate(const PlanNode& node, ExecContext* ctx, OperatorPtr child);
OperatorPtr MakeSort(const PlanNode& node, ExecContext* ctx, OperatorPtr child);
OperatorPtr MakeLimit(const PlanNode& node, ExecContext* ctx, OperatorPtr child);
OperatorPtr MakeDistinct(const PlanNode& node, ExecContext* ctx, OperatorPtr child);
OperatorPtr MakeSetOp(const PlanNode& node, ExecContext* ctx, OperatorPtr left, OperatorPtr right);
// Modify operators (insert.cc, update.cc, delete.cc): they write through
// ctx->tables. An insert makes the operators of its source itself.
OperatorPtr MakeInsert(const PlanNode& node, ExecContext* ctx);
OperatorPtr MakeUpdate(const PlanNode& node, ExecContext* ctx, OperatorPtr child);
OperatorPtr MakeDelete(const PlanNode& node, ExecContext* ctx, OperatorPtr child);

// Emits the rows of a RowStore a chunk at a time (for blocking operators).
class StoreEmitter {
 public:
  // Emits rows order[i] (or all rows in order when `order` is empty and
  // use_order is false).
  bool Emit(RowStore& store, const std::vector<size_t>* order, DataChunk* out);

 private:
  size_t next_ = 0;
};

// Row comparison for sorts: the keys of rows a and b of `store`.
int CompareRows(const std::vector<std::vector<Value>>& a, size_t ra, const std::vector<std::vector<Value>>& b,
                size_t rb, size_t ncols);

}  // namespace sluice::sql::ops

#endif  // SLUICE_SQL_EXEC_OPS_OPS_H_

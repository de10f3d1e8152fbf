// RETURNING rows of the modify operators (see returning.h).
#include "sql/exec/ops/returning.h"

#include <vector>

#include "sql/exec/expr_eval.h"

namespace sluice::sql {

Status EmitReturning(const PlanNode& node, ExecContext* ctx, const TableData& data, size_t pos) {
  const size_t n = data.column_count();
  std::vector<Value> row(n + 1);
  for (size_t c = 0; c < n; ++c) row[c] = data.value(c, pos);
  row[n] = Value::Integer(data.rowid(pos));
  std::vector<const Value*> pointers(row.size());
  for (size_t i = 0; i < row.size(); ++i) pointers[i] = &row[i];
  RowRef ref;
  ref.left = pointers.data();
  ref.left_width = pointers.size();
  static const std::vector<ColumnId> kNoLayout;
  ExprEvaluator eval(ctx, &kNoLayout);
  std::vector<Value> out;
  out.reserve(node.returning.size());
  for (const BoundExprPtr& e : node.returning) {
    SLUICE_ASSIGN_OR_RETURN(Value v, eval.Eval(*e, ref));
    out.push_back(v.Owned());
  }
  ctx->returning->push_back(std::move(out));
  return Status::OK();
}

}  // namespace sluice::sql

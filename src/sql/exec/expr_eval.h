// ExprEvaluator: evaluates bound expressions (binder/bound_expr.h) on one
// input row at a time with SQLite's semantics (sql/value does the work per
// operator). CASE, AND, OR, COALESCE/IFNULL/IIF evaluate lazily as SQLite
// does, so errors and subqueries in branches not taken have no effect.
// Subqueries run through the executor with the current row pushed as an
// outer frame; their results are cached per outer key in the ExecContext.
//
// Recursion follows the expression tree, whose height the parser bounds.
#ifndef SLUICE_SQL_EXEC_EXPR_EVAL_H_
#define SLUICE_SQL_EXEC_EXPR_EVAL_H_

#include <vector>

#include "sluice/result.h"
#include "sql/binder/bound_expr.h"
#include "sql/exec/data_chunk.h"
#include "sql/exec/exec_context.h"
#include "sql/exec/row_ref.h"

namespace sluice::sql {

class ExprEvaluator {
 public:
  // layout: the input columns of the node evaluating (for outer frames).
  ExprEvaluator(ExecContext* ctx, const std::vector<ColumnId>* layout) : ctx_(ctx), layout_(layout) {}

  Result<Value> Eval(const BoundExpr& e, const RowRef& row);
  // WHERE / ON / HAVING: true only for a true value.
  Result<bool> Test(const BoundExpr& e, const RowRef& row);
  // Evaluates `e` for every row of `in` into `out`.
  Status EvalColumn(const BoundExpr& e, const DataChunk& in, std::vector<Value>* out);

 private:
  Result<const SubqueryResult*> RunSubquery(const BoundExpr& e, const RowRef& row);

  ExecContext* ctx_;
  const std::vector<ColumnId>* layout_;
};

// A row reference to row `row` of `chunk`.
inline RowRef ChunkRow(const DataChunk& chunk, size_t row) {
  RowRef r;
  r.left = &chunk.columns();
  r.left_row = row;
  r.left_width = chunk.column_count();
  return r;
}

// Evaluates an expression with no input row (constant folding, LIMIT).
Result<Value> EvaluateConstant(const BoundExpr& e, ExecContext* ctx);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_EXEC_EXPR_EVAL_H_

// ExprEvaluator: evaluates bound expressions (binder/bound_expr.h) on one
// input row at a time with SQLite's semantics (sql/value does the work per
// operator). CASE, AND, OR, COALESCE/IFNULL/IIF evaluate lazily as SQLite
// does, so errors and subqueries in branches not taken have no effect.
// Subqueries run through the executor with the current row pushed as an
// outer frame; their results are cached per outer key in the ExecContext.
//
// Column-at-a-time (vector_eval.cc): EvalView / EvalColumn / SelectTrue
// evaluate one expression for every row of a chunk with kernels that take
// the common storage classes (INTEGER op INTEGER, TEXT vs TEXT) inline and
// hand anything else to the same sql/value functions as the row path, so
// both paths give identical results. Lazy forms (CASE, COALESCE, IIF,
// subqueries, LIKE, IN lists) and AND/OR over operands that might fail run
// row by row, keeping SQLite's short-circuit behaviour.
//
// Recursion follows the expression tree, whose height the parser bounds.
#ifndef SLUICE_SQL_EXEC_EXPR_EVAL_H_
#define SLUICE_SQL_EXEC_EXPR_EVAL_H_

#include <memory>
#include <vector>

#include "sluice/result.h"
#include "sql/plan/bound_expr.h"
#include "sql/exec/data_chunk.h"
#include "sql/exec/exec_context.h"
#include "sql/exec/row_ref.h"
#include "sql/value/logic.h"

namespace sluice::sql {

// The values of one expression over a chunk: a vector, or one constant
// broadcast to every row.
struct ColumnView {
  const Value* data = nullptr;
  bool constant = false;
  const Value& operator[](size_t i) const { return data[constant ? 0 : i]; }
};

class ExprEvaluator {
 public:
  // layout: the input columns of the node evaluating (for outer frames).
  ExprEvaluator(ExecContext* ctx, const std::vector<ColumnId>* layout) : ctx_(ctx), layout_(layout) {}

  Result<Value> Eval(const BoundExpr& e, const RowRef& row);
  // Evaluates `e` for every row of `in` into `out`.
  Status EvalColumn(const BoundExpr& e, const DataChunk& in, std::vector<Value>* out);
  // The values of `e` for every row of `in`, without copying input columns.
  // The view stays valid until BeginChunk() (or until `in` changes).
  Result<ColumnView> EvalView(const BoundExpr& e, const DataChunk& in);
  // Releases the buffers of earlier views; call once per input chunk.
  void BeginChunk() { scratch_used_ = 0; }
  // Positions (ascending) of the rows of `in` where `e` is true.
  Status SelectTrue(const BoundExpr& e, const DataChunk& in, std::vector<uint32_t>* rows);

 private:
  Result<const SubqueryResult*> RunSubquery(const BoundExpr& e, const RowRef& row);
  Result<ColumnView> EvalVector(const BoundExpr& e, const DataChunk& in);
  Result<ColumnView> EvalRows(const BoundExpr& e, const DataChunk& in);
  // The truth of `e` on rows[0, n) of `in` (evaluated on those rows only,
  // unless evaluating more cannot be observed).
  Status Classify(const BoundExpr& e, const DataChunk& in, const uint32_t* rows, size_t n, TriBool* out);
  std::vector<Value>& Scratch(size_t n);

  // Buffers of intermediate vectors, reused chunk after chunk; unique_ptr
  // keeps views valid while the pool grows.
  std::vector<std::unique_ptr<std::vector<Value>>> scratch_;
  size_t scratch_used_ = 0;

  ExecContext* ctx_;
  const std::vector<ColumnId>* layout_;
};

// The comparison `e` (kCompare) of two gathered operands: for each i,
// keep[i] = 1 when a[a_rows[i]] OP b[b_rows[i]] is true, else 0, exactly as
// SelectTrue would decide on a chunk holding those values. For join
// residuals that compare a column of each side: the pairs are judged where
// the values lie instead of copying both columns into a chunk first.
void ComparePairs(const BoundExpr& e, const Value* a, const uint32_t* a_rows, const Value* b, const uint32_t* b_rows,
                  size_t n, uint8_t* keep);

// A row reference to row `row` of `chunk`.
inline RowRef ChunkRow(const DataChunk& chunk, size_t row) {
  RowRef r;
  r.left = chunk.column_pointers();
  r.left_row = row;
  r.left_width = chunk.column_count();
  return r;
}

// Evaluates an expression with no input row (constant folding, LIMIT).
Result<Value> EvaluateConstant(const BoundExpr& e, ExecContext* ctx);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_EXEC_EXPR_EVAL_H_

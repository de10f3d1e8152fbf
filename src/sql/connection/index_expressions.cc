// Partial index filters and indexed expressions (see index_expressions.h).
#include "sql/connection/index_expressions.h"

#include <string>
#include <vector>

#include "sql/binder/binder.h"
#include "sql/connection/database_impl.h"
#include "sql/exec/expr_eval.h"
#include "sql/planner/planner.h"
#include "sql/value/logic.h"

namespace sluice::sql {

namespace {

// Evaluates `e`, bound over slots (columns..., rowid), on one row.
Result<Value> EvalOnRow(const BoundExpr& e, const std::vector<Value>& row, int64_t rowid) {
  static const std::vector<ColumnId> kNoLayout;
  ExecContext ctx;
  ExprEvaluator eval(&ctx, &kNoLayout);
  Value rowid_value = Value::Integer(rowid);
  std::vector<const Value*> columns(row.size() + 1);
  for (size_t c = 0; c < row.size(); ++c) columns[c] = &row[c];
  columns[row.size()] = &rowid_value;
  RowRef ref;
  ref.left = columns.data();
  ref.left_width = columns.size();
  return eval.Eval(e, ref);
}

class BoundIndexFilter : public IndexFilter {
 public:
  BoundIndexFilter(std::shared_ptr<const Statement> create, BoundExprPtr where)
      : create_(std::move(create)), where_(std::move(where)) {}

  // A row is covered when the WHERE is true for it; NULL, false and an
  // evaluation error leave it out.
  bool Covers(const std::vector<Value>& row, int64_t rowid) const override {
    Result<Value> v = EvalOnRow(*where_, row, rowid);
    return v.ok() && Truthiness(*v) == TriBool::kTrue;
  }
  const BoundExpr& bound() const override { return *where_; }

 private:
  std::shared_ptr<const Statement> create_;  // owns what the bound WHERE was bound from
  BoundExprPtr where_;
};

class BoundKeyExpr : public IndexKeyExpr {
 public:
  BoundKeyExpr(std::shared_ptr<const Statement> create, BoundExprPtr expr)
      : create_(std::move(create)), expr_(std::move(expr)) {}

  Value Eval(const std::vector<Value>& row, int64_t rowid) const override {
    Result<Value> v = EvalOnRow(*expr_, row, rowid);
    return v.ok() ? v->Owned() : Value();
  }
  const BoundExpr& bound() const override { return *expr_; }

 private:
  std::shared_ptr<const Statement> create_;  // owns what the expression was bound from
  BoundExprPtr expr_;
};

// Records, for each column reference, its id at its slot.
void CollectLayout(const BoundExpr& e, std::vector<ColumnId>* layout) {
  if (e.kind == BoundKind::kColumn && e.slot >= 0) {
    if (static_cast<size_t>(e.slot) >= layout->size()) layout->resize(static_cast<size_t>(e.slot) + 1);
    (*layout)[static_cast<size_t>(e.slot)] = e.column;
  }
  for (const BoundExprPtr& c : e.children) CollectLayout(*c, layout);
}

// Folds the constant parts of a partial index's WHERE as a query's WHERE
// is folded, so that the planner can match the two term by term (`-10`
// is a constant in both). Slots stay as bound.
Status FoldFilter(BoundExprPtr* where) {
  std::vector<ColumnId> layout;
  CollectLayout(**where, &layout);
  return PlanExpression(where, layout, DatabaseImpl::DefaultPlannerOptions());
}

}  // namespace

Status BindIndexExpressions(const Catalog& catalog, const TableSchema& table, std::shared_ptr<const Statement> create,
                            IndexDef* def, int64_t* error_offset) {
  const auto& c = create->As<CreateIndexStatement>();
  Binder binder(catalog);
  auto failed = [&](const Status& st) {
    if (error_offset != nullptr) *error_offset = binder.error_offset();
    return st;
  };
  def->key_exprs.clear();
  for (size_t k = 0; k < def->columns.size() && k < c.columns.size(); ++k) {
    if (def->columns[k] != IndexDef::kExpressionColumn) continue;
    Result<BoundExprPtr> bound = binder.BindIndexExpr(table, *create, *c.columns[k].expr, "index expressions");
    if (!bound.ok()) return failed(bound.status());
    def->key_exprs.resize(def->columns.size());
    def->key_exprs[k] = std::make_shared<BoundKeyExpr>(create, std::move(*bound));
  }
  def->filter = nullptr;
  if (c.where != nullptr) {
    Result<BoundExprPtr> bound = binder.BindIndexExpr(table, *create, *c.where, "partial index WHERE clauses");
    if (!bound.ok()) return failed(bound.status());
    SLUICE_RETURN_IF_ERROR(FoldFilter(&*bound));
    def->filter = std::make_shared<BoundIndexFilter>(create, std::move(*bound));
  }
  return Status::OK();
}

}  // namespace sluice::sql

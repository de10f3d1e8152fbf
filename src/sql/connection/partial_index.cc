// Partial index filters (see partial_index.h).
#include "sql/connection/partial_index.h"

#include <string>
#include <vector>

#include "sql/binder/binder.h"
#include "sql/exec/expr_eval.h"
#include "sql/value/logic.h"

namespace sluice::sql {

namespace {

class BoundIndexFilter : public IndexFilter {
 public:
  BoundIndexFilter(std::shared_ptr<const Statement> create, BoundExprPtr where)
      : create_(std::move(create)), where_(std::move(where)) {}

  // A row is covered when the WHERE is true for it; NULL, false and an
  // evaluation error leave it out.
  bool Covers(const std::vector<Value>& row, int64_t rowid) const override {
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
    Result<Value> v = eval.Eval(*where_, ref);
    return v.ok() && Truthiness(*v) == TriBool::kTrue;
  }

 private:
  std::shared_ptr<const Statement> create_;  // owns what the bound WHERE was bound from
  BoundExprPtr where_;
};

}  // namespace

Result<std::shared_ptr<const IndexFilter>> MakeIndexFilter(const Catalog& catalog, const TableSchema& table,
                                                           std::shared_ptr<const Statement> create,
                                                           int64_t* error_offset) {
  const auto& c = create->As<CreateIndexStatement>();
  if (c.where == nullptr) return Status::Internal("MakeIndexFilter: an index without WHERE");
  Binder binder(catalog);
  Result<BoundExprPtr> bound = binder.BindIndexExpr(table, *create, *c.where, "partial index WHERE clauses");
  if (!bound.ok()) {
    if (error_offset != nullptr) *error_offset = binder.error_offset();
    return bound.status();
  }
  return std::shared_ptr<const IndexFilter>(std::make_shared<BoundIndexFilter>(std::move(create), std::move(*bound)));
}

}  // namespace sluice::sql

// Binder entry points (binder.h) and the UPDATE / DELETE binders.
#include "sql/binder/binder.h"

#include "sql/binder/binder_internal.h"

namespace sluice::sql {

Binder::Binder(const Catalog& catalog, const std::vector<Value>* parameters)
    : impl_(std::make_unique<Impl>(catalog, parameters)) {}
Binder::~Binder() = default;

int64_t Binder::error_offset() const { return impl_->error_offset_; }

Result<BoundQuery> Binder::BindSelect(const Select& select, const Statement& statement) {
  impl_->statement_ = &statement;
  return impl_->BindSelect(select, nullptr);
}

Result<BoundExprPtr> Binder::BindConstantExpr(const Expr& expr, const Statement& statement) {
  impl_->statement_ = &statement;
  Scope scope;
  ExprContext ctx{&scope};
  return impl_->BindExpr(expr, ctx);
}

Result<BoundUpdate> Binder::BindUpdate(const UpdateStatement& update) {
  impl_->statement_ = &update;
  if (update.from) return Status::InvalidArgument("UPDATE ... FROM is not supported");
  return impl_->BindModify(update.table, update.has_alias ? update.alias : update.table, update.where.get(),
                           &update.assignments);
}

Result<BoundUpdate> Binder::BindDelete(const DeleteStatement& del) {
  impl_->statement_ = &del;
  return impl_->BindModify(del.table, del.has_alias ? del.alias : del.table, del.where.get(), nullptr);
}

Result<BoundUpdate> Binder::Impl::BindModify(const std::string& table_name, const std::string& alias, const Expr* where,
                                             const std::vector<Assignment>* assignments) {
  BoundUpdate out;
  out.table = catalog_.FindTable(table_name);
  if (out.table == nullptr) {
    if (catalog_.FindView(table_name) != nullptr) {
      return Status::InvalidArgument("cannot modify " + table_name + " because it is a view");
    }
    return Status::InvalidArgument("no such table: " + table_name);
  }
  Scope scope;
  scope.has_from = true;
  TableRef ref(TableRef::Kind::kTable);
  ref.name = table_name;
  ref.has_alias = true;
  ref.alias = alias;
  SLUICE_ASSIGN_OR_RETURN(PlanPtr plan, BindNamedTable(ref, &scope, nullptr));
  if (where != nullptr) {
    ExprContext ctx{&scope, false};
    SLUICE_ASSIGN_OR_RETURN(BoundExprPtr pred, BindExpr(*where, ctx));
    auto filter = std::make_shared<PlanNode>(PlanKind::kFilter);
    filter->outputs = plan->outputs;
    filter->children.push_back(plan);
    filter->predicate = std::move(pred);
    plan = filter;
  }
  if (assignments != nullptr) {
    for (const Assignment& a : *assignments) {
      if (a.columns.size() != 1) return Status::InvalidArgument("row value misused");
      int col = out.table->column_index(a.columns[0]);
      if (col < 0) {
        if (NameEqualsNoCase(a.columns[0], "rowid") || NameEqualsNoCase(a.columns[0], "oid") ||
            NameEqualsNoCase(a.columns[0], "_rowid_")) {
          col = out.table->rowid_alias >= 0 ? out.table->rowid_alias : -2;
        } else {
          return Status::InvalidArgument("no such column: " + a.columns[0]);
        }
      }
      ExprContext ctx{&scope, false};
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr value, BindExpr(*a.value, ctx));
      // SET the same column twice: the last assignment wins (as SQLite).
      for (auto& prev : out.assignments) {
        if (prev.first == col) prev.first = -3;
      }
      out.assignments.emplace_back(col, std::move(value));
    }
  }
  out.plan = plan;
  return out;
}

}  // namespace sluice::sql

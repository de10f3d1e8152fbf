// The UPDATE and DELETE binders: the target table scanned (under the
// statement's alias) and filtered by WHERE as the child of a kUpdate /
// kDelete plan node (plan.h); UPDATE's SET values are bound over that
// child's rows, its table's CHECK constraints over the rows it writes;
// UPDATE OR REPLACE also binds the DEFAULTs of NOT NULL columns. Generated
// columns cannot be SET; their expressions are bound to recompute them.
#include "sql/binder/binder.h"
#include "sql/binder/binder_internal.h"

namespace sluice::sql {

Result<PlanPtr> Binder::BindUpdate(const UpdateStatement& update) {
  impl_->statement_ = &update;
  impl_->dml_with_ = update.with.get();
  impl_->update_from_ = update.from.get();
  impl_->modify_limit_ = {&update.order_by, update.limit.get(), update.offset.get()};
  SLUICE_RETURN_IF_ERROR(CheckUpdateFromNames(update));
  SLUICE_RETURN_IF_ERROR(CheckIndexedBy(impl_->catalog_.FindTable(update.table).get(), update.indexed_by));
  SLUICE_ASSIGN_OR_RETURN(
      PlanPtr plan, impl_->BindModify(PlanKind::kUpdate, update.table, update.has_alias ? update.alias : update.table,
                                      update.where.get(), &update.assignments));
  plan->conflict = update.conflict;
  MarkIndexedByPartial(plan.get(), update.indexed_by);
  // UPDATE OR REPLACE: a NULL in a NOT NULL column takes the column's
  // DEFAULT (kept in insert_defaults; one that does not bind is no DEFAULT).
  const Table& t = *plan->table;
  if (plan->conflict == ConflictResolution::kReplace && t.create_ast != nullptr) {
    int64_t offset = impl_->error_offset_;
    for (size_t c = 0; c < t.columns_info.size(); ++c) {
      const Expr* d = t.columns_info[c].default_expr;
      if (d == nullptr || !t.columns_info[c].not_null) continue;
      plan->insert_defaults.resize(t.columns_info.size());
      impl_->statement_ = t.create_ast.get();
      Scope scope;
      ExprContext ctx{&scope};
      Result<BoundExprPtr> e = impl_->BindExpr(*d, ctx);
      if (e.ok()) plan->insert_defaults[c] = std::move(*e);
    }
    impl_->statement_ = &update;
    impl_->error_offset_ = offset;
  }
  if (!update.returning.empty()) {
    SLUICE_RETURN_IF_ERROR(impl_->BindReturning(update.returning, t, plan.get()));
  }
  return plan;
}

Result<PlanPtr> Binder::BindDelete(const DeleteStatement& del) {
  impl_->statement_ = &del;
  SLUICE_RETURN_IF_ERROR(CheckIndexedBy(impl_->catalog_.FindTable(del.table).get(), del.indexed_by));
  impl_->dml_with_ = del.with.get();
  impl_->modify_limit_ = {&del.order_by, del.limit.get(), del.offset.get()};
  SLUICE_ASSIGN_OR_RETURN(
      PlanPtr plan,
      impl_->BindModify(PlanKind::kDelete, del.table, del.has_alias ? del.alias : del.table, del.where.get(), nullptr));
  // Without WHERE sqlite3 empties the table whatever INDEXED BY says.
  if (del.where != nullptr) MarkIndexedByPartial(plan.get(), del.indexed_by);
  if (!del.returning.empty()) {
    SLUICE_RETURN_IF_ERROR(impl_->BindReturning(del.returning, *plan->table, plan.get()));
  }
  return plan;
}

Result<PlanPtr> Binder::Impl::BindModify(PlanKind kind, const std::string& table_name, const std::string& alias,
                                         const Expr* where, const std::vector<Assignment>* assignments) {
  auto out = std::make_shared<PlanNode>(kind);
  out->table = catalog_.FindTable(table_name);
  out->alias = alias;
  if (out->table == nullptr) {
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
  SLUICE_RETURN_IF_ERROR(PushDmlWith(dml_with_));
  ColumnId update_rowid = 0;
  if (kind == PlanKind::kUpdate && update_from_ != nullptr) {
    update_rowid = plan->outputs.back();
    SLUICE_ASSIGN_OR_RETURN(plan, BindUpdateFrom(*update_from_, alias, plan, &scope));
  }
  if (where != nullptr) {
    ExprContext ctx{&scope, false};
    SLUICE_ASSIGN_OR_RETURN(BoundExprPtr pred, BindExpr(*where, ctx));
    auto filter = std::make_shared<PlanNode>(PlanKind::kFilter);
    filter->outputs = plan->outputs;
    filter->children.push_back(plan);
    filter->predicate = std::move(pred);
    plan = filter;
  }
  if (modify_limit_.limit != nullptr) {
    SLUICE_ASSIGN_OR_RETURN(plan, BindModifyLimit(std::move(plan), &scope));
  }
  if (assignments != nullptr && assignments->size() > kMaxColumns) {
    return Status::InvalidArgument("too many columns in set list");
  }
  if (assignments != nullptr) {
    for (const Assignment& a : *assignments) {
      if (a.columns.size() != 1) return Status::InvalidArgument("row value misused");
      int col = out->table->column_index(a.columns[0]);
      if (col < 0) {
        if (NameEqualsNoCase(a.columns[0], "rowid") || NameEqualsNoCase(a.columns[0], "oid") ||
            NameEqualsNoCase(a.columns[0], "_rowid_")) {
          col = out->table->rowid_alias >= 0 ? out->table->rowid_alias : -2;
        } else {
          return Status::InvalidArgument("no such column: " + a.columns[0]);
        }
      }
      if (col >= 0 && out->table->columns_info[static_cast<size_t>(col)].generated != nullptr) {
        return Status::InvalidArgument("cannot UPDATE generated column \"" + a.columns[0] + "\"");
      }
      ExprContext ctx{&scope, false};
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr value, BindExpr(*a.value, ctx));
      // SET the same column twice: the last assignment wins (as SQLite).
      for (auto& prev : out->assignments) {
        if (prev.first == col) prev.first = -3;
      }
      out->assignments.emplace_back(col, std::move(value));
    }
  }
  if (kind == PlanKind::kUpdate && !out->table->checks.empty() && out->table->create_ast != nullptr) {
    SLUICE_ASSIGN_OR_RETURN(out->checks, BindTableChecks(*out->table, *out->table->create_ast));
  }
  if (kind == PlanKind::kUpdate && out->table->create_ast != nullptr) {
    SLUICE_ASSIGN_OR_RETURN(out->generated, BindTableGenerated(*out->table, *out->table->create_ast, false));
  }
  out->outputs.push_back(NewId());  // the number of rows changed
  out->update_rowid = update_rowid;
  out->children.push_back(std::move(plan));
  return PlanPtr(out);
}

}  // namespace sluice::sql

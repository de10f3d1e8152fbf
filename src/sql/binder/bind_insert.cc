// The INSERT binder: the target table and the columns the statement names,
// the source rows (VALUES or a SELECT, bound as a query), the DEFAULTs of
// the other columns, the table's CHECK constraints and generated columns and
// the conflict clause, as a kInsert plan node over
// the source plan (plan.h).
#include <algorithm>

#include "sql/binder/binder.h"
#include "sql/binder/binder_internal.h"

namespace sluice::sql {

namespace {

bool IsRowidName(std::string_view n) {
  return NameEqualsNoCase(n, "rowid") || NameEqualsNoCase(n, "oid") || NameEqualsNoCase(n, "_rowid_");
}

}  // namespace

Result<PlanPtr> Binder::BindInsert(const InsertStatement& s) {
  impl_->statement_ = &s;
  auto node = std::make_shared<PlanNode>(PlanKind::kInsert);
  node->table = impl_->catalog_.FindTable(s.table);
  if (node->table == nullptr) {
    if (impl_->catalog_.FindView(s.table) != nullptr) {
      return Status::InvalidArgument("cannot modify " + s.table + " because it is a view");
    }
    return Status::InvalidArgument("no such table: " + s.table);
  }
  const Table& t = *node->table;
  SLUICE_RETURN_IF_ERROR(impl_->PushDmlWith(s.with.get()));
  node->alias = t.name;
  node->conflict = s.replace ? ConflictResolution::kReplace : s.conflict;
  node->outputs.push_back(impl_->NewId());  // the number of rows inserted
  std::vector<int>& targets = node->insert_columns;
  // Generated columns are computed, never given: a column list without
  // one leaves them out.
  if (s.columns.empty()) {
    for (size_t c = 0; c < t.columns_info.size(); ++c) {
      if (t.columns_info[c].generated == nullptr) targets.push_back(static_cast<int>(c));
    }
  } else {
    for (const std::string& name : s.columns) {
      int c = t.column_index(name);
      if (c < 0 && IsRowidName(name))
        c = t.rowid_alias >= 0 ? t.rowid_alias : -1;
      else if (c < 0)
        return Status::InvalidArgument("table " + t.name + " has no column named " + name);
      if (c >= 0 && t.columns_info[c].generated != nullptr) {
        return Status::InvalidArgument("cannot INSERT into generated column \"" + t.columns_info[c].name + "\"");
      }
      targets.push_back(c);
    }
  }
  if (s.default_values || !s.select) {
    targets.clear();  // every column takes its default
  } else {
    SLUICE_ASSIGN_OR_RETURN(BoundQuery source, impl_->BindSelect(*s.select, nullptr));
    size_t n = source.names.size();
    if (n != targets.size()) {
      if (s.columns.empty()) {
        return Status::InvalidArgument("table " + t.name + " has " + std::to_string(targets.size()) + " columns but " +
                                       std::to_string(n) + " values were supplied");
      }
      return Status::InvalidArgument(std::to_string(n) + " values for " + std::to_string(targets.size()) + " columns");
    }
    node->children.push_back(std::move(source.plan));
  }
  if (!s.upserts.empty()) SLUICE_RETURN_IF_ERROR(impl_->BindUpsert(s, t, node.get()));
  if (!s.returning.empty()) {
    SLUICE_RETURN_IF_ERROR(impl_->BindReturning(s.returning, t, node.get()));
  }
  // DEFAULTs of the columns the statement does not set, bound against the
  // CREATE TABLE text they come from. A DEFAULT that does not bind is an
  // error of the INSERT when it runs, not of its preparation. OR REPLACE
  // also needs those of the columns it sets, for a NULL in a NOT NULL
  // column (they are overwritten otherwise).
  auto targeted = [&](size_t c) {
    return std::find(targets.begin(), targets.end(), static_cast<int>(c)) != targets.end();
  };
  const bool all_defaults = node->conflict == ConflictResolution::kReplace;
  int64_t offset = impl_->error_offset_;
  for (size_t c = 0; c < t.columns_info.size(); ++c) {
    const Expr* d = t.columns_info[c].default_expr;
    if (d == nullptr || (targeted(c) && !(all_defaults && t.columns_info[c].not_null))) continue;
    node->insert_defaults.resize(t.columns_info.size());
    impl_->statement_ = t.create_ast.get();
    Scope scope;
    ExprContext ctx{&scope};
    Result<BoundExprPtr> e = impl_->BindExpr(*d, ctx);
    if (!e.ok() && targeted(c)) continue;
    if (!e.ok()) {
      node->insert_default_error = e.status();
      node->insert_default_error_column = static_cast<int>(c);
      break;
    }
    node->insert_defaults[c] = std::move(*e);
  }
  impl_->statement_ = &s;
  impl_->error_offset_ = offset;
  if (!t.checks.empty() && t.create_ast != nullptr) {
    SLUICE_ASSIGN_OR_RETURN(node->checks, impl_->BindTableChecks(t, *t.create_ast));
    impl_->error_offset_ = offset;
  }
  if (t.create_ast != nullptr) {
    SLUICE_ASSIGN_OR_RETURN(node->generated, impl_->BindTableGenerated(t, *t.create_ast, false));
    impl_->error_offset_ = offset;
  }
  return PlanPtr(node);
}

}  // namespace sluice::sql

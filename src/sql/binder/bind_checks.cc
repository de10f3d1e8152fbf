// The CHECK constraints of a table, bound for the writes that enforce them
// (INSERT, UPDATE, the Appender) and for CREATE TABLE, which refuses a CHECK
// that does not bind as sqlite3 does ("no such column: b", "subqueries
// prohibited in CHECK constraints", "parameters prohibited in CHECK
// constraints").
//
// Each expression reads the row being written: its column references are
// resolved to slots of the layout (table columns in order, then the rowid),
// so no planner pass is needed.
#include <unordered_map>

#include "sql/binder/binder.h"
#include "sql/binder/binder_internal.h"

namespace sluice::sql {

namespace {

void SetSlots(BoundExpr* e, const std::unordered_map<ColumnId, int>& slots) {
  if (e->kind == BoundKind::kColumn) {
    auto it = slots.find(e->column);
    e->slot = it == slots.end() ? -1 : it->second;
  }
  for (BoundExprPtr& c : e->children) SetSlots(c.get(), slots);
}

}  // namespace

Result<std::vector<BoundExprPtr>> Binder::Impl::BindTableChecks(const TableSchema& t, const Statement& create) {
  std::vector<BoundExprPtr> out;
  if (t.checks.empty()) return out;
  const Statement* saved_statement = statement_;
  statement_ = &create;
  prohibited_in_ = "CHECK constraints";
  Scope scope;
  scope.has_from = true;
  scope.tables.push_back(t.name);
  std::unordered_map<ColumnId, int> slots;
  for (size_t i = 0; i < t.columns_info.size(); ++i) {
    const ColumnInfo& info = t.columns_info[i];
    ScopeColumn c;
    c.table = t.name;
    c.name = info.name;
    c.id = NewId();
    c.affinity = info.affinity;
    c.collation = info.collation;
    c.type_name = info.type_name;
    slots.emplace(c.id, static_cast<int>(i));
    scope.columns.push_back(std::move(c));
  }
  ColumnId rowid = NewId();
  slots.emplace(rowid, static_cast<int>(t.columns_info.size()));
  for (const char* name : {"rowid", "oid", "_rowid_"}) {
    ScopeColumn c;
    c.table = t.name;
    c.name = name;
    c.id = rowid;
    c.affinity = Affinity::kInteger;
    c.hidden = true;
    scope.columns.push_back(std::move(c));
  }
  Status failure;
  for (const CheckDef& check : t.checks) {
    ExprContext ctx{&scope, false};
    Result<BoundExprPtr> e = BindExpr(*check.expr, ctx);
    if (!e.ok()) {
      failure = e.status();
      break;
    }
    SetSlots(e->get(), slots);
    out.push_back(std::move(*e));
  }
  prohibited_in_ = nullptr;
  statement_ = saved_statement;
  if (!failure.ok()) return failure;
  return out;
}

Result<std::vector<BoundExprPtr>> Binder::BindChecks(const TableSchema& table, const Statement& create) {
  return impl_->BindTableChecks(table, create);
}

}  // namespace sluice::sql

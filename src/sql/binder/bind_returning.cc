// RETURNING on INSERT, UPDATE and DELETE: expressions over the row written
// (the table's columns under its name, not the statement's alias, and its
// rowid), bound to slots of (table columns..., rowid) as CHECK
// constraints are, and named as sqlite3 names them: the alias, else a
// column reference's declared column name (the rowid: its alias column,
// else "rowid"), else the expression's text as written;
// `*` is every column. `t.*` is sqlite3's error; aggregates are misuse;
// subqueries are refused (not supported yet).
#include <unordered_map>

#include "sql/binder/binder.h"
#include "sql/binder/binder_internal.h"

namespace sluice::sql {

bool HasSubquery(const BoundExpr& e) {
  if (e.subquery != nullptr) return true;
  for (const BoundExprPtr& c : e.children) {
    if (HasSubquery(*c)) return true;
  }
  return false;
}

void SetSlots(BoundExpr* e, const std::unordered_map<ColumnId, int>& slots) {
  if (e->kind == BoundKind::kColumn) {
    auto it = slots.find(e->column);
    e->slot = it == slots.end() ? -1 : it->second;
  }
  for (BoundExprPtr& c : e->children) SetSlots(c.get(), slots);
}

Status NoAggregateHere(Status st) {
  constexpr std::string_view kPrefix = "misuse of aggregate: ";
  if (st.ok() || st.message().rfind(kPrefix, 0) != 0) return st;
  return Status::InvalidArgument("misuse of aggregate function " + std::string(st.message().substr(kPrefix.size())));
}

Status Binder::Impl::BindReturning(const std::vector<ResultColumn>& columns, const Table& t, PlanNode* node) {
  // sqlite3 names the row by the table's name, never the statement's alias.
  const std::string& alias = t.name;
  Scope scope;
  scope.has_from = true;
  scope.tables.push_back(alias);
  std::unordered_map<ColumnId, int> slots;
  for (size_t i = 0; i < t.columns_info.size(); ++i) {
    const ColumnInfo& info = t.columns_info[i];
    ScopeColumn c;
    c.table = alias;
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
    c.table = alias;
    c.name = name;
    c.id = rowid;
    c.affinity = Affinity::kInteger;
    c.hidden = true;
    scope.columns.push_back(std::move(c));
  }
  for (const ResultColumn& rc : columns) {
    if (rc.kind == ResultColumn::Kind::kTableStar) {
      return Status::InvalidArgument("RETURNING may not use \"TABLE.*\" wildcards");
    }
    if (rc.kind == ResultColumn::Kind::kStar) {
      for (size_t i = 0; i < t.columns_info.size(); ++i) {
        auto col = std::make_unique<BoundExpr>(BoundKind::kColumn);
        col->column = scope.columns[i].id;
        col->affinity = t.columns_info[i].affinity;
        col->collation = t.columns_info[i].collation;
        col->slot = static_cast<int>(i);
        node->returning.push_back(std::move(col));
        node->returning_names.push_back(t.columns_info[i].name);
      }
      continue;
    }
    ExprContext ctx{&scope, false};
    Result<BoundExprPtr> bound = BindExpr(*rc.expr, ctx);
    if (!bound.ok()) return NoAggregateHere(bound.status());
    BoundExprPtr e = std::move(*bound);
    if (HasSubquery(*e)) return Status::InvalidArgument("subqueries in RETURNING are not supported");
    SetSlots(e.get(), slots);
    node->returning.push_back(std::move(e));
    if (rc.has_alias) {
      node->returning_names.push_back(rc.alias);
    } else if (rc.expr->kind == ExprKind::kColumnRef) {
      // The column's declared name; the rowid is its alias column, else
      // "rowid" however it was written.
      int c = t.column_index(rc.expr->As<ColumnRefExpr>().column);
      if (c < 0) c = t.rowid_alias;
      node->returning_names.push_back(c >= 0 ? t.columns_info[static_cast<size_t>(c)].name : std::string("rowid"));
    } else {
      node->returning_names.emplace_back(Text(rc.expr->span));
    }
  }
  if (node->returning.size() > kMaxColumns) return Status::InvalidArgument("too many columns in result set");
  return Status::OK();
}

}  // namespace sluice::sql

// The FROM binder: tables, views, CTEs, subqueries, sqlite_schema, and the
// joins between them (ON, USING, NATURAL), as a left-deep tree in FROM
// order.
#include <algorithm>

#include "sql/binder/binder_internal.h"
#include "sql/catalog/catalog.h"
#include "sql/parser/parser.h"

namespace sluice::sql {

namespace {

// sqlite_schema as a table of five columns, filled from the catalog.
TablePtr SchemaTable(const Catalog& catalog, const std::string& name, bool temp) {
  auto t = std::make_shared<Table>();
  t->name = name;
  const char* names[] = {"type", "name", "tbl_name", "rootpage", "sql"};
  const char* types[] = {"text", "text", "text", "int", "text"};
  for (int i = 0; i < 5; ++i) {
    ColumnInfo c;
    c.name = names[i];
    c.type_name = types[i];
    c.affinity = AffinityFromTypeName(types[i]);
    t->columns_info.push_back(c);
  }
  t->data.InitColumns(5);
  {
    int64_t rowid = 1;
    for (const SchemaEntry& e : catalog.SchemaRows(temp)) {
      std::vector<Value> row;
      row.push_back(Value::Text(e.type));
      row.push_back(Value::Text(e.name));
      row.push_back(Value::Text(e.tbl_name));
      row.push_back(Value::Integer(e.rootpage));
      row.push_back(e.sql_is_null ? Value() : Value::Text(e.sql));
      t->data.AppendRow(std::move(row), rowid++);
    }
  }
  return t;
}

BoundExprPtr Equality(const ScopeColumn& l, const ScopeColumn& r) {
  auto e = std::make_unique<BoundExpr>(BoundKind::kCompare);
  e->op = static_cast<uint8_t>(CompareOp::kEq);
  e->children.push_back(MakeColumnRef(l.id, l.affinity, l.collation, CollationSource::kColumn));
  e->children.push_back(MakeColumnRef(r.id, r.affinity, r.collation, CollationSource::kColumn));
  e->collation = l.collation;
  return e;
}

}  // namespace

size_t CountFromTables(const FromClause& from) {
  size_t n = 0;
  for (const FromItem& item : from.items) {
    n += item.table->kind == TableRef::Kind::kJoin ? CountFromTables(*item.table->join) : 1;
  }
  return n;
}

Result<PlanPtr> Binder::Impl::BindFrom(const FromClause& from, Scope* scope, Scope* outer) {
  PlanPtr plan;
  for (size_t i = 0; i < from.items.size(); ++i) {
    const FromItem& item = from.items[i];
    size_t first = scope->columns.size();
    if (item.join == JoinKind::kRight || item.join == JoinKind::kFull) {
      return Status::InvalidArgument("RIGHT and FULL OUTER JOINs are not currently supported");
    }
    SLUICE_ASSIGN_OR_RETURN(PlanPtr right, BindTableRef(*item.table, scope, outer, first));
    // sqlite3WhereBegin's limit (the bits of a Bitmask). Checked as the
    // tables are bound, so a missing table among the first 65 is still
    // reported first, and the join tree never grows deeper.
    if (item.table->kind != TableRef::Kind::kJoin && ++from_tables_ > kMaxJoinTables) {
      return Status::InvalidArgument("at most " + std::to_string(kMaxJoinTables) + " tables in a join");
    }
    if (i == 0) {
      plan = right;
      if (item.on || item.has_using) {
        return Status::InvalidArgument("a JOIN clause is required before ON");
      }
      continue;
    }
    auto join = std::make_shared<PlanNode>(PlanKind::kJoin);
    join->join_type = item.join == JoinKind::kLeft    ? JoinType::kLeft
                      : item.join == JoinKind::kCross ? JoinType::kCross
                                                      : JoinType::kInner;
    std::vector<BoundExprPtr> conds;
    auto find_left = [&](const std::string& name) -> const ScopeColumn* {
      for (size_t c = 0; c < first; ++c) {
        const ScopeColumn& sc = scope->columns[c];
        if (!sc.hidden && !sc.using_dup && NameEqualsNoCase(sc.name, name)) return &sc;
      }
      return nullptr;
    };
    if (item.natural || item.has_using) {
      if (item.natural && (item.on || item.has_using)) {
        return Status::InvalidArgument("a NATURAL join may not have an ON or USING clause");
      }
      std::vector<std::string> names = item.using_columns;
      if (item.natural) {
        for (size_t c = first; c < scope->columns.size(); ++c) {
          const ScopeColumn& sc = scope->columns[c];
          if (!sc.hidden && find_left(sc.name) != nullptr) names.push_back(sc.name);
        }
      }
      for (const std::string& name : names) {
        const ScopeColumn* l = find_left(name);
        ScopeColumn* r = nullptr;
        for (size_t c = first; c < scope->columns.size(); ++c) {
          if (!scope->columns[c].hidden && NameEqualsNoCase(scope->columns[c].name, name)) {
            r = &scope->columns[c];
            break;
          }
        }
        if (l == nullptr || r == nullptr) {
          return Status::InvalidArgument("cannot join using column " + name + " - column not present in both tables");
        }
        conds.push_back(Equality(*l, *r));
        r->using_dup = true;
      }
    }
    if (item.on) {
      ExprContext ctx{scope, false};
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr on, BindExpr(*item.on, ctx));
      conds.push_back(std::move(on));
    }
    if (conds.size() == 1) {
      join->predicate = std::move(conds[0]);
    } else if (conds.size() > 1) {
      join->predicate = std::make_unique<BoundExpr>(BoundKind::kAnd);
      join->predicate->children = std::move(conds);
    }
    join->outputs = plan->outputs;
    join->outputs.insert(join->outputs.end(), right->outputs.begin(), right->outputs.end());
    join->children.push_back(plan);
    join->children.push_back(right);
    plan = join;
  }
  return plan;
}

Result<PlanPtr> Binder::Impl::BindTableRef(const TableRef& ref, Scope* scope, Scope* outer, size_t first_column) {
  (void)first_column;
  switch (ref.kind) {
    case TableRef::Kind::kTable: return BindNamedTable(ref, scope, outer);
    case TableRef::Kind::kSubquery: {
      std::string name = ref.has_alias ? ref.alias : "(subquery)";
      return BindSubqueryTable(*ref.select, name, nullptr, scope, outer);
    }
    case TableRef::Kind::kJoin: return BindFrom(*ref.join, scope, outer);
  }
  return Status::Internal("bad table reference");
}

Result<PlanPtr> Binder::Impl::BindSubqueryTable(const Select& select, const std::string& name,
                                                const std::vector<std::string>* column_names, Scope* scope,
                                                Scope* outer) {
  SLUICE_ASSIGN_OR_RETURN(BoundQuery q, BindSelect(select, outer));
  if (column_names != nullptr && !column_names->empty() && column_names->size() != q.names.size()) {
    return Status::InvalidArgument("table " + name + " has " + std::to_string(q.names.size()) + " values for " +
                                   std::to_string(column_names->size()) + " columns");
  }
  scope->tables.push_back(name);
  for (size_t i = 0; i < q.names.size(); ++i) {
    ScopeColumn c;
    c.table = name;
    c.name = column_names != nullptr && !column_names->empty() ? (*column_names)[i] : q.names[i];
    c.id = q.plan->outputs[i];
    c.affinity = q.affinities[i] == Affinity::kNone ? Affinity::kBlob : q.affinities[i];
    c.collation = q.collations[i];
    c.type_name = q.decl_types[i];
    scope->columns.push_back(std::move(c));
  }
  return q.plan;
}

Result<PlanPtr> Binder::Impl::BindNamedTable(const TableRef& ref, Scope* scope, Scope* outer) {
  std::string alias = ref.has_alias ? ref.alias : ref.name;
  if (ref.schema.empty()) {
    for (size_t i = ctes_.size(); i-- > 0;) {
      const CommonTableExpr* cte = ctes_[i];
      if (!NameEqualsNoCase(cte->name, ref.name)) continue;
      // A CTE sees only the CTEs before it.
      std::vector<const CommonTableExpr*> saved = ctes_;
      ctes_.resize(i);
      cte_bodies_.push_back(cte);
      Result<PlanPtr> plan = BindSubqueryTable(*cte->select, alias, &cte->columns, scope, outer);
      cte_bodies_.pop_back();
      ctes_ = std::move(saved);
      return plan;
    }
    // Without RECURSIVE too, sqlite3 takes a CTE's own name in its body as
    // a reference to itself: recursive in a compound's later SELECTs
    // (refused: not supported), else an error.
    for (const CommonTableExpr* open : cte_bodies_) {
      if (!NameEqualsNoCase(open->name, ref.name)) continue;
      if (open->select->cores.size() > 1) {
        return Status::InvalidArgument("recursive common table expressions are not supported");
      }
      return Status::InvalidArgument("circular reference: " + open->name);
    }
  }
  bool main_schema = ref.schema.empty() || NameEqualsNoCase(ref.schema, "main");
  bool temp_schema = NameEqualsNoCase(ref.schema, "temp");
  // TEMP objects share main's catalog (catalog.h): unqualified names find
  // either; main.x only a main object, temp.x only a TEMP one.
  bool want_temp = temp_schema;
  TablePtr table;
  if (NameEqualsNoCase(ref.name, "sqlite_master") || NameEqualsNoCase(ref.name, "sqlite_schema")) {
    if (main_schema) table = SchemaTable(catalog_, ref.name, false);
    if (temp_schema) table = SchemaTable(catalog_, ref.name, true);
  } else if (NameEqualsNoCase(ref.name, "sqlite_temp_master") || NameEqualsNoCase(ref.name, "sqlite_temp_schema")) {
    if (ref.schema.empty() || temp_schema) table = SchemaTable(catalog_, ref.name, true);
  } else if (main_schema || temp_schema) {
    table = catalog_.FindTable(ref.name);
    if (table != nullptr && !ref.schema.empty() && table->temp != want_temp) table = nullptr;
    const ViewInfo* view = table == nullptr ? catalog_.FindView(ref.name) : nullptr;
    if (view != nullptr && !ref.schema.empty() && view->temp != want_temp) view = nullptr;
    if (table == nullptr) {
      if (view != nullptr) {
        for (const ViewInfo* open : views_) {
          if (open == view) return Status::InvalidArgument("view " + view->name + " is circularly defined");
        }
        views_.push_back(view);
        std::vector<const CommonTableExpr*> saved = std::move(ctes_);
        ctes_.clear();
        std::vector<const CommonTableExpr*> saved_bodies = std::move(cte_bodies_);
        cte_bodies_.clear();
        const Statement* saved_statement = statement_;
        statement_ = view->ast.get();
        Result<PlanPtr> plan = BindSubqueryTable(*view->ast->select, alias, &view->ast->columns, scope, nullptr);
        statement_ = saved_statement;
        ctes_ = std::move(saved);
        cte_bodies_ = std::move(saved_bodies);
        views_.pop_back();
        (void)outer;
        return plan;
      }
    }
  }
  size_t visible_columns = SIZE_MAX;  // pragma_NAME(): its hidden arg, schema
  if (table == nullptr && main_schema && ref.indexed_by.empty()) {
    SLUICE_ASSIGN_OR_RETURN(table, PragmaTable(ref, &visible_columns));
  }
  if (table == nullptr) {
    return Status::InvalidArgument("no such table: " + (ref.schema.empty() ? "" : ref.schema + ".") + ref.name);
  }
  SLUICE_RETURN_IF_ERROR(CheckIndexedBy(table.get(), ref.indexed_by));
  auto get = std::make_shared<PlanNode>(PlanKind::kGet);
  get->table = table;
  MarkIndexedByPartial(get.get(), ref.indexed_by);
  get->alias = alias;
  scope->tables.push_back(alias);
  for (const ColumnInfo& info : table->columns_info) {
    ScopeColumn c;
    c.table = alias;
    c.name = info.name;
    c.hidden = get->outputs.size() >= visible_columns;
    c.id = NewId();
    c.affinity = info.affinity;
    c.collation = info.collation;
    c.type_name = info.type_name;
    get->outputs.push_back(c.id);
    scope->columns.push_back(std::move(c));
  }
  ColumnId rowid = NewId();
  get->outputs.push_back(rowid);
  // A WITHOUT ROWID table keeps a rowid internally (the scan's last
  // output), but SQL cannot name it: "no such column: rowid", as sqlite3.
  if (table->without_rowid) return get;
  for (const char* name : {"rowid", "oid", "_rowid_"}) {
    ScopeColumn c;
    c.table = alias;
    c.name = name;
    c.id = rowid;
    c.affinity = Affinity::kInteger;
    c.hidden = true;
    scope->columns.push_back(std::move(c));
  }
  return get;
}

}  // namespace sluice::sql

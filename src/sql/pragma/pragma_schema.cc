// The schema PRAGMAs table_info, table_xinfo, index_list and table_list
// (pragma_schema.h). A table's facts come from the CREATE TABLE it was
// made by (its create_ast: declared types, DEFAULT text, PRIMARY KEY,
// WITHOUT ROWID); a table made by CREATE TABLE ... AS SELECT has only its
// column names and types.
#include "sql/pragma/pragma_schema.h"

#include "base/ascii.h"
#include "sql/parser/parser.h"

namespace sluice::sql {

const CreateTableStatement* CreateOf(const Table& t) {
  if (t.create_ast == nullptr || t.create_ast->kind != StatementKind::kCreateTable) return nullptr;
  const auto& create = t.create_ast->As<CreateTableStatement>();
  return create.as_select || create.columns.empty() ? nullptr : &create;
}

bool HasConstraint(const ColumnDef& column, ColumnConstraint::Kind kind) {
  for (const ColumnConstraint& c : column.constraints) {
    if (c.kind == kind) return true;
  }
  return false;
}

std::string_view TermColumn(const IndexedColumn& term) {
  const Expr* e = term.expr.get();
  while (e != nullptr && e->kind == ExprKind::kCollate) e = e->As<CollateExpr>().operand.get();
  if (e == nullptr || e->kind != ExprKind::kColumnRef) return "";
  const auto& ref = e->As<ColumnRefExpr>();
  return ref.table.empty() ? std::string_view(ref.column) : std::string_view();
}

std::vector<int> PrimaryKeyColumns(const CreateTableStatement& create) {
  std::vector<int> pk;
  for (size_t i = 0; i < create.columns.size(); ++i) {
    if (HasConstraint(create.columns[i], ColumnConstraint::Kind::kPrimaryKey)) pk.push_back(static_cast<int>(i));
  }
  for (const TableConstraint& t : create.constraints) {
    if (t.kind != TableConstraint::Kind::kPrimaryKey) continue;
    for (const IndexedColumn& term : t.columns) {
      std::string_view name = TermColumn(term);
      for (size_t i = 0; i < create.columns.size(); ++i) {
        if (EqualsIgnoreAsciiCase(create.columns[i].name, name)) pk.push_back(static_cast<int>(i));
      }
    }
  }
  return pk;
}

namespace {

// The declared type as sqlite3 keeps it: the standard names (ANY, BLOB,
// INT, INTEGER, REAL, TEXT) in upper case, others as written, except that
// a type quoted as a whole loses its quotes (sqlite3DequoteToken).
Value DeclaredType(std::string_view type) {
  auto is_quote = [](char c) { return c == '\'' || c == '"' || c == '`' || c == '['; };
  if (type.size() >= 2 && is_quote(type[0])) {
    bool inner_quote = false;
    for (size_t i = 1; i + 1 < type.size(); ++i) inner_quote = inner_quote || is_quote(type[i]);
    if (!inner_quote) type = type.substr(1, type.size() - 2);
  }
  for (std::string_view standard : {"ANY", "BLOB", "INT", "INTEGER", "REAL", "TEXT"}) {
    if (EqualsIgnoreAsciiCase(type, standard)) return Value::Text(standard);
  }
  return Value::Text(type);
}

Value TextOrNull(std::string_view s, bool null) { return null ? Value() : Value::Text(s); }

// table_info, or with `xinfo` table_xinfo (generated columns too, and
// the `hidden` column).
PragmaRowSet TableInfo(const Table& t, bool xinfo) {
  PragmaRowSet rows;
  const CreateTableStatement* create = CreateOf(t);
  if (create == nullptr) {
    for (size_t i = 0; i < t.columns_info.size(); ++i) {
      const ColumnInfo& c = t.columns_info[i];
      rows.push_back({Value::Integer(static_cast<int64_t>(i)), Value::Text(c.name), DeclaredType(c.type_name),
                      Value::Integer(c.not_null ? 1 : 0), Value(),
                      Value::Integer(static_cast<int>(i) == t.rowid_alias ? 1 : 0)});
      if (xinfo) rows.back().push_back(Value::Integer(0));
    }
    return rows;
  }
  const std::vector<int> pk = PrimaryKeyColumns(*create);
  int64_t cid = 0;
  for (size_t i = 0; i < create->columns.size(); ++i) {
    const ColumnDef& column = create->columns[i];
    int64_t hidden = 0;
    for (const ColumnConstraint& c : column.constraints) {
      if (c.kind == ColumnConstraint::Kind::kGenerated) hidden = c.stored ? 3 : 2;
    }
    if (hidden != 0 && !xinfo) continue;
    int64_t pk_position = 0;
    for (size_t k = 0; k < pk.size() && pk_position == 0; ++k) {
      if (pk[k] == static_cast<int>(i)) pk_position = static_cast<int64_t>(k) + 1;
    }
    bool not_null =
        HasConstraint(column, ColumnConstraint::Kind::kNotNull) || (create->without_rowid && pk_position > 0);
    const Expr* dflt = nullptr;
    for (const ColumnConstraint& c : column.constraints) {
      if (c.kind == ColumnConstraint::Kind::kDefault) dflt = c.expr.get();
    }
    rows.push_back({Value::Integer(cid++), Value::Text(column.name), DeclaredType(column.type_name),
                    Value::Integer(not_null ? 1 : 0),
                    TextOrNull(dflt != nullptr ? create->Text(dflt->span) : "", dflt == nullptr),
                    Value::Integer(pk_position)});
    if (xinfo) rows.back().push_back(Value::Integer(hidden));
  }
  return rows;
}

PragmaRowSet ViewInfoRows(const PragmaContext& ctx, const ViewInfo& view, bool xinfo) {
  PragmaRowSet rows;
  if (!ctx.view_columns) return rows;
  Result<std::vector<ViewColumn>> columns = ctx.view_columns(view);
  if (!columns.ok()) return rows;
  for (size_t i = 0; i < columns->size(); ++i) {
    const ViewColumn& c = (*columns)[i];
    rows.push_back({Value::Integer(static_cast<int64_t>(i)), Value::Text(c.name), DeclaredType(c.type),
                    Value::Integer(0), Value(), Value::Integer(0)});
    if (xinfo) rows.back().push_back(Value::Integer(0));
  }
  return rows;
}

PragmaRowSet TableOrViewInfo(const PragmaContext& ctx, const std::optional<std::string>& arg, bool xinfo) {
  if (!arg) return {};
  if (TablePtr t = ctx.catalog.FindTable(*arg)) return TableInfo(*t, xinfo);
  if (const ViewInfo* view = ctx.catalog.FindView(*arg)) return ViewInfoRows(ctx, *view, xinfo);
  return {};
}

bool IsPartial(const IndexDef& idx) {
  if (idx.sql.empty()) return false;
  Result<StatementPtr> parsed = ParseStatement(idx.sql);
  return parsed.ok() && *parsed != nullptr && (*parsed)->kind == StatementKind::kCreateIndex &&
         (*parsed)->As<CreateIndexStatement>().where != nullptr;
}

PragmaRowSet IndexList(const Table& t) {
  std::vector<int> pk_columns;  // as positions in the table
  const CreateTableStatement* create = CreateOf(t);
  if (create != nullptr) pk_columns = PrimaryKeyColumns(*create);
  PragmaRowSet rows;
  auto add = [&](const std::string& name, bool unique, const char* origin, bool partial) {
    rows.push_back({Value::Integer(static_cast<int64_t>(rows.size())), Value::Text(name),
                    Value::Integer(unique ? 1 : 0), Value::Text(origin), Value::Integer(partial ? 1 : 0)});
  };
  bool pk_seen = false;
  int automatic = 0;
  for (const IndexDef& idx : t.indexes) {
    automatic += idx.automatic ? 1 : 0;
    pk_seen = pk_seen || (idx.automatic && idx.columns == pk_columns);
  }
  // A WITHOUT ROWID table always has its PRIMARY KEY index; SQLite makes
  // it last when the key is an INTEGER PRIMARY KEY (which the engine keeps
  // as the rowid), so it comes before the other automatic ones.
  bool missing_pk = create != nullptr && create->without_rowid && !pk_columns.empty() && !pk_seen;
  pk_seen = false;
  for (size_t k = t.indexes.size(); k-- > 0;) {
    const IndexDef& idx = t.indexes[k];
    if (idx.automatic && missing_pk) {
      add("sqlite_autoindex_" + t.name + "_" + std::to_string(automatic + 1), true, "pk", false);
      missing_pk = false;
    }
    const char* origin = "c";
    if (idx.automatic) {
      origin = "u";
      if (!pk_seen && idx.columns == pk_columns) {
        origin = "pk";
        pk_seen = true;
      }
    }
    add(idx.name, idx.unique, origin, IsPartial(idx));
  }
  if (missing_pk) add("sqlite_autoindex_" + t.name + "_" + std::to_string(automatic + 1), true, "pk", false);
  return rows;
}

std::vector<Value> TableListRow(const Table& t) {
  const CreateTableStatement* create = CreateOf(t);
  const size_t ncol = create != nullptr ? create->columns.size() : t.columns_info.size();
  const bool without_rowid = create != nullptr && create->without_rowid;
  const bool strict = create != nullptr && create->strict;
  return {Value::Text(t.temp ? "temp" : "main"),
          Value::Text(t.name),
          Value::Text("table"),
          Value::Integer(static_cast<int64_t>(ncol)),
          Value::Integer(without_rowid ? 1 : 0),
          Value::Integer(strict ? 1 : 0)};
}

std::optional<std::vector<Value>> ViewListRow(const PragmaContext& ctx, const ViewInfo& view) {
  if (!ctx.view_columns) return std::nullopt;
  Result<std::vector<ViewColumn>> columns = ctx.view_columns(view);
  if (!columns.ok()) return std::nullopt;
  return std::vector<Value>{Value::Text(view.temp ? "temp" : "main"),
                            Value::Text(view.name),
                            Value::Text("view"),
                            Value::Integer(static_cast<int64_t>(columns->size())),
                            Value::Integer(0),
                            Value::Integer(0)};
}

std::vector<Value> SchemaTableRow(bool temp) {
  return {Value::Text(temp ? "temp" : "main"),
          Value::Text(temp ? "sqlite_temp_schema" : "sqlite_schema"),
          Value::Text("table"),
          Value::Integer(5),
          Value::Integer(0),
          Value::Integer(0)};
}

}  // namespace

PragmaRowSet TableInfoRows(const PragmaContext& ctx, const std::optional<std::string>& arg) {
  return TableOrViewInfo(ctx, arg, false);
}

PragmaRowSet TableXinfoRows(const PragmaContext& ctx, const std::optional<std::string>& arg) {
  return TableOrViewInfo(ctx, arg, true);
}

PragmaRowSet IndexListRows(const PragmaContext& ctx, const std::optional<std::string>& arg) {
  if (!arg) return {};
  TablePtr t = ctx.catalog.FindTable(*arg);
  return t != nullptr ? IndexList(*t) : PragmaRowSet();
}

PragmaRowSet TableListRows(const PragmaContext& ctx, const std::optional<std::string>& arg) {
  PragmaRowSet rows;
  if (arg) {
    if (TablePtr t = ctx.catalog.FindTable(*arg)) {
      rows.push_back(TableListRow(*t));
    } else if (const ViewInfo* view = ctx.catalog.FindView(*arg)) {
      if (auto row = ViewListRow(ctx, *view)) rows.push_back(std::move(*row));
    } else if (EqualsIgnoreAsciiCase(*arg, "sqlite_schema") || EqualsIgnoreAsciiCase(*arg, "sqlite_master")) {
      rows.push_back(SchemaTableRow(false));
    } else if (EqualsIgnoreAsciiCase(*arg, "sqlite_temp_schema") || EqualsIgnoreAsciiCase(*arg, "sqlite_temp_master")) {
      rows.push_back(SchemaTableRow(true));
    }
    return rows;
  }
  // main's tables and views, newest first, then sqlite_schema; then the
  // TEMP schema's the same way.
  for (bool temp : {false, true}) {
    std::vector<SchemaEntry> schema = ctx.catalog.SchemaRows(temp);
    for (size_t k = schema.size(); k-- > 0;) {
      const SchemaEntry& e = schema[k];
      if (e.type == "table") {
        if (TablePtr t = ctx.catalog.FindTable(e.name)) rows.push_back(TableListRow(*t));
      } else if (e.type == "view") {
        const ViewInfo* view = ctx.catalog.FindView(e.name);
        if (view == nullptr) continue;
        if (auto row = ViewListRow(ctx, *view)) rows.push_back(std::move(*row));
      }
    }
    rows.push_back(SchemaTableRow(temp));
  }
  return rows;
}

}  // namespace sluice::sql

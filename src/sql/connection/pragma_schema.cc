// The schema PRAGMAs (pragma_schema.h). A table's facts come from the
// CREATE TABLE it was made by (its create_ast: declared types, DEFAULT
// text, PRIMARY KEY, WITHOUT ROWID); a table made by CREATE TABLE ... AS
// SELECT has only its column names and types.
#include "sql/connection/pragma_schema.h"

#include "base/ascii.h"
#include "sql/parser/parser.h"

namespace sluice::sql {

namespace {

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

// The column a PRIMARY KEY(...) term names (under any COLLATE), or "".
std::string_view TermColumn(const IndexedColumn& term) {
  const Expr* e = term.expr.get();
  while (e != nullptr && e->kind == ExprKind::kCollate) e = e->As<CollateExpr>().operand.get();
  if (e == nullptr || e->kind != ExprKind::kColumnRef) return "";
  const auto& ref = e->As<ColumnRefExpr>();
  return ref.table.empty() ? std::string_view(ref.column) : std::string_view();
}

// The PRIMARY KEY's columns (positions in create.columns), in key order.
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

Value TextOrNull(std::string_view s, bool null) { return null ? Value() : Value::Text(s); }

std::vector<std::vector<Value>> TableInfo(const Table& t) {
  std::vector<std::vector<Value>> rows;
  const CreateTableStatement* create = CreateOf(t);
  if (create == nullptr) {
    for (size_t i = 0; i < t.columns_info.size(); ++i) {
      const ColumnInfo& c = t.columns_info[i];
      rows.push_back({Value::Integer(static_cast<int64_t>(i)), Value::Text(c.name), Value::Text(c.type_name),
                      Value::Integer(c.not_null ? 1 : 0), Value(),
                      Value::Integer(static_cast<int>(i) == t.rowid_alias ? 1 : 0)});
    }
    return rows;
  }
  const std::vector<int> pk = PrimaryKeyColumns(*create);
  int64_t cid = 0;
  for (size_t i = 0; i < create->columns.size(); ++i) {
    const ColumnDef& column = create->columns[i];
    if (HasConstraint(column, ColumnConstraint::Kind::kGenerated)) continue;
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
    rows.push_back({Value::Integer(cid++), Value::Text(column.name), Value::Text(column.type_name),
                    Value::Integer(not_null ? 1 : 0),
                    TextOrNull(dflt != nullptr ? create->Text(dflt->span) : "", dflt == nullptr),
                    Value::Integer(pk_position)});
  }
  return rows;
}

bool IsPartial(const IndexDef& idx) {
  if (idx.sql.empty()) return false;
  Result<StatementPtr> parsed = ParseStatement(idx.sql);
  return parsed.ok() && *parsed != nullptr && (*parsed)->kind == StatementKind::kCreateIndex &&
         (*parsed)->As<CreateIndexStatement>().where != nullptr;
}

std::vector<std::vector<Value>> IndexList(const Table& t) {
  std::vector<int> pk_columns;  // as positions in the table
  if (const CreateTableStatement* create = CreateOf(t)) pk_columns = PrimaryKeyColumns(*create);
  std::vector<std::vector<Value>> rows;
  bool pk_seen = false;
  for (size_t k = t.indexes.size(); k-- > 0;) {
    const IndexDef& idx = t.indexes[k];
    const char* origin = "c";
    if (idx.automatic) {
      origin = "u";
      if (!pk_seen && idx.columns == pk_columns) {
        origin = "pk";
        pk_seen = true;
      }
    }
    rows.push_back({Value::Integer(static_cast<int64_t>(rows.size())), Value::Text(idx.name),
                    Value::Integer(idx.unique ? 1 : 0), Value::Text(origin), Value::Integer(IsPartial(idx) ? 1 : 0)});
  }
  return rows;
}

std::vector<std::vector<Value>> TableList(const Table& t) {
  const CreateTableStatement* create = CreateOf(t);
  const size_t ncol = create != nullptr ? create->columns.size() : t.columns_info.size();
  const bool without_rowid = create != nullptr && create->without_rowid;
  const bool strict = create != nullptr && create->strict;
  return {{Value::Text("main"), Value::Text(t.name), Value::Text("table"), Value::Integer(static_cast<int64_t>(ncol)),
           Value::Integer(without_rowid ? 1 : 0), Value::Integer(strict ? 1 : 0)}};
}

}  // namespace

bool IsSchemaPragma(std::string_view name) {
  return name == "table_info" || name == "index_list" || name == "table_list";
}

std::vector<std::string> SchemaPragmaColumns(std::string_view name) {
  if (name == "table_info") return {"cid", "name", "type", "notnull", "dflt_value", "pk"};
  if (name == "index_list") return {"seq", "name", "unique", "origin", "partial"};
  return {"schema", "name", "type", "ncol", "wr", "strict"};
}

std::vector<std::vector<Value>> SchemaPragmaRows(const Catalog& catalog, const PragmaStatement& p) {
  if (!p.has_value) return {};
  TablePtr t = catalog.FindTable(p.value);
  if (t == nullptr) return {};
  const std::string name = LowerAscii(p.name);
  if (name == "table_info") return TableInfo(*t);
  if (name == "index_list") return IndexList(*t);
  return TableList(*t);
}

}  // namespace sluice::sql

// DumpColumns (dump_columns.h): tableColumnList() of sqlite3 3.40's shell,
// computed from the stored CREATE TABLE text.
#include "shell/dump_columns.h"

#include "shell/text_escape.h"
#include "sql/ast/expr.h"
#include "sql/ast/statement.h"
#include "sql/parser/parser.h"

namespace sluice::shell {

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool IsGenerated(const sql::ColumnDef& column) {
  for (const sql::ColumnConstraint& c : column.constraints) {
    if (c.kind == sql::ColumnConstraint::Kind::kGenerated) return true;
  }
  return false;
}

// The column a PRIMARY KEY(...) term names (under any COLLATE), or "".
std::string_view IndexedColumnName(const sql::IndexedColumn& term) {
  const sql::Expr* e = term.expr.get();
  while (e != nullptr && e->kind == sql::ExprKind::kCollate) e = e->As<sql::CollateExpr>().operand.get();
  if (e == nullptr || e->kind != sql::ExprKind::kColumnRef) return "";
  const auto& ref = e->As<sql::ColumnRefExpr>();
  return ref.table.empty() ? std::string_view(ref.column) : std::string_view();
}

}  // namespace

std::optional<DumpColumns> DumpColumnsOf(std::string_view create_table_sql, bool preserve_rowids) {
  Result<sql::StatementPtr> parsed = sql::ParseStatement(create_table_sql);
  if (!parsed.ok() || !*parsed || (*parsed)->kind != sql::StatementKind::kCreateTable) return std::nullopt;
  const auto& create = (*parsed)->As<sql::CreateTableStatement>();
  if (create.as_select || create.columns.empty()) return std::nullopt;

  DumpColumns out;
  // PRAGMA table_info's pk flags: the columns of the PRIMARY KEY, and
  // whether a single INTEGER one is the rowid's alias.
  int pk_columns = 0;
  const sql::ColumnDef* pk_column = nullptr;
  bool pk_desc_on_column = false;
  for (const sql::ColumnDef& column : create.columns) {
    if (!IsGenerated(column)) out.names.push_back(column.name);
    for (const sql::ColumnConstraint& c : column.constraints) {
      if (c.kind != sql::ColumnConstraint::Kind::kPrimaryKey) continue;
      ++pk_columns;
      pk_column = &column;
      pk_desc_on_column = c.order == sql::SortOrder::kDesc;
    }
  }
  for (const sql::TableConstraint& t : create.constraints) {
    if (t.kind != sql::TableConstraint::Kind::kPrimaryKey) continue;
    for (const sql::IndexedColumn& term : t.columns) {
      std::string_view name = IndexedColumnName(term);
      for (const sql::ColumnDef& column : create.columns) {
        if (EqualsIgnoreCase(column.name, name)) {
          ++pk_columns;
          pk_column = &column;
          pk_desc_on_column = false;
        }
      }
    }
  }
  if (!preserve_rowids || create.without_rowid) return out;
  const bool integer_primary_key = pk_columns == 1 && EqualsIgnoreCase(pk_column->type_name, "INTEGER");
  if (integer_primary_key && !pk_desc_on_column) return out;  // the rowid is a column already
  for (std::string_view candidate : {"rowid", "_rowid_", "oid"}) {
    bool taken = false;
    for (const std::string& name : out.names) taken = taken || EqualsIgnoreCase(name, candidate);
    if (!taken) {
      out.rowid = std::string(candidate);
      break;
    }
  }
  return out;
}

std::string DumpInsertTarget(std::string_view table, const DumpColumns& columns) {
  std::string out = "INSERT INTO ";
  out.append(QuoteNameIfNeeded(table));
  if (!columns.rowid.empty()) {
    out.push_back('(');
    out.append(columns.rowid);
    for (const std::string& name : columns.names) {
      out.push_back(',');
      out.append(QuoteNameIfNeeded(name));
    }
    out.push_back(')');
  }
  return out;
}

std::string DumpSelect(std::string_view table, const DumpColumns& columns) {
  std::string out = "SELECT ";
  if (!columns.rowid.empty()) {
    out.append(columns.rowid);
    out.push_back(',');
  }
  for (size_t i = 0; i < columns.names.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append(QuoteNameIfNeeded(columns.names[i]));
  }
  out.append(" FROM ");
  out.append(QuoteNameIfNeeded(table));
  return out;
}

}  // namespace sluice::shell

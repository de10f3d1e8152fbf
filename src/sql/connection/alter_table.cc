// ALTER TABLE: RENAME TO, RENAME COLUMN, ADD COLUMN, DROP COLUMN, with
// sqlite3 3.40's restrictions and messages.
//
// Every form works the same way: compute the new CREATE text of each
// schema object it touches (schema_rename.h for renames; ADD and DROP
// splice the table's own text as sqlite3 does), then build the changed
// tables afresh from their new text — the parsed AST is what CHECK,
// DEFAULT and generated expressions point into — carrying the rows over,
// and swap everything into the catalog. A failure anywhere puts back the
// catalog as it was before the statement (a Catalog is a cheap value), and
// transactions and savepoints undo the change like any other, since tables
// are replaced, never changed in place. A file database writes the new
// schema with its next commit (a schema change writes a new image).
//
// Errors sqlite3 gives at prepare time are CheckAlterTable's; those it
// gives while running ("error in view v after drop column: ...", the
// checks of existing rows) are RunAlterTable's.
#include <string>
#include <vector>

#include "sql/connection/connection_internal.h"
#include "sql/connection/index_expressions.h"
#include "sql/connection/schema_rename.h"
#include "sql/exec/expr_eval.h"
#include "sql/lexer/lexer.h"
#include "sql/parser/parser.h"

namespace sluice::sql {

namespace {

using Action = AlterTableStatement::Action;

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && NameEqualsNoCase(s.substr(0, prefix.size()), prefix);
}

bool IsSchemaTableName(std::string_view name) {
  return NameEqualsNoCase(name, "sqlite_master") || NameEqualsNoCase(name, "sqlite_schema") ||
         NameEqualsNoCase(name, "sqlite_temp_master") || NameEqualsNoCase(name, "sqlite_temp_schema");
}

const ColumnConstraint* FindConstraint(const ColumnDef& def, ColumnConstraint::Kind kind) {
  for (const ColumnConstraint& c : def.constraints) {
    if (c.kind == kind) return &c;
  }
  return nullptr;
}

// A DEFAULT sqlite3ValueFromExpr() can turn into a value: a literal
// (CURRENT_TIME and the like are not), maybe under unary + or -.
bool IsConstantDefault(const Expr* e) {
  while (e != nullptr && e->kind == ExprKind::kCollate) e = e->As<CollateExpr>().operand.get();
  if (e == nullptr) return true;
  if (e->kind == ExprKind::kUnary) {
    const auto& u = e->As<UnaryExpr>();
    return (u.op == UnaryOp::kNegate || u.op == UnaryOp::kPlus) && IsConstantDefault(u.operand.get());
  }
  if (e->kind == ExprKind::kColumnRef) {
    const auto& c = e->As<ColumnRefExpr>();
    return c.table.empty() && (NameEqualsNoCase(c.column, "true") || NameEqualsNoCase(c.column, "false"));
  }
  if (e->kind != ExprKind::kLiteral) return false;
  LiteralKind k = e->As<LiteralExpr>().literal;
  return k != LiteralKind::kCurrentTime && k != LiteralKind::kCurrentDate && k != LiteralKind::kCurrentTimestamp;
}

bool IsNullDefault(const Expr* e) {
  while (e != nullptr && e->kind == ExprKind::kCollate) e = e->As<CollateExpr>().operand.get();
  return e == nullptr || (e->kind == ExprKind::kLiteral && e->As<LiteralExpr>().literal == LiteralKind::kNull);
}

Result<std::shared_ptr<Statement>> ParseCreateTable(const std::string& sql) {
  SLUICE_ASSIGN_OR_RETURN(StatementPtr parsed, ParseStatement(sql));
  if (parsed == nullptr || parsed->kind != StatementKind::kCreateTable ||
      parsed->As<CreateTableStatement>().as_select) {
    return Status::Internal("schema text of a table is not a CREATE TABLE: " + sql);
  }
  return std::shared_ptr<Statement>(std::move(parsed));
}

// Where sqlite3 inserts an added column into a table's text
// (Table.addColOffset): at the comma before the first table constraint,
// else at the closing parenthesis of the column list.
Result<size_t> AddColumnOffset(const std::string& sql, const CreateTableStatement& c) {
  size_t from = c.columns.empty() ? c.name_span.end : c.columns.back().span.end;
  size_t to = c.constraints.empty() ? sql.size() : c.constraints.front().span.begin;
  SLUICE_ASSIGN_OR_RETURN(std::vector<Token> toks, Tokenize(std::string_view(sql).substr(from, to - from)));
  for (const Token& t : toks) {
    if (t.kind == (c.constraints.empty() ? TokenKind::kRightParen : TokenKind::kComma)) return from + t.offset;
  }
  return Status::Internal("cannot find the end of the column list of: " + sql);
}

// The text of one sqlite_schema object, for a rewrite.
struct SchemaText {
  std::string type, name, tbl_name, sql;
};

// Main's objects and the TEMP schema's (a TEMP view or trigger may name a
// main table, and TEMP tables are altered too).
std::vector<SchemaEntry> AllSchemaRows(const Catalog& catalog) {
  std::vector<SchemaEntry> rows = catalog.SchemaRows(false);
  for (SchemaEntry& e : catalog.SchemaRows(true)) rows.push_back(std::move(e));
  return rows;
}

std::vector<SchemaText> SchemaTexts(const Catalog& catalog) {
  std::vector<SchemaText> out;
  for (const SchemaEntry& e : AllSchemaRows(catalog)) {
    if (!e.sql_is_null && !e.sql.empty()) out.push_back({e.type, e.name, e.tbl_name, e.sql});
  }
  return out;
}

// A new table built from `sql` (a CREATE TABLE) holding `old`'s rows:
// column j takes old column from[j], or fill[j] for every row when
// from[j] < 0. `old`'s own indexes follow with their new text in
// `index_sql` (by name; unchanged when absent).
Result<TablePtr> Rebuild(Catalog& catalog, const Table& old, const std::string& sql, const std::vector<int>& from,
                         const std::vector<Value>& fill,
                         const std::vector<std::pair<std::string, std::string>>& index_sql,
                         const std::string& error_prefix) {
  SLUICE_ASSIGN_OR_RETURN(std::shared_ptr<Statement> ast, ParseCreateTable(sql));
  Result<TablePtr> built = BuildTableOf(ast->As<CreateTableStatement>(), ast);
  if (!built.ok()) return Status::InvalidArgument(error_prefix + built.status().message());
  TablePtr t = *built;
  if (t->columns_info.size() != from.size()) return Status::Internal("column count changed by ALTER TABLE");
  t->rootpage = old.rootpage;
  t->temp = old.temp;
  std::vector<int64_t> auto_pages;
  for (const IndexDef& idx : old.indexes) {
    if (idx.automatic) auto_pages.push_back(idx.rootpage);
  }
  size_t next_auto = 0;
  for (IndexDef& idx : t->indexes) {
    idx.rootpage = next_auto < auto_pages.size() ? auto_pages[next_auto++] : catalog.NextRootpage(old.temp);
  }
  for (const IndexDef& idx : old.indexes) {
    if (idx.automatic) continue;
    IndexDef def = idx;
    for (int& c : def.columns) {
      if (c == IndexDef::kExpressionColumn) continue;
      int moved = -1;
      for (size_t j = 0; j < from.size(); ++j) {
        if (from[j] == c) moved = static_cast<int>(j);
      }
      if (moved < 0) return Status::Internal("index " + idx.name + " lost its column");
      c = moved;
    }
    for (const auto& [name, text] : index_sql) {
      if (NameEqualsNoCase(name, idx.name)) def.sql = text;
    }
    if (def.filter != nullptr || !def.key_exprs.empty()) {  // its expressions bind to the new columns
      SLUICE_ASSIGN_OR_RETURN(StatementPtr parsed, ParseStatement(def.sql));
      if (parsed == nullptr || parsed->kind != StatementKind::kCreateIndex) {
        return Status::Internal("index text is not a CREATE INDEX: " + def.sql);
      }
      SLUICE_RETURN_IF_ERROR(
          BindIndexExpressions(catalog, *t, std::shared_ptr<const Statement>(std::move(parsed)), &def));
    }
    t->indexes.push_back(std::move(def));
  }
  t->generation = catalog.NewGeneration();
  SLUICE_RETURN_IF_ERROR(old.EnsureAllColumns());
  old.data.EnsureOrdered();
  const size_t n = old.data.row_count();
  std::vector<std::vector<Value>> columns;
  for (size_t j = 0; j < from.size(); ++j) {
    if (from[j] >= 0) {
      columns.push_back(old.data.column(static_cast<size_t>(from[j])));
    } else {
      columns.emplace_back(n, fill[j]);
    }
  }
  t->data.SetRows(std::move(columns), old.data.rowids());
  return t;
}

std::vector<int> Identity(size_t n) {
  std::vector<int> from(n);
  for (size_t i = 0; i < n; ++i) from[i] = static_cast<int>(i);
  return from;
}

// Applies rewritten schema text: `texts` holds every object's new text
// (same order as SchemaTexts). The table `target` (renamed to `new_name`)
// is rebuilt from its new text with `from`/`fill`; every other table whose
// text changed is rebuilt with the same columns; views and triggers take
// their new text.
Status ApplyTexts(Catalog& catalog, const std::string& target, const std::string& new_name,
                  const std::vector<SchemaText>& before, const std::vector<SchemaText>& after,
                  const std::vector<int>& from, const std::vector<Value>& fill, const std::string& error_prefix) {
  // Index texts by owning table.
  std::vector<std::pair<std::string, std::string>> index_sql;
  for (size_t i = 0; i < after.size(); ++i) {
    if (after[i].type == "index") index_sql.push_back({after[i].name, after[i].sql});
  }
  for (size_t i = 0; i < after.size(); ++i) {
    const SchemaText& a = after[i];
    bool changed = a.sql != before[i].sql;
    if (a.type == "table") {
      bool is_target = NameEqualsNoCase(a.name, target);
      if (!is_target && !changed) continue;
      TablePtr old = catalog.FindTable(a.name);
      if (old == nullptr) return Status::Internal("no table " + a.name);
      SLUICE_ASSIGN_OR_RETURN(TablePtr t,
                              Rebuild(catalog, *old, a.sql, is_target ? from : Identity(old->columns_info.size()),
                                      is_target ? fill : std::vector<Value>(old->columns_info.size()), index_sql,
                                      is_target ? error_prefix : "error in table " + a.name + " after rename: "));
      if (is_target && t->name != new_name) return Status::Internal("renamed table text names " + t->name);
      catalog.RenameTable(a.name, t);
    } else if (a.type == "view" && changed) {
      SLUICE_ASSIGN_OR_RETURN(StatementPtr parsed, ParseStatement(a.sql));
      if (parsed == nullptr || parsed->kind != StatementKind::kCreateView) {
        return Status::Internal("view text is not a CREATE VIEW: " + a.sql);
      }
      ViewInfo* v = catalog.MutableView(a.name);
      if (v == nullptr) return Status::Internal("no view " + a.name);
      v->sql = a.sql;
      v->ast = std::static_pointer_cast<const CreateViewStatement>(std::shared_ptr<const Statement>(std::move(parsed)));
    } else if (a.type == "trigger" && changed) {
      TriggerInfo* tr = catalog.MutableTrigger(a.name);
      if (tr == nullptr) return Status::Internal("no trigger " + a.name);
      tr->sql = a.sql;
    }
  }
  catalog.RenameTriggerTable(target, new_name);
  return Status::OK();
}

// The new CREATE TABLE text without column `c` (sqlite_drop_column):
// from the column's name to the next column's name; the last column goes
// from the comma before it to where an added column would go.
Result<std::string> DropColumnText(const std::string& sql, size_t c) {
  SLUICE_ASSIGN_OR_RETURN(std::shared_ptr<Statement> ast, ParseCreateTable(sql));
  const auto& create = ast->As<CreateTableStatement>();
  if (c + 1 < create.columns.size()) {
    return sql.substr(0, create.columns[c].span.begin) + sql.substr(create.columns[c + 1].span.begin);
  }
  SLUICE_ASSIGN_OR_RETURN(size_t end, AddColumnOffset(sql, create));
  size_t begin = create.columns[c].span.begin;
  while (begin > 0 && sql[begin] != ',') --begin;
  return sql.substr(0, begin) + sql.substr(end);
}

// Computes the generated columns of every row of the new table and checks
// NOT NULL and CHECK constraints over them, with the plain messages of
// sqlite3's check after ADD COLUMN.
Status ComputeAndCheckRows(DatabaseImpl& db, Table& t) {
  if (t.row_count() == 0 || t.create_ast == nullptr) return Status::OK();
  Binder binder(db.catalog(), db.parameters());
  SLUICE_ASSIGN_OR_RETURN(std::vector<BoundExprPtr> checks, binder.BindChecks(t, *t.create_ast));
  SLUICE_ASSIGN_OR_RETURN(std::vector<GeneratedColumn> generated, binder.BindGenerated(t, *t.create_ast));
  ExecContext ctx;
  ctx.interrupt = db.interrupt_flag();
  RowChecks rc{&checks, &ctx, nullptr, &generated};
  const size_t ncols = t.columns_info.size();
  std::vector<std::vector<Value>> columns(ncols);
  for (size_t c = 0; c < ncols; ++c) columns[c] = t.data.column(c);
  for (size_t i = 0; i < t.row_count(); ++i) {
    std::vector<Value> row(ncols);
    for (size_t c = 0; c < ncols; ++c) row[c] = columns[c][i];
    int64_t rowid = t.data.rowid(i);
    if (!generated.empty()) SLUICE_RETURN_IF_ERROR(ComputeGenerated(t, rc, &row, rowid));
    for (size_t c = 0; c < ncols; ++c) {
      if (t.columns_info[c].not_null && row[c].is_null()) {
        return Status::InvalidArgument("NOT NULL constraint failed");
      }
    }
    Status ok = CheckRow(t, rc, row, rowid);
    if (!ok.ok()) {
      if (ok.extended_result_code() == ResultCode::kConstraintCheck) {
        return Status::InvalidArgument("CHECK constraint failed");
      }
      return ok;
    }
    for (size_t c = 0; c < ncols; ++c) columns[c][i] = std::move(row[c]);
  }
  std::vector<int64_t> rowids = t.data.rowids();
  t.data.SetRows(std::move(columns), std::move(rowids));
  return Status::OK();
}

// sqlite3's renameTestSchema() for views: every view must bind, before
// a rename or drop (`when` empty: a view broken already stops it) and
// after it (`when` " after rename", ...).
Status CheckViews(DatabaseImpl& db, const std::string& when) {
  Catalog& catalog = db.catalog();
  for (const SchemaEntry& e : AllSchemaRows(catalog)) {
    if (e.type != "view") continue;
    const ViewInfo* v = catalog.FindView(e.name);
    if (v == nullptr || v->ast == nullptr || v->ast->select == nullptr) continue;
    Binder binder(catalog, db.parameters());
    Result<BoundQuery> q = binder.BindSelect(*v->ast->select, *v->ast);
    if (!q.ok()) {
      return Status::InvalidArgument("error in view " + v->name + when + ": " + std::string(q.status().message()));
    }
  }
  return Status::OK();
}

Status RunAdd(DatabaseImpl& db, const AlterTableStatement& s, const TablePtr& old) {
  Catalog& catalog = db.catalog();
  const ColumnDef& def = s.column_def;
  const bool has_rows = old->row_count() > 0;
  const ColumnConstraint* generated = FindConstraint(def, ColumnConstraint::Kind::kGenerated);
  const ColumnConstraint* dflt = FindConstraint(def, ColumnConstraint::Kind::kDefault);
  if (generated == nullptr) {
    const Expr* d = dflt == nullptr ? nullptr : dflt->expr.get();
    bool null_default = IsNullDefault(d);
    if (has_rows && FindConstraint(def, ColumnConstraint::Kind::kNotNull) != nullptr && null_default) {
      return Status::InvalidArgument("Cannot add a NOT NULL column with default value NULL");
    }
    if (has_rows && !null_default && !IsConstantDefault(d)) {
      return Status::InvalidArgument("Cannot add a column with non-constant default");
    }
  } else if (has_rows && generated->stored) {
    return Status::InvalidArgument("cannot add a STORED column");
  }
  // The column's text, spliced in where sqlite3 puts it.
  std::string column_text(s.Text(def.span));
  SLUICE_ASSIGN_OR_RETURN(std::shared_ptr<Statement> ast, ParseCreateTable(old->sql));
  SLUICE_ASSIGN_OR_RETURN(size_t at, AddColumnOffset(old->sql, ast->As<CreateTableStatement>()));
  std::vector<SchemaText> before = SchemaTexts(catalog);
  std::vector<SchemaText> after = before;
  for (SchemaText& t : after) {
    if (t.type == "table" && NameEqualsNoCase(t.name, old->name)) {
      t.sql = old->sql.substr(0, at) + ", " + column_text + old->sql.substr(at);
    }
  }
  std::vector<int> from = Identity(old->columns_info.size());
  from.push_back(-1);
  std::vector<Value> fill(from.size());
  SLUICE_RETURN_IF_ERROR(ApplyTexts(catalog, old->name, old->name, before, after, from, fill,
                                    "error in table " + old->name + " after add column: "));
  TablePtr t = catalog.FindTable(old->name);
  // sqlite3 reloads the table's text, which resolves its CHECK constraints
  // even when there are no rows to check.
  if (t->create_ast != nullptr) {
    Binder binder(catalog, db.parameters());
    Result<std::vector<BoundExprPtr>> checks = binder.BindChecks(*t, *t->create_ast);
    if (!checks.ok()) {
      return Status::InvalidArgument("error in table " + old->name +
                                     " after add column: " + std::string(checks.status().message()));
    }
  }
  // The existing rows read the DEFAULT (constant when there are rows).
  const ColumnInfo& added = t->columns_info.back();
  if (has_rows && added.default_expr != nullptr && added.generated == nullptr) {
    Binder binder(catalog, db.parameters());
    SLUICE_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.BindConstantExpr(*added.default_expr, *t->create_ast));
    ExecContext ctx;
    SLUICE_ASSIGN_OR_RETURN(Value v, EvaluateConstant(*bound, &ctx));
    v = ApplyColumnAffinity(added.affinity, v).Owned();
    std::vector<std::vector<Value>> columns;
    for (size_t c = 0; c + 1 < t->columns_info.size(); ++c) columns.push_back(t->data.column(c));
    columns.emplace_back(t->row_count(), v);
    std::vector<int64_t> rowids = t->data.rowids();
    t->data.SetRows(std::move(columns), std::move(rowids));
  }
  bool verify = !t->checks.empty() || (added.generated != nullptr);
  if (verify) SLUICE_RETURN_IF_ERROR(ComputeAndCheckRows(db, *t));
  return Status::OK();
}

Status RunDrop(DatabaseImpl& db, const AlterTableStatement& s, const TablePtr& old) {
  Catalog& catalog = db.catalog();
  const int c = old->column_index(s.column);
  SLUICE_ASSIGN_OR_RETURN(std::string table_sql, DropColumnText(old->sql, static_cast<size_t>(c)));
  const std::string& name = old->columns_info[c].name;
  // Whatever still names the column fails, in sqlite_schema order.
  auto names_column = [&](const std::string& sql) -> Result<bool> {
    SLUICE_ASSIGN_OR_RETURN(std::string probe, RenameColumnInSql(sql, old->name, name, "\x01", false));
    return probe != sql;
  };
  std::vector<SchemaText> before = SchemaTexts(catalog);
  std::vector<SchemaText> after = before;
  for (SchemaText& t : after) {
    bool target = t.type == "table" && NameEqualsNoCase(t.name, old->name);
    if (target) t.sql = table_sql;
    SLUICE_ASSIGN_OR_RETURN(bool uses, names_column(t.sql));
    if (uses) {
      return Status::InvalidArgument("error in " + t.type + " " + t.name +
                                     " after drop column: no such column: " + name);
    }
  }
  std::vector<int> from;
  for (size_t j = 0; j < old->columns_info.size(); ++j) {
    if (static_cast<int>(j) != c) from.push_back(static_cast<int>(j));
  }
  std::vector<Value> fill(from.size());
  SLUICE_RETURN_IF_ERROR(ApplyTexts(catalog, old->name, old->name, before, after, from, fill,
                                    "error in table " + old->name + " after drop column: "));
  return CheckViews(db, " after drop column");
}

Status RunRename(DatabaseImpl& db, const AlterTableStatement& s, const TablePtr& old) {
  Catalog& catalog = db.catalog();
  std::vector<SchemaText> before = SchemaTexts(catalog);
  std::vector<SchemaText> after = before;
  const bool column = s.action == Action::kRenameColumn;
  const std::string_view token = s.Text(s.new_name_span);
  const bool quoted = !token.empty() && (token[0] == '"' || token[0] == '\'' || token[0] == '`' || token[0] == '[');
  std::string old_column;
  if (column) old_column = old->columns_info[old->column_index(s.column)].name;
  for (SchemaText& t : after) {
    Result<std::string> text = column ? RenameColumnInSql(t.sql, old->name, old_column, s.new_name, quoted)
                                      : RenameTableInSql(t.sql, old->name, s.new_name);
    if (!text.ok()) return text.status();
    t.sql = std::move(*text);
  }
  const std::string new_name = column ? old->name : s.new_name;
  SLUICE_RETURN_IF_ERROR(ApplyTexts(catalog, old->name, new_name, before, after, Identity(old->columns_info.size()),
                                    std::vector<Value>(old->columns_info.size()),
                                    "error in table " + old->name + " after rename: "));
  if (!column) SLUICE_RETURN_IF_ERROR(RenameSequence(db, old->name, new_name));
  return CheckViews(db, " after rename");
}

}  // namespace

Status CheckAlterTable(DatabaseImpl& db, const AlterTableStatement& s, int64_t* error_offset) {
  Catalog& catalog = db.catalog();
  // main.x names a main table, temp.x a TEMP one (both in this catalog).
  const bool main_schema = NameEqualsNoCase(s.schema, "main");
  const bool temp_schema = NameEqualsNoCase(s.schema, "temp");
  if (!s.schema.empty() && !main_schema && !temp_schema) {
    return Status::InvalidArgument("no such table: " + s.schema + "." + s.table);
  }
  TablePtr t = catalog.FindTable(s.table);
  const ViewInfo* view = t == nullptr ? catalog.FindView(s.table) : nullptr;
  if ((t != nullptr && !s.schema.empty() && t->temp != temp_schema) ||
      (view != nullptr && !s.schema.empty() && view->temp != temp_schema)) {
    return Status::InvalidArgument("no such table: " + s.schema + "." + s.table);
  }
  if (t == nullptr && view == nullptr) {
    if (IsSchemaTableName(s.table)) return Status::InvalidArgument("table sqlite_master may not be altered");
    return Status::InvalidArgument("no such table: " + s.table);
  }
  auto system = [&]() -> Status {
    if (t != nullptr && StartsWithNoCase(t->name, "sqlite_")) {
      return Status::InvalidArgument("table " + t->name + " may not be altered");
    }
    return Status::OK();
  };
  auto no_such_column = [&]() {
    if (error_offset != nullptr) *error_offset = static_cast<int64_t>(s.column_span.begin);
    return Status::InvalidArgument("no such column: \"" + std::string(s.Text(s.column_span)) + "\"");
  };
  switch (s.action) {
    case Action::kRenameTable: {
      if (catalog.NameInUse(s.new_name) || IsSchemaTableName(s.new_name)) {
        return Status::InvalidArgument("there is already another table or index with this name: " + s.new_name);
      }
      SLUICE_RETURN_IF_ERROR(system());
      if (StartsWithNoCase(s.new_name, "sqlite_")) {
        return Status::InvalidArgument("object name reserved for internal use: " + s.new_name);
      }
      if (view != nullptr) return Status::InvalidArgument("view " + view->name + " may not be altered");
      return Status::OK();
    }
    case Action::kRenameColumn: {
      SLUICE_RETURN_IF_ERROR(system());
      if (view != nullptr) return Status::InvalidArgument("cannot rename columns of view \"" + view->name + "\"");
      if (t->column_index(s.column) < 0) return no_such_column();
      return Status::OK();
    }
    case Action::kAddColumn: {
      SLUICE_RETURN_IF_ERROR(system());
      if (view != nullptr) return Status::InvalidArgument("Cannot add a column to a view");
      if (t->column_index(s.column_def.name) >= 0) {
        return Status::InvalidArgument("duplicate column name: " + s.column_def.name);
      }
      if (FindConstraint(s.column_def, ColumnConstraint::Kind::kPrimaryKey) != nullptr) {
        return Status::InvalidArgument("Cannot add a PRIMARY KEY column");
      }
      if (FindConstraint(s.column_def, ColumnConstraint::Kind::kUnique) != nullptr) {
        return Status::InvalidArgument("Cannot add a UNIQUE column");
      }
      for (const ColumnConstraint& c : s.column_def.constraints) {
        if (c.kind == ColumnConstraint::Kind::kCollate) SLUICE_RETURN_IF_ERROR(CollationFromName(c.collation).status());
      }
      return Status::OK();
    }
    case Action::kDropColumn: {
      SLUICE_RETURN_IF_ERROR(system());
      if (view != nullptr) return Status::InvalidArgument("cannot drop column from view \"" + view->name + "\"");
      int c = t->column_index(s.column);
      if (c < 0) return no_such_column();
      const std::string& name = t->columns_info[c].name;
      bool pk = c == t->rowid_alias;
      bool unique = false;
      for (const IndexDef& idx : t->indexes) {
        if (!idx.automatic) continue;
        bool has = false;
        for (int col : idx.columns) has |= col == c;
        if (has && idx.primary_key) pk = true;
        if (has && !idx.primary_key && idx.columns.size() == 1) unique = true;
      }
      if (pk) return Status::InvalidArgument("cannot drop PRIMARY KEY column: \"" + name + "\"");
      if (unique) return Status::InvalidArgument("cannot drop UNIQUE column: \"" + name + "\"");
      if (t->columns_info.size() == 1) {
        return Status::InvalidArgument("cannot drop column \"" + name + "\": no other columns exist");
      }
      return Status::OK();
    }
  }
  return Status::OK();
}

Result<int64_t> RunAlterTable(DatabaseImpl& db, const AlterTableStatement& s) {
  SLUICE_RETURN_IF_ERROR(CheckAlterTable(db, s));
  Catalog& catalog = db.catalog();
  TablePtr old = catalog.FindTable(s.table);
  const Catalog saved = catalog;
  Status st = s.action == Action::kAddColumn ? Status::OK() : CheckViews(db, "");
  if (st.ok()) {
    switch (s.action) {
      case Action::kRenameTable:
      case Action::kRenameColumn: st = RunRename(db, s, old); break;
      case Action::kAddColumn: st = RunAdd(db, s, old); break;
      case Action::kDropColumn: st = RunDrop(db, s, old); break;
    }
  }
  if (!st.ok()) {
    catalog = saved;
    return st;
  }
  return int64_t{0};
}

}  // namespace sluice::sql

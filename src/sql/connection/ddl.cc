// DDL: CREATE TABLE [AS SELECT], CREATE [UNIQUE] INDEX, CREATE VIEW, CREATE
// TRIGGER (its checks in triggers.cc), DROP.
// Schema text for sqlite_schema follows SQLite: "CREATE TABLE " + the text
// from the table name on; CREATE TABLE AS renders its columns the way
// SQLite's createTableStmt() does.
#include <cctype>

#include "sql/catalog/foreign_key.h"
#include "sql/catalog/index.h"
#include "sql/connection/connection_internal.h"
#include "sql/connection/index_expressions.h"
#include "sql/connection/schema_names.h"
#include "sql/connection/triggers.h"
#include "sql/lexer/keywords.h"

namespace sluice::sql {

namespace {

bool IsIntegerType(const std::string& type) { return NameEqualsNoCase(type, "integer"); }

// SQLite's identPut(): quote unless a plain identifier that is no keyword.
void IdentPut(const std::string& id, std::string* out) {
  size_t j = 0;
  while (j < id.size() && (std::isalnum(static_cast<unsigned char>(id[j])) || id[j] == '_')) ++j;
  bool quote =
      id.empty() || std::isdigit(static_cast<unsigned char>(id[0])) || LookupKeyword(id).has_value() || j != id.size();
  if (!quote) {
    *out += id;
    return;
  }
  *out += '"';
  for (char c : id) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

size_t IdentLength(const std::string& id) {
  size_t n = 2;
  for (char c : id) n += c == '"' ? 2 : 1;
  return n;
}

const char* AffinityTypeName(Affinity a) {
  switch (a) {
    case Affinity::kText: return "TEXT";
    case Affinity::kNumeric: return "NUM";
    case Affinity::kInteger: return "INT";
    case Affinity::kReal: return "REAL";
    default: return "";
  }
}

std::string CtasSql(const std::string& table, const std::vector<std::string>& names,
                    const std::vector<std::string>& types) {
  size_t n = 0;
  for (const std::string& c : names) n += IdentLength(c) + 5;
  n += IdentLength(table);
  const char* sep = "";
  const char* sep2 = ",";
  const char* end = ")";
  if (n >= 50) {
    sep = "\n  ";
    sep2 = ",\n  ";
    end = "\n)";
  }
  std::string out = "CREATE TABLE ";
  IdentPut(table, &out);
  out += '(';
  for (size_t i = 0; i < names.size(); ++i) {
    out += sep;
    sep = sep2;
    IdentPut(names[i], &out);
    if (!types[i].empty()) out += " " + types[i];
  }
  out += end;
  return out;
}

Status CheckNewName(const Catalog& catalog, const std::string& name, const char* what) {
  if (catalog.FindTable(name) != nullptr || NameEqualsNoCase(name, "sqlite_master") ||
      NameEqualsNoCase(name, "sqlite_schema")) {
    return Status::InvalidArgument("table " + name + " already exists");
  }
  if (catalog.FindView(name) != nullptr) {
    return Status::InvalidArgument(std::string(what) == "view" ? "view " + name + " already exists"
                                                               : "table " + name + " already exists");
  }
  if (catalog.FindIndex(name, nullptr) != nullptr) {
    return Status::InvalidArgument("there is already an index named " + name);
  }
  return Status::OK();
}

Collation ExplicitCollation(const Expr* e, Collation fallback) {
  if (e != nullptr && e->kind == ExprKind::kCollate) {
    Result<Collation> c = CollationFromName(e->As<CollateExpr>().collation);
    if (c.ok()) return *c;
  }
  return fallback;
}

const Expr* StripCollate(const Expr* e) {
  while (e != nullptr && e->kind == ExprKind::kCollate) e = e->As<CollateExpr>().operand.get();
  return e;
}

// What a failed CHECK reports when its constraint has no name: the text
// between CHECK's parentheses, trimmed (sqlite3AddCheckConstraint), then
// dequoted as sqlite3Dequote does when it starts with a quote (so
// `CHECK ("y" > 0)` reports `y`, as sqlite3 does). `constraint` starts at
// the CHECK keyword (an unnamed constraint's span).
std::string CheckText(const Statement& s, SourceSpan constraint, const Expr& e) {
  std::string_view head = s.Text({constraint.begin, e.span.begin});
  size_t open = head.find('(');
  size_t begin = open == std::string_view::npos ? e.span.begin : constraint.begin + open + 1;
  // The closing parenthesis: after the expression, past blanks and comments.
  std::string_view rest = s.Text({e.span.end, s.span.end});
  size_t i = 0;
  while (i < rest.size() && rest[i] != ')') {
    if (rest.substr(i, 2) == "/*") {
      size_t close = rest.find("*/", i + 2);
      i = close == std::string_view::npos ? rest.size() : close + 2;
    } else if (rest.substr(i, 2) == "--") {
      size_t nl = rest.find('\n', i);
      i = nl == std::string_view::npos ? rest.size() : nl + 1;
    } else {
      ++i;
    }
  }
  std::string_view text = s.Text({begin, e.span.end + i});
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty() || (text[0] != '"' && text[0] != '\'' && text[0] != '`' && text[0] != '[')) return std::string(text);
  const char quote = text[0] == '[' ? ']' : text[0];
  std::string out;
  for (size_t k = 1; k < text.size(); ++k) {
    if (text[k] == quote) {
      if (quote != ']' && k + 1 < text.size() && text[k + 1] == quote) {
        out += quote;
        ++k;
        continue;
      }
      break;
    }
    out += text[k];
  }
  return out;
}

// The type a column of a STRICT table declares, as sqlite3 allows them:
// its affinity and the storage class its values must have (kNull: ANY).
// "unknown datatype" / "missing datatype" otherwise.
Status StrictType(const std::string& table, const ColumnDef& cd, ColumnInfo* info) {
  std::string type = cd.type_name;
  if (type.size() >= 2 && (type.front() == '"' || type.front() == '\'' || type.front() == '`' || type.front() == '[')) {
    type = type.substr(1, type.size() - 2);
  }
  if (type.empty()) return Status::InvalidArgument("missing datatype for " + table + "." + cd.name);
  struct Allowed {
    const char* name;
    Affinity affinity;
    StorageClass storage;
  };
  static constexpr Allowed kAllowed[] = {
      {"INT", Affinity::kInteger, StorageClass::kInteger}, {"INTEGER", Affinity::kInteger, StorageClass::kInteger},
      {"REAL", Affinity::kReal, StorageClass::kReal},      {"TEXT", Affinity::kText, StorageClass::kText},
      {"BLOB", Affinity::kBlob, StorageClass::kBlob},      {"ANY", Affinity::kBlob, StorageClass::kNull},
  };
  for (const Allowed& a : kAllowed) {
    if (NameEqualsNoCase(type, a.name)) {
      info->affinity = a.affinity;
      info->strict_class = a.storage;
      return Status::OK();
    }
  }
  return Status::InvalidArgument("unknown datatype for " + table + "." + cd.name + ": \"" + cd.type_name + "\"");
}

// Builds the Table of a CREATE TABLE with a column list.
Result<TablePtr> BuildTable(const CreateTableStatement& s, const std::shared_ptr<Statement>& ast) {
  auto t = std::make_shared<Table>();
  t->name = s.name;
  t->strict = s.strict;
  t->without_rowid = s.without_rowid;
  t->create_ast = ast;
  bool has_pk = false;
  std::vector<IndexDef> pending;
  auto add_unique = [&](std::vector<int> cols, std::vector<Collation> colls, bool primary_key = false) {
    IndexDef def;
    def.primary_key = primary_key;
    def.columns = std::move(cols);
    def.collations = std::move(colls);
    def.unique = true;
    def.automatic = true;
    pending.push_back(std::move(def));
  };
  // SQLite's parser keeps a CONSTRAINT name until a new column starts or a
  // comma separates two table constraints: an unnamed CHECK after a named
  // constraint of the same column (or, for the first table constraint, of
  // the last column) reports that name.
  std::string constraint_name;
  for (size_t i = 0; i < s.columns.size(); ++i) {
    constraint_name.clear();
    // Before the duplicate check, as sqlite3AddColumn: it also keeps that
    // check's quadratic cost bounded.
    if (i >= kMaxColumns) return Status::InvalidArgument("too many columns on " + s.name);
    const ColumnDef& cd = s.columns[i];
    for (size_t k = 0; k < i; ++k) {
      if (NameEqualsNoCase(s.columns[k].name, cd.name)) {
        return Status::InvalidArgument("duplicate column name: " + cd.name);
      }
    }
    ColumnInfo info;
    info.name = cd.name;
    info.type_name = cd.type_name;
    info.affinity = AffinityFromTypeName(cd.type_name);
    if (s.strict) SLUICE_RETURN_IF_ERROR(StrictType(s.name, cd, &info));
    for (const ColumnConstraint& c : cd.constraints) {
      if (c.kind == ColumnConstraint::Kind::kCollate) {
        SLUICE_ASSIGN_OR_RETURN(info.collation, CollationFromName(c.collation));
      }
    }
    for (const ColumnConstraint& c : cd.constraints) {
      if (!c.name.empty()) constraint_name = c.name;
      switch (c.kind) {
        case ColumnConstraint::Kind::kCheck:
          t->checks.push_back(
              {constraint_name.empty() ? CheckText(s, c.span, *c.expr) : constraint_name, c.expr.get()});
          break;
        case ColumnConstraint::Kind::kNotNull: info.not_null = true; break;
        case ColumnConstraint::Kind::kDefault: info.default_expr = c.expr.get(); break;
        case ColumnConstraint::Kind::kGenerated: info.generated = c.expr.get(); break;
        case ColumnConstraint::Kind::kPrimaryKey: {
          if (has_pk) return Status::InvalidArgument("table \"" + s.name + "\" has more than one primary key");
          has_pk = true;
          // In a WITHOUT ROWID table an INTEGER PRIMARY KEY is an
          // ordinary key (there is no rowid to alias).
          const bool integer_key = IsIntegerType(cd.type_name) && c.order != SortOrder::kDesc;
          if (integer_key && !s.without_rowid) {
            t->rowid_alias = static_cast<int>(i);
            t->autoincrement = c.autoincrement;
          } else if (c.autoincrement && !integer_key) {
            return Status::InvalidArgument("AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY");
          } else {
            t->autoincrement = c.autoincrement;  // refused below for WITHOUT ROWID, as sqlite3
            add_unique({static_cast<int>(i)}, {info.collation}, true);
            t->key_descending = {c.order == SortOrder::kDesc};
          }
          break;
        }
        case ColumnConstraint::Kind::kUnique: add_unique({static_cast<int>(i)}, {info.collation}); break;
        default: break;
      }
    }
    if (info.generated != nullptr) {
      if (info.default_expr != nullptr) return Status::InvalidArgument("cannot use DEFAULT on a generated column");
      for (const ColumnConstraint& c : cd.constraints) {
        if (c.kind == ColumnConstraint::Kind::kPrimaryKey) {
          return Status::InvalidArgument("generated columns cannot be part of the PRIMARY KEY");
        }
      }
    }
    if (!cd.dangling_constraint_name.empty()) constraint_name = cd.dangling_constraint_name;
    t->columns_info.push_back(std::move(info));
  }
  bool ordinary = false;
  for (const ColumnInfo& info : t->columns_info) ordinary |= info.generated == nullptr;
  if (!ordinary) return Status::InvalidArgument("must have at least one non-generated column");
  for (size_t k = 0; k < s.constraints.size(); ++k) {
    const TableConstraint& tc = s.constraints[k];
    if (k > 0 && s.Text({s.constraints[k - 1].span.end, tc.span.begin}).find(',') != std::string_view::npos) {
      constraint_name.clear();
    }
    if (!tc.name.empty()) constraint_name = tc.name;
    if (tc.kind == TableConstraint::Kind::kCheck) {
      t->checks.push_back(
          {constraint_name.empty() ? CheckText(s, tc.span, *tc.check) : constraint_name, tc.check.get()});
      continue;
    }
    if (tc.kind != TableConstraint::Kind::kPrimaryKey && tc.kind != TableConstraint::Kind::kUnique) continue;
    std::vector<int> cols;
    std::vector<Collation> colls;
    for (const IndexedColumn& ic : tc.columns) {
      const Expr* e = StripCollate(ic.expr.get());
      if (e == nullptr || e->kind != ExprKind::kColumnRef) {
        return Status::InvalidArgument("expressions prohibited in PRIMARY KEY and UNIQUE constraints");
      }
      int col = t->column_index(e->As<ColumnRefExpr>().column);
      if (col < 0) return Status::InvalidArgument("no such column: " + e->As<ColumnRefExpr>().column);
      if (tc.kind == TableConstraint::Kind::kPrimaryKey && t->columns_info[col].generated != nullptr) {
        return Status::InvalidArgument("generated columns cannot be part of the PRIMARY KEY");
      }
      cols.push_back(col);
      colls.push_back(ExplicitCollation(ic.expr.get(), t->columns_info[col].collation));
    }
    if (tc.kind == TableConstraint::Kind::kPrimaryKey) {
      if (has_pk) return Status::InvalidArgument("table \"" + s.name + "\" has more than one primary key");
      has_pk = true;
      const bool integer_key = cols.size() == 1 && IsIntegerType(t->columns_info[cols[0]].type_name);
      if (integer_key && !s.without_rowid) {
        t->rowid_alias = cols[0];
        t->autoincrement = tc.autoincrement;
        continue;
      }
      if (tc.autoincrement && !integer_key) {
        return Status::InvalidArgument("AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY");
      }
      t->autoincrement = tc.autoincrement;
      t->key_descending.clear();
      for (const IndexedColumn& ic : tc.columns) t->key_descending.push_back(ic.order == SortOrder::kDesc);
    }
    add_unique(std::move(cols), std::move(colls), tc.kind == TableConstraint::Kind::kPrimaryKey);
  }
  for (size_t i = 0; i < pending.size(); ++i) {
    pending[i].name = "sqlite_autoindex_" + s.name + "_" + std::to_string(i + 1);
    t->indexes.push_back(std::move(pending[i]));
  }
  if (s.without_rowid) {
    if (!has_pk) return Status::InvalidArgument("PRIMARY KEY missing on table " + s.name);
    // sqlite3 makes every PRIMARY KEY column of a WITHOUT ROWID table NOT NULL.
    for (const IndexDef& def : t->indexes) {
      if (!def.primary_key) continue;
      for (int c : def.columns) t->columns_info[static_cast<size_t>(c)].not_null = true;
    }
  }
  SLUICE_RETURN_IF_ERROR(ValidateForeignKeys(s));
  if (t->autoincrement && s.without_rowid) {
    return Status::InvalidArgument("AUTOINCREMENT not allowed on WITHOUT ROWID tables");
  }
  t->data.InitColumns(t->columns_info.size());
  t->sql = "CREATE TABLE " + std::string(s.Text({s.name_span.begin, s.span.end}));
  return t;
}

}  // namespace

Status CheckDdl(DatabaseImpl& db, const Statement& s, int64_t* error_offset) {
  Catalog& catalog = db.catalog();
  SLUICE_RETURN_IF_ERROR(CheckAutoincrementDdl(db, s));
  switch (s.kind) {
    case StatementKind::kCreateTable: {
      const auto& c = s.As<CreateTableStatement>();
      if (c.if_not_exists && (catalog.FindTable(c.name) || catalog.FindView(c.name))) return Status::OK();
      SLUICE_RETURN_IF_ERROR(CheckNewName(catalog, c.name, "table"));
      if (c.as_select) {
        Binder binder(catalog, db.parameters());
        Result<BoundQuery> q = binder.BindSelect(*c.as_select, s);
        if (!q.ok()) {
          if (error_offset != nullptr) *error_offset = binder.error_offset();
          return q.status();
        }
      } else {
        SLUICE_ASSIGN_OR_RETURN(TablePtr t, BuildTable(c, nullptr));
        // sqlite3 keeps a TEMP table's counter in temp.sqlite_sequence;
        // there is no such table here (main's would reach the file).
        if (t->autoincrement && CreatesTemp(catalog, s)) {
          return Status::InvalidArgument("AUTOINCREMENT on a TEMP table is not supported");
        }
        // A CHECK must bind against the new table's columns.
        Binder binder(catalog, db.parameters());
        Result<std::vector<BoundExprPtr>> checks = binder.BindChecks(*t, s);
        if (!checks.ok()) {
          if (error_offset != nullptr) *error_offset = binder.error_offset();
          return checks.status();
        }
        // So must a generated column's expression (a loop between generated
        // columns is an error of the writes, as in sqlite3).
        Result<std::vector<GeneratedColumn>> generated = binder.BindGenerated(*t, s, /*allow_loop=*/true);
        if (!generated.ok()) {
          if (error_offset != nullptr) *error_offset = binder.error_offset();
          return generated.status();
        }
      }
      return Status::OK();
    }
    case StatementKind::kCreateIndex: {
      const auto& c = s.As<CreateIndexStatement>();
      TablePtr t = catalog.FindTable(c.table);
      if (t == nullptr) return Status::InvalidArgument("no such table: main." + c.table);
      // The internal tables (sqlite_sequence, ...) are sqlite3's to lay out.
      if (t->name.size() >= 7 && NameEqualsNoCase(std::string_view(t->name).substr(0, 7), "sqlite_")) {
        return Status::InvalidArgument("table " + t->name + " may not be indexed");
      }
      if (catalog.FindIndex(c.name, nullptr) != nullptr) {
        if (c.if_not_exists) return Status::OK();
        return Status::InvalidArgument("index " + c.name + " already exists");
      }
      if (catalog.FindTable(c.name) || catalog.FindView(c.name)) {
        return Status::InvalidArgument("there is already a table named " + c.name);
      }
      if (c.columns.size() > kMaxColumns) return Status::InvalidArgument("too many columns in index");
      for (const IndexedColumn& ic : c.columns) {
        const Expr* e = StripCollate(ic.expr.get());
        if (e->kind == ExprKind::kColumnRef && t->column_index(e->As<ColumnRefExpr>().column) < 0) {
          if (error_offset != nullptr) *error_offset = static_cast<int64_t>(e->span.begin);
          return Status::InvalidArgument("no such column: " + e->As<ColumnRefExpr>().column);
        }
      }
      {  // a partial index's WHERE and indexed expressions must bind
        IndexDef scratch;
        for (const IndexedColumn& ic : c.columns) {
          const Expr* e = StripCollate(ic.expr.get());
          scratch.columns.push_back(e->kind == ExprKind::kColumnRef ? 0 : IndexDef::kExpressionColumn);
        }
        std::shared_ptr<const Statement> borrowed(std::shared_ptr<const Statement>(), &s);
        SLUICE_RETURN_IF_ERROR(BindIndexExpressions(catalog, *t, borrowed, &scratch, error_offset));
      }
      return Status::OK();
    }
    case StatementKind::kCreateView: {
      const auto& c = s.As<CreateViewStatement>();
      if (c.if_not_exists && (catalog.FindTable(c.name) || catalog.FindView(c.name))) return Status::OK();
      return CheckNewName(catalog, c.name, "view");
    }
    case StatementKind::kCreateTrigger:
      return CheckCreateTrigger(catalog, s.As<CreateTriggerStatement>(), error_offset);
    case StatementKind::kDrop: {
      const auto& d = s.As<DropStatement>();
      switch (d.object) {
        case DropStatement::Object::kTable:
          if (catalog.FindTable(d.name) == nullptr) {
            if (catalog.FindView(d.name) != nullptr) {
              return Status::InvalidArgument("use DROP VIEW to delete view " + d.name);
            }
            if (!d.if_exists) return Status::InvalidArgument("no such table: " + d.name);
          }
          return Status::OK();
        case DropStatement::Object::kView:
          if (catalog.FindView(d.name) == nullptr) {
            if (catalog.FindTable(d.name) != nullptr) {
              return Status::InvalidArgument("use DROP TABLE to delete table " + d.name);
            }
            if (!d.if_exists) return Status::InvalidArgument("no such view: " + d.name);
          }
          return Status::OK();
        case DropStatement::Object::kIndex: {
          size_t pos = 0;
          TablePtr t = catalog.FindIndex(d.name, &pos);
          if (t == nullptr) {
            if (!d.if_exists) return Status::InvalidArgument("no such index: " + d.name);
            return Status::OK();
          }
          if (t->indexes[pos].automatic) {
            return Status::InvalidArgument("index associated with UNIQUE or PRIMARY KEY constraint cannot be dropped");
          }
          return Status::OK();
        }
        case DropStatement::Object::kTrigger:
          if (catalog.FindTrigger(d.name) == nullptr && !d.if_exists) {
            return Status::InvalidArgument("no such trigger: " + d.name);
          }
          return Status::OK();
      }
      return Status::OK();
    }
    default: return Status::OK();
  }
}

Result<TablePtr> BuildTableOf(const CreateTableStatement& s, const std::shared_ptr<Statement>& ast) {
  return BuildTable(s, ast);
}

Result<int64_t> RunDdl(DatabaseImpl& db, const std::shared_ptr<Statement>& ast) {
  SLUICE_RETURN_IF_ERROR(CheckDdl(db, *ast));
  Catalog& catalog = db.catalog();
  const Statement& s = *ast;
  switch (s.kind) {
    case StatementKind::kCreateTable: {
      const auto& c = s.As<CreateTableStatement>();
      if (catalog.FindTable(c.name) || catalog.FindView(c.name)) return int64_t{0};  // IF NOT EXISTS
      if (!c.as_select) {
        SLUICE_ASSIGN_OR_RETURN(TablePtr t, BuildTable(c, ast));
        t->temp = CreatesTemp(catalog, s);
        t->rootpage = catalog.NextRootpage(t->temp);
        // A WITHOUT ROWID table is stored as its PRIMARY KEY index: one page.
        for (IndexDef& idx : t->indexes) {
          idx.rootpage = t->without_rowid && idx.primary_key ? t->rootpage : catalog.NextRootpage(t->temp);
        }
        t->generation = catalog.NewGeneration();
        catalog.AddTable(t);
        if (t->autoincrement) SLUICE_RETURN_IF_ERROR(CreateSequenceTable(db));
        return int64_t{0};
      }
      Binder binder(catalog, db.parameters());
      SLUICE_ASSIGN_OR_RETURN(BoundQuery q, binder.BindSelect(*c.as_select, s));
      SLUICE_RETURN_IF_ERROR(PlanQuery(q.plan.get(), DatabaseImpl::DefaultPlannerOptions()));
      ExecContext ctx;
      ctx.interrupt = db.interrupt_flag();
      ctx.connection = &db.connection_state();
      RowStore rows;
      SLUICE_RETURN_IF_ERROR(Materialize(*q.plan, &ctx, &rows));
      auto t = std::make_shared<Table>();
      t->name = c.name;
      std::vector<std::string> names, types;
      for (size_t i = 0; i < q.names.size(); ++i) {
        // Duplicate names get ":N" suffixes, as SQLite's result naming.
        std::string name = q.names[i];
        for (int k = 1;; ++k) {
          bool dup = false;
          for (const std::string& n : names) dup |= NameEqualsNoCase(n, name);
          if (!dup) break;
          name = q.names[i] + ":" + std::to_string(k);
        }
        names.push_back(name);
        types.push_back(AffinityTypeName(q.affinities[i]));
        ColumnInfo info;
        info.name = name;
        info.type_name = types.back();
        info.affinity = AffinityFromTypeName(info.type_name);
        t->columns_info.push_back(std::move(info));
      }
      t->data.InitColumns(names.size());
      t->sql = CtasSql(c.name, names, types);
      for (size_t r = 0; r < rows.size; ++r) {
        std::vector<Value> row;
        for (size_t col = 0; col < names.size(); ++col) {
          row.push_back(ApplyColumnAffinity(t->columns_info[col].affinity, rows.columns[col][r]).Owned());
        }
        t->data.AppendRow(std::move(row), static_cast<int64_t>(r + 1));
      }
      t->temp = CreatesTemp(catalog, s);
      t->rootpage = catalog.NextRootpage(t->temp);
      t->generation = catalog.NewGeneration();
      catalog.AddTable(t);
      return int64_t{0};
    }
    case StatementKind::kCreateIndex: {
      const auto& c = s.As<CreateIndexStatement>();
      if (catalog.FindIndex(c.name, nullptr) != nullptr) return int64_t{0};
      TablePtr t = catalog.Mutable(c.table);
      IndexDef def;
      def.name = c.name;
      def.unique = c.unique;
      for (const IndexedColumn& ic : c.columns) {
        const Expr* e = StripCollate(ic.expr.get());
        if (e->kind != ExprKind::kColumnRef) {  // an indexed expression (bound below)
          def.columns.push_back(IndexDef::kExpressionColumn);
          def.collations.push_back(ExplicitCollation(ic.expr.get(), Collation::kBinary));
          continue;
        }
        int col = t->column_index(e->As<ColumnRefExpr>().column);
        def.columns.push_back(col);
        def.collations.push_back(ExplicitCollation(ic.expr.get(), t->columns_info[col].collation));
      }
      SLUICE_RETURN_IF_ERROR(BindIndexExpressions(catalog, *t, ast, &def));
      def.sql = std::string(c.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") +
                std::string(s.Text({c.name_span.begin, s.span.end}));
      def.rootpage = catalog.NextRootpage(t->temp);
      t->InvalidateIndexes();
      t->indexes.push_back(def);
      if (def.unique && t->Index(t->indexes.size() - 1).has_duplicate()) {
        std::string msg = UniqueMessage(*t, t->indexes.back());
        t->InvalidateIndexes();
        t->indexes.pop_back();
        return Status::InvalidArgument(msg, ResultCode::kConstraintUnique);
      }
      catalog.NoteIndexCreated(def.name);
      return int64_t{0};
    }
    case StatementKind::kCreateView: {
      const auto& c = s.As<CreateViewStatement>();
      if (catalog.FindTable(c.name) || catalog.FindView(c.name)) return int64_t{0};
      ViewInfo v;
      v.name = c.name;
      v.sql = "CREATE VIEW " + std::string(s.Text({c.name_span.begin, s.span.end}));
      v.ast = std::static_pointer_cast<const CreateViewStatement>(std::shared_ptr<const Statement>(ast));
      v.temp = CreatesTemp(catalog, s);
      catalog.AddView(std::move(v));
      return int64_t{0};
    }
    case StatementKind::kCreateTrigger: {
      const auto& c = s.As<CreateTriggerStatement>();
      if (catalog.FindTrigger(c.name) != nullptr) return int64_t{0};
      catalog.AddTrigger({c.name, c.table, "CREATE TRIGGER " + std::string(s.Text({c.name_span.begin, s.span.end})),
                          CreatesTemp(catalog, s)});
      return int64_t{0};
    }
    case StatementKind::kDrop: {
      const auto& d = s.As<DropStatement>();
      if (d.object == DropStatement::Object::kTable) {
        SLUICE_RETURN_IF_ERROR(DropTableForeignKeys(db, d.name));
        SLUICE_RETURN_IF_ERROR(ForgetSequence(db, d.name));
        catalog.DropTable(d.name);
      }
      if (d.object == DropStatement::Object::kView) catalog.DropView(d.name);
      if (d.object == DropStatement::Object::kTrigger) catalog.DropTrigger(d.name);
      if (d.object == DropStatement::Object::kIndex) {
        size_t pos = 0;
        TablePtr t = catalog.FindIndex(d.name, &pos);
        if (t != nullptr) {
          t = catalog.Mutable(t->name);
          t->InvalidateIndexes();
          t->indexes.erase(t->indexes.begin() + static_cast<std::ptrdiff_t>(pos));
          catalog.NoteIndexDropped(d.name);
        }
      }
      return int64_t{0};
    }
    default: return int64_t{0};
  }
}

}  // namespace sluice::sql

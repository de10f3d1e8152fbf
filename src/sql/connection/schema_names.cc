// CheckSchemaNames, DropNamesNothing and CreatesTemp (schema_names.h):
// before these checks a qualifier other than main was dropped in silence,
// so `CREATE TABLE aux.t` made main.t and `DELETE FROM aux.t` emptied
// main.t. `temp` names the TEMP schema, kept in main's catalog (catalog.h).
#include "sql/connection/schema_names.h"

#include <cctype>
#include <string>

#include "sql/catalog/catalog.h"

namespace sluice::sql {

namespace {

bool IsMain(const std::string& schema) { return schema.empty() || NameEqualsNoCase(schema, "main"); }

// The offset (in the whole input) of the schema token written before the
// name that starts at `name_begin`: back over "schema ." with its quotes.
int64_t SchemaOffsetBefore(const Statement& s, size_t name_begin) {
  const std::string& sql = s.sql;
  if (name_begin < s.span.begin) return -1;
  size_t i = name_begin - s.span.begin;
  auto skip_space = [&] {
    while (i > 0 && std::isspace(static_cast<unsigned char>(sql[i - 1]))) --i;
  };
  skip_space();
  if (i == 0 || sql[i - 1] != '.') return -1;
  --i;
  skip_space();
  if (i == 0) return -1;
  char last = sql[i - 1];
  if (last == '"' || last == '`' || last == ']' || last == '\'') {
    char open = last == ']' ? '[' : last;
    --i;
    while (i > 0 && sql[i - 1] != open) --i;
    if (i > 0) --i;
  } else {
    while (i > 0 && (std::isalnum(static_cast<unsigned char>(sql[i - 1])) || sql[i - 1] == '_' ||
                     static_cast<unsigned char>(sql[i - 1]) >= 0x80)) {
      --i;
    }
  }
  return static_cast<int64_t>(s.span.begin + i);
}

// The first token after the statement's first `words` keywords (PRAGMA
// foo.x, REINDEX foo.x): where the schema is written.
int64_t OffsetAfterKeywords(const Statement& s, int words) {
  const std::string& sql = s.sql;
  size_t i = 0;
  for (int w = 0; w < words; ++w) {
    while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
    while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i]))) ++i;
  }
  while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
  return static_cast<int64_t>(s.span.begin + i);
}

// "unknown database X" with X as written (sqlite3 quotes it as typed).
Status UnknownDatabase(const Statement& s, const std::string& schema, int64_t offset, int64_t* error_offset) {
  std::string written = schema;
  if (offset >= static_cast<int64_t>(s.span.begin)) {
    size_t at = static_cast<size_t>(offset) - s.span.begin;
    const std::string& sql = s.sql;
    size_t end = at;
    if (end < sql.size() && (sql[end] == '"' || sql[end] == '`' || sql[end] == '[' || sql[end] == '\'')) {
      char close = sql[end] == '[' ? ']' : sql[end];
      end = sql.find(close, end + 1);
      end = end == std::string::npos ? sql.size() : end + 1;
    } else {
      while (end < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_' ||
                                  static_cast<unsigned char>(sql[end]) >= 0x80)) {
        ++end;
      }
    }
    if (end > at) written = sql.substr(at, end - at);
    if (error_offset != nullptr) *error_offset = offset;
  }
  return Status::InvalidArgument("unknown database " + written);
}

bool IsTemp(const std::string& schema) { return NameEqualsNoCase(schema, "temp"); }

// The schema a table or view named `name` is in: "temp", "main", or empty
// when there is none of that name.
const char* SchemaOfTable(const Catalog& catalog, const std::string& name) {
  if (TablePtr t = catalog.FindTable(name)) return t->temp ? "temp" : "main";
  if (const ViewInfo* v = catalog.FindView(name)) return v->temp ? "temp" : "main";
  return "";
}

// A new object named `name` in the TEMP schema (`temp`) or in main: the
// catalog holds one object per name across both (catalog.h), so a name
// taken in the other schema is refused rather than shadowed (with IF NOT
// EXISTS too: sqlite3 would create the object in its own schema).
Status CheckNoShadow(const Catalog& catalog, const std::string& name, bool temp) {
  bool other = false;
  if (TablePtr t = catalog.FindTable(name)) other = t->temp != temp;
  if (const ViewInfo* v = catalog.FindView(name)) other = v->temp != temp;
  if (catalog.FindIndex(name, nullptr) != nullptr) other = catalog.IndexIsTemp(name) != temp;
  if (const TriggerInfo* tr = catalog.FindTrigger(name)) other = other || tr->temp != temp;
  if (!other) return Status::OK();
  return Status::InvalidArgument(std::string(temp ? "a TEMP object named as a main one is not supported: "
                                                  : "a main object named as a TEMP one is not supported: ") +
                                 name);
}

Status CheckCreate(const Statement& s, const std::string& schema, SourceSpan name_span, int64_t* error_offset) {
  if (IsMain(schema) || IsTemp(schema)) return Status::OK();
  return UnknownDatabase(s, schema, SchemaOffsetBefore(s, name_span.begin), error_offset);
}

// `schema.table` names a table (or view) of that schema.
Status NoSuchTable(const Catalog& catalog, const std::string& schema, const std::string& table) {
  if (schema.empty()) return Status::OK();
  std::string in = SchemaOfTable(catalog, table);
  if ((IsMain(schema) && in != "temp") || (IsTemp(schema) && in == "temp")) return Status::OK();
  return Status::InvalidArgument("no such table: " + schema + "." + table);
}

// Whether the object DROP names is in the TEMP schema (false when absent).
bool DropTargetIsTemp(const Catalog& catalog, const DropStatement& d) {
  switch (d.object) {
    case DropStatement::Object::kTable:
    case DropStatement::Object::kView: return std::string(SchemaOfTable(catalog, d.name)) == "temp";
    case DropStatement::Object::kIndex: return catalog.IndexIsTemp(d.name);
    case DropStatement::Object::kTrigger: {
      const TriggerInfo* tr = catalog.FindTrigger(d.name);
      return tr != nullptr && tr->temp;
    }
  }
  return false;
}

bool DropTargetExists(const Catalog& catalog, const DropStatement& d) {
  switch (d.object) {
    case DropStatement::Object::kTable: return catalog.FindTable(d.name) != nullptr;
    case DropStatement::Object::kView: return catalog.FindView(d.name) != nullptr;
    case DropStatement::Object::kIndex: return catalog.FindIndex(d.name, nullptr) != nullptr;
    case DropStatement::Object::kTrigger: return catalog.FindTrigger(d.name) != nullptr;
  }
  return false;
}

}  // namespace

bool DropNamesNothing(const Catalog& catalog, const DropStatement& d) {
  if (d.schema.empty()) return false;
  if (IsMain(d.schema)) return DropTargetExists(catalog, d) && DropTargetIsTemp(catalog, d);
  if (IsTemp(d.schema)) return !DropTargetIsTemp(catalog, d);
  return true;
}

bool CreatesTemp(const Catalog& catalog, const Statement& s) {
  switch (s.kind) {
    case StatementKind::kCreateTable: {
      const auto& c = s.As<CreateTableStatement>();
      return c.temp || IsTemp(c.schema);
    }
    case StatementKind::kCreateView: {
      const auto& c = s.As<CreateViewStatement>();
      return c.temp || IsTemp(c.schema);
    }
    case StatementKind::kCreateTrigger: {
      // A trigger on a TEMP table is TEMP, as in sqlite3.
      const auto& c = s.As<CreateTriggerStatement>();
      return c.temp || IsTemp(c.schema) || std::string(SchemaOfTable(catalog, c.table)) == "temp";
    }
    case StatementKind::kCreateIndex: {
      TablePtr t = catalog.FindTable(s.As<CreateIndexStatement>().table);
      return t != nullptr && t->temp;
    }
    default: return false;
  }
}

Status CheckSchemaNames(const Catalog& catalog, const Statement& s, int64_t* error_offset) {
  switch (s.kind) {
    case StatementKind::kCreateTable: {
      const auto& c = s.As<CreateTableStatement>();
      if (c.temp && !c.schema.empty() && !IsTemp(c.schema)) {
        return Status::InvalidArgument("temporary table name must be unqualified");
      }
      SLUICE_RETURN_IF_ERROR(CheckCreate(s, c.schema, c.name_span, error_offset));
      return CheckNoShadow(catalog, c.name, CreatesTemp(catalog, s));
    }
    case StatementKind::kCreateView: {
      const auto& c = s.As<CreateViewStatement>();
      if (c.temp && !c.schema.empty() && !IsTemp(c.schema)) {
        return Status::InvalidArgument("temporary table name must be unqualified");
      }
      SLUICE_RETURN_IF_ERROR(CheckCreate(s, c.schema, c.name_span, error_offset));
      return CheckNoShadow(catalog, c.name, CreatesTemp(catalog, s));
    }
    case StatementKind::kCreateTrigger: {
      const auto& c = s.As<CreateTriggerStatement>();
      if (c.temp && !c.schema.empty() && !IsTemp(c.schema)) {
        return Status::InvalidArgument("temporary trigger may not have qualified name");
      }
      SLUICE_RETURN_IF_ERROR(CheckCreate(s, c.schema, c.name_span, error_offset));
      // A main trigger is on a main table ("no such table: main.t").
      if (IsMain(c.schema) && !c.schema.empty() && !c.temp && std::string(SchemaOfTable(catalog, c.table)) == "temp") {
        return Status::InvalidArgument("no such table: main." + c.table);
      }
      return CheckNoShadow(catalog, c.name, CreatesTemp(catalog, s));
    }
    case StatementKind::kCreateIndex: {
      const auto& c = s.As<CreateIndexStatement>();
      SLUICE_RETURN_IF_ERROR(CheckCreate(s, c.schema, c.name_span, error_offset));
      std::string in = SchemaOfTable(catalog, c.table);
      if (IsTemp(c.schema) && in == "main") {
        return Status::InvalidArgument("cannot create a TEMP index on non-TEMP table \"" + c.table + "\"");
      }
      if (IsTemp(c.schema) && in.empty()) return Status::InvalidArgument("no such table: temp." + c.table);
      if (!c.schema.empty() && IsMain(c.schema) && in == "temp") {
        return Status::InvalidArgument("no such table: main." + c.table);
      }
      return CheckNoShadow(catalog, c.name, CreatesTemp(catalog, s));
    }
    case StatementKind::kInsert:
      return NoSuchTable(catalog, s.As<InsertStatement>().schema, s.As<InsertStatement>().table);
    case StatementKind::kUpdate:
      return NoSuchTable(catalog, s.As<UpdateStatement>().schema, s.As<UpdateStatement>().table);
    case StatementKind::kDelete:
      return NoSuchTable(catalog, s.As<DeleteStatement>().schema, s.As<DeleteStatement>().table);
    case StatementKind::kDrop: {
      const auto& d = s.As<DropStatement>();
      if (d.schema.empty() || d.if_exists) return Status::OK();
      if (IsMain(d.schema) && !DropTargetIsTemp(catalog, d)) return Status::OK();
      if (IsTemp(d.schema) && DropTargetIsTemp(catalog, d)) return Status::OK();
      static constexpr const char* kWhat[] = {"table", "index", "view", "trigger"};
      return Status::InvalidArgument(std::string("no such ") + kWhat[static_cast<int>(d.object)] + ": " + d.schema +
                                     "." + d.name);
    }
    case StatementKind::kPragma: {
      const auto& p = s.As<PragmaStatement>();
      if (IsMain(p.schema)) return Status::OK();
      // The TEMP schema is no WAL database: its checkpoint does nothing.
      if (IsTemp(p.schema) && NameEqualsNoCase(p.name, "wal_checkpoint")) return Status::OK();
      if (IsTemp(p.schema)) {
        return Status::InvalidArgument("PRAGMA temp." + p.name + " is not supported");
      }
      return UnknownDatabase(s, p.schema, OffsetAfterKeywords(s, 1), error_offset);
    }
    case StatementKind::kReindex: {
      const auto& r = s.As<ReindexStatement>();
      if (IsMain(r.schema) || NameEqualsNoCase(r.schema, "temp")) return Status::OK();
      return UnknownDatabase(s, r.schema, OffsetAfterKeywords(s, 1), error_offset);
    }
    case StatementKind::kAnalyze: {
      const auto& a = s.As<AnalyzeStatement>();
      if (IsMain(a.schema) || NameEqualsNoCase(a.schema, "temp")) return Status::OK();
      return UnknownDatabase(s, a.schema, OffsetAfterKeywords(s, 1), error_offset);
    }
    case StatementKind::kExplain: {
      const Statement* inner = s.As<ExplainStatement>().statement.get();
      return inner == nullptr ? Status::OK() : CheckSchemaNames(catalog, *inner, error_offset);
    }
    default: return Status::OK();
  }
}

}  // namespace sluice::sql

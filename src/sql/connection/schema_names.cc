// CheckSchemaNames and DropNamesNothing (schema_names.h): before these
// checks a qualifier other than main was dropped in silence, so
// `CREATE TABLE aux.t` made main.t and `DELETE FROM aux.t` emptied main.t.
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

Status CheckCreate(const Statement& s, bool temp, const std::string& schema, SourceSpan name_span,
                   int64_t* error_offset) {
  if (temp || NameEqualsNoCase(schema, "temp")) {
    return Status::InvalidArgument("TEMP tables, views and triggers are not supported");
  }
  if (IsMain(schema)) return Status::OK();
  return UnknownDatabase(s, schema, SchemaOffsetBefore(s, name_span.begin), error_offset);
}

Status NoSuchTable(const std::string& schema, const std::string& table) {
  if (IsMain(schema)) return Status::OK();
  return Status::InvalidArgument("no such table: " + schema + "." + table);
}

}  // namespace

bool DropNamesNothing(const DropStatement& d) { return !IsMain(d.schema); }

Status CheckSchemaNames(const Statement& s, int64_t* error_offset) {
  switch (s.kind) {
    case StatementKind::kCreateTable: {
      const auto& c = s.As<CreateTableStatement>();
      return CheckCreate(s, c.temp, c.schema, c.name_span, error_offset);
    }
    case StatementKind::kCreateView: {
      const auto& c = s.As<CreateViewStatement>();
      return CheckCreate(s, c.temp, c.schema, c.name_span, error_offset);
    }
    case StatementKind::kCreateTrigger: {
      const auto& c = s.As<CreateTriggerStatement>();
      return CheckCreate(s, c.temp, c.schema, c.name_span, error_offset);
    }
    case StatementKind::kCreateIndex: {
      const auto& c = s.As<CreateIndexStatement>();
      return CheckCreate(s, false, c.schema, c.name_span, error_offset);
    }
    case StatementKind::kInsert: return NoSuchTable(s.As<InsertStatement>().schema, s.As<InsertStatement>().table);
    case StatementKind::kUpdate: return NoSuchTable(s.As<UpdateStatement>().schema, s.As<UpdateStatement>().table);
    case StatementKind::kDelete: return NoSuchTable(s.As<DeleteStatement>().schema, s.As<DeleteStatement>().table);
    case StatementKind::kDrop: {
      const auto& d = s.As<DropStatement>();
      if (IsMain(d.schema) || d.if_exists) return Status::OK();
      static constexpr const char* kWhat[] = {"table", "index", "view", "trigger"};
      return Status::InvalidArgument(std::string("no such ") + kWhat[static_cast<int>(d.object)] + ": " + d.schema +
                                     "." + d.name);
    }
    case StatementKind::kPragma: {
      const auto& p = s.As<PragmaStatement>();
      if (IsMain(p.schema)) return Status::OK();
      if (NameEqualsNoCase(p.schema, "temp")) {
        return Status::InvalidArgument("PRAGMA temp." + p.name + " is not supported: there is no temp schema");
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
      return inner == nullptr ? Status::OK() : CheckSchemaNames(*inner, error_offset);
    }
    default: return Status::OK();
  }
}

}  // namespace sluice::sql

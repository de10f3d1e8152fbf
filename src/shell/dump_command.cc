// .dump (Shell::DoDump): the database as SQL text that recreates it, byte
// for byte as sqlite3 3.40's `.dump` prints it.
//
//   PRAGMA foreign_keys=OFF;
//   BEGIN TRANSACTION;
//   for each table (catalog order, sqlite_sequence last):
//     its CREATE TABLE text as stored in sqlite_schema, then ";"
//       (IF NOT EXISTS added when the name starts with a quote, an
//       unterminated trailing comment closed: printSchemaLine);
//     INSERT INTO name VALUES(...); per row, in scan (rowid) order,
//       values as insert mode writes them;
//   the CREATE text of every index, trigger and view (catalog order),
//     then ";" (on a line of its own when the text has a "--" comment);
//   COMMIT;       ("ROLLBACK; -- due to errors" when a table could not be read)
//
// Arguments: LIKE patterns (ESCAPE '\') on the object's name; an object is
// dumped when any pattern matches it (so `.dump t` leaves out the index
// `t_idx` of t, as sqlite3 does). Options (one or two dashes):
// --data-only (INSERTs only), --newlines (raw line breaks in text),
// --nosys (no sqlite_sequence / sqlite_stat*), --preserve-rowids.
//
// sqlite3 reads the catalog with
//   SELECT name, type, sql FROM sqlite_schema AS o WHERE (LIKE-terms)
//     AND type=='table' AND sql NOT NULL ORDER BY tbl_name='sqlite_sequence', rowid
//   SELECT sql FROM sqlite_schema AS o WHERE (LIKE-terms) AND sql NOT NULL
//     AND type IN ('index','trigger','view')
// Here the catalog is read once (SELECT type, name, tbl_name, sql FROM
// sqlite_schema, in catalog order) and the same filters are applied with
// the engine's LIKE and GLOB matchers; table contents are read with the
// SELECT sqlite3 builds (dump_columns.h). Only the public Database API is
// used.
#include <algorithm>
#include <optional>

#include "shell/cell.h"
#include "shell/dump_columns.h"
#include "shell/result_formatter.h"
#include "shell/schema_text.h"
#include "shell/shell.h"
#include "shell/text_escape.h"
#include "sql/function/pattern.h"

namespace sluice::shell {

namespace {

// Pending output is written out when it grows past this.
constexpr size_t kDumpFlushThreshold = 1 << 16;

struct SchemaRow {
  std::string type, name, tbl_name;
  std::optional<std::string> sql;  // NULL for automatic indexes
};

// The LIKE-terms of sqlite3's query: the name matches a pattern, or the
// object is a shadow table ("<vtab>_...") of a virtual table that does.
bool Selected(const SchemaRow& o, const std::vector<std::string>& patterns, const std::vector<SchemaRow>& schema) {
  if (patterns.empty()) return true;
  for (const std::string& p : patterns) {
    if (sql::LikeMatch(p, o.name, '\\')) return true;
    for (const SchemaRow& v : schema) {
      if (v.sql && sql::LikeMatch(p, v.name, '\\') && sql::LikeMatch("CREATE VIRTUAL TABLE%", *v.sql) &&
          o.name.starts_with(v.name + "_")) {
        return true;
      }
    }
  }
  return false;
}

// sqlite3's '%q': the text with each ' doubled.
std::string Escaped(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  return out;
}

}  // namespace

CommandResult Shell::DoDump(const std::vector<std::string>& args) {
  bool preserve_rowids = false, newlines = false, data_only = false, no_sys = false;
  std::vector<std::string> patterns;
  for (size_t i = 1; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (!a.starts_with("-")) {
      patterns.push_back(args[i]);
      continue;
    }
    std::string_view z = a.substr(1);
    if (z.starts_with("-")) z.remove_prefix(1);
    if (z == "preserve-rowids") {
      preserve_rowids = true;
    } else if (z == "newlines") {
      newlines = true;
    } else if (z == "data-only") {
      data_only = true;
    } else if (z == "nosys") {
      no_sys = true;
    } else {
      PrintError("Unknown option \"" + args[i] + "\" on \".dump\"\n");
      return CommandResult::kError;
    }
  }

  std::vector<SchemaRow> schema;
  {
    PrepareOutcome p = db_->Prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema");
    if (!p.status.ok() || !p.statement) {
      PrintError("Error: cannot read sqlite_schema\n");
      return CommandResult::kError;
    }
    while (true) {
      Result<bool> r = p.statement->Step();
      if (!r.ok()) {
        PrintError("Error: cannot read sqlite_schema\n");
        return CommandResult::kError;
      }
      if (!*r) break;
      const Statement& s = *p.statement;
      SchemaRow row{std::string(s.column_text(0)), std::string(s.column_text(1)), std::string(s.column_text(2)),
                    std::nullopt};
      if (s.column_type(3) != ColumnType::kNull) row.sql = std::string(s.column_text(3));
      schema.push_back(std::move(row));
    }
  }

  if (!data_only) buffer_ += "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n";
  int errors = 0;
  bool writable_schema = false;

  // The tables, sqlite_sequence after the others.
  std::vector<const SchemaRow*> tables;
  for (const SchemaRow& o : schema) {
    if (o.type == "table" && o.sql && Selected(o, patterns, schema)) tables.push_back(&o);
  }
  std::stable_partition(tables.begin(), tables.end(),
                        [](const SchemaRow* o) { return o->tbl_name != "sqlite_sequence"; });
  for (const SchemaRow* o : tables) {
    const std::string& name = o->name;
    const std::string& sql = *o->sql;
    // dump_callback()
    if (name == "sqlite_sequence" && !no_sys) {
      if (!data_only) buffer_ += "DELETE FROM sqlite_sequence;\n";
    } else if (sql::GlobMatch("sqlite_stat?", name) && !no_sys) {
      if (!data_only) buffer_ += "ANALYZE sqlite_schema;\n";
    } else if (name.starts_with("sqlite_")) {
      continue;
    } else if (data_only) {
      // INSERTs only
    } else if (sql.starts_with("CREATE VIRTUAL TABLE")) {
      if (!writable_schema) {
        buffer_ += "PRAGMA writable_schema=ON;\n";
        writable_schema = true;
      }
      buffer_ += "INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','" + Escaped(name) + "','" +
                 Escaped(name) + "',0,'" + Escaped(sql) + "');\n";
      continue;
    } else if (sql::GlobMatch("CREATE TABLE ['\"]*", sql)) {
      buffer_ += "CREATE TABLE IF NOT EXISTS " + sql.substr(13) + ";\n";
    } else {
      buffer_ += SchemaLine(sql, ";\n");
    }

    // The rows. Without a parsable CREATE TABLE, the columns are SELECT *'s.
    std::optional<DumpColumns> columns = DumpColumnsOf(sql, preserve_rowids);
    const std::string select = columns ? DumpSelect(name, *columns) : "SELECT * FROM " + QuoteNameIfNeeded(name);
    const std::string target = columns ? DumpInsertTarget(name, *columns) : "INSERT INTO " + QuoteNameIfNeeded(name);
    PrepareOutcome p = db_->Prepare(select);
    if (!p.status.ok() || !p.statement) {
      ++errors;
      continue;
    }
    Statement& s = *p.statement;
    const int ncol = s.column_count();
    while (true) {
      Result<bool> r = s.Step();
      if (!r.ok()) {
        ++errors;
        break;
      }
      if (!*r) break;
      buffer_ += target;
      for (int i = 0; i < ncol; ++i) {
        buffer_ += i == 0 ? " VALUES(" : ",";
        AppendInsertValue(ReadCell(s, i), newlines, &buffer_);
      }
      buffer_ += ");\n";
      if (buffer_.size() > kDumpFlushThreshold) Flush();
    }
  }

  // run_table_dump_query(): indexes, triggers and views.
  if (!data_only) {
    for (const SchemaRow& o : schema) {
      if (!o.sql || (o.type != "index" && o.type != "trigger" && o.type != "view")) continue;
      if (!Selected(o, patterns, schema)) continue;
      buffer_ += *o.sql;
      buffer_ += o.sql->find("--") != std::string::npos ? "\n;\n" : ";\n";
    }
  }
  if (writable_schema) buffer_ += "PRAGMA writable_schema=OFF;\n";
  if (!data_only) buffer_ += errors > 0 ? "ROLLBACK; -- due to errors\n" : "COMMIT;\n";
  return CommandResult::kOk;
}

}  // namespace sluice::shell

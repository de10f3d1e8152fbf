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
// where a LIKE-term also takes the shadow tables of a matching virtual
// table. Here the catalog is read once with the LIKE-terms (SELECT type,
// name, tbl_name, sql FROM sqlite_schema WHERE name LIKE p ESCAPE '\' OR
// ..., in catalog order; the engine has no virtual tables, hence no shadow
// tables); a table's columns come from PRAGMA table_info (and, for
// --preserve-rowids, index_list and table_list) as in sqlite3's
// tableColumnList (dump_columns.h), its rows from the SELECT sqlite3
// builds. Only the public Database API is used.
#include <algorithm>
#include <cstdlib>
#include <optional>

#include "shell/cell.h"
#include "shell/dump_columns.h"
#include "shell/result_formatter.h"
#include "shell/schema_text.h"
#include "shell/shell.h"
#include "shell/text_escape.h"
#include "base/ascii.h"

namespace sluice::shell {

namespace {

// Pending output is written out when it grows past this.
constexpr size_t kDumpFlushThreshold = 1 << 16;

struct SchemaRow {
  std::string type, name, tbl_name;
  std::optional<std::string> sql;  // NULL for automatic indexes
};

// `text` as an SQL string literal.
std::string Literal(std::string_view text) {
  std::string out;
  AppendQuotedString(text, &out);
  return out;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreAsciiCase(s.substr(0, prefix.size()), prefix);
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

std::optional<DumpColumns> Shell::ReadDumpColumns(const std::string& table, bool preserve_rowids) {
  std::vector<std::vector<std::string>> rows;
  if (!QueryRows("PRAGMA table_info=" + Literal(table), &rows) || rows.empty()) return std::nullopt;
  std::vector<TableInfoColumn> columns;
  for (const auto& row : rows) columns.push_back({row[1], row[2], std::strtoll(row[5].c_str(), nullptr, 10)});
  bool has_pk_index = false, without_rowid = false;
  if (preserve_rowids) {
    rows.clear();
    if (QueryRows("PRAGMA index_list=" + Literal(table), &rows)) {
      for (const auto& row : rows) has_pk_index = has_pk_index || row[3] == "pk";
    }
    rows.clear();
    if (QueryRows("PRAGMA table_list=" + Literal(table), &rows)) {
      for (const auto& row : rows) without_rowid = without_rowid || row[4] == "1";
    }
  }
  return DumpColumnsFrom(columns, preserve_rowids, has_pk_index, without_rowid);
}

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
    std::string query = "SELECT type, name, tbl_name, sql FROM sqlite_schema";
    for (size_t i = 0; i < patterns.size(); ++i) {
      query += i == 0 ? " WHERE " : " OR ";
      query += "name LIKE " + Literal(patterns[i]) + " ESCAPE '\\'";
    }
    PrepareOutcome p = db_->Prepare(query);
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
    if (o.type == "table" && o.sql) tables.push_back(&o);
  }
  std::stable_partition(tables.begin(), tables.end(),
                        [](const SchemaRow* o) { return o->tbl_name != "sqlite_sequence"; });
  for (const SchemaRow* o : tables) {
    const std::string& name = o->name;
    const std::string& sql = *o->sql;
    // dump_callback()
    if (name == "sqlite_sequence" && !no_sys) {
      if (!data_only) buffer_ += "DELETE FROM sqlite_sequence;\n";
    } else if (name.size() == 12 && name.starts_with("sqlite_stat") && !no_sys) {  // GLOB 'sqlite_stat?'

      if (!data_only) buffer_ += "ANALYZE sqlite_schema;\n";
    } else if (name.starts_with("sqlite_")) {
      continue;
    } else if (data_only) {
      // INSERTs only
    } else if (StartsWithNoCase(sql, "CREATE VIRTUAL TABLE")) {
      if (!writable_schema) {
        buffer_ += "PRAGMA writable_schema=ON;\n";
        writable_schema = true;
      }
      buffer_ += "INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','" + Escaped(name) + "','" +
                 Escaped(name) + "',0,'" + Escaped(sql) + "');\n";
      continue;
    } else if (sql.starts_with("CREATE TABLE ") && sql.size() > 13 && (sql[13] == '\'' || sql[13] == '"')) {
      buffer_ += "CREATE TABLE IF NOT EXISTS " + sql.substr(13) + ";\n";
    } else {
      buffer_ += SchemaLine(sql, ";\n");
    }

    // The rows. A table without columns in PRAGMA table_info is read with
    // SELECT *.
    std::optional<DumpColumns> columns = ReadDumpColumns(name, preserve_rowids);
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
      buffer_ += *o.sql;
      buffer_ += o.sql->find("--") != std::string::npos ? "\n;\n" : ";\n";
    }
  }
  if (writable_schema) buffer_ += "PRAGMA writable_schema=OFF;\n";
  if (!data_only) buffer_ += errors > 0 ? "ROLLBACK; -- due to errors\n" : "COMMIT;\n";
  return CommandResult::kOk;
}

}  // namespace sluice::shell

// .tables, .indexes, .schema and .fullschema (Shell::DoTables, DoIndexes,
// DoSchema, DoFullSchema): read the catalog table sqlite_schema (type,
// name, tbl_name, rootpage, sql) and print it the way sqlite3 3.40 does.
//
// .tables: names of tables and views (not sqlite_*), matching the LIKE
// pattern (default '%'), sorted, laid out in as many columns of width
// max+2 as fit in 80 characters, filled column by column.
// .schema: the stored CREATE text of every object (not sqlite_* with --nosys) whose
// tbl_name matches (LIKE, or GLOB when the pattern has * ? or [), in
// catalog order, each followed by ";".
// Both filter with SQL on sqlite_schema, as sqlite3's shell does. A CREATE TABLE whose name starts
// with a quote prints as CREATE TABLE IF NOT EXISTS; a view gets a comment
// "/* v(a,b) */" with its column names (printSchemaLine, shellFakeSchema).
// TEMP objects (sqlite_temp_schema) follow: .tables and .indexes list them
// as temp.NAME, .schema prints them after main's with "temp." put before
// the name (shell_add_schema), .fullschema as stored, by rowid among main's.
#include <algorithm>

#include "base/ascii.h"
#include "shell/schema_text.h"
#include "shell/shell.h"
#include "shell/text_escape.h"
#include "sluice/sql_text.h"

namespace sluice::shell {

namespace {

// `text` as an SQL string literal.
std::string Literal(std::string_view text) {
  std::string out;
  AppendQuotedString(text, &out);
  return out;
}

// sqlite3's shell_add_schema: "CREATE TABLE x..." -> "CREATE TABLE temp.x...".
std::string AddTempSchema(const std::string& sql) {
  static constexpr std::string_view kPrefixes[] = {"TABLE", "INDEX",   "UNIQUE INDEX",
                                                   "VIEW",  "TRIGGER", "VIRTUAL TABLE"};
  if (sql.size() < 7 || !EqualsIgnoreAsciiCase(std::string_view(sql).substr(0, 7), "CREATE ")) return sql;
  for (std::string_view prefix : kPrefixes) {
    size_t n = prefix.size();
    if (sql.compare(7, n, prefix) == 0 && sql.size() > n + 7 && sql[n + 7] == ' ') {
      return sql.substr(0, n + 7) + " temp." + sql.substr(n + 8);
    }
  }
  return sql;
}

}  // namespace

std::string SchemaLine(std::string sql, std::string_view tail) {
  if (tail.starts_with(";") && (sql.find("/*") != std::string::npos || sql.find("--") != std::string::npos)) {
    for (std::string_view term : {"", "*/", "\n"}) {
      std::string candidate = sql + std::string(term) + ";";
      if (IsCompleteStatement(candidate)) {
        sql = candidate.substr(0, candidate.size() - 1);
        break;
      }
    }
  }
  if (sql.starts_with("CREATE TABLE ") && sql.size() > 13 && (sql[13] == '\'' || sql[13] == '"')) {
    return "CREATE TABLE IF NOT EXISTS " + sql.substr(13) + std::string(tail);
  }
  return sql + std::string(tail);
}

bool Shell::QueryRows(std::string_view sql, std::vector<std::vector<std::string>>* rows,
                      std::vector<std::string>* column_names) {
  PrepareOutcome p = db_->Prepare(sql);
  if (!p.status.ok() || !p.statement) return false;
  Statement& s = *p.statement;
  if (column_names) {
    column_names->clear();
    for (int i = 0; i < s.column_count(); ++i) column_names->emplace_back(s.column_name(i));
  }
  while (true) {
    Result<bool> r = s.Step();
    if (!r.ok()) return false;
    if (!*r) break;
    std::vector<std::string> row;
    for (int i = 0; i < s.column_count(); ++i) {
      row.emplace_back(s.column_type(i) == ColumnType::kNull ? std::string_view("\x01NULL") : s.column_text(i));
    }
    rows->push_back(std::move(row));
  }
  return true;
}

// The names of main's and temp's schema rows that `filter` selects
// (temp ones prefixed `temp.`), sorted, laid out as .tables lays them out.
CommandResult Shell::PrintSchemaNames(const std::string& filter) {
  std::vector<std::vector<std::string>> rows;
  if (!QueryRows("SELECT name FROM sqlite_schema WHERE " + filter +
                     " UNION ALL SELECT 'temp.' || name FROM sqlite_temp_schema WHERE " + filter + " ORDER BY 1",
                 &rows)) {
    PrintError("Error: cannot read sqlite_schema\n");
    return CommandResult::kError;
  }
  std::vector<std::string> names;
  for (auto& row : rows) names.push_back(std::move(row[0]));
  PrintNameColumns(names);
  return CommandResult::kOk;
}

CommandResult Shell::DoTables(const std::vector<std::string>& args) {
  if (args.size() > 2) {
    PrintError("Usage: .tables ?TABLE?\n");
    return CommandResult::kError;
  }
  // sqlite3's query (with the pattern as a literal rather than bound).
  const std::string pattern = args.size() == 2 ? args[1] : "%";
  return PrintSchemaNames("type IN ('table','view') AND name NOT LIKE 'sqlite_%' AND name LIKE " + Literal(pattern));
}

// sqlite3's .indexes: every index (automatic ones too) of the tables whose
// name matches the LIKE pattern, sorted, laid out as .tables.
CommandResult Shell::DoIndexes(const std::vector<std::string>& args) {
  if (args.size() > 2) {
    PrintError("Usage: .indexes ?LIKE-PATTERN?\n");
    return CommandResult::kError;
  }
  const std::string pattern = args.size() == 2 ? args[1] : "%";
  return PrintSchemaNames("type='index' AND tbl_name LIKE " + Literal(pattern));
}

// sqlite3's .fullschema: the schema as .schema prints it, without the
// views' column comments, then the ANALYZE statistics; sluice keeps none
// (ANALYZE does nothing here), which sqlite3 words as below.
CommandResult Shell::DoFullSchema(const std::vector<std::string>& args) {
  if (args.size() > 2 || (args.size() == 2 && args[1] != "--indent" && args[1] != "-indent")) {
    PrintError("Usage: .fullschema ?--indent?\n");
    return CommandResult::kError;
  }
  std::vector<std::vector<std::string>> rows;
  // sqlite3's query: main's rows and the TEMP schema's, by rowid.
  if (!QueryRows("SELECT sql FROM (SELECT sql sql, type type, tbl_name tbl_name, name name, rowid x FROM sqlite_schema "
                 "UNION ALL SELECT sql, type, tbl_name, name, rowid FROM sqlite_temp_schema) WHERE type != 'meta' AND "
                 "sql NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY x",
                 &rows)) {
    PrintError("Error: cannot read sqlite_schema\n");
    return CommandResult::kError;
  }
  for (const auto& row : rows) buffer_ += SchemaLine(row[0], ";\n");
  buffer_ += "/* No STAT tables available */\n";
  return CommandResult::kOk;
}

void Shell::PrintNameColumns(const std::vector<std::string>& names) {
  if (names.empty()) return;
  size_t max_len = 0;
  for (const std::string& n : names) max_len = std::max(max_len, n.size());
  size_t ncol = 80 / (max_len + 2);
  if (ncol < 1) ncol = 1;
  size_t nrow = (names.size() + ncol - 1) / ncol;
  for (size_t i = 0; i < nrow; ++i) {
    for (size_t j = i; j < names.size(); j += nrow) {
      if (j >= nrow) buffer_.append("  ");
      buffer_.append(names[j]);
      buffer_.append(max_len - names[j].size(), ' ');
    }
    buffer_.push_back('\n');
  }
}

CommandResult Shell::DoSchema(const std::vector<std::string>& args) {
  std::string pattern;
  bool no_sys = false;
  for (size_t i = 1; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (a == "--nosys" || a == "-nosys") no_sys = true;
    if (a == "--indent" || a == "-indent" || a == "--nosys" || a == "-nosys") continue;
    if (!pattern.empty()) {
      PrintError("Usage: .schema ?--indent? ?--nosys? ?LIKE-PATTERN?\n");
      return CommandResult::kError;
    }
    pattern = std::string(a);
  }
  // sqlite3's filter: the pattern is a GLOB when it has * ? or [, else a
  // LIKE, on the lower-case tbl_name.
  // sqlite3 lists sqlite_sequence (the only sqlite_* entry with text)
  // unless --nosys.
  std::string filter = " WHERE type != 'meta' AND sql NOT NULL";
  if (no_sys) filter += " AND name NOT LIKE 'sqlite_%'";
  if (!pattern.empty()) {
    const bool glob = pattern.find_first_of("*?[") != std::string::npos;
    filter += glob ? " AND lower(tbl_name) GLOB " + Literal(pattern)
                   : " AND lower(tbl_name) LIKE " + Literal(pattern) + " ESCAPE '\\'";
  }
  // main's objects, then the TEMP schema's (marked by the fifth column).
  std::vector<std::vector<std::string>> rows;
  if (!QueryRows("SELECT type, name, tbl_name, sql, 0 FROM sqlite_schema" + filter +
                     " UNION ALL SELECT type, name, tbl_name, sql, 1 FROM sqlite_temp_schema" + filter,
                 &rows)) {
    PrintError("Error: cannot read sqlite_schema\n");
    return CommandResult::kError;
  }
  for (const auto& row : rows) {
    const std::string& type = row[0];
    const std::string& name = row[1];
    const std::string& sql = row[3];
    const bool temp = row[4] == "1";
    std::string text = temp ? AddTempSchema(sql) : sql;
    if (type == "view" && sql.starts_with("CREATE VIEW ")) {
      PrepareOutcome p =
          db_->Prepare(std::string(temp ? "SELECT * FROM temp." : "SELECT * FROM ") + DoubleQuoted(name));
      if (p.status.ok() && p.statement && p.statement->column_count() > 0) {
        std::string fake = std::string(temp ? "temp." : "") + QuoteNameIfNeeded(name);
        for (int i = 0; i < p.statement->column_count(); ++i) {
          fake += i == 0 ? "(" : ",";
          fake += QuoteNameIfNeeded(p.statement->column_name(i));
        }
        fake += ")";
        text += "\n/* " + fake + " */";
      }
    }
    buffer_ += SchemaLine(text, ";\n");
  }
  return CommandResult::kOk;
}

}  // namespace sluice::shell

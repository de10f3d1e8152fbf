// .import (Shell::DoImport): loads a CSV (or separator-delimited) file into
// a table, as sqlite3 3.40 does it.
//
//   .import [--csv|--ascii] [--skip N] [-v] FILE TABLE
//
// Without --csv/--ascii the separators come from the output mode (one byte
// each; csv mode's "\r\n" row separator becomes "\n" for good, as in
// sqlite3). When TABLE does not exist, the first record names its columns:
//   CREATE TABLE "t"(\n"a" TEXT, "b" TEXT, "c" TEXT, "d" TEXT,\n "e" TEXT)
// (duplicate names get "_<position>", empty ones are "?"); otherwise every
// record is data. A record with too few fields is completed with NULLs, one
// with too many loses the extras; both are reported as sqlite3 reports them.
//
// Every record goes through one Database::CreateAppender (sqlite3's
// BEGIN, one INSERT per record with the fields bound as text or NULL, then
// COMMIT): the table's affinity applies to the fields; a record that fails
// a constraint is reported with its line ("FILE:LINE: INSERT failed: ...")
// and skipped. As in sqlite3, the command fails only when the last record
// failed.
#include <cstring>
#include <memory>

#include "base/ascii.h"
#include "shell/csv_reader.h"
#include "shell/dot_args.h"
#include "shell/shell.h"
#include "shell/text_escape.h"

namespace sluice::shell {

namespace {

constexpr std::string_view kImportUsage =
    ".import FILE TABLE       Import data from FILE into TABLE\n"
    "   Options:\n"
    "     --ascii               Use \\037 and \\036 as column and row separators\n"
    "     --csv                 Use , and \\n as column and row separators\n"
    "     --skip N              Skip the first N rows of input\n"
    "     --schema S            Target table to be S.TABLE\n"
    "     -v                    \"Verbose\" - increase auxiliary output\n"
    "   Notes:\n"
    "     *  If TABLE does not exist, it is created.  The first row of input\n"
    "        determines the column names.\n"
    "     *  If neither --csv or --ascii are used, the input mode is derived\n"
    "        from the \".mode\" output mode\n"
    "     *  If FILE begins with \"|\" then it is a command that generates the\n"
    "        input text.\n";

bool SameNameNoCase(std::string_view a, std::string_view b) { return EqualsIgnoreAsciiCase(a, b); }

}  // namespace

CommandResult Shell::DoImport(const std::vector<std::string>& args) {
  std::string file, table;
  long long skip = 0;
  int verbose = 0;
  bool use_output_mode = true;
  char col_sep = 0, row_sep = 0;
  for (size_t i = 1; i < args.size(); ++i) {
    std::string_view z = args[i];
    if (z.starts_with("--")) z.remove_prefix(1);
    if (!z.starts_with("-")) {
      if (file.empty()) {
        file = std::string(z);
      } else if (table.empty()) {
        table = std::string(z);
      } else {
        buffer_ += "ERROR: extra argument: \"" + std::string(z) + "\".  Usage:\n" + std::string(kImportUsage);
        return CommandResult::kError;
      }
    } else if (z == "-v") {
      ++verbose;
    } else if (z == "-schema" && i + 1 < args.size()) {
      ++i;  // a single database: the schema name changes nothing
    } else if (z == "-skip" && i + 1 < args.size()) {
      skip = IntegerValue(args[++i]);
    } else if (z == "-ascii") {
      col_sep = '\x1f';
      row_sep = '\x1e';
      use_output_mode = false;
    } else if (z == "-csv") {
      col_sep = ',';
      row_sep = '\n';
      use_output_mode = false;
    } else {
      buffer_ += "ERROR: unknown option: \"" + std::string(z) + "\".  Usage:\n" + std::string(kImportUsage);
      return CommandResult::kError;
    }
  }
  if (table.empty()) {
    buffer_ += std::string("ERROR: missing ") + (file.empty() ? "FILE" : "TABLE") + " argument. Usage:\n" +
               std::string(kImportUsage);
    return CommandResult::kError;
  }
  if (use_output_mode) {
    if (settings_.col_separator.empty()) {
      PrintError("Error: non-null column separator required for import\n");
      return CommandResult::kError;
    }
    if (settings_.col_separator.size() > 1) {
      PrintError("Error: multi-character column separators not allowed for import\n");
      return CommandResult::kError;
    }
    if (settings_.row_separator.empty()) {
      PrintError("Error: non-null row separator required for import\n");
      return CommandResult::kError;
    }
    if (settings_.mode == OutputMode::kCsv && settings_.row_separator == "\r\n") {
      settings_.row_separator = "\n";
    }
    if (settings_.row_separator.size() > 1) {
      PrintError("Error: multi-character row separators not allowed for import\n");
      return CommandResult::kError;
    }
    col_sep = settings_.col_separator[0];
    row_sep = settings_.row_separator[0];
  }
  std::FILE* in = std::fopen(file.c_str(), "rb");
  if (in == nullptr) {
    PrintError("Error: cannot open \"" + file + "\"\n");
    return CommandResult::kError;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(in, &std::fclose);
  std::string diagnostics;
  CsvReader reader(in, file, col_sep, row_sep, &diagnostics);
  auto flush_diagnostics = [&] {
    if (!diagnostics.empty()) PrintError(diagnostics);
    diagnostics.clear();
  };
  while (skip-- > 0) {
    while (reader.ReadField() && reader.is_col_separator(reader.terminator())) {
    }
  }

  const std::string quoted_table = DoubleQuoted(table);
  int ncol = 0;
  {
    PrepareOutcome probe = db_->Prepare("SELECT * FROM " + quoted_table);
    if (probe.status.ok() && probe.statement) {
      ncol = probe.statement->column_count();
    } else {
      // Create the table from the header record.
      std::vector<std::string> names;
      while (std::optional<std::string> f = reader.ReadField()) {
        names.push_back(f->empty() ? "?" : *f);
        if (!reader.is_col_separator(reader.terminator())) break;
      }
      if (names.empty()) {
        flush_diagnostics();
        PrintError(file + ": empty file\n");
        return CommandResult::kError;
      }
      std::vector<std::string> renamed = names;
      std::string renames;
      for (size_t i = 0; i < names.size(); ++i) {
        bool dup = false;
        for (size_t j = 0; j < names.size() && !dup; ++j) dup = j != i && SameNameNoCase(names[i], names[j]);
        if (!dup) continue;
        renamed[i] = names[i] + "_" + std::to_string(i + 1);
        if (!renames.empty()) renames += ",\n";
        renames += DoubleQuoted(names[i]) + " to " + DoubleQuoted(renamed[i]);
      }
      if (!renames.empty()) {
        PrintError("Columns renamed during .import " + file + " due to duplicates:\n" + renames + "\n");
      }
      std::string create = "CREATE TABLE " + quoted_table + "(\n";
      for (size_t i = 0; i < renamed.size(); ++i) {
        if (i > 0) create += i % 4 == 0 ? ",\n " : ", ";
        create += DoubleQuoted(renamed[i]) + " TEXT";
      }
      create += ")";
      if (Status created = ExecuteSql(create); !created.ok()) {
        flush_diagnostics();
        // sqlite3 prints its CREATE text with a newline at the end.
        PrintError(create + "\n failed:\n" + created.message() + "\n");
        return CommandResult::kError;
      }
      ncol = static_cast<int>(renamed.size());
    }
  }
  if (ncol == 0) return CommandResult::kOk;

  // sqlite3 prepares its INSERT here; the Appender is the same write.
  Result<std::unique_ptr<Appender>> created = db_->CreateAppender(table);
  if (!created.ok()) {
    flush_diagnostics();
    PrintError("Error: " + created.status().message() + "\n");
    return CommandResult::kError;
  }
  std::unique_ptr<Appender> appender = std::move(*created);
  int64_t rows_added = 0, errors = 0;
  bool last_failed = false;
  std::vector<std::optional<std::string>> fields(ncol);
  std::vector<AppendValue> values(ncol);
  bool eof = false;
  while (!eof) {
    const int start_line = reader.line();
    int i = 0;
    bool any = false;
    for (i = 0; i < ncol; ++i) {
      std::optional<std::string> z = reader.ReadField();
      if (!z && i == 0) break;  // end of input before a record
      any = true;
      fields[i] = std::move(z);
      if (i < ncol - 1 && !reader.is_col_separator(reader.terminator())) {
        diagnostics += file + ":" + std::to_string(start_line) + ": expected " + std::to_string(ncol) +
                       " columns but found " + std::to_string(i + 1) + " - filling the rest with NULL\n";
        for (int k = i + 1; k < ncol; ++k) fields[k].reset();
        i += 2;
        break;
      }
    }
    if (any && i <= ncol && reader.is_col_separator(reader.terminator())) {
      do {
        reader.ReadField();
        ++i;
      } while (reader.is_col_separator(reader.terminator()));
      diagnostics += file + ":" + std::to_string(start_line) + ": expected " + std::to_string(ncol) +
                     " columns but found " + std::to_string(i) + " - extras ignored\n";
    }
    eof = reader.terminator() == CsvReader::kEof;
    if (!any) break;
    flush_diagnostics();
    // Fields are bound as text (the column's affinity applies), missing
    // ones as NULL.
    for (int k = 0; k < ncol; ++k) values[k] = fields[k] ? AppendValue::Text(*fields[k]) : AppendValue::Null();
    Status status = appender->Append(values);
    last_failed = !status.ok();
    if (status.ok()) {
      ++rows_added;
    } else {
      PrintError(file + ":" + std::to_string(start_line) + ": INSERT failed: " + status.message() + "\n");
      ++errors;
    }
  }
  const Status finished = appender->Finish();
  appender.reset();
  if (!finished.ok()) PrintError(file + ": INSERT failed: " + finished.message() + "\n");
  flush_diagnostics();
  if (verbose > 0) {
    buffer_ += "Added " + std::to_string(rows_added) + " rows with " + std::to_string(errors) + " errors using " +
               std::to_string(reader.line() - 1) + " lines of input\n";
  }
  // sqlite3's rc is that of resetting the INSERT after the last record:
  // the command fails when the last record did.
  return finished.ok() && !last_failed ? CommandResult::kOk : CommandResult::kError;
}

}  // namespace sluice::shell

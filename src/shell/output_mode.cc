// Output modes: names and the effect of `.mode` (output_mode.h).
#include "shell/output_mode.h"

namespace sluice::shell {

std::string_view ModeName(OutputMode mode) {
  switch (mode) {
    case OutputMode::kLine: return "line";
    case OutputMode::kColumn: return "column";
    case OutputMode::kList: return "list";
    case OutputMode::kCsv: return "csv";
    case OutputMode::kQuote: return "quote";
    case OutputMode::kInsert: return "insert";
    case OutputMode::kMarkdown: return "markdown";
    case OutputMode::kTable: return "table";
    case OutputMode::kBox: return "box";
    case OutputMode::kJson: return "json";
    case OutputMode::kHtml: return "html";
    case OutputMode::kAscii: return "ascii";
  }
  return "list";
}

bool IsColumnar(OutputMode mode) {
  return mode == OutputMode::kColumn || mode == OutputMode::kMarkdown || mode == OutputMode::kTable ||
         mode == OutputMode::kBox;
}

namespace {

// sqlite3 compares the typed name as a prefix of each candidate, in this order.
// Move-assigns a fresh string: gcc 12 reports a false -Wrestrict for
// operator=(const char*) at -O3 (gcc bug 105329).
void Set(std::string* target, std::string_view value) { *target = std::string(value); }

bool Prefix(std::string_view typed, std::string_view full) {
  return typed.size() <= full.size() && full.substr(0, typed.size()) == typed;
}

}  // namespace

bool ApplyMode(std::string_view name, std::string_view table_name, const ColumnOptions& options, bool header_set,
               OutputSettings* s) {
  if (Prefix(name, "lines")) {
    s->mode = OutputMode::kLine;
    Set(&s->row_separator, "\n");
  } else if (Prefix(name, "columns")) {
    s->mode = OutputMode::kColumn;
    if (!header_set) s->show_header = true;
    Set(&s->row_separator, "\n");
    s->column_options = options;
  } else if (Prefix(name, "list")) {
    s->mode = OutputMode::kList;
    Set(&s->col_separator, "|");
    Set(&s->row_separator, "\n");
  } else if (Prefix(name, "html")) {
    s->mode = OutputMode::kHtml;
  } else if (Prefix(name, "csv")) {
    s->mode = OutputMode::kCsv;
    Set(&s->col_separator, ",");
    Set(&s->row_separator, "\r\n");
  } else if (Prefix(name, "tabs")) {
    s->mode = OutputMode::kList;
    Set(&s->col_separator, "\t");
  } else if (Prefix(name, "insert")) {
    s->mode = OutputMode::kInsert;
    s->insert_table = table_name.empty() ? "table" : std::string(table_name);
  } else if (Prefix(name, "quote")) {
    s->mode = OutputMode::kQuote;
    Set(&s->col_separator, ",");
    Set(&s->row_separator, "\n");
  } else if (Prefix(name, "ascii")) {
    s->mode = OutputMode::kAscii;
    Set(&s->col_separator, "\x1f");
    Set(&s->row_separator, "\x1e");
  } else if (Prefix(name, "markdown")) {
    s->mode = OutputMode::kMarkdown;
    s->column_options = options;
  } else if (Prefix(name, "table")) {
    s->mode = OutputMode::kTable;
    s->column_options = options;
  } else if (Prefix(name, "box")) {
    s->mode = OutputMode::kBox;
    s->column_options = options;
  } else if (Prefix(name, "json")) {
    s->mode = OutputMode::kJson;
  } else {
    return false;
  }
  return true;
}

}  // namespace sluice::shell

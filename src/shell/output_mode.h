// Output modes of the shell (`.mode`) and the settings every formatter reads.
//
// Role: the vocabulary shared by the formatters (row_formatter.h), the dot
// commands (meta_commands.cc) and the command line (shell_main.cc). The
// defaults and the side effects of switching modes are sqlite3 3.40's
// (shell.c: `.mode`, ShellState, ColModeOpts).
#ifndef SLUICE_SHELL_OUTPUT_MODE_H_
#define SLUICE_SHELL_OUTPUT_MODE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::shell {

enum class OutputMode {
  kLine,      // one "name = value" line per column
  kColumn,    // aligned columns, optional header and dashes
  kList,      // values separated by the column separator ('|'); also "tabs"
  kCsv,       // RFC 4180 quoting, "\r\n" rows
  kQuote,     // SQL literals
  kInsert,    // INSERT statements
  kMarkdown,  // GitHub markdown table
  kTable,     // ASCII-art table
  kBox,       // Unicode box-drawing table
  kJson,      // one JSON array of objects per statement
  kHtml,      // <TR><TD>...</TD> rows of an HTML table
  kAscii,     // like list, with 0x1F and 0x1E as default separators
};

// The name sqlite3 prints for the mode (`.mode` with no argument, `.show`).
std::string_view ModeName(OutputMode mode);

// True for the modes that buffer the whole result to size their columns.
bool IsColumnar(OutputMode mode);

// Column-mode options (`.mode column --wrap N --wordwrap on --quote`).
struct ColumnOptions {
  int wrap = 60;           // 0: no limit
  bool word_wrap = false;  // break lines at word boundaries
  bool quote = false;      // show values as SQL literals
};

// Everything the formatters need to know about how to print.
struct OutputSettings {
  OutputMode mode = OutputMode::kList;
  std::string col_separator = "|";
  std::string row_separator = "\n";
  std::string null_text;  // .nullvalue
  bool show_header = false;
  // .width: per-column widths for the columnar modes (0: automatic,
  // negative: right-aligned). Grows to the widest result seen, as sqlite3's.
  std::vector<int> col_widths;
  ColumnOptions column_options{0, false, false};  // the command line's default
  std::string insert_table = "table";             // `.mode insert TABLE`
};

// The result of switching to mode `name` (a prefix, as sqlite3 accepts:
// "col", "l" for line). Applies the separators, header and column options
// that sqlite3's `.mode` applies. Returns false for an unknown name.
// `header_set` tells whether `.headers` was used explicitly (then `.mode
// column` keeps the user's choice).
bool ApplyMode(std::string_view name, std::string_view table_name, const ColumnOptions& options, bool header_set,
               OutputSettings* settings);

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_OUTPUT_MODE_H_

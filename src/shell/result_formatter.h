// ResultFormatter: prints the rows of one statement in the current output
// mode, byte for byte as the sqlite3 3.40 shell does.
//
// Call order, once per statement that returns rows:
//   ResultFormatter f(settings, column_names, &out);
//   f.Row(cells) ... (each result row)
//   f.Finish();
// Nothing is printed for a statement that returns no rows (no header either,
// as sqlite3). Streaming modes (list, csv, line, quote, insert, json) append
// each row as it comes, so the caller can flush `out` between rows; columnar
// modes (column, table, box, markdown) buffer everything and print in
// Finish(), because column widths depend on every row; what they print is
// handed to the flush callback (set_flush) in chunks as it is made, so huge
// `.width`s stream in bounded memory, as in sqlite3.
//
// The formatter keeps a pointer to `settings` and `out`: both must outlive it.
// Columnar modes grow settings.col_widths to the column count (as sqlite3
// grows its .width array), which `.show` reports.
#ifndef SLUICE_SHELL_RESULT_FORMATTER_H_
#define SLUICE_SHELL_RESULT_FORMATTER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "shell/cell.h"
#include "shell/output_mode.h"

namespace sluice::shell {

class ResultFormatter {
 public:
  ResultFormatter(OutputSettings* settings, std::vector<std::string> column_names, std::string* out);

  // REQUIRES: cells.size() == column count.
  void Row(const std::vector<Cell>& cells);
  // Prints what the mode prints after the last row (json's "]", the
  // columnar table). Idempotent.
  void Finish();

  int64_t rows() const { return rows_; }

  // Called during Finish() whenever `out` holds more than a chunk (64 KB)
  // of columnar output; it must consume `out` (write and clear it).
  void set_flush(std::function<void()> flush) { flush_ = std::move(flush); }

 private:
  void StreamRow(const std::vector<Cell>& cells);
  void PrintColumnar();

  OutputSettings* settings_;
  std::vector<std::string> names_;
  std::string* out_;
  int64_t rows_ = 0;
  bool finished_ = false;
  std::vector<std::vector<Cell>> buffered_;  // columnar modes only
  std::function<void()> flush_;              // may be empty
};

// A value as sqlite3's insert mode (and .dump) writes it: NULL, integers as
// they are, reals by AppendInsertReal, blobs as X'..', text quoted, with
// line breaks as replace(...,'\n',char(10)) unless `raw_newlines`
// (.dump --newlines).
void AppendInsertValue(const Cell& c, bool raw_newlines, std::string* out);

// The columnar layout engine, exposed for tests. Splits `text` into display
// lines as sqlite3's translateForDisplayAndDup does: tabs expand to the next
// multiple of 8, a control character ends the line (CR LF and LF are line
// breaks), lines longer than `max_width` characters (0: no limit) wrap,
// at a word boundary when `word_wrap`.
std::vector<std::string> SplitForDisplay(std::string_view text, int max_width, bool word_wrap);

// Characters of UTF-8 `text` (bytes that are not continuation bytes).
int DisplayWidth(std::string_view text);

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_RESULT_FORMATTER_H_

// CsvReader: the field reader of `.import`, a port of sqlite3 3.40's
// csv_read_one_field() (RFC 4180 with sqlite3's leniencies).
//
// Format: fields separated by one column-separator byte, records by one
// row-separator byte ('\n'; a '\r' before it is dropped). A field that
// starts with '"' is quoted: it may hold separators and newlines, and ""
// stands for one '"'. A stray '"' inside a quoted field is kept and
// reported ("FILE:LINE: unescaped \" character"); a quoted field still open
// at the end of the input is reported ("unterminated \"-quoted field") and
// ends there. A UTF-8 byte-order mark at the very start is skipped.
//
// Usage:
//   CsvReader r(file, "data.csv", ',', '\n', &diagnostics);
//   while (std::optional<std::string> f = r.ReadField()) { ... r.terminator() ... }
//
// REQUIRES: `in` stays open while the reader is used; the reader does not
// close it. Not thread-safe.
#ifndef SLUICE_SHELL_CSV_READER_H_
#define SLUICE_SHELL_CSV_READER_H_

#include <cstdio>
#include <optional>
#include <string>

namespace sluice::shell {

class CsvReader {
 public:
  static constexpr int kEof = EOF;

  // `diagnostics` (may be null) receives sqlite3's warnings, one per line.
  CsvReader(std::FILE* in, std::string file_name, char col_separator, char row_separator, std::string* diagnostics);

  // The next field, or nullopt at the end of the input (before any byte of
  // a field was read). After it, terminator() tells what ended the field:
  // the column separator, the row separator or kEof.
  std::optional<std::string> ReadField();

  int terminator() const { return terminator_; }
  // 1-based line number the reader has reached (counting row separators).
  int line() const { return line_; }
  bool is_col_separator(int c) const { return c == static_cast<unsigned char>(col_separator_); }

 private:
  std::FILE* in_;
  std::string file_name_;
  char col_separator_;
  char row_separator_;
  std::string* diagnostics_;
  int terminator_ = 0;
  int line_ = 1;
  bool not_first_ = false;
};

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_CSV_READER_H_

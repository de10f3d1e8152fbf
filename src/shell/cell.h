// Cell: one result value as the shell's formatters see it.
//
// Role: decouples the formatters from sluice::Statement so that they can be
// unit-tested on literal rows. The shell fills a Cell from the statement's
// column accessors (shell.cc, ReadCell).
#ifndef SLUICE_SHELL_CELL_H_
#define SLUICE_SHELL_CELL_H_

#include <string>
#include <string_view>

#include "sluice/database.h"

namespace sluice::shell {

struct Cell {
  ColumnType type = ColumnType::kNull;
  // column_text for INTEGER/REAL/TEXT (REAL as SQLite prints it), the raw
  // bytes for BLOB; empty for NULL. May contain NUL bytes.
  std::string bytes;
  // The value of a REAL (json, quote and insert modes reprint it "%!.20g").
  double real = 0;

  static Cell Null() { return Cell{}; }
  static Cell Integer(std::string_view text) { return Cell{ColumnType::kInteger, std::string(text), 0}; }
  static Cell Real(double v, std::string_view text) { return Cell{ColumnType::kReal, std::string(text), v}; }
  static Cell Text(std::string_view text) { return Cell{ColumnType::kText, std::string(text), 0}; }
  static Cell Blob(std::string_view bytes) { return Cell{ColumnType::kBlob, std::string(bytes), 0}; }

  bool is_null() const { return type == ColumnType::kNull; }
  // What sqlite3 prints for the value in list-like modes: the bytes up to
  // the first NUL (sqlite3 prints C strings).
  std::string_view c_text() const {
    std::string_view v(bytes);
    size_t nul = v.find('\0');
    return nul == std::string_view::npos ? v : v.substr(0, nul);
  }
};

// Column i of the statement's current row (shell.cc).
Cell ReadCell(const Statement& stmt, int i);

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_CELL_H_

// How values are printed: by the sqlite3 shell, and by sqllogictest.
//
// Shell (all output modes take the column's text, sqlite3_column_text):
// INTEGER in decimal; REAL as SQLite's text conversion ("%!.15g": 2.5,
// 100.0, 1.0e+20, Inf, -Inf; -0.0 prints 0.0); TEXT and BLOB as their raw
// bytes up to the first NUL byte (the shell prints C strings); NULL as the
// .nullvalue string, empty by default. Quoting for csv/json/... modes is the
// shell's business, on top of this.
//
// sqllogictest (SQLite's slt driver): NULL is "NULL"; otherwise by the
// column's declared result type: 'I' integer value in decimal, 'R' the REAL
// value with SQLite's "%.3f", 'T' the text with "" shown as "(empty)" and
// each byte < 0x20 or > 0x7e replaced by '@'.
#ifndef SLUICE_SQL_VALUE_VALUE_PRINT_H_
#define SLUICE_SQL_VALUE_VALUE_PRINT_H_

#include <string>
#include <string_view>

#include "sql/value/value.h"

namespace sluice::sql {

void AppendShellText(const Value& v, std::string_view null_text, std::string* out);
std::string ShellText(const Value& v, std::string_view null_text = "");

// type: 'I', 'R' or 'T' (any other letter prints as 'T').
std::string SltText(const Value& v, char type);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_VALUE_VALUE_PRINT_H_

// Facts about SQL text that tools built on the engine need without running
// a statement (the shell's input grouping and quoting, .dump's numbers).
// Each is the SQLite C API function named beside it, with its behaviour.
// Implemented in src/sql/sql_text.cc (library sluice_sql_text, which needs
// the SQL front end and value printing, not a database).
#ifndef SLUICE_SQL_TEXT_H_
#define SLUICE_SQL_TEXT_H_

#include <string>
#include <string_view>

namespace sluice {

// sqlite3_complete(): true when `sql` ends with a complete statement, i.e.
// with a ';' that is not inside a string, comment, quoted identifier or an
// unfinished CREATE TRIGGER. An interactive shell keeps reading lines
// (showing its continuation prompt) while this is false. Whitespace and
// comments after the ';' do not matter; an input without any ';' (even an
// empty one) is not complete.
bool IsCompleteStatement(std::string_view sql);

// sqlite3_keyword_check(): true when `word` (in any letter case) is one of
// SQLite's keywords, so that a name spelled so needs quotes in SQL text.
bool IsKeyword(std::string_view word);

// sqlite3_mprintf("%!.*g", precision, value): the REAL as sqlite3's shell
// writes it in .dump and the json/quote modes with precision 20, e.g.
// 0.10000000000000000555, 1.0e+20, 100.0 (the '!' flag: always a '.' or an
// exponent, and up to 26 significant digits rather than 16).
std::string FormatReal(double value, int precision);

}  // namespace sluice

#endif  // SLUICE_SQL_TEXT_H_

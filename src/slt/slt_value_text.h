// How the reference sqllogictest driver prints one result value: NULL is
// "NULL"; otherwise by the column's type letter in the test record:
//   'I'  the integer value in decimal (sqlite3_column_int64),
//   'R'  the REAL value with SQLite's own "%.3f" (sqlite3_column_double;
//        SQLite's printf engine, which rounds 0.0625 to 0.063 where glibc
//        prints 0.062),
//   'T'  the text (sqlite3_column_text, cut at a NUL byte) with "" shown as
//        "(empty)" and each byte < 0x20 or > 0x7e replaced by '@'
// (any other letter prints as 'T').
#ifndef SLUICE_SLT_SLT_VALUE_TEXT_H_
#define SLUICE_SLT_SLT_VALUE_TEXT_H_

#include <string>

#include "sluice/database.h"

namespace sluice::slt {

// REQUIRES: the statement's last Step() returned true; 0 <= column < column_count().
std::string SltValueText(const Statement& statement, int column, char type);

}  // namespace sluice::slt

#endif  // SLUICE_SLT_SLT_VALUE_TEXT_H_

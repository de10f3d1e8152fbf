// Conversions between storage classes as SQLite's sqlite3_value_int64(),
// _double(), _text() and its internal numeric-type probes perform them: the
// building blocks of arithmetic, CAST, affinity and the functions.
//
// Summary (see the .cc for the rules of each):
//   ValueToInt64   NULL 0; REAL truncated and saturated; TEXT/BLOB by the
//                  integer prefix ('12abc' 12, '1e3' 1, 'abc' 0).
//   ValueToDouble  NULL 0.0; TEXT/BLOB by the real prefix ('1.5x' 1.5).
//   ValueToText    NULL stays NULL; numbers printed (REAL as "%!.15g");
//                  a BLOB's bytes become TEXT unchanged.
//   ArithmeticOperand   the number a value stands for in + - * / %.
#ifndef SLUICE_SQL_VALUE_CONVERSION_H_
#define SLUICE_SQL_VALUE_CONVERSION_H_

#include <cstdint>
#include <string>

#include "sql/value/value.h"

namespace sluice::sql {

int64_t ValueToInt64(const Value& v);
// sqlite3_value_int(): the int64 truncated to 32 bits (two's complement),
// which is what substr(), round() and friends use for their counts.
int32_t ValueToInt32(const Value& v);
double ValueToDouble(const Value& v);

// Appends the text form of v (nothing for NULL).
void AppendTextForm(const Value& v, std::string* out);
// The text form as an owning std::string ("" for NULL).
std::string TextForm(const Value& v);
// The value as TEXT (NULL stays NULL; TEXT is returned as is, sharing a
// borrowed view if v borrows).
Value ValueToText(const Value& v);

// For + - * / %: INTEGER and REAL pass through; TEXT and BLOB become the
// INTEGER or REAL their text denotes (SQLite's computeNumericType: '3abc' is
// 3, 'abc' is 0, '1.5' is 1.5, '1e3' is 1000.0); NULL stays NULL.
Value ArithmeticOperand(const Value& v);

// SQLite's applyNumericAffinity: TEXT whose whole text is a number becomes
// INTEGER or REAL (try_for_int: also a REAL holding an exact int64, '3.0' ->
// 3); any other value is returned unchanged ('12abc', '0x10' stay TEXT).
Value NumericAffinityOf(const Value& v, bool try_for_int);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_VALUE_CONVERSION_H_

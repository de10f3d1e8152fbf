// Floating-point formatting exactly as SQLite 3.40's printf engine does it:
// the REAL -> TEXT conversion ("%!.15g": 1.0, 0.1, 1.0e+20, Inf) used by
// CAST, ||, TEXT affinity and the shell, and the %f %e %g conversions of the
// printf() SQL function and of sqllogictest's "%.3f".
//
// SQLite does not use the C library here: it normalizes the value into
// [1, 10) in x87 long double, adds a rounding constant (half a unit of the
// last printed digit) and then peels digits off, at most 16 significant ones
// (26 with the '!' flag); the rest print as '0'. So its rounding is
// "half-up on the long double", e.g. printf('%.3f', 0.0625) = '0.063' where
// glibc prints 0.062. This file reproduces that algorithm.
#ifndef SLUICE_SQL_VALUE_REAL_FORMAT_H_
#define SLUICE_SQL_VALUE_REAL_FORMAT_H_

#include <string>

namespace sluice::sql {

struct FloatFormatSpec {
  char conversion = 'g';     // 'f', 'e', 'E', 'g' or 'G'
  int precision = -1;        // < 0: the default, 6
  bool alternate = false;    // the '#' flag: keep the '.' and trailing zeros
  bool alternate2 = false;   // the '!' flag: 26 significant digits, '.0' kept on %g
  char positive_prefix = 0;  // '+' or ' ' for non-negative values, else 0
};

// Appends `value` formatted per `spec` (no width/padding: the caller pads).
void AppendSqliteFloat(double value, const FloatFormatSpec& spec, std::string* out);

// SQLite's REAL -> TEXT conversion, "%!.15g": 15 significant digits, always
// a '.' or exponent ("100.0", "1.0e+20", "1.23456789012346e+18"); -0.0 is
// "0.0"; infinities are "Inf" and "-Inf".
std::string FormatReal(double value);
void AppendReal(double value, std::string* out);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_VALUE_REAL_FORMAT_H_

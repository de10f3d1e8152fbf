// Text -> number parsing with SQLite 3.40's exact rules (sqlite3AtoF and
// sqlite3Atoi64): the basis of numeric affinity, CAST, arithmetic on text and
// truthiness. Also the SQL lexer's conversion of numeric literals.
//
// Both parsers skip leading and trailing whitespace (space, \t \n \v \f \r),
// accept an optional sign, and never accept hex ('0x10' is not numeric).
// ParseReal reproduces SQLite's arithmetic (a 64-bit decimal significand
// scaled by powers of ten in x87 long double) so that the bits of the result
// match sqlite3 on x86-64, not just the printed digits.
#ifndef SLUICE_SQL_VALUE_NUMERIC_TEXT_H_
#define SLUICE_SQL_VALUE_NUMERIC_TEXT_H_

#include <cstdint>
#include <string_view>

namespace sluice::sql {

// sqlite3AtoF's verdict on a text:
enum class RealParse : int8_t {
  kNotNumeric = 0,    // no numeric prefix at all, or empty ('abc', '', '-')
  kPrefixOnly = -1,   // a prefix with '.' or an exponent, then junk ('1.5x', '1e5x')
  kInteger = 1,       // the whole text is [sign]digits
  kReal = 2,          // the whole text is a number with '.' or an exponent
  kRealWithBoth = 3,  // ... with both '.' and an exponent
};

// Parses `text` as sqlite3AtoF does; *out receives the value of the longest
// numeric prefix (0.0 when there is none). Returns the verdict above; "is the
// whole text a number" is `static_cast<int>(verdict) > 0`.
RealParse ParseReal(std::string_view text, double* out);

// sqlite3Atoi64's verdict:
enum class IntParse : int8_t {
  kOk = 0,             // the whole text is an integer that fits in int64
  kNoDigits = -1,      // no digits ('', 'abc', '-')
  kTrailing = 1,       // digits then other text ('12abc', '1e3', '1.5')
  kOverflow = 2,       // too large; *out saturated
  kExactly2Pow63 = 3,  // '9223372036854775808' (fits only when negative)
};

// Parses the integer prefix of `text` as sqlite3Atoi64 does; *out receives
// the prefix's value, saturated at INT64_MIN/INT64_MAX (0 without digits).
IntParse ParseInt64(std::string_view text, int64_t* out);

// SQLite's isspace (sqlite3Isspace): ' ', \t, \n, \v, \f, \r.
inline bool IsSqlSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// True when double r holds exactly the int64 i and |i| < 2^51, or r is 0
// (sqlite3RealSameAsInt).
bool RealSameAsInt(double r, int64_t i);

// double -> int64 as SQLite converts (doubleToInt64): truncation toward
// zero, saturating at INT64_MIN/INT64_MAX; NaN -> 0.
int64_t RealToInt64(double r);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_VALUE_NUMERIC_TEXT_H_

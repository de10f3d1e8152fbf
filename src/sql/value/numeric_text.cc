// Text -> number parsing with SQLite 3.40's rules (see numeric_text.h).
//
// ParseReal: sign, then up to ~18 significant digits accumulated into an
// int64 significand s (further integer digits only bump the decimal
// exponent, further fraction digits are dropped), then an optional exponent
// of at most 10000. The value is s * 10^e computed as SQLite does: exact
// doubling-free reduction of e while s stays in range, then scaling by a
// long double power of ten built from 1e22 steps (or 1e308 plus a residue for
// |e| > 307). Return codes follow sqlite3AtoF in 3.40:
//   whole text numeric:                      1 (integer), 2 ('.' or 'e'), 3 (both)
//   not whole, but '.'/'e' seen with digits: -1 (e.g. '1.5x', '1e5x', '1ex')
//   otherwise:                                0 (e.g. '12abc', 'abc', '')
#include "sql/value/numeric_text.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace sluice::sql {
namespace {

constexpr int64_t kLargestInt64 = std::numeric_limits<int64_t>::max();
constexpr int64_t kSmallestInt64 = std::numeric_limits<int64_t>::min();

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

RealParse ParseReal(std::string_view text, double* out) {
  const char* z = text.data();
  const char* end = z + text.size();
  int sign = 1;
  int64_t s = 0;  // significand
  int d = 0;      // decimal exponent adjustment from dropped/fraction digits
  int esign = 1;
  int e = 0;
  bool e_valid = true;
  int n_digit = 0;
  int e_type = 1;  // 1 integer, +1 for '.', +1 for exponent
  double result;

  *out = 0.0;
  while (z < end && IsSqlSpace(*z)) ++z;
  if (z >= end) return RealParse::kNotNumeric;
  if (*z == '-') {
    sign = -1;
    ++z;
  } else if (*z == '+') {
    ++z;
  }
  while (z < end && IsDigit(*z)) {
    s = s * 10 + (*z - '0');
    ++z;
    ++n_digit;
    if (s >= (kLargestInt64 - 9) / 10) {
      while (z < end && IsDigit(*z)) {
        ++z;
        ++d;
      }
    }
  }
  if (z >= end) goto compute;
  if (*z == '.') {
    ++z;
    ++e_type;
    while (z < end && IsDigit(*z)) {
      if (s < (kLargestInt64 - 9) / 10) {
        s = s * 10 + (*z - '0');
        --d;
        ++n_digit;
      }
      ++z;
    }
  }
  if (z >= end) goto compute;
  if (*z == 'e' || *z == 'E') {
    ++z;
    e_valid = false;
    ++e_type;
    if (z >= end) goto compute;
    if (*z == '-') {
      esign = -1;
      ++z;
    } else if (*z == '+') {
      ++z;
    }
    while (z < end && IsDigit(*z)) {
      e = e < 10000 ? (e * 10 + (*z - '0')) : 10000;
      ++z;
      e_valid = true;
    }
  }
  while (z < end && IsSqlSpace(*z)) ++z;

compute:
  e = e * esign + d;
  if (e < 0) {
    esign = -1;
    e = -e;
  } else {
    esign = 1;
  }
  if (s == 0) {
    result = sign < 0 ? -0.0 : 0.0;
  } else {
    while (e > 0) {
      if (esign > 0) {
        if (s >= kLargestInt64 / 10) break;
        s *= 10;
      } else {
        if (s % 10 != 0) break;
        s /= 10;
      }
      --e;
    }
    s = sign < 0 ? -s : s;
    if (e == 0) {
      result = static_cast<double>(s);
    } else {
      long double scale = 1.0;
      if (e > 307) {
        if (e < 342) {
          while (e % 308) {
            scale *= 1.0e+1;
            e -= 1;
          }
          if (esign < 0) {
            result = static_cast<double>(s / scale);
            result /= 1.0e+308;
          } else {
            result = static_cast<double>(s * scale);
            result *= 1.0e+308;
          }
        } else if (esign < 0) {
          result = 0.0 * static_cast<double>(s);
        } else {
          result = std::numeric_limits<double>::infinity() * static_cast<double>(s);
        }
      } else {
        while (e % 22) {
          scale *= 1.0e+1;
          e -= 1;
        }
        while (e > 0) {
          scale *= 1.0e+22;
          e -= 22;
        }
        result = static_cast<double>(esign < 0 ? s / scale : s * scale);
      }
    }
  }
  *out = result;
  if (z == end && n_digit > 0 && e_valid && e_type > 0) return static_cast<RealParse>(e_type);
  if (e_type >= 2 && (e_type == 3 || e_valid) && n_digit > 0) return RealParse::kPrefixOnly;
  return RealParse::kNotNumeric;
}

IntParse ParseInt64(std::string_view text, int64_t* out) {
  const char* z = text.data();
  const char* end = z + text.size();
  bool neg = false;
  uint64_t u = 0;
  while (z < end && IsSqlSpace(*z)) ++z;
  if (z < end) {
    if (*z == '-') {
      neg = true;
      ++z;
    } else if (*z == '+') {
      ++z;
    }
  }
  const char* start = z;
  while (z < end && *z == '0') ++z;  // leading zeros
  size_t i = 0;
  while (z + i < end && IsDigit(z[i])) {
    u = u * 10 + static_cast<uint64_t>(z[i] - '0');  // wraps past 20 digits; saturated below
    ++i;
  }
  if (u > static_cast<uint64_t>(kLargestInt64)) {
    *out = neg ? kSmallestInt64 : kLargestInt64;
  } else {
    *out = neg ? -static_cast<int64_t>(u) : static_cast<int64_t>(u);
  }
  IntParse rc = IntParse::kOk;
  if (i == 0 && start == z) {
    rc = IntParse::kNoDigits;
  } else if (z + i < end) {
    for (const char* p = z + i; p < end; ++p) {
      if (!IsSqlSpace(*p)) {
        rc = IntParse::kTrailing;
        break;
      }
    }
  }
  if (i < 19) return rc;
  int c;  // compare the digits against 9223372036854775808
  if (i > 19) {
    c = 1;
  } else {
    c = std::memcmp(z, "9223372036854775808", 19);
  }
  if (c < 0) return rc;
  *out = neg ? kSmallestInt64 : kLargestInt64;
  if (c > 0) return IntParse::kOverflow;
  return neg ? rc : IntParse::kExactly2Pow63;
}

bool RealSameAsInt(double r, int64_t i) {
  if (r == 0.0) return true;
  if (i < -2251799813685248LL || i >= 2251799813685248LL) return false;
  double r2 = static_cast<double>(i);
  return std::memcmp(&r, &r2, sizeof(r)) == 0;
}

int64_t RealToInt64(double r) {
  if (r != r) return 0;
  if (r <= -9223372036854775808.0) return kSmallestInt64;
  if (r >= 9223372036854775808.0) return kLargestInt64;
  return static_cast<int64_t>(r);
}

}  // namespace sluice::sql

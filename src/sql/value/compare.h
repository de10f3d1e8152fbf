// Comparison of SQL values with SQLite's semantics: the total order used by
// ORDER BY, min()/max(), DISTINCT and indexes (CompareValues), the
// collating sequences, and the three-valued binary comparison operators.
//
// Order: NULL < INTEGER/REAL (numerically; an int64 and a double are
// compared exactly, 9007199254740993 > 9007199254740992.0) < TEXT (by
// collation) < BLOB (memcmp, then length). Note 1 = 1.0 is true.
//
// Kernels on primitives (CompareInt64Double, CompareText) are exposed for
// vectorized executors; all are pure functions, safe from any thread.
#ifndef SLUICE_SQL_VALUE_COMPARE_H_
#define SLUICE_SQL_VALUE_COMPARE_H_

#include <cstdint>
#include <cstring>
#include <string_view>

#include "sluice/result.h"
#include "sql/value/affinity.h"
#include "sql/value/value.h"

namespace sluice::sql {

// The built-in collating sequences.
//   kBinary  memcmp, then the shorter string first.
//   kNoCase  as BINARY with ASCII A-Z folded to a-z (bytes >= 0x80 as is).
//   kRtrim   as BINARY, but trailing spaces (0x20 only) are ignored.
enum class Collation : uint8_t { kBinary, kNoCase, kRtrim };

// "BINARY", "NOCASE", "RTRIM" (case-insensitive) or an error
// "no such collation sequence: NAME".
Result<Collation> CollationFromName(std::string_view name);
std::string_view CollationName(Collation collation);

// <0, 0, >0 as i <, =, > r, exactly. REQUIRES: r is not NaN.
int CompareInt64Double(int64_t i, double r);
// Doubles by value (-0.0 == 0.0). REQUIRES: neither is NaN.
inline int CompareDoubles(double a, double b) { return a < b ? -1 : (a > b ? 1 : 0); }
inline int CompareInt64s(int64_t a, int64_t b) { return a < b ? -1 : (a > b ? 1 : 0); }
// Text under a collation.
int CompareText(std::string_view a, std::string_view b, Collation collation);
// BINARY text (CompareText's kBinary case, inline for kernels).
// Short common prefixes (keys, names, codes: the usual join and sort keys)
// are compared eight bytes at a time in registers — a memcmp call costs
// more than the comparison itself there.
inline int CompareTextBinary(std::string_view a, std::string_view b) {
  size_t n = a.size() < b.size() ? a.size() : b.size();
  if (n > 32) {
    int c = std::memcmp(a.data(), b.data(), n);
    if (c != 0) return c;
  } else {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t x, y;
      std::memcpy(&x, a.data() + i, 8);
      std::memcpy(&y, b.data() + i, 8);
      if (x != y) {
        x = __builtin_bswap64(x);  // big-endian order = byte order
        y = __builtin_bswap64(y);
        return x < y ? -1 : 1;
      }
    }
    for (; i < n; ++i) {
      unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
      if (x != y) return x < y ? -1 : 1;
    }
  }
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}
// Blobs: memcmp on the common prefix, then the length.
int CompareBlobs(std::string_view a, std::string_view b);

// The total order of SQLite's sqlite3MemCompare: <0, 0, >0. NULLs are equal
// to each other and sort first. The collation applies to TEXT vs TEXT only.
int CompareValues(const Value& a, const Value& b, Collation collation = Collation::kBinary);

// The binary comparison operators.
enum class CompareOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

// a OP b with SQLite's semantics: first ComparisonAffinity(left_affinity,
// right_affinity) is applied to both operands (affinity.h), then NULL if
// either is NULL, else INTEGER 1 or 0.
Value EvaluateComparison(CompareOp op, const Value& a, const Value& b, Affinity left_affinity = Affinity::kNone,
                         Affinity right_affinity = Affinity::kNone, Collation collation = Collation::kBinary);

// a IS b / a IS NOT b: NULL-safe (NULL IS NULL is 1), always 0 or 1.
Value EvaluateIs(const Value& a, const Value& b, bool negate, Affinity left_affinity = Affinity::kNone,
                 Affinity right_affinity = Affinity::kNone, Collation collation = Collation::kBinary);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_VALUE_COMPARE_H_

// Hashing and equality of Values consistent with CompareValues() (compare.h),
// for DISTINCT, GROUP BY and hash joins: a == b under a collation implies
// equal hashes. So 1, 1.0 and 1.0e0 hash alike (SQLite counts them as one
// in count(DISTINCT x)), while 1 and '1' differ, as in SQLite.
//
//   INTEGER i, and REAL r holding exactly an int64 -> hash of the int64
//   other REAL                                     -> hash of its bits (0.0 == -0.0)
//   TEXT  -> hash of the bytes (NOCASE: ASCII-folded; RTRIM: trailing spaces dropped)
//   BLOB  -> hash of the bytes, salted apart from TEXT
//   NULL  -> a constant (NULLs are one group in GROUP BY and DISTINCT)
#ifndef SLUICE_SQL_VALUE_VALUE_HASH_H_
#define SLUICE_SQL_VALUE_VALUE_HASH_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sql/value/compare.h"
#include "sql/value/value.h"

namespace sluice::sql {

// Kernels for typed vectors; HashValue agrees with them.
uint64_t HashInt64(int64_t v);
uint64_t HashDouble(double v);
uint64_t HashText(std::string_view bytes, Collation collation = Collation::kBinary);
uint64_t HashBlob(std::string_view bytes);

uint64_t HashValue(const Value& v, Collation collation = Collation::kBinary);
// CompareValues(a, b, collation) == 0; NULL equals NULL here (grouping).
inline bool ValuesEqual(const Value& a, const Value& b, Collation collation = Collation::kBinary) {
  return CompareValues(a, b, collation) == 0;
}

// Functors for std::unordered_set<Value, ValueHasher, ValueEqual> (BINARY).
struct ValueHasher {
  Collation collation = Collation::kBinary;
  size_t operator()(const Value& v) const { return static_cast<size_t>(HashValue(v, collation)); }
};
struct ValueEqual {
  Collation collation = Collation::kBinary;
  bool operator()(const Value& a, const Value& b) const { return ValuesEqual(a, b, collation); }
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_VALUE_VALUE_HASH_H_

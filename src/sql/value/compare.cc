// Comparison with SQLite 3.40's semantics (see compare.h).
#include "sql/value/compare.h"

#include <cmath>
#include <cstring>

#include "base/ascii.h"

namespace sluice::sql {
namespace {

inline unsigned char Fold(unsigned char c) { return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c; }

bool AllSpaces(std::string_view s) {
  for (char c : s) {
    if (c != ' ') return false;
  }
  return true;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) { return EqualsIgnoreAsciiCase(a, b); }

}  // namespace

Result<Collation> CollationFromName(std::string_view name) {
  if (EqualsIgnoreCase(name, "binary")) return Collation::kBinary;
  if (EqualsIgnoreCase(name, "nocase")) return Collation::kNoCase;
  if (EqualsIgnoreCase(name, "rtrim")) return Collation::kRtrim;
  return Status::InvalidArgument("no such collation sequence: " + std::string(name));
}

std::string_view CollationName(Collation collation) {
  switch (collation) {
    case Collation::kBinary: return "BINARY";
    case Collation::kNoCase: return "NOCASE";
    case Collation::kRtrim: return "RTRIM";
  }
  return "BINARY";
}

int CompareInt64Double(int64_t i, double r) {
  // Every double at or beyond +-2^63 is outside the int64 range; inside it,
  // trunc(r) is an exact int64 and the fraction decides ties.
  if (r >= 9223372036854775808.0) return -1;
  if (r < -9223372036854775808.0) return 1;
  double t = std::trunc(r);
  int64_t y = static_cast<int64_t>(t);
  if (i < y) return -1;
  if (i > y) return 1;
  if (r > t) return -1;
  if (r < t) return 1;
  return 0;
}

int CompareBlobs(std::string_view a, std::string_view b) {
  size_t n = a.size() < b.size() ? a.size() : b.size();
  int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  if (c != 0) return c;
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

int CompareText(std::string_view a, std::string_view b, Collation collation) {
  size_t n = a.size() < b.size() ? a.size() : b.size();
  switch (collation) {
    case Collation::kBinary: return CompareBlobs(a, b);
    case Collation::kNoCase: {
      // sqlite3StrNICmp over the common prefix; like SQLite it stops at a
      // NUL byte of the left string.
      for (size_t i = 0; i < n; ++i) {
        unsigned char x = static_cast<unsigned char>(a[i]);
        unsigned char y = static_cast<unsigned char>(b[i]);
        if (x == 0 || Fold(x) != Fold(y)) {
          int c = static_cast<int>(Fold(x)) - static_cast<int>(Fold(y));
          if (c != 0) return c;
          break;
        }
      }
      return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
    }
    case Collation::kRtrim: {
      int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
      if (c != 0) return c;
      if (AllSpaces(a.substr(n)) && AllSpaces(b.substr(n))) return 0;
      return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
    }
  }
  return 0;
}

int CompareValues(const Value& a, const Value& b, Collation collation) {
  StorageClass ta = a.type(), tb = b.type();
  if (ta == StorageClass::kNull || tb == StorageClass::kNull) {
    return (tb == StorageClass::kNull ? 1 : 0) - (ta == StorageClass::kNull ? 1 : 0);
  }
  if (a.is_numeric() || b.is_numeric()) {
    if (ta == StorageClass::kInteger) {
      if (tb == StorageClass::kInteger) return CompareInt64s(a.integer(), b.integer());
      if (tb == StorageClass::kReal) return CompareInt64Double(a.integer(), b.real());
      return -1;
    }
    if (ta == StorageClass::kReal) {
      if (tb == StorageClass::kReal) return CompareDoubles(a.real(), b.real());
      if (tb == StorageClass::kInteger) return -CompareInt64Double(b.integer(), a.real());
      return -1;
    }
    return 1;
  }
  if (ta == StorageClass::kText || tb == StorageClass::kText) {
    if (ta != StorageClass::kText) return 1;
    if (tb != StorageClass::kText) return -1;
    return CompareText(a.bytes(), b.bytes(), collation);
  }
  return CompareBlobs(a.bytes(), b.bytes());
}

Value EvaluateComparison(CompareOp op, const Value& a, const Value& b, Affinity left_affinity, Affinity right_affinity,
                         Collation collation) {
  if (a.is_null() || b.is_null()) return Value();
  Affinity aff = ComparisonAffinity(left_affinity, right_affinity);
  int c;
  if (aff == Affinity::kNone || aff == Affinity::kBlob) {
    c = CompareValues(a, b, collation);
  } else {
    c = CompareValues(ApplyComparisonAffinity(aff, a), ApplyComparisonAffinity(aff, b), collation);
  }
  bool r = false;
  switch (op) {
    case CompareOp::kEq: r = c == 0; break;
    case CompareOp::kNe: r = c != 0; break;
    case CompareOp::kLt: r = c < 0; break;
    case CompareOp::kLe: r = c <= 0; break;
    case CompareOp::kGt: r = c > 0; break;
    case CompareOp::kGe: r = c >= 0; break;
  }
  return Value::Integer(r ? 1 : 0);
}

Value EvaluateIs(const Value& a, const Value& b, bool negate, Affinity left_affinity, Affinity right_affinity,
                 Collation collation) {
  bool equal;
  if (a.is_null() || b.is_null()) {
    equal = a.is_null() && b.is_null();
  } else {
    equal = EvaluateComparison(CompareOp::kEq, a, b, left_affinity, right_affinity, collation).integer() == 1;
  }
  return Value::Integer(equal != negate ? 1 : 0);
}

}  // namespace sluice::sql

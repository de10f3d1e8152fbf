// Type affinity with SQLite 3.40's rules (see affinity.h).
#include "sql/value/affinity.h"

#include <cstdint>

#include "sql/value/conversion.h"

namespace sluice::sql {

std::string_view AffinityName(Affinity affinity) {
  switch (affinity) {
    case Affinity::kNone: return "NONE";
    case Affinity::kBlob: return "BLOB";
    case Affinity::kText: return "TEXT";
    case Affinity::kNumeric: return "NUMERIC";
    case Affinity::kInteger: return "INTEGER";
    case Affinity::kReal: return "REAL";
  }
  return "NONE";
}

Affinity AffinityFromTypeName(std::string_view declared_type) {
  if (declared_type.empty()) return Affinity::kBlob;
  // A rolling window over the last four lower-cased bytes, as SQLite scans.
  constexpr auto Word = [](const char(&w)[5]) {
    return (uint32_t{static_cast<unsigned char>(w[0])} << 24) | (uint32_t{static_cast<unsigned char>(w[1])} << 16) |
           (uint32_t{static_cast<unsigned char>(w[2])} << 8) | uint32_t{static_cast<unsigned char>(w[3])};
  };
  Affinity aff = Affinity::kNumeric;
  uint32_t h = 0;
  for (char ch : declared_type) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + ('a' - 'A'));
    h = (h << 8) + c;
    if (h == Word("char") || h == Word("clob") || h == Word("text")) {
      aff = Affinity::kText;
    } else if (h == Word("blob") && (aff == Affinity::kNumeric || aff == Affinity::kReal)) {
      aff = Affinity::kBlob;
    } else if ((h == Word("real") || h == Word("floa") || h == Word("doub")) && aff == Affinity::kNumeric) {
      aff = Affinity::kReal;
    } else if ((h & 0x00FFFFFF) == (Word("\0int") & 0x00FFFFFF)) {
      return Affinity::kInteger;
    }
  }
  return aff;
}

Value ApplyColumnAffinity(Affinity affinity, const Value& v) {
  switch (affinity) {
    case Affinity::kNone:
    case Affinity::kBlob: return v;
    case Affinity::kText: return v.is_numeric() ? ValueToText(v) : v;
    case Affinity::kNumeric:
    case Affinity::kInteger:
    case Affinity::kReal: {
      Value out;
      if (v.is_text()) {
        out = NumericAffinityOf(v, /*try_for_int=*/true);
      } else if (v.is_real()) {
        // sqlite3VdbeIntegerAffinity(): exact integers strictly inside the
        // int64 range become INTEGER.
        double r = v.real();
        if (r > -9223372036854775808.0 && r < 9223372036854775808.0) {
          int64_t i = static_cast<int64_t>(r);
          if (r == static_cast<double>(i) && i > INT64_MIN && i < INT64_MAX) out = Value::Integer(i);
        }
        if (out.is_null()) out = v;
      } else {
        out = v;
      }
      if (affinity == Affinity::kReal && out.is_integer()) return Value::Real(static_cast<double>(out.integer()));
      return out;
    }
  }
  return v;
}

Affinity ComparisonAffinity(Affinity left, Affinity right) {
  if (left != Affinity::kNone && right != Affinity::kNone) {
    return (IsNumericAffinity(left) || IsNumericAffinity(right)) ? Affinity::kNumeric : Affinity::kBlob;
  }
  return left == Affinity::kNone ? right : left;
}

Value ApplyComparisonAffinity(Affinity affinity, const Value& v) {
  if (IsNumericAffinity(affinity)) return v.is_text() ? NumericAffinityOf(v, /*try_for_int=*/false) : v;
  if (affinity == Affinity::kText) return v.is_numeric() ? ValueToText(v) : v;
  return v;
}

}  // namespace sluice::sql

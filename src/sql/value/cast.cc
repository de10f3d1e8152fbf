// CAST with SQLite 3.40's rules (see cast.h).
#include "sql/value/cast.h"

#include "sql/value/conversion.h"
#include "sql/value/numeric_text.h"

namespace sluice::sql {
namespace {

// sqlite3VdbeMemNumerify() for TEXT/BLOB bytes.
Value NumerifyText(std::string_view text) {
  double r;
  int64_t i;
  RealParse rc = ParseReal(text, &r);
  if ((rc == RealParse::kNotNumeric || rc == RealParse::kInteger) && static_cast<int>(ParseInt64(text, &i)) <= 1) {
    return Value::Integer(i);
  }
  i = RealToInt64(r);
  if (RealSameAsInt(r, i)) return Value::Integer(i);
  return Value::Real(r);
}

}  // namespace

Value CastValue(const Value& v, Affinity target) {
  if (v.is_null()) return v;
  switch (target) {
    case Affinity::kInteger: return v.is_integer() ? v : Value::Integer(ValueToInt64(v));
    case Affinity::kReal: return v.is_real() ? v : Value::Real(ValueToDouble(v));
    case Affinity::kNumeric: return v.is_numeric() ? v : NumerifyText(v.bytes());
    case Affinity::kText: return ValueToText(v);
    case Affinity::kNone:
    case Affinity::kBlob: {
      if (v.is_blob()) return v;
      if (v.is_text()) return v.is_borrowed() ? Value::BlobView(v.bytes()) : Value::Blob(v.bytes());
      return Value::Blob(TextForm(v));
    }
  }
  return v;
}

}  // namespace sluice::sql

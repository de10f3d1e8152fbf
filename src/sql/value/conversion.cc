// Conversions between storage classes with SQLite 3.40's rules (conversion.h).
#include "sql/value/conversion.h"

#include <charconv>

#include "sql/value/numeric_text.h"
#include "sql/value/real_format.h"

namespace sluice::sql {

int64_t ValueToInt64(const Value& v) {
  switch (v.type()) {
    case StorageClass::kNull: return 0;
    case StorageClass::kInteger: return v.integer();
    case StorageClass::kReal: return RealToInt64(v.real());
    case StorageClass::kText:
    case StorageClass::kBlob: {
      int64_t out;
      (void)ParseInt64(v.bytes(), &out);
      return out;
    }
  }
  return 0;
}

int32_t ValueToInt32(const Value& v) { return static_cast<int32_t>(ValueToInt64(v)); }

double ValueToDouble(const Value& v) {
  switch (v.type()) {
    case StorageClass::kNull: return 0.0;
    case StorageClass::kInteger: return static_cast<double>(v.integer());
    case StorageClass::kReal: return v.real();
    case StorageClass::kText:
    case StorageClass::kBlob: {
      double out;
      (void)ParseReal(v.bytes(), &out);
      return out;
    }
  }
  return 0.0;
}

void AppendTextForm(const Value& v, std::string* out) {
  switch (v.type()) {
    case StorageClass::kNull: return;
    case StorageClass::kInteger: {
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof(buf), v.integer());
      out->append(buf, r.ptr);
      return;
    }
    case StorageClass::kReal: AppendReal(v.real(), out); return;
    case StorageClass::kText:
    case StorageClass::kBlob: out->append(v.bytes()); return;
  }
}

std::string TextForm(const Value& v) {
  std::string out;
  AppendTextForm(v, &out);
  return out;
}

Value ValueToText(const Value& v) {
  switch (v.type()) {
    case StorageClass::kNull: return Value();
    case StorageClass::kText: return v;
    case StorageClass::kBlob: return v.is_borrowed() ? Value::TextView(v.bytes()) : Value::Text(v.bytes());
    default: return Value::Text(TextForm(v));
  }
}

Value ArithmeticOperand(const Value& v) {
  if (!v.is_string()) return v;
  // computeNumericType() of SQLite 3.40.
  double r;
  int64_t i;
  RealParse rc = ParseReal(v.bytes(), &r);
  if (static_cast<int>(rc) <= 0) {
    if (rc == RealParse::kNotNumeric && static_cast<int>(ParseInt64(v.bytes(), &i)) <= 1) {
      return Value::Integer(i);
    }
    return Value::Real(r);
  }
  if (rc == RealParse::kInteger && ParseInt64(v.bytes(), &i) == IntParse::kOk) return Value::Integer(i);
  return Value::Real(r);
}

Value NumericAffinityOf(const Value& v, bool try_for_int) {
  if (!v.is_text()) return v;
  double r;
  RealParse rc = ParseReal(v.bytes(), &r);
  if (static_cast<int>(rc) <= 0) return v;
  if (rc == RealParse::kInteger) {
    // alsoAnInt(): the double holds a small exact integer, or the text is an
    // int64 without overflow.
    int64_t i = RealToInt64(r);
    if (RealSameAsInt(r, i)) return Value::Integer(i);
    if (ParseInt64(v.bytes(), &i) == IntParse::kOk) return Value::Integer(i);
  }
  if (try_for_int) {
    // sqlite3VdbeIntegerAffinity(): an exact integer strictly inside the
    // int64 range becomes INTEGER.
    int64_t i = RealToInt64(r);
    if (r == static_cast<double>(i) && i > INT64_MIN && i < INT64_MAX) return Value::Integer(i);
  }
  return Value::Real(r);
}

}  // namespace sluice::sql

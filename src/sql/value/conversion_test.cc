// Tests of conversions: CAST, the implicit numeric/text conversions and
// truthiness (three-valued logic), checked with sqlite3 3.40.
#include "sql/value/conversion.h"

#include <gtest/gtest.h>

#include "sql/value/cast.h"
#include "sql/value/logic.h"
#include "sql/value/value_test_util.h"

namespace sluice::sql {
namespace {

using namespace sluice::sql::testing;

Value CastI(const Value& v) { return CastValue(v, Affinity::kInteger); }
Value CastR(const Value& v) { return CastValue(v, Affinity::kReal); }
Value CastN(const Value& v) { return CastValue(v, Affinity::kNumeric); }

TEST(CastTest, ToInteger) {
  const ExprCase cases[] = {
      {"CAST('1e3' AS INTEGER)", CastI(T("1e3")), "1", "integer"},
      {"CAST('  12  ' AS INTEGER)", CastI(T("  12  ")), "12", "integer"},
      {"CAST('12abc' AS INTEGER)", CastI(T("12abc")), "12", "integer"},
      {"CAST('abc' AS INTEGER)", CastI(T("abc")), "0", "integer"},
      {"CAST(1e20 AS INTEGER)", CastI(R(1e20)), "9223372036854775807", "integer"},
      {"CAST(-1e20 AS INTEGER)", CastI(R(-1e20)), "-9223372036854775808", "integer"},
      {"CAST(3.9 AS INTEGER)", CastI(R(3.9)), "3", "integer"},
      {"CAST(-3.9 AS INTEGER)", CastI(R(-3.9)), "-3", "integer"},
      {"CAST('9223372036854775808' AS INTEGER)", CastI(T("9223372036854775808")), "9223372036854775807", "integer"},
      {"CAST('-9223372036854775809' AS INTEGER)", CastI(T("-9223372036854775809")), "-9223372036854775808", "integer"},
      {"CAST('0x10' AS INTEGER)", CastI(T("0x10")), "0", "integer"},
      {"CAST(x'3132' AS INTEGER)", CastI(B("12")), "12", "integer"},
      {"CAST('' AS INTEGER)", CastI(T("")), "0", "integer"},
      {"CAST(NULL AS INTEGER)", CastI(N()), "", "null"},
      {"CAST('- 12' AS INTEGER)", CastI(T("- 12")), "0", "integer"},
      {"CAST('1e100' AS INTEGER)", CastI(T("1e100")), "1", "integer"},
  };
  ExpectCases(cases);
}

TEST(CastTest, ToRealNumericTextBlob) {
  const ExprCase cases[] = {
      {"CAST('1e3' AS REAL)", CastR(T("1e3")), "1000.0", "real"},
      {"CAST('  12  ' AS REAL)", CastR(T("  12  ")), "12.0", "real"},
      {"CAST('abc' AS REAL)", CastR(T("abc")), "0.0", "real"},
      {"CAST(5 AS REAL)", CastR(I(5)), "5.0", "real"},
      {"CAST('1.5e' AS REAL)", CastR(T("1.5e")), "1.5", "real"},
      {"CAST('3.0' AS NUMERIC)", CastN(T("3.0")), "3", "integer"},
      {"CAST('1e3' AS NUMERIC)", CastN(T("1e3")), "1000", "integer"},
      {"CAST('12abc' AS NUMERIC)", CastN(T("12abc")), "12", "integer"},
      {"CAST('abc' AS NUMERIC)", CastN(T("abc")), "0", "integer"},
      {"CAST(' 1.5 ' AS NUMERIC)", CastN(T(" 1.5 ")), "1.5", "real"},
      {"CAST('9223372036854775808' AS NUMERIC)", CastN(T("9223372036854775808")), "9.22337203685478e+18", "real"},
      {"CAST('1e20' AS NUMERIC)", CastN(T("1e20")), "1.0e+20", "real"},
      {"CAST(3.0 AS NUMERIC)", CastN(R(3.0)), "3.0", "real"},
      {"CAST('' AS NUMERIC)", CastN(T("")), "0", "integer"},
      {"CAST('1.5x' AS NUMERIC)", CastN(T("1.5x")), "1.5", "real"},
      {"CAST('3.0x' AS NUMERIC)", CastN(T("3.0x")), "3", "integer"},
      {"CAST(12 AS TEXT)", CastValue(I(12), Affinity::kText), "12", "text"},
      {"CAST(1.5 AS TEXT)", CastValue(R(1.5), Affinity::kText), "1.5", "text"},
      {"CAST(x'41' AS TEXT)", CastValue(B("A"), Affinity::kText), "A", "text"},
      {"CAST(12 AS BLOB)", CastValue(I(12), Affinity::kBlob), "12", "blob"},
      {"CAST(1e20 AS BLOB)", CastValue(R(1e20), Affinity::kBlob), "1.0e+20", "blob"},
      {"CAST(NULL AS TEXT)", CastValue(N(), Affinity::kText), "", "null"},
  };
  ExpectCases(cases);
}

TEST(ConversionTest, ImplicitConversions) {
  EXPECT_EQ(ValueToInt64(T("  -7xyz")), -7);
  EXPECT_EQ(ValueToInt64(R(-2.9)), -2);
  EXPECT_EQ(ValueToInt64(N()), 0);
  EXPECT_EQ(ValueToInt32(I(4294967297)), 1);
  EXPECT_EQ(ValueToDouble(T("1.5e2x")), 150.0);
  EXPECT_EQ(ValueToDouble(B("2")), 2.0);
  EXPECT_EQ(TextForm(R(100.0)), "100.0");
  EXPECT_TRUE(ValueToText(N()).is_null());
  EXPECT_TRUE(ValueToText(B("x")).is_text());
  EXPECT_EQ(NumericAffinityOf(T("3.0"), false).DebugString(), "3.0");
  EXPECT_EQ(NumericAffinityOf(T("3.0"), true).DebugString(), "3");
}

TEST(LogicTest, Truthiness) {
  auto when = [](const Value& v) { return T(IsTrue(v) ? "T" : "F"); };
  const ExprCase cases[] = {
      {"CASE WHEN '1abc' THEN 'T' ELSE 'F' END", when(T("1abc")), "T", "text"},
      {"CASE WHEN 'abc' THEN 'T' ELSE 'F' END", when(T("abc")), "F", "text"},
      {"CASE WHEN '0.5' THEN 'T' ELSE 'F' END", when(T("0.5")), "T", "text"},
      {"CASE WHEN 0.0 THEN 'T' ELSE 'F' END", when(R(0.0)), "F", "text"},
      {"CASE WHEN x'31' THEN 'T' ELSE 'F' END", when(B("1")), "T", "text"},
      {"CASE WHEN '  1' THEN 'T' ELSE 'F' END", when(T("  1")), "T", "text"},
      {"CASE WHEN '.1e1x' THEN 'T' ELSE 'F' END", when(T(".1e1x")), "T", "text"},
      {"CASE WHEN NULL THEN 'T' ELSE 'F' END", when(N()), "F", "text"},
      {"NOT 'abc'", LogicalNot(T("abc")), "1", "integer"},
      {"NOT '1abc'", LogicalNot(T("1abc")), "0", "integer"},
      {"NOT NULL", LogicalNot(N()), "", "null"},
      {"'abc' AND 1", LogicalAnd(T("abc"), I(1)), "0", "integer"},
      {"NULL AND 0", LogicalAnd(N(), I(0)), "0", "integer"},
      {"NULL AND 1", LogicalAnd(N(), I(1)), "", "null"},
      {"NULL OR 1", LogicalOr(N(), I(1)), "1", "integer"},
      {"NULL OR 0", LogicalOr(N(), I(0)), "", "null"},
      {"0.5 AND 1", LogicalAnd(R(0.5), I(1)), "1", "integer"},
  };
  ExpectCases(cases);
}

}  // namespace
}  // namespace sluice::sql

// Tests of the comparison order, collations, comparison affinity and the
// three-valued comparison operators (checked with sqlite3 3.40).
#include "sql/value/compare.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "sql/value/value_test_util.h"

namespace sluice::sql {
namespace {

using namespace sluice::sql::testing;

Value Cmp(CompareOp op, const Value& a, const Value& b, Collation c = Collation::kBinary) {
  return EvaluateComparison(op, a, b, Affinity::kNone, Affinity::kNone, c);
}

TEST(CompareTest, StorageClassOrder) {
  std::vector<Value> v = {B(std::string(1, '\0')), T("a"), R(2.5), N(), I(3), T(""), B(""), I(-1)};
  std::sort(v.begin(), v.end(), [](const Value& a, const Value& b) { return CompareValues(a, b) < 0; });
  std::vector<std::string> got;
  for (const Value& x : v) got.push_back(x.DebugString());
  EXPECT_EQ(got, (std::vector<std::string>{"NULL", "-1", "2.5", "3", "''", "'a'", "x''", "x'00'"}));
}

TEST(CompareTest, IntegerVersusRealIsExact) {
  const ExprCase cases[] = {
      {"1 < 1.0", Cmp(CompareOp::kLt, I(1), R(1.0)), "0", "integer"},
      {"1 = 1.0", Cmp(CompareOp::kEq, I(1), R(1.0)), "1", "integer"},
      {"9223372036854775807 = 9223372036854775808.0", Cmp(CompareOp::kEq, I(INT64_MAX), R(9223372036854775808.0)), "0",
       "integer"},
      {"9223372036854775807 < 9223372036854775808.0", Cmp(CompareOp::kLt, I(INT64_MAX), R(9223372036854775808.0)), "1",
       "integer"},
      {"9007199254740993 = 9007199254740992.0", Cmp(CompareOp::kEq, I(9007199254740993), R(9007199254740992.0)), "0",
       "integer"},
      {"9007199254740993 > 9007199254740992.0", Cmp(CompareOp::kGt, I(9007199254740993), R(9007199254740992.0)), "1",
       "integer"},
      {"-9223372036854775808 = -9223372036854775808.0", Cmp(CompareOp::kEq, I(INT64_MIN), R(-9223372036854775808.0)),
       "1", "integer"},
      {"2 > 1.5", Cmp(CompareOp::kGt, I(2), R(1.5)), "1", "integer"},
      {"-2 < -1.5", Cmp(CompareOp::kLt, I(-2), R(-1.5)), "1", "integer"},
      {"1 < '1'", Cmp(CompareOp::kLt, I(1), T("1")), "1", "integer"},
      {"1 = '1'", Cmp(CompareOp::kEq, I(1), T("1")), "0", "integer"},
      {"x'00' > 'zzz'", Cmp(CompareOp::kGt, B(std::string(1, '\0')), T("zzz")), "1", "integer"},
  };
  ExpectCases(cases);
  EXPECT_EQ(CompareInt64Double(0, -0.0), 0);
  EXPECT_LT(CompareInt64Double(INT64_MAX, 1e300), 0);
  EXPECT_GT(CompareInt64Double(INT64_MIN, -1e300), 0);
  EXPECT_LT(CompareInt64Double(3, 3.5), 0);
  EXPECT_GT(CompareInt64Double(-3, -3.5), 0);
}

TEST(CompareTest, Collations) {
  const ExprCase cases[] = {
      {"'a' < 'B'", Cmp(CompareOp::kLt, T("a"), T("B")), "0", "integer"},
      {"'a' < 'B' COLLATE NOCASE", Cmp(CompareOp::kLt, T("a"), T("B"), Collation::kNoCase), "1", "integer"},
      {"'ABC' = 'abc' COLLATE NOCASE", Cmp(CompareOp::kEq, T("ABC"), T("abc"), Collation::kNoCase), "1", "integer"},
      {"'É' = 'é' COLLATE NOCASE", Cmp(CompareOp::kEq, T("É"), T("é"), Collation::kNoCase), "0", "integer"},
      {"'a  ' = 'a' COLLATE RTRIM", Cmp(CompareOp::kEq, T("a  "), T("a"), Collation::kRtrim), "1", "integer"},
      {"'a\t' = 'a' COLLATE RTRIM", Cmp(CompareOp::kEq, T("a\t"), T("a"), Collation::kRtrim), "0", "integer"},
      {"'a ' < 'a' COLLATE BINARY", Cmp(CompareOp::kLt, T("a "), T("a")), "0", "integer"},
      {"'ab' < 'abc'", Cmp(CompareOp::kLt, T("ab"), T("abc")), "1", "integer"},
  };
  ExpectCases(cases);
  EXPECT_EQ(CollationFromName("NoCase").value(), Collation::kNoCase);
  EXPECT_EQ(CollationFromName("nope").status().message(), "no such collation sequence: nope");
}

TEST(CompareTest, NullsAndIs) {
  const ExprCase cases[] = {
      {"NULL = NULL", Cmp(CompareOp::kEq, N(), N()), "", "null"},
      {"NULL < 1", Cmp(CompareOp::kLt, N(), I(1)), "", "null"},
      {"1 <> NULL", Cmp(CompareOp::kNe, I(1), N()), "", "null"},
      {"NULL IS NULL", EvaluateIs(N(), N(), false), "1", "integer"},
      {"1 IS NOT NULL", EvaluateIs(I(1), N(), true), "1", "integer"},
      {"1 IS 1.0", EvaluateIs(I(1), R(1.0), false), "1", "integer"},
      {"'a' IS 'a'", EvaluateIs(T("a"), T("a"), false), "1", "integer"},
      {"NULL IS NOT NULL", EvaluateIs(N(), N(), true), "0", "integer"},
  };
  ExpectCases(cases);
}

// CREATE TABLE t(a INTEGER, b TEXT, c); INSERT INTO t VALUES(1, '1', '1');
TEST(CompareTest, ComparisonAffinity) {
  const Value a = I(1), b = T("1"), c = T("1");
  auto eq = [](const Value& x, const Value& y, Affinity ax, Affinity ay) {
    return EvaluateComparison(CompareOp::kEq, x, y, ax, ay);
  };
  const ExprCase cases[] = {
      {"a = '1'", eq(a, T("1"), Affinity::kInteger, Affinity::kNone), "1", "integer"},
      {"b = 1", eq(b, I(1), Affinity::kText, Affinity::kNone), "1", "integer"},
      {"c = 1", eq(c, I(1), Affinity::kBlob, Affinity::kNone), "0", "integer"},
      {"a = c", eq(a, c, Affinity::kInteger, Affinity::kBlob), "1", "integer"},
      {"b = c", eq(b, c, Affinity::kText, Affinity::kBlob), "1", "integer"},
      {"a = '1.0'", eq(a, T("1.0"), Affinity::kInteger, Affinity::kNone), "1", "integer"},
      {"b = 1.0", eq(b, R(1.0), Affinity::kText, Affinity::kNone), "0", "integer"},
      {"a = '  1'", eq(a, T("  1"), Affinity::kInteger, Affinity::kNone), "1", "integer"},
      {"a = '1abc'", eq(a, T("1abc"), Affinity::kInteger, Affinity::kNone), "0", "integer"},
  };
  ExpectCases(cases);
  // CREATE TABLE u(b TEXT, c); INSERT INTO u VALUES('1', 1): TEXT vs BLOB
  // columns apply nothing.
  EXPECT_EQ(eq(T("1"), I(1), Affinity::kText, Affinity::kBlob).integer(), 0);
  EXPECT_EQ(eq(I(1), T("1"), Affinity::kBlob, Affinity::kNone).integer(), 0);
  EXPECT_EQ(ComparisonAffinity(Affinity::kText, Affinity::kBlob), Affinity::kBlob);
  EXPECT_EQ(ComparisonAffinity(Affinity::kText, Affinity::kNone), Affinity::kText);
  EXPECT_EQ(ComparisonAffinity(Affinity::kReal, Affinity::kText), Affinity::kNumeric);
  EXPECT_EQ(ComparisonAffinity(Affinity::kNone, Affinity::kNone), Affinity::kNone);
}

}  // namespace
}  // namespace sluice::sql

namespace sluice::sql {
namespace {

int Sign(int c) { return c < 0 ? -1 : (c > 0 ? 1 : 0); }

// The word-at-a-time compare must order exactly as memcmp then length,
// for every length around its 8-byte steps and 32-byte cut-over, with the
// first difference anywhere (and bytes >= 0x80, which must sort high).
TEST(CompareTextBinaryTest, AgreesWithMemcmpThenLength) {
  std::mt19937 rng(42);
  const char alphabet[] = {'a', 'b', '\x7f', '\x80', '\xff', '\0'};
  for (int trial = 0; trial < 20000; ++trial) {
    size_t la = rng() % 41, lb = (rng() % 3 == 0) ? la : rng() % 41;
    std::string a(la, 'a'), b(lb, 'a');
    for (char& c : a) c = alphabet[rng() % 6];
    b.assign(a, 0, std::min(la, lb));
    b.resize(lb, 'a');
    if (!b.empty() && rng() % 2 == 0) b[rng() % b.size()] = alphabet[rng() % 6];
    size_t n = std::min(a.size(), b.size());
    int expected = n == 0 ? 0 : Sign(std::memcmp(a.data(), b.data(), n));
    if (expected == 0) expected = a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
    ASSERT_EQ(Sign(CompareTextBinary(a, b)), expected) << trial;
    ASSERT_EQ(Sign(CompareTextBinary(b, a)), -expected) << trial;
  }
}

}  // namespace
}  // namespace sluice::sql

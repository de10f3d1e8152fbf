// Tests of arithmetic, bit and concatenation operators. Each row's SQL was
// run through sqlite3 3.40 (`select SQL, typeof(SQL)`).
#include "sql/value/arithmetic.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sql/value/value_test_util.h"
#include "sql/value/length_limit.h"

namespace sluice::sql {
namespace {

using namespace sluice::sql::testing;

TEST(ArithmeticTest, IntegerAndRealRules) {
  const ExprCase cases[] = {
      {"5/2", Divide(I(5), I(2)), "2", "integer"},
      {"-5/2", Divide(I(-5), I(2)), "-2", "integer"},
      {"5.0/2", Divide(R(5.0), I(2)), "2.5", "real"},
      {"5/0", Divide(I(5), I(0)), "", "null"},
      {"5.0/0", Divide(R(5.0), I(0)), "", "null"},
      {"5%0", Remainder(I(5), I(0)), "", "null"},
      {"5%-3", Remainder(I(5), I(-3)), "2", "integer"},
      {"-5%3", Remainder(I(-5), I(3)), "-2", "integer"},
      {"5.5%2", Remainder(R(5.5), I(2)), "1.0", "real"},
      {"-5.5%2", Remainder(R(-5.5), I(2)), "-1.0", "real"},
      {"5%0.5", Remainder(I(5), R(0.5)), "", "null"},
      {"5.5%2.5", Remainder(R(5.5), R(2.5)), "1.0", "real"},
      {"'1e3'%7", Remainder(T("1e3"), I(7)), "1.0", "real"},
      {"1000%7", Remainder(I(1000), I(7)), "6", "integer"},
      {"9223372036854775807+1", Add(I(INT64_MAX), I(1)), "9.22337203685478e+18", "real"},
      {"-9223372036854775808-1", Subtract(I(INT64_MIN), I(1)), "-9.22337203685478e+18", "real"},
      {"9223372036854775807*2", Multiply(I(INT64_MAX), I(2)), "1.84467440737096e+19", "real"},
      {"-9223372036854775808/-1", Divide(I(INT64_MIN), I(-1)), "9.22337203685478e+18", "real"},
      {"-9223372036854775808%-1", Remainder(I(INT64_MIN), I(-1)), "0", "integer"},
      {"1e308*10", Multiply(R(1e308), I(10)), "Inf", "real"},
      {"-1e308*10", Multiply(R(-1e308), I(10)), "-Inf", "real"},
      {"1e308*10-1e308*10", Subtract(R(INFINITY), R(INFINITY)), "", "null"},
      {"NULL+1", Add(N(), I(1)), "", "null"},
      {"1-NULL", Subtract(I(1), N()), "", "null"},
      {"0.1+0.2", Add(R(0.1), R(0.2)), "0.3", "real"},
  };
  ExpectCases(cases);
}

TEST(ArithmeticTest, TextAndBlobOperands) {
  const ExprCase cases[] = {
      {"'3abc'+1", Add(T("3abc"), I(1)), "4", "integer"},
      {"'abc'+1", Add(T("abc"), I(1)), "1", "integer"},
      {"'1.5'+1", Add(T("1.5"), I(1)), "2.5", "real"},
      {"' 12 '+1", Add(T(" 12 "), I(1)), "13", "integer"},
      {"'1e3'+0", Add(T("1e3"), I(0)), "1000.0", "real"},
      {"'0x10'+0", Add(T("0x10"), I(0)), "0", "integer"},
      {"'.5'+0", Add(T(".5"), I(0)), "0.5", "real"},
      {"'5.'+0", Add(T("5."), I(0)), "5.0", "real"},
      {"'-'+1", Add(T("-"), I(1)), "1", "integer"},
      {"'+5'+1", Add(T("+5"), I(1)), "6", "integer"},
      {"'1e'+0", Add(T("1e"), I(0)), "1", "integer"},
      {"'1.5abc'+1", Add(T("1.5abc"), I(1)), "2.5", "real"},
      {"'99999999999999999999x'+0", Add(T("99999999999999999999x"), I(0)), "1.0e+20", "real"},
      {"x'3132'+1", Add(B("12"), I(1)), "13", "integer"},
      {"'2'*'3'", Multiply(T("2"), T("3")), "6", "integer"},
  };
  ExpectCases(cases);
}

TEST(ArithmeticTest, UnaryMinus) {
  const ExprCase cases[] = {
      {"-(-9223372036854775808)", Negate(I(INT64_MIN)), "9.22337203685478e+18", "real"},
      {"-(5)", Negate(I(5)), "-5", "integer"},
      {"-('abc')", Negate(T("abc")), "0", "integer"},
      {"-('1.5')", Negate(T("1.5")), "-1.5", "real"},
      {"-(NULL)", Negate(N()), "", "null"},
      {"-(2.5)", Negate(R(2.5)), "-2.5", "real"},
  };
  ExpectCases(cases);
}

TEST(ArithmeticTest, BitOperators) {
  const ExprCase cases[] = {
      {"1<<63", BitOperation(BitOp::kShiftLeft, I(1), I(63)), "-9223372036854775808", "integer"},
      {"1<<64", BitOperation(BitOp::kShiftLeft, I(1), I(64)), "0", "integer"},
      {"1<<-1", BitOperation(BitOp::kShiftLeft, I(1), I(-1)), "0", "integer"},
      {"8>>-1", BitOperation(BitOp::kShiftRight, I(8), I(-1)), "16", "integer"},
      {"-8>>1", BitOperation(BitOp::kShiftRight, I(-8), I(1)), "-4", "integer"},
      {"-8>>64", BitOperation(BitOp::kShiftRight, I(-8), I(64)), "-1", "integer"},
      {"-8>>100", BitOperation(BitOp::kShiftRight, I(-8), I(100)), "-1", "integer"},
      {"8>>64", BitOperation(BitOp::kShiftRight, I(8), I(64)), "0", "integer"},
      {"1<<-64", BitOperation(BitOp::kShiftLeft, I(1), I(-64)), "0", "integer"},
      {"-1<<-65", BitOperation(BitOp::kShiftLeft, I(-1), I(-65)), "-1", "integer"},
      {"~5", BitNot(I(5)), "-6", "integer"},
      {"~NULL", BitNot(N()), "", "null"},
      {"5&3", BitOperation(BitOp::kAnd, I(5), I(3)), "1", "integer"},
      {"5|3", BitOperation(BitOp::kOr, I(5), I(3)), "7", "integer"},
      {"2.7<<1", BitOperation(BitOp::kShiftLeft, R(2.7), I(1)), "4", "integer"},
      {"'3'<<1", BitOperation(BitOp::kShiftLeft, T("3"), I(1)), "6", "integer"},
      {"NULL&1", BitOperation(BitOp::kAnd, N(), I(1)), "", "null"},
  };
  ExpectCases(cases);
}

TEST(ArithmeticTest, Concatenation) {
  const ExprCase cases[] = {
      {"1.0||'x'", *Concat(R(1.0), T("x")), "1.0x", "text"},    {"0.1||''", *Concat(R(0.1), T("")), "0.1", "text"},
      {"1e20||''", *Concat(R(1e20), T("")), "1.0e+20", "text"}, {"1||2", *Concat(I(1), I(2)), "12", "text"},
      {"x'41'||1", *Concat(B("A"), I(1)), "A1", "text"},        {"NULL||'a'", *Concat(N(), T("a")), "", "null"},
  };
  ExpectCases(cases);
}

TEST(ArithmeticKernelTest, OverflowDetectionWithoutUb) {
  int64_t r;
  EXPECT_FALSE(AddInt64(INT64_MAX, 1, &r));
  EXPECT_TRUE(AddInt64(INT64_MAX, -1, &r));
  EXPECT_FALSE(SubInt64(INT64_MIN, 1, &r));
  EXPECT_FALSE(MulInt64(INT64_MIN, -1, &r));
  EXPECT_TRUE(MulInt64(3037000499, 3037000499, &r));
  EXPECT_EQ(DivInt64(INT64_MIN, -1, &r), IntDivOutcome::kUseReal);
  EXPECT_EQ(DivInt64(1, 0, &r), IntDivOutcome::kNull);
  EXPECT_EQ(RemInt64(INT64_MIN, -1, &r), IntDivOutcome::kOk);
  EXPECT_EQ(r, 0);
  double d;
  EXPECT_FALSE(DivDouble(1, 0, &d));
  EXPECT_TRUE(RemDouble(5.5, 2, &d));
  EXPECT_EQ(d, 1.0);
  EXPECT_EQ(ShiftLeftInt64(INT64_MIN, -63), -1);
  EXPECT_EQ(ShiftRightInt64(INT64_MIN, INT64_MIN), 0);  // -2^63 shifts left by 64
}

TEST(ArithmeticTest, ConcatenationPastTheLengthLimitIsTooBig) {
  ScopedMaxValueLengthForTesting limit(20);
  EXPECT_EQ(Concat(T("aaaaaaaaaaaaaaaaaa"), T("bb"))->DebugString(), "'aaaaaaaaaaaaaaaaaabb'");
  Result<Value> r = Concat(T("aaaaaaaaaaaaaaaaaa"), T("bbb"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "string or blob too big");
  EXPECT_EQ(r.status().result_code(), ResultCode::kTooBig);
  EXPECT_FALSE(Concat(I(1234567890), I(12345678901)).ok());
}

}  // namespace
}  // namespace sluice::sql

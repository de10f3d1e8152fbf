// Tests of text -> number parsing (sqlite3AtoF / sqlite3Atoi64 rules).
#include "sql/value/numeric_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace sluice::sql {
namespace {

struct RealCase {
  const char* text;
  RealParse verdict;
  double value;
};

TEST(ParseRealTest, VerdictsAndValues) {
  const RealCase cases[] = {
      {"12", RealParse::kInteger, 12},
      {"  12  ", RealParse::kInteger, 12},
      {"-12", RealParse::kInteger, -12},
      {"+5", RealParse::kInteger, 5},
      {"1.5", RealParse::kReal, 1.5},
      {"5.", RealParse::kReal, 5},
      {".5", RealParse::kReal, 0.5},
      {"1e3", RealParse::kReal, 1000},
      {"1.5e3", RealParse::kRealWithBoth, 1500},
      {"1E-2", RealParse::kReal, 0.01},
      {"1.5x", RealParse::kPrefixOnly, 1.5},
      {"1e5x", RealParse::kPrefixOnly, 1e5},
      {"1e", RealParse::kNotNumeric, 1},  // '1e' + 0 = 1 in sqlite3
      {"1e+", RealParse::kNotNumeric, 1},
      {"1.5e", RealParse::kPrefixOnly, 1.5},
      {"12abc", RealParse::kNotNumeric, 12},
      {"abc", RealParse::kNotNumeric, 0},
      {"", RealParse::kNotNumeric, 0},
      {"   ", RealParse::kNotNumeric, 0},
      {"-", RealParse::kNotNumeric, 0},
      {".", RealParse::kNotNumeric, 0},
      {"0x10", RealParse::kNotNumeric, 0},
      {"1 2", RealParse::kNotNumeric, 1},
      {"\t\n12\r\f\v", RealParse::kInteger, 12},
      {"1e400", RealParse::kReal, std::numeric_limits<double>::infinity()},
      {"-1e400", RealParse::kReal, -std::numeric_limits<double>::infinity()},
      {"1e-400", RealParse::kReal, 0},
      {"123456789012345678901", RealParse::kInteger, 1.2345678901234568e20},
      {"9223372036854775808", RealParse::kInteger, 9223372036854775808.0},
  };
  for (const RealCase& c : cases) {
    double v = -1;
    EXPECT_EQ(ParseReal(c.text, &v), c.verdict) << c.text;
    EXPECT_EQ(v, c.value) << c.text;
  }
}

TEST(ParseRealTest, NegativeZeroKeepsItsSign) {
  double v;
  EXPECT_EQ(ParseReal("-0.0", &v), RealParse::kReal);
  EXPECT_TRUE(std::signbit(v));
}

TEST(ParseRealTest, SeesEmbeddedNulAsJunk) {
  double v;
  EXPECT_EQ(ParseReal(std::string_view("1\0", 2), &v), RealParse::kNotNumeric);
  EXPECT_EQ(v, 1);
}

struct IntCase {
  const char* text;
  IntParse verdict;
  int64_t value;
};

TEST(ParseInt64Test, VerdictsAndSaturation) {
  const IntCase cases[] = {
      {"12", IntParse::kOk, 12},
      {"  -12  ", IntParse::kOk, -12},
      {"+7", IntParse::kOk, 7},
      {"007", IntParse::kOk, 7},
      {"12abc", IntParse::kTrailing, 12},
      {"1e3", IntParse::kTrailing, 1},
      {"1.5", IntParse::kTrailing, 1},
      {"abc", IntParse::kNoDigits, 0},
      {"", IntParse::kNoDigits, 0},
      {"-", IntParse::kNoDigits, 0},
      {"9223372036854775807", IntParse::kOk, INT64_MAX},
      {"-9223372036854775808", IntParse::kOk, INT64_MIN},
      {"9223372036854775808", IntParse::kExactly2Pow63, INT64_MAX},
      {"9223372036854775809", IntParse::kOverflow, INT64_MAX},
      {"-9223372036854775809", IntParse::kOverflow, INT64_MIN},
      {"123456789012345678901234567890", IntParse::kOverflow, INT64_MAX},
      {"00000000000000000000000000001", IntParse::kOk, 1},
  };
  for (const IntCase& c : cases) {
    int64_t v = -1;
    EXPECT_EQ(ParseInt64(c.text, &v), c.verdict) << c.text;
    EXPECT_EQ(v, c.value) << c.text;
  }
}

TEST(RealToInt64Test, TruncatesAndSaturates) {
  EXPECT_EQ(RealToInt64(3.9), 3);
  EXPECT_EQ(RealToInt64(-3.9), -3);
  EXPECT_EQ(RealToInt64(1e20), INT64_MAX);
  EXPECT_EQ(RealToInt64(-1e20), INT64_MIN);
  EXPECT_EQ(RealToInt64(9223372036854775808.0), INT64_MAX);
  EXPECT_EQ(RealToInt64(std::nan("")), 0);
}

TEST(RealSameAsIntTest, OnlySmallExactIntegers) {
  EXPECT_TRUE(RealSameAsInt(3.0, 3));
  EXPECT_TRUE(RealSameAsInt(-0.0, 0));
  EXPECT_FALSE(RealSameAsInt(3.5, 3));
  EXPECT_FALSE(RealSameAsInt(4503599627370496.0, 4503599627370496));  // 2^52: outside +-2^51
}

}  // namespace
}  // namespace sluice::sql

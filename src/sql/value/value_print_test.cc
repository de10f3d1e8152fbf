// Tests of value printing: sqlite3 shell list mode and sqllogictest rules.
#include "sql/value/value_print.h"

#include <gtest/gtest.h>

#include <limits>

#include "sql/value/value_test_util.h"

namespace sluice::sql {
namespace {

using namespace sluice::sql::testing;

TEST(ShellTextTest, ListMode) {
  EXPECT_EQ(ShellText(I(-42)), "-42");
  EXPECT_EQ(ShellText(R(2.5)), "2.5");
  EXPECT_EQ(ShellText(R(100.0)), "100.0");
  EXPECT_EQ(ShellText(R(1e20)), "1.0e+20");
  EXPECT_EQ(ShellText(R(-0.0)), "0.0");
  EXPECT_EQ(ShellText(R(std::numeric_limits<double>::infinity())), "Inf");
  EXPECT_EQ(ShellText(T("héllo")), "héllo");
  EXPECT_EQ(ShellText(B("AB")), "AB");
  EXPECT_EQ(ShellText(N()), "");
  EXPECT_EQ(ShellText(N(), "NULL"), "NULL");  // .nullvalue NULL
  // select 'a'||char(0)||'b', x'4100' prints "a|A": C strings end at NUL.
  EXPECT_EQ(ShellText(T(std::string("a\0b", 3))), "a");
  EXPECT_EQ(ShellText(B(std::string("A\0", 2))), "A");
}

TEST(SltTextTest, SqllogictestRules) {
  EXPECT_EQ(SltText(N(), 'I'), "NULL");
  EXPECT_EQ(SltText(N(), 'T'), "NULL");
  EXPECT_EQ(SltText(I(-12), 'I'), "-12");
  EXPECT_EQ(SltText(R(3.7), 'I'), "3");
  EXPECT_EQ(SltText(T("12abc"), 'I'), "12");
  EXPECT_EQ(SltText(R(2.5), 'R'), "2.500");
  EXPECT_EQ(SltText(I(7), 'R'), "7.000");
  EXPECT_EQ(SltText(R(0.0625), 'R'), "0.063");  // SQLite's own rounding
  EXPECT_EQ(SltText(R(-1.0005), 'R'), "-1.001");
  EXPECT_EQ(SltText(T(""), 'T'), "(empty)");
  EXPECT_EQ(SltText(T("a\tb\x7f"
                      "c\xc3\xa9"),
                    'T'),
            "a@b@c@@");
  EXPECT_EQ(SltText(R(1.5), 'T'), "1.5");
  EXPECT_EQ(SltText(I(10), 'T'), "10");
}

}  // namespace
}  // namespace sluice::sql

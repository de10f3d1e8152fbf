// Tests of the error wording: result codes and the caret context lines.
#include "shell/error_report.h"

#include <gtest/gtest.h>

namespace sluice::shell {
namespace {

TEST(ErrorReportTest, ResultCodes) {
  EXPECT_EQ(ResultCodeForMessage("UNIQUE constraint failed: primes.n"), 19);
  EXPECT_EQ(ResultCodeForMessage("NOT NULL constraint failed: t.a"), 19);
  EXPECT_EQ(ResultCodeForMessage("CHECK constraint failed: b>0"), 19);
  EXPECT_EQ(ResultCodeForMessage("integer overflow"), 1);
  EXPECT_EQ(ResultCodeForMessage("no such table: x"), 1);
}

TEST(ErrorReportTest, CaretUnderTheToken) {
  // printf 'select 1,\n  2 frm primes;' | sqlite3 (after a CREATE TABLE primes)
  EXPECT_EQ(ErrorContext("select 1,\n  2 frm primes;", 18),
            "\n  select 1,   2 frm primes;\n                    ^--- error here");
  EXPECT_EQ(ErrorContext("selec 2;", 0), "\n  selec 2;\n  ^--- error here");
  EXPECT_EQ(ErrorContext("no spot", -1), "");
}

TEST(ErrorReportTest, FarRightSpotPointsBack) {
  // echo 'select 1111111111, ..., 66666666 frm x;' | sqlite3
  std::string sql = "select 1111111111, 2222222222, 3333333333, 4444444444, 5555555555, 66666666 frm x;";
  EXPECT_EQ(ErrorContext(sql, 80),
            "\n   3333333333, 4444444444, 5555555555, 66666666 frm x;\n"
            "                                      error here ---^");
}

}  // namespace
}  // namespace sluice::shell

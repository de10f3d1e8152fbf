// Tests of the public SQL text functions (include/sluice/sql_text.h). The
// expected values are what sqlite3 3.40's sqlite3_complete,
// sqlite3_keyword_check and printf('%!.20g', ...) give.
#include "sluice/sql_text.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

TEST(SqlTextTest, IsCompleteStatementIsSqlite3Complete) {
  EXPECT_FALSE(IsCompleteStatement("select 1"));
  EXPECT_TRUE(IsCompleteStatement("select 1;"));
  EXPECT_FALSE(IsCompleteStatement("select ';'"));
  EXPECT_TRUE(IsCompleteStatement("select 1; -- x"));
  EXPECT_FALSE(IsCompleteStatement("create trigger t after insert on x begin select 1;"));
  EXPECT_TRUE(IsCompleteStatement("create trigger t after insert on x begin select 1; end;"));
  EXPECT_FALSE(IsCompleteStatement("/* ; */"));
  EXPECT_FALSE(IsCompleteStatement(""));
}

TEST(SqlTextTest, IsKeywordIsSqlite3KeywordCheck) {
  for (const char* word : {"select", "SeLeCt", "abort", "temp"}) EXPECT_TRUE(IsKeyword(word)) << word;
  for (const char* word : {"foo", "rowid", "x"}) EXPECT_FALSE(IsKeyword(word)) << word;
}

TEST(SqlTextTest, FormatRealIsPrintfBangG) {
  EXPECT_EQ(FormatReal(0.1, 20), "0.10000000000000000555");
  EXPECT_EQ(FormatReal(1e20, 20), "1.0e+20");
  EXPECT_EQ(FormatReal(100.0, 20), "100.0");
  EXPECT_EQ(FormatReal(2.5, 15), "2.5");
}

}  // namespace
}  // namespace sluice

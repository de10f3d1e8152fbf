// Tests of the sqllogictest file parser.
#include "slt/slt_record.h"

#include <gtest/gtest.h>

namespace sluice::slt {
namespace {

TEST(SltRecordTest, StatementsQueriesAndControlRecords) {
  std::string text =
      "hash-threshold 8\r\n"
      "\r\n"
      "statement ok\r\n"
      "CREATE TABLE t1(a INTEGER, b INTEGER)\r\n"
      "\r\n"
      "# a comment\n"
      "skipif mysql\n"
      "query IT rowsort label-1\n"
      "SELECT a,\n"
      "  b FROM t1\n"
      "----\n"
      "1\n"
      "x\n"
      "\n"
      "statement error\n"
      "SELECT * FROM nosuch\n"
      "\n"
      "onlyif mssql\n"
      "halt\n"
      "\n"
      "query I nosort\n"
      "SELECT 1 WHERE 0\n";
  std::vector<SltRecord> r = ParseSltFile(text);
  ASSERT_EQ(r.size(), 6u);
  EXPECT_EQ(r[0].kind, SltRecord::Kind::kHashThreshold);
  EXPECT_EQ(r[0].hash_threshold, 8);
  EXPECT_EQ(r[1].kind, SltRecord::Kind::kStatement);
  EXPECT_FALSE(r[1].expect_error);
  EXPECT_EQ(r[1].sql, "CREATE TABLE t1(a INTEGER, b INTEGER)");
  EXPECT_EQ(r[1].line, 3);
  EXPECT_EQ(r[2].kind, SltRecord::Kind::kQuery);
  EXPECT_EQ(r[2].line, 8);
  EXPECT_EQ(r[2].types, "IT");
  EXPECT_EQ(r[2].sort, SortMode::kRowSort);
  EXPECT_EQ(r[2].label, "label-1");
  EXPECT_EQ(r[2].sql, "SELECT a,\n  b FROM t1");
  EXPECT_EQ(r[2].expected, (std::vector<std::string>{"1", "x"}));
  EXPECT_TRUE(r[2].AppliesTo("sqlite"));
  EXPECT_FALSE(r[2].AppliesTo("mysql"));
  EXPECT_TRUE(r[3].expect_error);
  EXPECT_EQ(r[4].kind, SltRecord::Kind::kHalt);
  EXPECT_FALSE(r[4].AppliesTo("sqlite"));
  EXPECT_EQ(r[5].sql, "SELECT 1 WHERE 0");
  EXPECT_TRUE(r[5].expected.empty());
}

TEST(SltRecordTest, OnlyIfSqliteApplies) {
  std::vector<SltRecord> r = ParseSltFile("onlyif sqlite\nstatement ok\nSELECT 1\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_TRUE(r[0].AppliesTo("sqlite"));
  EXPECT_EQ(r[0].line, 2);
}

}  // namespace
}  // namespace sluice::slt

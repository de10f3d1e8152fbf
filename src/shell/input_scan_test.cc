// Tests of QuickScan (sqlite3's quickscan) and the "go" / "/" terminator lines.
#include "shell/input_scan.h"

#include <gtest/gtest.h>

namespace sluice::shell {
namespace {

QuickScan ScanLines(std::initializer_list<std::string_view> lines) {
  QuickScan q;
  for (std::string_view l : lines) q.Scan(l);
  return q;
}

TEST(QuickScanTest, WhitespaceAndComments) {
  EXPECT_TRUE(ScanLines({"   "}).plain_white());
  EXPECT_TRUE(ScanLines({"-- only a comment"}).plain_white());
  EXPECT_TRUE(ScanLines({"/* a", "b */"}).plain_white());
  EXPECT_FALSE(ScanLines({"/* a", "b"}).in_plain());
}

TEST(QuickScanTest, EndingSemicolon) {
  EXPECT_TRUE(ScanLines({"select 1;"}).semi_terminated());
  EXPECT_TRUE(ScanLines({"select 1; -- done"}).semi_terminated());
  EXPECT_TRUE(ScanLines({"select 1;  /* c */"}).semi_terminated());
  EXPECT_FALSE(ScanLines({"select 1; select"}).semi_terminated());
  EXPECT_FALSE(ScanLines({"select ';"}).semi_terminated());
  EXPECT_TRUE(ScanLines({"select ';", "';"}).semi_terminated());
  EXPECT_TRUE(ScanLines({"select 'it''s';"}).semi_terminated());
  EXPECT_TRUE(ScanLines({"select [a;b];"}).semi_terminated());
  EXPECT_FALSE(ScanLines({"select \"a;"}).in_plain());
}

TEST(QuickScanTest, CommandTerminatorLines) {
  EXPECT_TRUE(IsCommandTerminatorLine("go"));
  EXPECT_TRUE(IsCommandTerminatorLine("  GO  "));
  EXPECT_TRUE(IsCommandTerminatorLine("/"));
  EXPECT_FALSE(IsCommandTerminatorLine("gone"));
  EXPECT_FALSE(IsCommandTerminatorLine("select 1"));
}

}  // namespace
}  // namespace sluice::shell

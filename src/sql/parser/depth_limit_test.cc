// Tests that hostile nesting fails cleanly instead of overflowing the stack:
// the parser's recursion is bounded by ParseOptions::max_depth and every
// expression tree (hence the recursive destructor and printer) by
// max_expr_height. Meant to be run under ASan as well, whose frames are
// bigger. Long flat lists must parse without recursion at all.
#include <gtest/gtest.h>

#include <string>

#include "sql/ast/to_sql.h"
#include "sql/parser/parser.h"

namespace sluice::sql {
namespace {

std::string Repeat(std::string_view s, int n) {
  std::string out;
  out.reserve(s.size() * n);
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

std::string ErrorOf(std::string_view sql, const ParseOptions& options = ParseOptions()) {
  ParseError error;
  auto result = ParseScript(sql, &error, options);
  if (result.ok()) return "OK";
  EXPECT_EQ(result.status().message(), error.message);
  return error.message;
}

constexpr int kHuge = 100000;

TEST(DepthLimitTest, DeepParenthesesFail) {
  EXPECT_EQ(ErrorOf("select " + Repeat("(", kHuge) + "1" + Repeat(")", kHuge)), "parser stack overflow");
  EXPECT_EQ(ErrorOf("select " + Repeat("(", kHuge)), "parser stack overflow");
  EXPECT_EQ(ErrorOf("select " + Repeat("(", 500) + "1" + Repeat(")", 500)), "OK");
}

TEST(DepthLimitTest, DeepUnaryOperatorsFail) {
  EXPECT_EQ(ErrorOf("select " + Repeat("- ", kHuge) + "1"), "parser stack overflow");
  EXPECT_EQ(ErrorOf("select " + Repeat("~", kHuge) + "1"), "parser stack overflow");
  EXPECT_EQ(ErrorOf("select " + Repeat("NOT ", kHuge) + "1"), "parser stack overflow");
  EXPECT_EQ(ErrorOf("select " + Repeat("- ", 500) + "1"), "OK");
}

TEST(DepthLimitTest, DeepSubqueriesAndJoinsFail) {
  EXPECT_EQ(ErrorOf(Repeat("select (", kHuge) + "1" + Repeat(")", kHuge)), "parser stack overflow");
  EXPECT_EQ(ErrorOf("select * from " + Repeat("(select * from ", kHuge) + "t" + Repeat(")", kHuge)),
            "parser stack overflow");
  EXPECT_EQ(ErrorOf("select * from " + Repeat("(", kHuge) + "t" + Repeat(")", kHuge)), "parser stack overflow");
  EXPECT_EQ(ErrorOf("select 1 where 1 in " + Repeat("(select 1 where 1 in ", kHuge)), "parser stack overflow");
  EXPECT_EQ(ErrorOf("select " + Repeat("exists (select ", kHuge)), "parser stack overflow");
  EXPECT_EQ(ErrorOf("select " + Repeat("f(", kHuge) + Repeat(")", kHuge)), "parser stack overflow");
  EXPECT_EQ(ErrorOf("select " + Repeat("case when 1 then ", kHuge) + "1" + Repeat(" end", kHuge)),
            "parser stack overflow");
  EXPECT_EQ(ErrorOf("select " + Repeat("cast(", kHuge) + "1" + Repeat(" as int)", kHuge)), "parser stack overflow");
  EXPECT_EQ(ErrorOf(Repeat("with a as (", kHuge) + "select 1" + Repeat(") select 1", kHuge)), "parser stack overflow");
  EXPECT_EQ(ErrorOf("select " + Repeat("(select ", 100) + "1" + Repeat(")", 100)), "OK");
}

TEST(DepthLimitTest, TallOperatorChainsFailAsInSqlite) {
  // The Pratt loop builds these without recursion; the height limit keeps
  // the tree shallow enough to destroy and print recursively.
  EXPECT_EQ(ErrorOf("select 1" + Repeat(" + 1", kHuge)), "Expression tree is too large (maximum depth 1000)");
  EXPECT_EQ(ErrorOf("select 1" + Repeat(" || 1", 999)), "OK");  // height 1000: SQLite's limit exactly
  EXPECT_EQ(ErrorOf("select 1" + Repeat(" || 1", 1000)), "Expression tree is too large (maximum depth 1000)");
  EXPECT_EQ(ErrorOf("select 1" + Repeat(" collate x", kHuge)), "Expression tree is too large (maximum depth 1000)");
  EXPECT_EQ(ErrorOf("select 1" + Repeat(" isnull", kHuge)), "Expression tree is too large (maximum depth 1000)");
  EXPECT_EQ(ErrorOf("select 1" + Repeat(" between 1 and 1", kHuge)),
            "Expression tree is too large (maximum depth 1000)");
  EXPECT_EQ(ErrorOf("select 1 where " + Repeat("a and ", kHuge) + "b"),
            "Expression tree is too large (maximum depth 1000)");
  // A subquery counts towards the height of the expression around it. (At
  // name resolution SQLite also adds up the heights of nested subqueries,
  // so `select (select 1 + 1 ... )` fails there from 499 additions on: the
  // binder's business.)
  EXPECT_EQ(ErrorOf("select (select 1" + Repeat(" + 1", 998) + ")"), "OK");
  EXPECT_EQ(ErrorOf("select (select 1" + Repeat(" + 1", 999) + ")"),
            "Expression tree is too large (maximum depth 1000)");
}

TEST(DepthLimitTest, TreesAtTheLimitParsePrintAndDestroy) {
  auto chain = ParseStatement("select 1" + Repeat(" - 1", 999));
  ASSERT_TRUE(chain.ok());
  std::string printed = ToSql(**chain);
  EXPECT_EQ(printed.size(), 7 + 999 * 6 + 1u);
  auto nested = ParseStatement("select " + Repeat("(select ", 300) + "1" + Repeat(")", 300));
  ASSERT_TRUE(nested.ok());
  EXPECT_FALSE(ToSql(**nested).empty());
}

TEST(DepthLimitTest, LongFlatListsNeedNoRecursion) {
  EXPECT_EQ(ErrorOf("select 1 in (" + Repeat("1, ", kHuge) + "1)"), "OK");
  EXPECT_EQ(ErrorOf("values " + Repeat("(1), ", kHuge) + "(1)"), "OK");
  EXPECT_EQ(ErrorOf("select * from t" + Repeat(", t", kHuge)), "OK");
  EXPECT_EQ(ErrorOf("select * from t" + Repeat(" join t using (a)", kHuge)), "OK");
  EXPECT_EQ(ErrorOf("select " + Repeat("1, ", kHuge) + "1"), "OK");
  EXPECT_EQ(ErrorOf("select case" + Repeat(" when 1 then 2", kHuge) + " end"), "OK");
  EXPECT_EQ(ErrorOf(Repeat("select 1;", kHuge)), "OK");
}

TEST(DepthLimitTest, LimitsAreConfigurable) {
  ParseOptions options;
  options.max_depth = 10;
  EXPECT_EQ(ErrorOf("select ((((((((((1))))))))))", options), "parser stack overflow");
  EXPECT_EQ(ErrorOf("select ((1))", options), "OK");
  options = ParseOptions();
  options.max_expr_height = 3;
  EXPECT_EQ(ErrorOf("select 1 + 1 + 1", options), "OK");
  EXPECT_EQ(ErrorOf("select 1 + 1 + 1 + 1", options), "Expression tree is too large (maximum depth 3)");
}

}  // namespace
}  // namespace sluice::sql

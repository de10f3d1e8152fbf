// Tests of the .sqltest outcome rules (sqltest_compare.h).
#include "slt/sqltest_compare.h"

#include <gtest/gtest.h>

namespace sluice::slt {
namespace {

SqltestExpectation Expect(SqltestExpectation::Kind kind, std::vector<std::string> rows, std::string text = "") {
  SqltestExpectation e;
  e.kind = kind;
  e.rows = std::move(rows);
  e.text = std::move(text);
  return e;
}

SqltestOutcome Ok(std::string out) { return InterpretSqltestRun({std::move(out), "", 0}); }

TEST(SqltestCompareTest, ErrorsFromStderrStdoutOrExitStatus) {
  SqltestOutcome o = InterpretSqltestRun({"1\n", "Parse error near line 1: no such table: t\n", 1});
  EXPECT_TRUE(o.error);
  EXPECT_EQ(o.error_text, "Parse error near line 1: no such table: t");
  EXPECT_TRUE(InterpretSqltestRun({"Error: x\n", "", 0}).error);
  EXPECT_TRUE(InterpretSqltestRun({"", "", 1}).error);
  EXPECT_FALSE(InterpretSqltestRun({"1\n", "a warning\n", 0}).error);
}

TEST(SqltestCompareTest, SetupOutputIsDropped) {
  SqltestOutcome o = Ok("x\n__SETUP_END_MARKER_7f3a9b2c__\n1|a\n\n");
  EXPECT_EQ(o.lines, (std::vector<std::string>{"1|a", ""}));
}

TEST(SqltestCompareTest, Exact) {
  using K = SqltestExpectation::Kind;
  EXPECT_EQ(CompareSqltest(Expect(K::kExact, {"1|a", "2|b"}), Ok("1|a\n2|b\n")), "");
  EXPECT_EQ(CompareSqltest(Expect(K::kExact, {"1|a", "2|b"}), Ok("2|b\n1|a\n")), "wrong result");
  EXPECT_EQ(CompareSqltest(Expect(K::kExact, {""}), Ok("")), "");  // an empty block: no rows
  EXPECT_EQ(CompareSqltest(Expect(K::kExact, {"1"}), InterpretSqltestRun({"", "Error: boom\n", 1})),
            "expected success, but got an error");
}

TEST(SqltestCompareTest, UnorderedIsASet) {
  using K = SqltestExpectation::Kind;
  EXPECT_EQ(CompareSqltest(Expect(K::kUnordered, {"1", "2"}), Ok("2\n1\n")), "");
  EXPECT_NE(CompareSqltest(Expect(K::kUnordered, {"1", "2"}), Ok("2\n3\n")), "");
}

TEST(SqltestCompareTest, ErrorSubstringIgnoresCaseAndSpacing) {
  using K = SqltestExpectation::Kind;
  SqltestOutcome err =
      InterpretSqltestRun({"", "Runtime error near line 2: UNIQUE constraint\n  failed: t.a (19)\n", 1});
  EXPECT_EQ(CompareSqltest(Expect(K::kError, {}, "unique   constraint failed"), err), "");
  EXPECT_EQ(CompareSqltest(Expect(K::kError, {}, ""), err), "");
  EXPECT_NE(CompareSqltest(Expect(K::kError, {}, "no such table"), err), "");
  EXPECT_EQ(CompareSqltest(Expect(K::kError, {}, ""), Ok("1\n")), "expected an error, but the SQL succeeded");
}

TEST(SqltestCompareTest, ErrorRegexAndUndecoratedMessages) {
  using K = SqltestExpectation::Kind;
  SqltestOutcome err = InterpretSqltestRun(
      {"", "Parse error near line 2: no such column: t2.d\n  select t2.d\n         ^--- error here\n", 1});
  EXPECT_EQ(SqltestErrorMessages(err.error_text), std::vector<std::string>{"no such column: t2.d"});
  EXPECT_EQ(CompareSqltest(Expect(K::kError, {}, "no such column: t2\\.d"), err), "");
  EXPECT_EQ(CompareSqltest(Expect(K::kError, {}, "no such column: t2\\.(oid|d)"), err), "");
  EXPECT_EQ(CompareSqltest(Expect(K::kError, {}, "^no such column: t2\\.d$"), err), "");
  EXPECT_NE(CompareSqltest(Expect(K::kError, {}, "^no such column: t2$"), err), "");
  EXPECT_NE(CompareSqltest(Expect(K::kError, {}, "no such column: t3"), err), "");

  SqltestOutcome unique =
      InterpretSqltestRun({"", "Runtime error near line 3: UNIQUE constraint failed: u.a (19)\n", 1});
  EXPECT_EQ(CompareSqltest(Expect(K::kError, {}, "^UNIQUE constraint failed: u\\.a$"), unique), "");
  EXPECT_EQ(CompareSqltest(Expect(K::kError, {}, "constraint failed: u.a (19)"), unique), "");  // literal
  // Not a regex (an unbalanced parenthesis): the literal test decides.
  SqltestOutcome syntax = InterpretSqltestRun({"", "Parse error near line 1: near \"(\": syntax error\n", 1});
  EXPECT_EQ(CompareSqltest(Expect(K::kError, {}, "near \"(\": syntax error"), syntax), "");
  EXPECT_EQ(SqltestErrorMessages("Error: near line 4: no such table: x\nError: boom (1)"),
            (std::vector<std::string>{"no such table: x", "boom"}));
}

TEST(SqltestCompareTest, PatternsInRustSyntax) {
  using K = SqltestExpectation::Kind;
  EXPECT_EQ(CompareSqltest(Expect(K::kPattern, {}, "^3\\.\\d+\\.\\d+$"), Ok("3.40.1\n")), "");
  EXPECT_NE(CompareSqltest(Expect(K::kPattern, {}, "^\\d+$"), Ok("1\n2\n")), "");
  EXPECT_EQ(CompareSqltest(Expect(K::kPattern, {}, "(?m)^2$"), Ok("1\n2\n")), "");
  EXPECT_EQ(CompareSqltest(Expect(K::kPattern, {}, "(?s)A.*B"), Ok("A\nx\nB\n")), "");
  EXPECT_NE(CompareSqltest(Expect(K::kPattern, {}, "A.*B"), Ok("A\nx\nB\n")), "");
  bool multiline = false;
  auto re = TranslateRustRegex("(?s)a[.]b.", &multiline);
  ASSERT_TRUE(re.ok());
  EXPECT_EQ(*re, "a[.]b[\\s\\S]");
  EXPECT_FALSE(TranslateRustRegex("(?i:a)", &multiline).ok());
  EXPECT_FALSE(TranslateRustRegex("(?x)a", &multiline).ok());
}

}  // namespace
}  // namespace sluice::slt

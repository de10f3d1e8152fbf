// Tests of expression parsing: SQLite's precedence and associativity (read
// through ToSql's full parenthesization), every kind of expression node,
// literal values, parameters numbering, and source spans.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "sql/ast/to_sql.h"
#include "sql/parser/parser.h"

namespace sluice::sql {
namespace {

// ToSql of the expression, or "ERROR: <message>".
std::string P(std::string_view sql) {
  ParseError error;
  auto expr = ParseExpression(sql, &error);
  if (!expr.ok()) return "ERROR: " + error.message;
  return ToSql(**expr);
}

ExprPtr Parse(std::string_view sql) {
  auto expr = ParseExpression(sql);
  EXPECT_TRUE(expr.ok()) << sql << ": " << expr.status().message();
  return expr.ok() ? std::move(*expr) : nullptr;
}

TEST(ParseExprTest, ArithmeticPrecedenceAndLeftAssociativity) {
  EXPECT_EQ(P("1 + 2 * 3"), "(1 + (2 * 3))");
  EXPECT_EQ(P("1 * 2 + 3"), "((1 * 2) + 3)");
  EXPECT_EQ(P("1 - 2 - 3"), "((1 - 2) - 3)");
  EXPECT_EQ(P("8 / 4 / 2"), "((8 / 4) / 2)");
  EXPECT_EQ(P("7 % 3 * 2"), "((7 % 3) * 2)");
  EXPECT_EQ(P("1 + 2 || 3"), "(1 + (2 || 3))");  // || binds tighter than +
  EXPECT_EQ(P("'a' || 'b' || 'c'"), "(('a' || 'b') || 'c')");
  EXPECT_EQ(P("1 + 2 << 3"), "((1 + 2) << 3)");
  EXPECT_EQ(P("1 << 2 & 3 | 4 >> 5"), "((((1 << 2) & 3) | 4) >> 5)");
  EXPECT_EQ(P("a -> 'x' ->> 'y'"), "((a -> 'x') ->> 'y')");
}

TEST(ParseExprTest, ComparisonAndEqualityLevels) {
  EXPECT_EQ(P("1 < 2 = 3 > 4"), "((1 < 2) = (3 > 4))");
  EXPECT_EQ(P("a = b < c"), "(a = (b < c))");
  EXPECT_EQ(P("a == b != c <> d"), "(((a = b) != c) != d)");
  EXPECT_EQ(P("3 & 2 < 3"), "((3 & 2) < 3)");
  EXPECT_EQ(P("a < b & c"), "(a < (b & c))");
  EXPECT_EQ(P("a IS b = c"), "((a IS b) = c)");
  EXPECT_EQ(P("a = b IS NOT c"), "((a = b) IS NOT c)");
  EXPECT_EQ(P("a IS NOT DISTINCT FROM b"), "(a IS b)");
  EXPECT_EQ(P("a IS DISTINCT FROM b"), "(a IS NOT b)");
  EXPECT_EQ(P("a IS NOT NULL"), "(a IS NOT NULL)");
}

TEST(ParseExprTest, LogicalOperators) {
  EXPECT_EQ(P("a OR b AND c"), "(a OR (b AND c))");
  EXPECT_EQ(P("a AND b OR c AND d"), "((a AND b) OR (c AND d))");
  EXPECT_EQ(P("NOT a = b"), "(NOT (a = b))");
  EXPECT_EQ(P("NOT a AND b"), "((NOT a) AND b)");
  EXPECT_EQ(P("NOT NOT a"), "(NOT (NOT a))");
  EXPECT_EQ(P("a = NOT b = c"), "(a = (NOT (b = c)))");
  EXPECT_EQ(P("1 + NOT 2 = 3 AND 4"), "((1 + (NOT (2 = 3))) AND 4)");
  EXPECT_EQ(P("a AND NOT b OR c"), "((a AND (NOT b)) OR c)");
}

TEST(ParseExprTest, UnaryOperatorsBindTightest) {
  EXPECT_EQ(P("-a * b"), "((-a) * b)");
  EXPECT_EQ(P("- - 1"), "(-(-1))");
  EXPECT_EQ(P("-a || b"), "((-a) || b)");
  EXPECT_EQ(P("~a + +b"), "((~a) + (+b))");
  EXPECT_EQ(P("-a COLLATE nocase"), "((-a) COLLATE nocase)");
  EXPECT_EQ(P("- NOT 1 + 2"), "(-(NOT (1 + 2)))");  // as SQLite's grammar has it
}

TEST(ParseExprTest, Collate) {
  EXPECT_EQ(P("a || b COLLATE nocase"), "(a || (b COLLATE nocase))");
  EXPECT_EQ(P("a COLLATE nocase = b"), "((a COLLATE nocase) = b)");
  EXPECT_EQ(P("a COLLATE x COLLATE y"), "((a COLLATE x) COLLATE y)");
  EXPECT_EQ(P("a COLLATE \"NOCASE\""), "(a COLLATE NOCASE)");
  EXPECT_EQ(P("a COLLATE 'rtrim'"), "(a COLLATE rtrim)");
}

TEST(ParseExprTest, NullTests) {
  EXPECT_EQ(P("a ISNULL"), "(a ISNULL)");
  EXPECT_EQ(P("a NOTNULL"), "(a NOTNULL)");
  EXPECT_EQ(P("a NOT NULL"), "(a NOTNULL)");
  EXPECT_EQ(P("a = b ISNULL"), "((a = b) ISNULL)");
  EXPECT_EQ(P("a ISNULL = b"), "((a ISNULL) = b)");
  EXPECT_EQ(P("a + 1 NOT NULL AND b"), "(((a + 1) NOTNULL) AND b)");
  EXPECT_EQ(P("1 ISNULL ISNULL"), "((1 ISNULL) ISNULL)");
}

TEST(ParseExprTest, Between) {
  EXPECT_EQ(P("a BETWEEN 1 AND 2"), "(a BETWEEN 1 AND 2)");
  EXPECT_EQ(P("a NOT BETWEEN 1 AND 2"), "(a NOT BETWEEN 1 AND 2)");
  // The AND belongs to BETWEEN; a following AND is logical.
  EXPECT_EQ(P("a BETWEEN 1 AND 2 AND b"), "((a BETWEEN 1 AND 2) AND b)");
  EXPECT_EQ(P("a BETWEEN b + 1 AND c * 2"), "(a BETWEEN (b + 1) AND (c * 2))");
  EXPECT_EQ(P("x BETWEEN a = b AND c"), "(x BETWEEN (a = b) AND c)");
  EXPECT_EQ(P("x BETWEEN a AND b = c"), "((x BETWEEN a AND b) = c)");
  EXPECT_EQ(P("0 = 0 BETWEEN 0 AND 1"), "((0 = 0) BETWEEN 0 AND 1)");
  EXPECT_EQ(P("1 BETWEEN 0 AND 2 BETWEEN 0 AND 0"), "((1 BETWEEN 0 AND 2) BETWEEN 0 AND 0)");
  EXPECT_EQ(P("NOT 1 BETWEEN 0 AND 2"), "(NOT (1 BETWEEN 0 AND 2))");
  EXPECT_EQ(P("1 BETWEEN 0 OR 1 AND 2"), "ERROR: incomplete input");  // as SQLite: OR swallows the AND
}

TEST(ParseExprTest, LikeGlobRegexpMatch) {
  EXPECT_EQ(P("a LIKE 'x%'"), "(a LIKE 'x%')");
  EXPECT_EQ(P("a NOT LIKE 'x' ESCAPE '!'"), "(a NOT LIKE 'x' ESCAPE '!')");
  EXPECT_EQ(P("a GLOB 'x*' AND b NOT GLOB 'y'"), "((a GLOB 'x*') AND (b NOT GLOB 'y'))");
  EXPECT_EQ(P("a REGEXP b"), "(a REGEXP b)");
  EXPECT_EQ(P("a NOT MATCH b"), "(a NOT MATCH b)");
  EXPECT_EQ(P("a LIKE b < c"), "(a LIKE (b < c))");
  EXPECT_EQ(P("a LIKE b = c"), "((a LIKE b) = c)");
  EXPECT_EQ(P("'a' LIKE 'A' ESCAPE 'x' = 0"), "(('a' LIKE 'A' ESCAPE 'x') = 0)");
  EXPECT_EQ(P("a LIKE b ESCAPE c ESCAPE d"), "ERROR: near \"ESCAPE\": syntax error");
  // LIKE, GLOB, ... are also function names.
  EXPECT_EQ(P("like('a%', x) + glob('*', y)"), "(like('a%', x) + glob('*', y))");
}

TEST(ParseExprTest, In) {
  EXPECT_EQ(P("a IN (1, 2, 3)"), "(a IN (1, 2, 3))");
  EXPECT_EQ(P("a NOT IN ()"), "(a NOT IN ())");
  EXPECT_EQ(P("a IN (SELECT b FROM t)"), "(a IN (SELECT b FROM t))");
  EXPECT_EQ(P("a NOT IN (VALUES (1), (2))"), "(a NOT IN (VALUES (1), (2)))");
  EXPECT_EQ(P("a IN t"), "(a IN t)");
  EXPECT_EQ(P("a IN main.t"), "(a IN main.t)");
  EXPECT_EQ(P("a IN f(1, 2)"), "(a IN f(1, 2))");
  EXPECT_EQ(P("a IN (1) IS NULL"), "((a IN (1)) IS NULL)");
  EXPECT_EQ(P("a + 1 IN (b)"), "((a + 1) IN (b))");
  EXPECT_EQ(P("(a, b) IN (SELECT 1, 2)"), "((a, b) IN (SELECT 1, 2))");
}

TEST(ParseExprTest, CaseCastExistsSubquery) {
  EXPECT_EQ(P("CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END"), "CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END");
  EXPECT_EQ(P("case x when 1 then 'one' end"), "CASE x WHEN 1 THEN 'one' END");
  EXPECT_EQ(P("CAST(a + 1 AS INTEGER)"), "CAST((a + 1) AS INTEGER)");
  EXPECT_EQ(P("cast(a as varchar( 10 ))"), "CAST(a AS varchar( 10 ))");
  EXPECT_EQ(P("CAST(a AS DECIMAL(10,2))"), "CAST(a AS DECIMAL(10,2))");
  EXPECT_EQ(P("CAST(a AS unsigned big int)"), "CAST(a AS unsigned big int)");
  EXPECT_EQ(P("CAST(a AS)"), "CAST(a AS)");  // valid SQLite
  EXPECT_EQ(P("EXISTS (SELECT 1)"), "EXISTS (SELECT 1)");
  EXPECT_EQ(P("NOT EXISTS (SELECT 1) AND a"), "((NOT EXISTS (SELECT 1)) AND a)");
  EXPECT_EQ(P("(SELECT max(a) FROM t) + 1"), "((SELECT max(a) FROM t) + 1)");
  EXPECT_EQ(P("(1, 2) = (1, 2)"), "((1, 2) = (1, 2))");
  EXPECT_EQ(P("((1))"), "1");
}

TEST(ParseExprTest, FunctionCalls) {
  EXPECT_EQ(P("count(*)"), "count(*)");
  EXPECT_EQ(P("count(DISTINCT a)"), "count(DISTINCT a)");
  EXPECT_EQ(P("count(ALL a)"), "count(a)");
  EXPECT_EQ(P("abs(  x )"), "abs(x)");
  EXPECT_EQ(P("random()"), "random()");
  EXPECT_EQ(P("substr(a, 1, 2)"), "substr(a, 1, 2)");
  EXPECT_EQ(P("replace(a, 'x', 'y')"), "replace(a, 'x', 'y')");  // a fallback keyword as a name
  EXPECT_EQ(P("\"my func\"(1)"), "[my func](1)");
  EXPECT_EQ(P("count(DISTINCT *)"), "ERROR: near \"*\": syntax error");

  ExprPtr e = Parse("Group_Concat(DISTINCT x)");
  ASSERT_EQ(e->kind, ExprKind::kFunction);
  const auto& f = e->As<FunctionExpr>();
  EXPECT_EQ(f.name, "Group_Concat");
  EXPECT_TRUE(f.distinct);
  EXPECT_FALSE(f.star);
  ASSERT_EQ(f.args.size(), 1u);
}

TEST(ParseExprTest, ColumnReferences) {
  EXPECT_EQ(P("a"), "a");
  EXPECT_EQ(P("t.a"), "t.a");
  EXPECT_EQ(P("main.t.a"), "main.t.a");
  EXPECT_EQ(P("\"a b\""), "\"a b\"");
  EXPECT_EQ(P("[a]"), "[a]");
  EXPECT_EQ(P("`a`"), "`a`");
  // Non-reserved keywords as column names, as SQLite allows.
  EXPECT_EQ(P("key + action + replace + left + offset"), "((((key + action) + replace) + left) + offset)");
  EXPECT_EQ(P("true"), "true");
  // A column named WITH must not print as "(with ...", which starts a
  // subquery (found by the fuzzer).
  EXPECT_EQ(P("with % 1"), "([with] % 1)");
  EXPECT_EQ(P("[with] % 1"), "([with] % 1)");

  ExprPtr e = Parse("s.\"T\".\"c\"\"d\"");
  ASSERT_EQ(e->kind, ExprKind::kColumnRef);
  const auto& c = e->As<ColumnRefExpr>();
  EXPECT_EQ(c.schema, "s");
  EXPECT_EQ(c.table, "T");
  EXPECT_EQ(c.column, "c\"d");
  EXPECT_EQ(c.column_quote, QuoteStyle::kDouble);
  EXPECT_EQ(Parse("x")->As<ColumnRefExpr>().column_quote, QuoteStyle::kNone);
  EXPECT_EQ(Parse("[x]")->As<ColumnRefExpr>().column_quote, QuoteStyle::kBracket);
}

TEST(ParseExprTest, LiteralValues) {
  ExprPtr e = Parse("42");
  ASSERT_EQ(e->kind, ExprKind::kLiteral);
  EXPECT_EQ(e->As<LiteralExpr>().literal, LiteralKind::kInteger);
  EXPECT_EQ(e->As<LiteralExpr>().integer, 42);

  e = Parse("0x7fffffffffffffff");
  EXPECT_EQ(e->As<LiteralExpr>().integer, std::numeric_limits<int64_t>::max());
  e = Parse("0xffffffffffffffff");
  EXPECT_EQ(e->As<LiteralExpr>().integer, -1);
  e = Parse("0x0000000000000000001");
  EXPECT_EQ(e->As<LiteralExpr>().integer, 1);

  e = Parse("9223372036854775807");
  EXPECT_EQ(e->As<LiteralExpr>().literal, LiteralKind::kInteger);
  EXPECT_EQ(e->As<LiteralExpr>().integer, std::numeric_limits<int64_t>::max());
  e = Parse("9223372036854775808");  // too big: a REAL, as in SQLite
  EXPECT_EQ(e->As<LiteralExpr>().literal, LiteralKind::kReal);
  EXPECT_EQ(e->As<LiteralExpr>().real, 9223372036854775808.0);
  EXPECT_EQ(e->As<LiteralExpr>().text, "9223372036854775808");

  e = Parse("1.50");
  EXPECT_EQ(e->As<LiteralExpr>().literal, LiteralKind::kReal);
  EXPECT_EQ(e->As<LiteralExpr>().real, 1.5);
  EXPECT_EQ(e->As<LiteralExpr>().text, "1.50");
  EXPECT_EQ(P("1.50"), "1.50");
  EXPECT_EQ(Parse(".5")->As<LiteralExpr>().real, 0.5);
  EXPECT_EQ(Parse("1.e3")->As<LiteralExpr>().real, 1000.0);
  EXPECT_EQ(Parse("1e400")->As<LiteralExpr>().real, std::numeric_limits<double>::infinity());

  e = Parse("'it''s'");
  EXPECT_EQ(e->As<LiteralExpr>().literal, LiteralKind::kString);
  EXPECT_EQ(e->As<LiteralExpr>().value, "it's");
  EXPECT_EQ(P("'it''s'"), "'it''s'");

  e = Parse("x'00fF'");
  EXPECT_EQ(e->As<LiteralExpr>().literal, LiteralKind::kBlob);
  EXPECT_EQ(e->As<LiteralExpr>().value, std::string("\x00\xff", 2));
  EXPECT_EQ(P("x'00fF'"), "X'00FF'");

  EXPECT_EQ(Parse("NULL")->As<LiteralExpr>().literal, LiteralKind::kNull);
  EXPECT_EQ(Parse("current_timestamp")->As<LiteralExpr>().literal, LiteralKind::kCurrentTimestamp);
  EXPECT_EQ(P("current_date + current_time"), "(CURRENT_DATE + CURRENT_TIME)");

  // -1 is a negation of 1, as in SQLite's parse.
  e = Parse("-1");
  ASSERT_EQ(e->kind, ExprKind::kUnary);
  EXPECT_EQ(e->As<UnaryExpr>().op, UnaryOp::kNegate);
}

TEST(ParseExprTest, HexLiteralTooBig) {
  ParseError error;
  auto e = ParseExpression("1 + 0x1ffffffffffffffff", &error);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(error.message, "hex literal too big: 0x1ffffffffffffffff");
  EXPECT_EQ(error.column, 5u);
  EXPECT_TRUE(error.has_caret);
}

TEST(ParseExprTest, ParametersAreNumberedAsInSqlite) {
  auto statement = ParseStatement("SELECT ?, :a, ?5, ?, :a, @b, $c, ?2");
  ASSERT_TRUE(statement.ok()) << statement.status().message();
  const auto& core = (*statement)->As<SelectStatement>().select->cores[0];
  std::vector<int> indexes;
  for (const ResultColumn& c : core.columns) indexes.push_back(c.expr->As<ParameterExpr>().index);
  EXPECT_EQ(indexes, (std::vector<int>{1, 2, 5, 6, 2, 7, 8, 2}));
  EXPECT_EQ((*statement)->parameter_count, 8);

  EXPECT_EQ(P("?0"), "ERROR: variable number must be between ?1 and ?250000");
  EXPECT_EQ(P("?250001"), "ERROR: variable number must be between ?1 and ?250000");
  EXPECT_EQ(P("?99999999999999999999999"), "ERROR: variable number must be between ?1 and ?250000");
  EXPECT_EQ(P("?250000"), "?250000");
  EXPECT_EQ(P("#1"), "ERROR: near \"#1\": syntax error");
  EXPECT_EQ(P("#a"), "#a");
}

TEST(ParseExprTest, SpansCoverTheSourceText) {
  const std::string sql = "  abs(  x ) + (1+2)  ";
  ExprPtr e = Parse(sql);
  ASSERT_EQ(e->kind, ExprKind::kBinary);
  auto text = [&](const Expr& x) { return sql.substr(x.span.begin, x.span.size()); };
  EXPECT_EQ(text(*e), "abs(  x ) + (1+2)");
  EXPECT_EQ(text(*e->As<BinaryExpr>().left), "abs(  x )");
  EXPECT_EQ(text(*e->As<BinaryExpr>().right), "(1+2)");  // parentheses included, as SQLite names columns
}

TEST(ParseExprTest, HeightCountsNodes) {
  EXPECT_EQ(Parse("1")->height, 1);
  EXPECT_EQ(Parse("1 + 2")->height, 2);
  EXPECT_EQ(Parse("(((1)))")->height, 1);
  EXPECT_EQ(Parse("-(1 + 2) * 3")->height, 4);
  EXPECT_EQ(Parse("(SELECT 1 + 2)")->height, 3);
}

TEST(ParseExprTest, TrailingGarbageIsAnError) {
  EXPECT_EQ(P("1 2"), "ERROR: near \"2\": syntax error");
  EXPECT_EQ(P("1 NOT 2"), "ERROR: near \"2\": syntax error");
  EXPECT_EQ(P("1 +"), "ERROR: incomplete input");
  EXPECT_EQ(P(""), "ERROR: incomplete input");
  EXPECT_EQ(P("(1"), "ERROR: incomplete input");
  EXPECT_EQ(P("()"), "ERROR: near \")\": syntax error");
  EXPECT_EQ(P("cast"), "ERROR: incomplete input");
  EXPECT_EQ(P("CASE END"), "ERROR: incomplete input");  // END is a column name, then WHEN is missing
}

}  // namespace
}  // namespace sluice::sql

// Tests of parse errors: SQLite's exact messages, the position of the
// offending token, and ScriptParser's recovery after a bad statement.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sql/ast/to_sql.h"
#include "sql/parser/parser.h"

namespace sluice::sql {
namespace {

ParseError ErrorOf(std::string_view sql) {
  ParseError error;
  auto result = ParseScript(sql, &error);
  EXPECT_FALSE(result.ok()) << sql;
  if (!result.ok()) {
    EXPECT_EQ(result.status().message(), error.message);
  }
  return error;
}

TEST(ParseErrorTest, SyntaxErrorNamesTheToken) {
  ParseError e = ErrorOf("selec 1");
  EXPECT_EQ(e.message, "near \"selec\": syntax error");
  EXPECT_EQ(e.line, 1u);
  EXPECT_EQ(e.column, 1u);
  EXPECT_EQ(e.offset, 0u);
  EXPECT_EQ(e.token, "selec");
  EXPECT_TRUE(e.has_caret);

  e = ErrorOf("select 1 + ;");
  EXPECT_EQ(e.message, "near \";\": syntax error");
  EXPECT_EQ(e.column, 12u);

  e = ErrorOf("SELECT * FROM t WHERE");
  EXPECT_EQ(e.message, "incomplete input");
}

TEST(ParseErrorTest, IncompleteInputAtTheEnd) {
  ParseError e = ErrorOf("select 1 +");
  EXPECT_EQ(e.message, "incomplete input");
  EXPECT_EQ(e.offset, 10u);
  EXPECT_EQ(e.line, 1u);
  EXPECT_EQ(e.column, 11u);
  EXPECT_EQ(e.token, "");
  EXPECT_FALSE(e.has_caret);  // sqlite3 prints no caret for it

  EXPECT_EQ(ErrorOf("select 1 /* x */ + /* y").message, "incomplete input");
  EXPECT_EQ(ErrorOf("select (1").message, "incomplete input");
}

TEST(ParseErrorTest, UnrecognizedTokens) {
  ParseError e = ErrorOf("select 'abc");
  EXPECT_EQ(e.message, "unrecognized token: \"'abc\"");
  EXPECT_EQ(e.column, 8u);
  EXPECT_EQ(e.token, "'abc");
  EXPECT_TRUE(e.has_caret);

  EXPECT_EQ(ErrorOf("select \"abc").message, "unrecognized token: \"\"abc\"");
  EXPECT_EQ(ErrorOf("select [abc").message, "unrecognized token: \"[abc\"");
  EXPECT_EQ(ErrorOf("select x'abc'").message, "unrecognized token: \"x'abc'\"");
  EXPECT_EQ(ErrorOf("select x'zz'").message, "unrecognized token: \"x'zz'\"");
  EXPECT_EQ(ErrorOf("select #").message, "unrecognized token: \"#\"");
  EXPECT_EQ(ErrorOf("select 1e").message, "unrecognized token: \"1e\"");
  EXPECT_EQ(ErrorOf("select 12abc").message, "unrecognized token: \"12abc\"");
  EXPECT_EQ(ErrorOf("select 1 ! 2").message, "unrecognized token: \"!\"");
  EXPECT_EQ(ErrorOf("select 'a\nb").message, "unrecognized token: \"'a\nb\"");
  EXPECT_EQ(ErrorOf("select 1.5.6").message, "near \".6\": syntax error");
}

TEST(ParseErrorTest, PositionsCountLinesOfTheWholeScript) {
  const std::string script = "select 1;\nselect\n 1,\n  2 selec 4,\n 5;\nselect 2;\n";
  ParseError e = ErrorOf(script);
  // `selec` is a bare alias; the error is at 4.
  EXPECT_EQ(e.message, "near \"4\": syntax error");
  EXPECT_EQ(e.line, 4u);
  EXPECT_EQ(e.column, 11u);
  EXPECT_EQ(e.offset, script.find("4,"));
}

TEST(ParseErrorTest, UnterminatedCommentAtTheEndIsFine) {
  auto statements = ParseScript("select 1 /* not closed");
  ASSERT_TRUE(statements.ok());
  EXPECT_EQ(statements->size(), 1u);
  statements = ParseScript("select 1; /* not closed");
  ASSERT_TRUE(statements.ok());
  EXPECT_EQ(statements->size(), 1u);
}

// Runs a script the way a shell does: "ok: <sql>" or "error: <message>".
std::vector<std::string> RunScript(std::string_view script) {
  ScriptParser parser(script);
  std::vector<std::string> out;
  for (int guard = 0; guard < 100; ++guard) {
    auto next = parser.Next();
    if (!next.ok()) {
      out.push_back("error: " + parser.error().message);
      continue;
    }
    if (*next == nullptr) break;
    out.push_back("ok: " + ToSql(**next));
  }
  return out;
}

TEST(ScriptParserTest, ContinuesAfterABadStatement) {
  EXPECT_EQ(RunScript("select 1; selec 2; select 3; select 'x"),
            (std::vector<std::string>{"ok: SELECT 1", "error: near \"selec\": syntax error", "ok: SELECT 3",
                                      "error: unrecognized token: \"'x\""}));
  // The bad statement ends at the next ';' outside strings and comments.
  EXPECT_EQ(RunScript("select 1 + 'a;b' +; /* ; */ select 2;"),
            (std::vector<std::string>{"error: near \";\": syntax error", "ok: SELECT 2"}));
  EXPECT_EQ(RunScript("selec 'a;b' -- ;\n ; select 2"),
            (std::vector<std::string>{"error: near \"selec\": syntax error", "ok: SELECT 2"}));
  // ... and outside a CREATE TRIGGER body.
  EXPECT_EQ(RunScript("create trigger t after insert on x begin selec 1; end; select 2;"),
            (std::vector<std::string>{"error: near \"selec\": syntax error", "ok: SELECT 2"}));
  // An error on the last token before ';' skips just that statement.
  EXPECT_EQ(RunScript("select (1;select 2"),
            (std::vector<std::string>{"error: near \";\": syntax error", "ok: SELECT 2"}));
}

TEST(ScriptParserTest, ReportsWhereEachStatementBegins) {
  const std::string script = "select 1;\n  selec 2;\nselect 3";
  ScriptParser parser(script);
  ASSERT_TRUE(parser.Next().ok());
  EXPECT_EQ(parser.statement_begin(), 0u);
  EXPECT_EQ(parser.position(), 9u);
  EXPECT_FALSE(parser.Next().ok());
  EXPECT_EQ(parser.statement_begin(), 12u);
  EXPECT_EQ(parser.error().line, 2u);
  EXPECT_EQ(parser.error().column, 3u);
  EXPECT_EQ(parser.position(), 20u);  // after the ';'
  auto third = parser.Next();
  ASSERT_TRUE(third.ok());
  ASSERT_NE(*third, nullptr);
  EXPECT_EQ((*third)->sql, "select 3");
  EXPECT_EQ(parser.statement_begin(), 21u);
  auto end = parser.Next();
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(*end, nullptr);
}

TEST(ParseErrorTest, TokensLongerThanTheLengthLimitAreTooBig) {
  // sqlite3 3.40 with `.limit length 20`: a token of 20 bytes passes, one
  // of 21 (a literal with its quotes, a blob, an identifier) fails.
  ParseOptions options;
  options.max_token_length = 20;
  EXPECT_TRUE(ParseStatement("select 'aaaaaaaaaaaaaaaaaa'", nullptr, options).ok());
  for (const char* sql :
       {"select 'aaaaaaaaaaaaaaaaaaa'", "select x'0011223344556677889900112233445566778899'",
        "select 1 as aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "select 123456789012345678901234"}) {
    ParseError e;
    Result<StatementPtr> r = ParseStatement(sql, &e, options);
    ASSERT_FALSE(r.ok()) << sql;
    EXPECT_EQ(r.status().message(), "string or blob too big") << sql;
    EXPECT_EQ(r.status().result_code(), ResultCode::kTooBig) << sql;
    EXPECT_EQ(e.result_code, ResultCode::kTooBig);
    EXPECT_FALSE(e.has_caret);
  }
  // The default is SQLITE_MAX_LENGTH.
  EXPECT_EQ(ParseOptions().max_token_length, 1000000000);
}

}  // namespace
}  // namespace sluice::sql

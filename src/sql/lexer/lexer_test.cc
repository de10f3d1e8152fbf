// Tests of the Lexer: token kinds and texts as SQLite's tokenizer makes
// them, positions (offset, line, column), keywords, and illegal tokens.
#include "sql/lexer/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sql/lexer/keywords.h"
#include "sql/lexer/parse_error.h"

namespace sluice::sql {
namespace {

// "kind:text" for each token of `sql` (comments and whitespace dropped).
std::vector<std::string> Lex(std::string_view sql) {
  Lexer lexer(sql);
  std::vector<std::string> out;
  for (;;) {
    Token t = lexer.Next();
    if (t.kind == TokenKind::kEof) break;
    out.push_back(std::string(TokenKindName(t.kind)) + ":" + std::string(t.text));
  }
  return out;
}

using V = std::vector<std::string>;

TEST(LexerTest, TokensCarryOffsetLineAndColumn) {
  const std::string sql = "SELECT a,\n  b FROM t -- c\n\n/* x\ny */ WHERE";
  Lexer lexer(sql);
  struct Want {
    TokenKind kind;
    std::string text;
    size_t offset;
    uint32_t line, column;
  };
  const Want want[] = {
      {TokenKind::kSelect, "SELECT", 0, 1, 1}, {TokenKind::kIdentifier, "a", 7, 1, 8},
      {TokenKind::kComma, ",", 8, 1, 9},       {TokenKind::kIdentifier, "b", 12, 2, 3},
      {TokenKind::kFrom, "FROM", 14, 2, 5},    {TokenKind::kIdentifier, "t", 19, 2, 10},
      {TokenKind::kWhere, "WHERE", 37, 5, 6},  {TokenKind::kEof, "", 42, 5, 11},
  };
  for (const Want& w : want) {
    Token t = lexer.Next();
    EXPECT_EQ(t.kind, w.kind) << w.text;
    EXPECT_EQ(t.text, w.text);
    EXPECT_EQ(t.offset, w.offset) << w.text;
    EXPECT_EQ(t.line, w.line) << w.text;
    EXPECT_EQ(t.column, w.column) << w.text;
  }
}

TEST(LexerTest, CrLfLinesCountOnce) {
  Lexer lexer("a\r\nb\r\n  c");
  EXPECT_EQ(lexer.Next().line, 1u);
  Token b = lexer.Next();
  EXPECT_EQ(b.line, 2u);
  EXPECT_EQ(b.column, 1u);
  Token c = lexer.Next();
  EXPECT_EQ(c.line, 3u);
  EXPECT_EQ(c.column, 3u);
}

TEST(LexerTest, RawTokensIncludeWhitespaceAndComments) {
  Lexer lexer("a -- x\n/* y */b");
  std::vector<TokenKind> kinds;
  for (Token t = lexer.NextRaw(); t.kind != TokenKind::kEof; t = lexer.NextRaw()) kinds.push_back(t.kind);
  EXPECT_EQ(kinds, (std::vector<TokenKind>{TokenKind::kIdentifier, TokenKind::kWhitespace, TokenKind::kComment,
                                           TokenKind::kWhitespace, TokenKind::kComment, TokenKind::kIdentifier}));
}

TEST(LexerTest, KeywordsAreCaseInsensitive) {
  EXPECT_EQ(Lex("select SeLeCt SELECT"), (V{"SELECT:select", "SELECT:SeLeCt", "SELECT:SELECT"}));
  EXPECT_EQ(Lex("current_timestamp temporary isnull"),
            (V{"CURRENT_TIMESTAMP:current_timestamp", "TEMPORARY:temporary", "ISNULL:isnull"}));
  // Not keywords here (window-function words, and plain words).
  EXPECT_EQ(Lex("over filter window selects"),
            (V{"identifier:over", "identifier:filter", "identifier:window", "identifier:selects"}));
  EXPECT_EQ(KeywordCount(), 144);  // SQLite 3.40's 147 less WINDOW, OVER, FILTER
  EXPECT_TRUE(IsFallbackKeyword(TokenKind::kKey));
  EXPECT_TRUE(IsFallbackKeyword(TokenKind::kReplace));
  EXPECT_FALSE(IsFallbackKeyword(TokenKind::kSelect));
  EXPECT_FALSE(IsFallbackKeyword(TokenKind::kLeft));  // JOIN_KW: a name only in some places
}

TEST(LexerTest, EveryKeywordIsFoundInAnyCaseAndNothingElse) {
  for (int i = 0; i < KeywordCount(); ++i) {
    TokenKind kind = static_cast<TokenKind>(static_cast<int>(kFirstKeyword) + i);
    std::string upper(KeywordSpelling(kind));
    std::string lower = upper;
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    EXPECT_EQ(LookupKeyword(upper), kind) << upper;
    EXPECT_EQ(LookupKeyword(lower), kind) << lower;
    // Near misses: one character longer, shorter, or changed.
    EXPECT_EQ(LookupKeyword(upper + "X"), std::nullopt) << upper;
    if (upper.size() > 2) {
      EXPECT_NE(LookupKeyword(upper.substr(0, upper.size() - 1)), kind) << upper;
    }
    std::string changed = upper;
    changed[changed.size() / 2] = '_';
    EXPECT_EQ(LookupKeyword(changed), std::nullopt) << changed;
  }
  EXPECT_EQ(LookupKeyword(""), std::nullopt);
  EXPECT_EQ(LookupKeyword("A"), std::nullopt);
  EXPECT_EQ(LookupKeyword("CURRENT_TIMESTAMPX"), std::nullopt);
}

TEST(LexerTest, Identifiers) {
  EXPECT_EQ(Lex("abc _x a1$ \"a b\" [c d] `e`"), (V{"identifier:abc", "identifier:_x", "identifier:a1$",
                                                    "identifier:\"a b\"", "identifier:[c d]", "identifier:`e`"}));
  EXPECT_EQ(Lex("\"a\"\"b\" `c``d` [e\"f]"), (V{"identifier:\"a\"\"b\"", "identifier:`c``d`", "identifier:[e\"f]"}));
  EXPECT_EQ(Dequote("\"a\"\"b\""), "a\"b");
  EXPECT_EQ(Dequote("`c``d`"), "c`d");
  EXPECT_EQ(Dequote("[e\"f]"), "e\"f");
  EXPECT_EQ(Dequote("'it''s'"), "it's");
  EXPECT_EQ(Dequote("plain"), "plain");
  EXPECT_EQ(Dequote("\"\""), "");
  // Bytes >= 0x80 are identifier characters (UTF-8 names).
  EXPECT_EQ(Lex("caf\xC3\xA9"), (V{"identifier:caf\xC3\xA9"}));
  // x is a plain identifier unless a quote follows.
  EXPECT_EQ(Lex("x xy X"), (V{"identifier:x", "identifier:xy", "identifier:X"}));
}

TEST(LexerTest, Numbers) {
  EXPECT_EQ(Lex("0 42 0x1F 0XaB 1.5 .5 1. 1e10 1E+3 1.e3 2.5e-3"),
            (V{"integer:0", "integer:42", "integer:0x1F", "integer:0XaB", "float:1.5", "float:.5", "float:1.",
               "float:1e10", "float:1E+3", "float:1.e3", "float:2.5e-3"}));
  // SQLite's quirks: a number running into letters is illegal; hex stops at
  // its last hex digit; 1.5.6 is 1.5 then .6.
  EXPECT_EQ(Lex("12abc"), (V{"illegal token:12abc"}));
  EXPECT_EQ(Lex("1e"), (V{"illegal token:1e"}));
  EXPECT_EQ(Lex("0x"), (V{"illegal token:0x"}));
  EXPECT_EQ(Lex("0x1g"), (V{"integer:0x1", "identifier:g"}));
  EXPECT_EQ(Lex("1.5.6"), (V{"float:1.5", "float:.6"}));
  EXPECT_EQ(Lex("1e+"), (V{"illegal token:1e", "'+':+"}));
  EXPECT_EQ(Lex("a.b"), (V{"identifier:a", "'.':.", "identifier:b"}));
}

TEST(LexerTest, StringsAndBlobs) {
  EXPECT_EQ(Lex("'abc' 'it''s' ''"), (V{"string:'abc'", "string:'it''s'", "string:''"}));
  EXPECT_EQ(Lex("X'0aFF' x'' X'1'"), (V{"blob:X'0aFF'", "blob:x''", "illegal token:X'1'"}));
  EXPECT_EQ(Lex("x'zz' 1"), (V{"illegal token:x'zz'", "integer:1"}));
  EXPECT_EQ(Lex("'abc"), (V{"illegal token:'abc"}));
  EXPECT_EQ(Lex("\"abc"), (V{"illegal token:\"abc"}));
  EXPECT_EQ(Lex("[abc"), (V{"illegal token:[abc"}));
  EXPECT_EQ(Lex("x'ab"), (V{"illegal token:x'ab"}));
}

TEST(LexerTest, Parameters) {
  EXPECT_EQ(Lex("? ?12 :name @n $v $a::b(c) :"), (V{"parameter:?", "parameter:?12", "parameter::name", "parameter:@n",
                                                    "parameter:$v", "parameter:$a::b(c)", "illegal token::"}));
  EXPECT_EQ(Lex("#"), (V{"illegal token:#"}));
}

TEST(LexerTest, Operators) {
  EXPECT_EQ(Lex("|| * / % + - << >> & | < <= > >= = == != <> ~ . , ; ( ) -> ->>"),
            (V{"'||':||", "'*':*", "'/':/",   "'%':%", "'+':+",   "'-':-", "'<<':<<", "'>>':>>",  "'&':&",
               "'|':|",   "'<':<", "'<=':<=", "'>':>", "'>=':>=", "'=':=", "'=':==",  "'!=':!=",  "'!=':<>",
               "'~':~",   "'.':.", "',':,",   "';':;", "'(':(",   "')':)", "'->':->", "'->>':->>"}));
  EXPECT_EQ(Lex("!"), (V{"illegal token:!"}));
  EXPECT_EQ(Lex("a-b--c"), (V{"identifier:a", "'-':-", "identifier:b"}));
}

TEST(LexerTest, Comments) {
  EXPECT_EQ(Lex("a /* b */ c -- d\ne"), (V{"identifier:a", "identifier:c", "identifier:e"}));
  // An unterminated block comment simply runs to the end of the input.
  EXPECT_EQ(Lex("a /* b c"), (V{"identifier:a"}));
  EXPECT_EQ(Lex("a /*/ b */ c"), (V{"identifier:a", "identifier:c"}));
}

TEST(LexerTest, NulEndsTheInput) { EXPECT_EQ(Lex(std::string_view("a\0b", 3)), (V{"identifier:a"})); }

TEST(LexerTest, TokenizeReportsTheFirstIllegalToken) {
  ParseError error;
  auto tokens = Tokenize("select 1,\n  'abc", &error);
  ASSERT_FALSE(tokens.ok());
  EXPECT_EQ(tokens.status().message(), "unrecognized token: \"'abc\"");
  EXPECT_EQ(error.message, "unrecognized token: \"'abc\"");
  EXPECT_EQ(error.line, 2u);
  EXPECT_EQ(error.column, 3u);
  EXPECT_EQ(error.offset, 12u);
  EXPECT_EQ(error.token, "'abc");
  EXPECT_TRUE(error.has_caret);

  auto ok = Tokenize("select 1 -- fine");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->size(), 2u);
}

TEST(LexerTest, LineAndColumnOfOffset) {
  uint32_t line = 0, column = 0;
  LineAndColumn("ab\ncd\n", 4, &line, &column);
  EXPECT_EQ(line, 2u);
  EXPECT_EQ(column, 2u);
  LineAndColumn("ab", 99, &line, &column);
  EXPECT_EQ(line, 1u);
  EXPECT_EQ(column, 3u);
}

}  // namespace
}  // namespace sluice::sql

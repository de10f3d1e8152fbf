// Tests of the output-mode quoting helpers; cases checked against sqlite3 3.40.1.
#include "shell/text_escape.h"

#include <gtest/gtest.h>

#include <limits>

namespace sluice::shell {
namespace {

std::string Csv(std::string_view s, std::string_view sep = ",") {
  std::string out;
  AppendCsvField(s, sep, &out);
  return out;
}

TEST(TextEscapeTest, CsvQuotesOnlyWhenNeeded) {
  EXPECT_EQ(Csv("plain"), "plain");
  EXPECT_EQ(Csv(""), "\"\"");        // sqlite3 -csv: select '';
  EXPECT_EQ(Csv("a b"), "\"a b\"");  // a space forces quotes
  EXPECT_EQ(Csv("''"), "\"''\"");
  EXPECT_EQ(Csv("x,y"), "\"x,y\"");
  EXPECT_EQ(Csv("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(Csv("h\xc3\xa9"), "\"h\xc3\xa9\"");
  EXPECT_EQ(Csv("a|b"), "a|b");
  EXPECT_EQ(Csv("a|b", "|"), "\"a|b\"");
  EXPECT_EQ(Csv(std::string_view("A\0B", 3)), "A");  // C string
}

TEST(TextEscapeTest, JsonEscapes) {
  std::string out;
  AppendJsonString(std::string_view("a\"\\\b\f\n\r\t\x01z\0", 11), &out);
  EXPECT_EQ(out, "\"a\\\"\\\\\\b\\f\\n\\r\\t\\u0001z\\u0000\"");
}

TEST(TextEscapeTest, QuotedStrings) {
  std::string out;
  AppendQuotedString("it's", &out);
  EXPECT_EQ(out, "'it''s'");
  out.clear();
  // sqlite3 .mode insert: select 'a'||char(10)||'b''c'||char(13);
  AppendQuotedEscapedString("a\nb'c\r", &out);
  EXPECT_EQ(out, "replace(replace('a\\nb''c\\r','\\r',char(13)),'\\n',char(10))");
  out.clear();
  AppendQuotedEscapedString("\\n\n", &out);
  EXPECT_EQ(out, "replace('\\n\\012','\\012',char(10))");
}

TEST(TextEscapeTest, HexBlobAndReal20) {
  std::string out;
  AppendHexBlob(std::string_view("A\0\xff", 3), &out);
  EXPECT_EQ(out, "X'4100ff'");  // sqlite3 -quote: select x'4100FF';
  out.clear();
  AppendReal20(0.1, &out);
  EXPECT_EQ(out, "0.10000000000000000555");
  out.clear();
  AppendReal20(9.2e18, &out);
  EXPECT_EQ(out, "9199999999999999999.8");  // sqlite3 -quote: select 9.2e18;
  out.clear();
  AppendReal20(100.0, &out);
  EXPECT_EQ(out, "100.0");
}

TEST(TextEscapeTest, InsertReal) {
  // sqlite3 -cmd '.mode insert': select 1e308*10, -1e308*10,
  // -9.2233720368547758e18, 9.2233720368547758e18, 2.0, 1e20, 0.1, -0.0;
  auto f = [](double v) {
    std::string out;
    AppendInsertReal(v, &out);
    return out;
  };
  EXPECT_EQ(f(std::numeric_limits<double>::infinity()), "1e999");
  EXPECT_EQ(f(-std::numeric_limits<double>::infinity()), "-1e999");
  EXPECT_EQ(f(-9223372036854775808.0), "-9223372036854775808.0");
  EXPECT_EQ(f(9223372036854775808.0), "9223372036854775807.8");
  EXPECT_EQ(f(2.0), "2.0");
  EXPECT_EQ(f(1e20), "1.0e+20");
  EXPECT_EQ(f(0.1), "0.10000000000000000555");
  EXPECT_EQ(f(-0.0), "0.0");
}

TEST(TextEscapeTest, NameQuoting) {
  EXPECT_EQ(QuoteNameIfNeeded("abc_1"), "abc_1");
  EXPECT_EQ(QuoteNameIfNeeded("table"), "\"table\"");
  EXPECT_EQ(QuoteNameIfNeeded("a+1"), "\"a+1\"");
  EXPECT_EQ(QuoteNameIfNeeded("1a"), "\"1a\"");
  EXPECT_EQ(DoubleQuoted("a\"b"), "\"a\"\"b\"");
}

}  // namespace
}  // namespace sluice::shell

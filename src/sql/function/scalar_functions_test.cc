// Tests of the scalar functions; every row was checked with sqlite3 3.40.
#include "sql/function/scalar_functions.h"

#include <gtest/gtest.h>

#include <string>

#include "sql/function/function_test_util.h"
#include "sql/value/length_limit.h"

namespace sluice::sql {
namespace {

using namespace sluice::sql::testing;

TEST(ScalarFunctionsTest, AbsAndRound) {
  const ExprCase cases[] = {
      {"abs(-3)", Fn("abs", {I(-3)}), "3", "integer"},
      {"abs('-3abc')", Fn("abs", {T("-3abc")}), "3.0", "real"},
      {"abs('abc')", Fn("abs", {T("abc")}), "0.0", "real"},
      {"abs(NULL)", Fn("abs", {N()}), "", "null"},
      {"abs(-3.5)", Fn("abs", {R(-3.5)}), "3.5", "real"},
      {"abs(x'2d33')", Fn("abs", {B("-3")}), "3.0", "real"},
      {"abs('-3.0')", Fn("abs", {T("-3.0")}), "3.0", "real"},
      {"round(2.5)", Fn("round", {R(2.5)}), "3.0", "real"},
      {"round(-2.5)", Fn("round", {R(-2.5)}), "-3.0", "real"},
      {"round(1.005, 2)", Fn("round", {R(1.005), I(2)}), "1.01", "real"},
      {"round(2.675, 2)", Fn("round", {R(2.675), I(2)}), "2.68", "real"},
      {"round(5)", Fn("round", {I(5)}), "5.0", "real"},
      {"round(1234.5678, -2)", Fn("round", {R(1234.5678), I(-2)}), "1235.0", "real"},
      {"round('3.7abc')", Fn("round", {T("3.7abc")}), "4.0", "real"},
      {"round(NULL)", Fn("round", {N()}), "", "null"},
      {"round(1e300, 2)", Fn("round", {R(1e300), I(2)}), "1.0e+300", "real"},
      {"round(0.5)", Fn("round", {R(0.5)}), "1.0", "real"},
      {"round(-0.5)", Fn("round", {R(-0.5)}), "-1.0", "real"},
      {"round(1.23456789, 30)", Fn("round", {R(1.23456789), I(30)}), "1.23456789", "real"},
      {"round(2.5, NULL)", Fn("round", {R(2.5), N()}), "", "null"},
      {"round(123.456, 1.9)", Fn("round", {R(123.456), R(1.9)}), "123.5", "real"},
      {"round(9007199254740993)", Fn("round", {I(9007199254740993)}), "9.00719925474099e+15", "real"},
  };
  ExpectCases(cases);
  EXPECT_EQ(FnError("abs", {I(INT64_MIN)}), "integer overflow");
}

TEST(ScalarFunctionsTest, Substr) {
  const ExprCase cases[] = {
      {"substr('hello', 2)", Fn("substr", {T("hello"), I(2)}), "ello", "text"},
      {"substr('hello', 2, 2)", Fn("substr", {T("hello"), I(2), I(2)}), "el", "text"},
      {"substr('hello', 0, 2)", Fn("substr", {T("hello"), I(0), I(2)}), "h", "text"},
      {"substr('hello', -2)", Fn("substr", {T("hello"), I(-2)}), "lo", "text"},
      {"substr('hello', -2, 1)", Fn("substr", {T("hello"), I(-2), I(1)}), "l", "text"},
      {"substr('hello', 2, -1)", Fn("substr", {T("hello"), I(2), I(-1)}), "h", "text"},
      {"substr('hello', 0)", Fn("substr", {T("hello"), I(0)}), "hello", "text"},
      {"substr('hello', -10, 3)", Fn("substr", {T("hello"), I(-10), I(3)}), "", "text"},
      {"substr('hello', 3, -5)", Fn("substr", {T("hello"), I(3), I(-5)}), "he", "text"},
      {"substr(x'010203', 2, 1)", Fn("substr", {B("\x01\x02\x03"), I(2), I(1)}), "\x02", "blob"},
      {"substr('héllo', 2, 2)", Fn("substr", {T("héllo"), I(2), I(2)}), "él", "text"},
      {"substr(12345, 2, 3)", Fn("substr", {I(12345), I(2), I(3)}), "234", "text"},
      {"substr('abc', NULL)", Fn("substr", {T("abc"), N()}), "", "null"},
      {"substr('hello', 1.9)", Fn("substr", {T("hello"), R(1.9)}), "hello", "text"},
      {"substr('hello', 6)", Fn("substr", {T("hello"), I(6)}), "", "text"},
      {"substr('hello', -5, -1)", Fn("substr", {T("hello"), I(-5), I(-1)}), "", "text"},
      {"substring('hello', 2, 3)", Fn("substring", {T("hello"), I(2), I(3)}), "ell", "text"},
      {"substr(NULL, 1)", Fn("substr", {N(), I(1)}), "", "null"},
      {"substr(x'0102', 5)", Fn("substr", {B("\x01\x02"), I(5)}), "", "blob"},
  };
  ExpectCases(cases);
}

TEST(ScalarFunctionsTest, LengthCaseTrim) {
  const ExprCase cases[] = {
      {"length('héllo')", Fn("length", {T("héllo")}), "5", "integer"},
      {"length(x'0001')", Fn("length", {B(std::string("\0\x01", 2))}), "2", "integer"},
      {"length(123)", Fn("length", {I(123)}), "3", "integer"},
      {"length(1.5)", Fn("length", {R(1.5)}), "3", "integer"},
      {"length(NULL)", Fn("length", {N()}), "", "null"},
      {"length('')", Fn("length", {T("")}), "0", "integer"},
      {"length('a'||char(0)||'b')", Fn("length", {T(std::string("a\0b", 3))}), "1", "integer"},
      {"lower('ABC É')", Fn("lower", {T("ABC É")}), "abc É", "text"},
      {"upper('abc é')", Fn("upper", {T("abc é")}), "ABC é", "text"},
      {"upper(1)", Fn("upper", {I(1)}), "1", "text"},
      {"upper(NULL)", Fn("upper", {N()}), "", "null"},
      {"trim('  a  ')", Fn("trim", {T("  a  ")}), "a", "text"},
      {"ltrim('  a  ')", Fn("ltrim", {T("  a  ")}), "a  ", "text"},
      {"rtrim('  a  ')", Fn("rtrim", {T("  a  ")}), "  a", "text"},
      {"trim('xxaxx', 'x')", Fn("trim", {T("xxaxx"), T("x")}), "a", "text"},
      {"trim('abcba', 'ab')", Fn("trim", {T("abcba"), T("ab")}), "c", "text"},
      {"ltrim(123, '1')", Fn("ltrim", {I(123), T("1")}), "23", "text"},
      {"trim(NULL)", Fn("trim", {N()}), "", "null"},
      {"trim('a', NULL)", Fn("trim", {T("a"), N()}), "", "null"},
      {"trim('éaé', 'é')", Fn("trim", {T("éaé"), T("é")}), "a", "text"},
      {"trim(char(9)||'a ')", Fn("trim", {T("\ta ")}), "\ta", "text"},
  };
  ExpectCases(cases);
}

TEST(ScalarFunctionsTest, ReplaceInstrHexQuote) {
  const ExprCase cases[] = {
      {"replace('abcabc', 'b', 'XY')", Fn("replace", {T("abcabc"), T("b"), T("XY")}), "aXYcaXYc", "text"},
      {"replace('abc', '', 'x')", Fn("replace", {T("abc"), T(""), T("x")}), "abc", "text"},
      {"replace(123, '', 'x')", Fn("replace", {I(123), T(""), T("x")}), "123", "integer"},
      {"replace(NULL, 'a', 'b')", Fn("replace", {N(), T("a"), T("b")}), "", "null"},
      {"replace('aaa', 'a', NULL)", Fn("replace", {T("aaa"), T("a"), N()}), "", "null"},
      {"replace(123, 2, 9)", Fn("replace", {I(123), I(2), I(9)}), "193", "text"},
      {"replace('aaaa', 'aa', 'b')", Fn("replace", {T("aaaa"), T("aa"), T("b")}), "bb", "text"},
      {"instr('hello', 'l')", Fn("instr", {T("hello"), T("l")}), "3", "integer"},
      {"instr('hello', '')", Fn("instr", {T("hello"), T("")}), "1", "integer"},
      {"instr('héllo', 'l')", Fn("instr", {T("héllo"), T("l")}), "3", "integer"},
      {"instr(x'010203', x'03')", Fn("instr", {B("\x01\x02\x03"), B("\x03")}), "3", "integer"},
      {"instr(NULL, 'a')", Fn("instr", {N(), T("a")}), "", "null"},
      {"instr('a', 'z')", Fn("instr", {T("a"), T("z")}), "0", "integer"},
      {"instr(12345, 34)", Fn("instr", {I(12345), I(34)}), "3", "integer"},
      {"hex('abc')", Fn("hex", {T("abc")}), "616263", "text"},
      {"hex(x'00ff')", Fn("hex", {B(std::string("\0\xff", 2))}), "00FF", "text"},
      {"hex(12)", Fn("hex", {I(12)}), "3132", "text"},
      {"hex(1.5)", Fn("hex", {R(1.5)}), "312E35", "text"},
      {"hex(NULL)", Fn("hex", {N()}), "", "text"},
      {"quote('it''s')", Fn("quote", {T("it's")}), "'it''s'", "text"},
      {"quote(1.5)", Fn("quote", {R(1.5)}), "1.5", "text"},
      {"quote(12)", Fn("quote", {I(12)}), "12", "text"},
      {"quote(NULL)", Fn("quote", {N()}), "NULL", "text"},
      {"quote(x'00ff')", Fn("quote", {B(std::string("\0\xff", 2))}), "X'00FF'", "text"},
      {"quote(1e20)", Fn("quote", {R(1e20)}), "1.0e+20", "text"},
      {"quote(1.0/3)", Fn("quote", {R(1.0 / 3)}), "3.33333333333333314829e-01", "text"},
      {"quote(-0.0)", Fn("quote", {R(-0.0)}), "0.0", "text"},
  };
  ExpectCases(cases);
}

TEST(ScalarFunctionsTest, NullHandlingAndChoice) {
  const ExprCase cases[] = {
      {"min(1, 2.5, '0')", Fn("min", {I(1), R(2.5), T("0")}), "1", "integer"},
      {"max(1, 'a', x'42')", Fn("max", {I(1), T("a"), B("B")}), "B", "blob"},
      {"min(1, NULL)", Fn("min", {I(1), N()}), "", "null"},
      {"max(3, 2)", Fn("max", {I(3), I(2)}), "3", "integer"},
      {"min('b', 'B')", Fn("min", {T("b"), T("B")}), "B", "text"},
      {"min(1, 1.0)", Fn("min", {I(1), R(1.0)}), "1.0", "real"},
      {"max(1, 1.0)", Fn("max", {I(1), R(1.0)}), "1", "integer"},
      {"coalesce(NULL, NULL, 3)", Fn("coalesce", {N(), N(), I(3)}), "3", "integer"},
      {"coalesce(NULL, NULL)", Fn("coalesce", {N(), N()}), "", "null"},
      {"ifnull(NULL, 2)", Fn("ifnull", {N(), I(2)}), "2", "integer"},
      {"nullif(1, 1)", Fn("nullif", {I(1), I(1)}), "", "null"},
      {"nullif(1, 2)", Fn("nullif", {I(1), I(2)}), "1", "integer"},
      {"nullif(1, 1.0)", Fn("nullif", {I(1), R(1.0)}), "", "null"},
      {"nullif(NULL, 1)", Fn("nullif", {N(), I(1)}), "", "null"},
      {"iif(1, 'a', 'b')", Fn("iif", {I(1), T("a"), T("b")}), "a", "text"},
      {"iif(NULL, 'a', 'b')", Fn("iif", {N(), T("a"), T("b")}), "b", "text"},
      {"iif('0.0', 'a', 'b')", Fn("iif", {T("0.0"), T("a"), T("b")}), "b", "text"},
      {"typeof(x'00')", Fn("typeof", {B(std::string(1, '\0'))}), "blob", "text"},
      {"typeof(NULL)", Fn("typeof", {N()}), "null", "text"},
      {"typeof(1.0)", Fn("typeof", {R(1.0)}), "real", "text"},
      {"likely(5)", Fn("likely", {I(5)}), "5", "integer"},
      {"sign(-2.5)", Fn("sign", {R(-2.5)}), "-1", "integer"},
      {"sign('abc')", Fn("sign", {T("abc")}), "", "null"},
      {"sign(' 3 ')", Fn("sign", {T(" 3 ")}), "1", "integer"},
      {"sign('3x')", Fn("sign", {T("3x")}), "", "null"},
      {"sign(x'33')", Fn("sign", {B("3")}), "", "null"},
      {"sign(-0.0)", Fn("sign", {R(-0.0)}), "0", "integer"},
      {"sign(NULL)", Fn("sign", {N()}), "", "null"},
  };
  ExpectCases(cases);
}

TEST(ScalarFunctionsTest, CharUnicodeBlobs) {
  const ExprCase cases[] = {
      {"char(72, 233, 0x10000)", Fn("char", {I(72), I(233), I(0x10000)}), "Hé\xf0\x90\x80\x80", "text"},
      {"char()", Fn("char", {}), "", "text"},
      {"char(-1)", Fn("char", {I(-1)}), "\xef\xbf\xbd", "text"},
      {"char(0x110000)", Fn("char", {I(0x110000)}), "\xef\xbf\xbd", "text"},
      {"hex(char(0xd800))", Fn("hex", {Fn("char", {I(0xd800)})}), "EDA080", "text"},
      {"hex(char(0))", Fn("hex", {Fn("char", {I(0)})}), "00", "text"},
      {"unicode('é')", Fn("unicode", {T("é")}), "233", "integer"},
      {"unicode('')", Fn("unicode", {T("")}), "", "null"},
      {"unicode(NULL)", Fn("unicode", {N()}), "", "null"},
      {"length(zeroblob(3))", Fn("length", {Fn("zeroblob", {I(3)})}), "3", "integer"},
      {"hex(zeroblob(2))", Fn("hex", {Fn("zeroblob", {I(2)})}), "0000", "text"},
      {"length(zeroblob(-1))", Fn("length", {Fn("zeroblob", {I(-1)})}), "0", "integer"},
      {"length(randomblob(0))", Fn("length", {Fn("randomblob", {I(0)})}), "1", "integer"},
      {"typeof(randomblob(4))", Fn("typeof", {Fn("randomblob", {I(4)})}), "blob", "text"},
      {"typeof(random())", Fn("typeof", {Fn("random", {})}), "integer", "text"},
      {"like('a%', 'abc')", Fn("like", {T("a%"), T("abc")}), "1", "integer"},
      {"like('a', 'A', '#')", Fn("like", {T("a"), T("A"), T("#")}), "1", "integer"},
      {"glob('a?c', 'abc')", Fn("glob", {T("a?c"), T("abc")}), "1", "integer"},
  };
  ExpectCases(cases);
  EXPECT_EQ(FnError("zeroblob", {I(2000000000)}), "string or blob too big");
  EXPECT_EQ(FnError("like", {T("a"), T("a"), T("xx")}), "ESCAPE expression must be a single character");
  EXPECT_NE(Fn("random", {}).integer(), INT64_MIN);
}

TEST(ScalarFunctionsTest, Printf) {
  const ExprCase cases[] = {
      {"printf('%d|%5.2f|%s|%x|%c|%%|%q|%Q|%Q', 42, 3.14159, 'hi', 255, 'xyz', 'it''s', 'it''s', NULL)",
       Fn("printf", {T("%d|%5.2f|%s|%x|%c|%%|%q|%Q|%Q"), I(42), R(3.14159), T("hi"), I(255), T("xyz"), T("it's"),
                     T("it's"), N()}),
       "42| 3.14|hi|ff|x|%|it''s|'it''s'|NULL", "text"},
      {"printf('%d', '12abc')", Fn("printf", {T("%d"), T("12abc")}), "12", "text"},
      {"printf('%s', 1.5)", Fn("printf", {T("%s"), R(1.5)}), "1.5", "text"},
      {"printf('%.3f', 0.0625)", Fn("printf", {T("%.3f"), R(0.0625)}), "0.063", "text"},
      {"printf(NULL)", Fn("printf", {N()}), "", "null"},
      {"printf('%5s|%-5s|', 'a', 'b')", Fn("printf", {T("%5s|%-5s|"), T("a"), T("b")}), "    a|b    |", "text"},
      {"format('%05d', 42)", Fn("format", {T("%05d"), I(42)}), "00042", "text"},
      {"printf('%+d', 5)", Fn("printf", {T("%+d"), I(5)}), "+5", "text"},
      {"printf('%,d', 1234567)", Fn("printf", {T("%,d"), I(1234567)}), "1,234,567", "text"},
      {"printf('%s %d')", Fn("printf", {T("%s %d")}), " 0", "text"},
      {"printf('%*d|%-*d|%.*f', 5, 1, 4, 2, 2, 3.14159)",
       Fn("printf", {T("%*d|%-*d|%.*f"), I(5), I(1), I(4), I(2), I(2), R(3.14159)}), "    1|2   |3.14", "text"},
      {"printf('%08.2f|%#x|%#o|%X|%u', -3.14159, 255, 8, 255, -1)",
       Fn("printf", {T("%08.2f|%#x|%#o|%X|%u"), R(-3.14159), I(255), I(8), I(255), I(-1)}),
       "-0003.14|0xff|010|FF|18446744073709551615", "text"},
      {"printf('%10.4s|%.2q|%w|%.3c', 'abcdefg', 'it''s', 'a\"b', 'y')",
       Fn("printf", {T("%10.4s|%.2q|%w|%.3c"), T("abcdefg"), T("it's"), T("a\"b"), T("y")}), "      abcd|it|a\"\"b|yyy",
       "text"},
      {"printf('%q|%w', NULL, NULL)", Fn("printf", {T("%q|%w"), N(), N()}), "(NULL)|(NULL)", "text"},
      {"printf('a%yb', 1)", Fn("printf", {T("a%yb"), I(1)}), "a", "text"},
  };
  ExpectCases(cases);
}

TEST(ScalarFunctionsTest, ValueProducersHonourTheLengthLimit) {
  ScopedMaxValueLengthForTesting limit(20);
  EXPECT_EQ(FnError("replace", {T("aaaaaaaaaaa"), T("a"), T("bb")}), "string or blob too big");
  EXPECT_EQ(Fn("replace", {T("aaaaaaaaaa"), T("a"), T("bb")}).DebugString(), "'bbbbbbbbbbbbbbbbbbbb'");
  EXPECT_EQ(FnError("hex", {T("aaaaaaaaaaa")}), "string or blob too big");
  EXPECT_EQ(Fn("hex", {T("aaaaaaaaaa")}).DebugString(), "'61616161616161616161'");
  EXPECT_EQ(FnError("quote", {T("aaaaaaaaaaaaaaaaaaa")}), "string or blob too big");
  EXPECT_EQ(FnError("printf", {T("%30s"), T("a")}), "string or blob too big");
  EXPECT_EQ(FnError("zeroblob", {I(21)}), "string or blob too big");
  EXPECT_EQ(FnError("randomblob", {I(21)}), "string or blob too big");
  std::vector<Value> many(21, I(65));
  EXPECT_EQ(FnError("char", many), "string or blob too big");
}

}  // namespace
}  // namespace sluice::sql

// Tests of ResultFormatter: every output mode on one result that exercises
// NULLs, quotes, separators, newlines, tabs, UTF-8, a BLOB with a NUL and
// REALs. The expected texts are sqlite3 3.40.1's output for
//   create table t(a, b, c);
//   insert into t values (1, 'hello', 2.5), (NULL, 'a "q" b', -3),
//     (12345, '', 1e20), (-7, 'x,y', NULL), (0, 'multi\nline', 0.1),
//     (2, 'tab\there', 'héllo'), (3, x'41004243', 100.0);
//   .headers on|off
//   .mode MODE
//   select a, b as bee, c, a+1 from t;
// captured byte for byte (see the generator in tests/shell/README.md).
#include "shell/result_formatter.h"

#include <gtest/gtest.h>

namespace sluice::shell {
namespace {

std::vector<std::vector<Cell>> SampleRows() {
  return {
      {Cell::Integer("1"), Cell::Text("hello"), Cell::Real(2.5, "2.5"), Cell::Integer("2")},
      {Cell::Null(), Cell::Text("a \"q\" b"), Cell::Integer("-3"), Cell::Null()},
      {Cell::Integer("12345"), Cell::Text(""), Cell::Real(1e20, "1.0e+20"), Cell::Integer("12346")},
      {Cell::Integer("-7"), Cell::Text("x,y"), Cell::Null(), Cell::Integer("-6")},
      {Cell::Integer("0"), Cell::Text("multi\nline"), Cell::Real(0.1, "0.1"), Cell::Integer("1")},
      {Cell::Integer("2"), Cell::Text("tab\there"), Cell::Text("h\xc3\xa9llo"), Cell::Integer("3")},
      {Cell::Integer("3"), Cell::Blob(std::string("A\0BC", 4)), Cell::Real(100.0, "100.0"), Cell::Integer("4")},
  };
}

std::string Format(std::string_view mode, bool header, const std::vector<std::string>& names,
                   const std::vector<std::vector<Cell>>& rows, OutputSettings* settings = nullptr) {
  OutputSettings local;
  OutputSettings& s = settings ? *settings : local;
  EXPECT_TRUE(ApplyMode(mode, "", ColumnOptions{60, false, false}, true, &s)) << mode;
  s.show_header = header;
  std::string out;
  ResultFormatter f(&s, names, &out);
  for (const auto& row : rows) f.Row(row);
  f.Finish();
  return out;
}

struct ModeCase {
  const char* mode;
  bool header;
  const char* expected;
};

const ModeCase kCases[] = {
    {"list", false,
     "1|hello|2.5|2\n"
     "|a \"q\" b|-3|\n"
     "12345||1.0e+20|12346\n"
     "-7|x,y||-6\n"
     "0|multi\n"
     "line|0.1|1\n"
     "2|tab\there|h\xc3""\xa9""llo|3\n"
     "3|A|100.0|4\n"},
    {"list", true,
     "a|bee|c|a+1\n"
     "1|hello|2.5|2\n"
     "|a \"q\" b|-3|\n"
     "12345||1.0e+20|12346\n"
     "-7|x,y||-6\n"
     "0|multi\n"
     "line|0.1|1\n"
     "2|tab\there|h\xc3""\xa9""llo|3\n"
     "3|A|100.0|4\n"},
    {"csv", false,
     "1,hello,2.5,2\r\n"
     ",\"a \"\"q\"\" b\",-3,\r\n"
     "12345,\"\",1.0e+20,12346\r\n"
     "-7,\"x,y\",,-6\r\n"
     "0,\"multi\n"
     "line\",0.1,1\r\n"
     "2,\"tab\there\",\"h\xc3""\xa9""llo\",3\r\n"
     "3,A,100.0,4\r\n"},
    {"csv", true,
     "a,bee,c,a+1\r\n"
     "1,hello,2.5,2\r\n"
     ",\"a \"\"q\"\" b\",-3,\r\n"
     "12345,\"\",1.0e+20,12346\r\n"
     "-7,\"x,y\",,-6\r\n"
     "0,\"multi\n"
     "line\",0.1,1\r\n"
     "2,\"tab\there\",\"h\xc3""\xa9""llo\",3\r\n"
     "3,A,100.0,4\r\n"},
    {"tabs", false,
     "1\thello\t2.5\t2\n"
     "\ta \"q\" b\t-3\t\n"
     "12345\t\t1.0e+20\t12346\n"
     "-7\tx,y\t\t-6\n"
     "0\tmulti\n"
     "line\t0.1\t1\n"
     "2\ttab\there\th\xc3""\xa9""llo\t3\n"
     "3\tA\t100.0\t4\n"},
    {"tabs", true,
     "a\tbee\tc\ta+1\n"
     "1\thello\t2.5\t2\n"
     "\ta \"q\" b\t-3\t\n"
     "12345\t\t1.0e+20\t12346\n"
     "-7\tx,y\t\t-6\n"
     "0\tmulti\n"
     "line\t0.1\t1\n"
     "2\ttab\there\th\xc3""\xa9""llo\t3\n"
     "3\tA\t100.0\t4\n"},
    {"line", false,
     "    a = 1\n"
     "  bee = hello\n"
     "    c = 2.5\n"
     "  a+1 = 2\n"
     "\n"
     "    a = \n"
     "  bee = a \"q\" b\n"
     "    c = -3\n"
     "  a+1 = \n"
     "\n"
     "    a = 12345\n"
     "  bee = \n"
     "    c = 1.0e+20\n"
     "  a+1 = 12346\n"
     "\n"
     "    a = -7\n"
     "  bee = x,y\n"
     "    c = \n"
     "  a+1 = -6\n"
     "\n"
     "    a = 0\n"
     "  bee = multi\n"
     "line\n"
     "    c = 0.1\n"
     "  a+1 = 1\n"
     "\n"
     "    a = 2\n"
     "  bee = tab\there\n"
     "    c = h\xc3""\xa9""llo\n"
     "  a+1 = 3\n"
     "\n"
     "    a = 3\n"
     "  bee = A\n"
     "    c = 100.0\n"
     "  a+1 = 4\n"},
    {"line", true,
     "    a = 1\n"
     "  bee = hello\n"
     "    c = 2.5\n"
     "  a+1 = 2\n"
     "\n"
     "    a = \n"
     "  bee = a \"q\" b\n"
     "    c = -3\n"
     "  a+1 = \n"
     "\n"
     "    a = 12345\n"
     "  bee = \n"
     "    c = 1.0e+20\n"
     "  a+1 = 12346\n"
     "\n"
     "    a = -7\n"
     "  bee = x,y\n"
     "    c = \n"
     "  a+1 = -6\n"
     "\n"
     "    a = 0\n"
     "  bee = multi\n"
     "line\n"
     "    c = 0.1\n"
     "  a+1 = 1\n"
     "\n"
     "    a = 2\n"
     "  bee = tab\there\n"
     "    c = h\xc3""\xa9""llo\n"
     "  a+1 = 3\n"
     "\n"
     "    a = 3\n"
     "  bee = A\n"
     "    c = 100.0\n"
     "  a+1 = 4\n"},
    {"column", false,
     "1      hello         2.5      2    \n"
     "\n"
     "       a \"q\" b       -3            \n"
     "\n"
     "12345                1.0e+20  12346\n"
     "\n"
     "-7     x,y                    -6   \n"
     "\n"
     "0      multi         0.1      1    \n"
     "       line                        \n"
     "\n"
     "2      tab     here  h\xc3""\xa9""llo    3    \n"
     "\n"
     "3      A             100.0    4    \n"},
    {"column", true,
     "a      bee           c        a+1  \n"
     "-----  ------------  -------  -----\n"
     "1      hello         2.5      2    \n"
     "\n"
     "       a \"q\" b       -3            \n"
     "\n"
     "12345                1.0e+20  12346\n"
     "\n"
     "-7     x,y                    -6   \n"
     "\n"
     "0      multi         0.1      1    \n"
     "       line                        \n"
     "\n"
     "2      tab     here  h\xc3""\xa9""llo    3    \n"
     "\n"
     "3      A             100.0    4    \n"},
    {"box", false,
     "\xe2""\x94""\x8c""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xac""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xac""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xac""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x90""\n"
     "\xe2""\x94""\x82""   a   \xe2""\x94""\x82""     bee      \xe2""\x94""\x82""    c    \xe2""\x94""\x82""  a+1  \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x9c""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xa4""\n"
     "\xe2""\x94""\x82"" 1     \xe2""\x94""\x82"" hello        \xe2""\x94""\x82"" 2.5     \xe2""\x94""\x82"" 2     \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x9c""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xa4""\n"
     "\xe2""\x94""\x82""       \xe2""\x94""\x82"" a \"q\" b      \xe2""\x94""\x82"" -3      \xe2""\x94""\x82""       \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x9c""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xa4""\n"
     "\xe2""\x94""\x82"" 12345 \xe2""\x94""\x82""              \xe2""\x94""\x82"" 1.0e+20 \xe2""\x94""\x82"" 12346 \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x9c""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xa4""\n"
     "\xe2""\x94""\x82"" -7    \xe2""\x94""\x82"" x,y          \xe2""\x94""\x82""         \xe2""\x94""\x82"" -6    \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x9c""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xa4""\n"
     "\xe2""\x94""\x82"" 0     \xe2""\x94""\x82"" multi        \xe2""\x94""\x82"" 0.1     \xe2""\x94""\x82"" 1     \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x82""       \xe2""\x94""\x82"" line         \xe2""\x94""\x82""         \xe2""\x94""\x82""       \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x9c""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xa4""\n"
     "\xe2""\x94""\x82"" 2     \xe2""\x94""\x82"" tab     here \xe2""\x94""\x82"" h\xc3""\xa9""llo   \xe2""\x94""\x82"" 3     \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x9c""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xa4""\n"
     "\xe2""\x94""\x82"" 3     \xe2""\x94""\x82"" A            \xe2""\x94""\x82"" 100.0   \xe2""\x94""\x82"" 4     \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x94""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xb4""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xb4""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xb4""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x98""\n"},
    {"box", true,
     "\xe2""\x94""\x8c""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xac""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xac""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xac""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x90""\n"
     "\xe2""\x94""\x82""   a   \xe2""\x94""\x82""     bee      \xe2""\x94""\x82""    c    \xe2""\x94""\x82""  a+1  \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x9c""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xa4""\n"
     "\xe2""\x94""\x82"" 1     \xe2""\x94""\x82"" hello        \xe2""\x94""\x82"" 2.5     \xe2""\x94""\x82"" 2     \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x9c""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xa4""\n"
     "\xe2""\x94""\x82""       \xe2""\x94""\x82"" a \"q\" b      \xe2""\x94""\x82"" -3      \xe2""\x94""\x82""       \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x9c""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xa4""\n"
     "\xe2""\x94""\x82"" 12345 \xe2""\x94""\x82""              \xe2""\x94""\x82"" 1.0e+20 \xe2""\x94""\x82"" 12346 \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x9c""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xa4""\n"
     "\xe2""\x94""\x82"" -7    \xe2""\x94""\x82"" x,y          \xe2""\x94""\x82""         \xe2""\x94""\x82"" -6    \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x9c""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xa4""\n"
     "\xe2""\x94""\x82"" 0     \xe2""\x94""\x82"" multi        \xe2""\x94""\x82"" 0.1     \xe2""\x94""\x82"" 1     \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x82""       \xe2""\x94""\x82"" line         \xe2""\x94""\x82""         \xe2""\x94""\x82""       \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x9c""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xa4""\n"
     "\xe2""\x94""\x82"" 2     \xe2""\x94""\x82"" tab     here \xe2""\x94""\x82"" h\xc3""\xa9""llo   \xe2""\x94""\x82"" 3     \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x9c""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xbc""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xa4""\n"
     "\xe2""\x94""\x82"" 3     \xe2""\x94""\x82"" A            \xe2""\x94""\x82"" 100.0   \xe2""\x94""\x82"" 4     \xe2""\x94""\x82""\n"
     "\xe2""\x94""\x94""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xb4""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xb4""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\xb4""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x80""\xe2""\x94""\x98""\n"},
    {"table", false,
     "+-------+--------------+---------+-------+\n"
     "|   a   |     bee      |    c    |  a+1  |\n"
     "+-------+--------------+---------+-------+\n"
     "| 1     | hello        | 2.5     | 2     |\n"
     "+-------+--------------+---------+-------+\n"
     "|       | a \"q\" b      | -3      |       |\n"
     "+-------+--------------+---------+-------+\n"
     "| 12345 |              | 1.0e+20 | 12346 |\n"
     "+-------+--------------+---------+-------+\n"
     "| -7    | x,y          |         | -6    |\n"
     "+-------+--------------+---------+-------+\n"
     "| 0     | multi        | 0.1     | 1     |\n"
     "|       | line         |         |       |\n"
     "+-------+--------------+---------+-------+\n"
     "| 2     | tab     here | h\xc3""\xa9""llo   | 3     |\n"
     "+-------+--------------+---------+-------+\n"
     "| 3     | A            | 100.0   | 4     |\n"
     "+-------+--------------+---------+-------+\n"},
    {"table", true,
     "+-------+--------------+---------+-------+\n"
     "|   a   |     bee      |    c    |  a+1  |\n"
     "+-------+--------------+---------+-------+\n"
     "| 1     | hello        | 2.5     | 2     |\n"
     "+-------+--------------+---------+-------+\n"
     "|       | a \"q\" b      | -3      |       |\n"
     "+-------+--------------+---------+-------+\n"
     "| 12345 |              | 1.0e+20 | 12346 |\n"
     "+-------+--------------+---------+-------+\n"
     "| -7    | x,y          |         | -6    |\n"
     "+-------+--------------+---------+-------+\n"
     "| 0     | multi        | 0.1     | 1     |\n"
     "|       | line         |         |       |\n"
     "+-------+--------------+---------+-------+\n"
     "| 2     | tab     here | h\xc3""\xa9""llo   | 3     |\n"
     "+-------+--------------+---------+-------+\n"
     "| 3     | A            | 100.0   | 4     |\n"
     "+-------+--------------+---------+-------+\n"},
    {"markdown", false,
     "|   a   |     bee      |    c    |  a+1  |\n"
     "|-------|--------------|---------|-------|\n"
     "| 1     | hello        | 2.5     | 2     |\n"
     "|       | a \"q\" b      | -3      |       |\n"
     "| 12345 |              | 1.0e+20 | 12346 |\n"
     "| -7    | x,y          |         | -6    |\n"
     "| 0     | multi        | 0.1     | 1     |\n"
     "|       | line         |         |       |\n"
     "| 2     | tab     here | h\xc3""\xa9""llo   | 3     |\n"
     "| 3     | A            | 100.0   | 4     |\n"},
    {"markdown", true,
     "|   a   |     bee      |    c    |  a+1  |\n"
     "|-------|--------------|---------|-------|\n"
     "| 1     | hello        | 2.5     | 2     |\n"
     "|       | a \"q\" b      | -3      |       |\n"
     "| 12345 |              | 1.0e+20 | 12346 |\n"
     "| -7    | x,y          |         | -6    |\n"
     "| 0     | multi        | 0.1     | 1     |\n"
     "|       | line         |         |       |\n"
     "| 2     | tab     here | h\xc3""\xa9""llo   | 3     |\n"
     "| 3     | A            | 100.0   | 4     |\n"},
    {"json", false,
     "[{\"a\":1,\"bee\":\"hello\",\"c\":2.5,\"a+1\":2},\n"
     "{\"a\":null,\"bee\":\"a \\\"q\\\" b\",\"c\":-3,\"a+1\":null},\n"
     "{\"a\":12345,\"bee\":\"\",\"c\":1.0e+20,\"a+1\":12346},\n"
     "{\"a\":-7,\"bee\":\"x,y\",\"c\":null,\"a+1\":-6},\n"
     "{\"a\":0,\"bee\":\"multi\\nline\",\"c\":0.10000000000000000555,\"a+1\":1},\n"
     "{\"a\":2,\"bee\":\"tab\\there\",\"c\":\"h\xc3""\xa9""llo\",\"a+1\":3},\n"
     "{\"a\":3,\"bee\":\"A\\u0000BC\",\"c\":100.0,\"a+1\":4}]\n"},
    {"json", true,
     "[{\"a\":1,\"bee\":\"hello\",\"c\":2.5,\"a+1\":2},\n"
     "{\"a\":null,\"bee\":\"a \\\"q\\\" b\",\"c\":-3,\"a+1\":null},\n"
     "{\"a\":12345,\"bee\":\"\",\"c\":1.0e+20,\"a+1\":12346},\n"
     "{\"a\":-7,\"bee\":\"x,y\",\"c\":null,\"a+1\":-6},\n"
     "{\"a\":0,\"bee\":\"multi\\nline\",\"c\":0.10000000000000000555,\"a+1\":1},\n"
     "{\"a\":2,\"bee\":\"tab\\there\",\"c\":\"h\xc3""\xa9""llo\",\"a+1\":3},\n"
     "{\"a\":3,\"bee\":\"A\\u0000BC\",\"c\":100.0,\"a+1\":4}]\n"},
    {"quote", false,
     "1,'hello',2.5,2\n"
     "NULL,'a \"q\" b',-3,NULL\n"
     "12345,'',1.0e+20,12346\n"
     "-7,'x,y',NULL,-6\n"
     "0,'multi\n"
     "line',0.10000000000000000555,1\n"
     "2,'tab\there','h\xc3""\xa9""llo',3\n"
     "3,X'41004243',100.0,4\n"},
    {"quote", true,
     "'a','bee','c','a+1'\n"
     "1,'hello',2.5,2\n"
     "NULL,'a \"q\" b',-3,NULL\n"
     "12345,'',1.0e+20,12346\n"
     "-7,'x,y',NULL,-6\n"
     "0,'multi\n"
     "line',0.10000000000000000555,1\n"
     "2,'tab\there','h\xc3""\xa9""llo',3\n"
     "3,X'41004243',100.0,4\n"},
    {"insert", false,
     "INSERT INTO \"table\" VALUES(1,'hello',2.5,2);\n"
     "INSERT INTO \"table\" VALUES(NULL,'a \"q\" b',-3,NULL);\n"
     "INSERT INTO \"table\" VALUES(12345,'',1.0e+20,12346);\n"
     "INSERT INTO \"table\" VALUES(-7,'x,y',NULL,-6);\n"
     "INSERT INTO \"table\" VALUES(0,replace('multi\\nline','\\n',char(10)),0.10000000000000000555,1);\n"
     "INSERT INTO \"table\" VALUES(2,'tab\there','h\xc3""\xa9""llo',3);\n"
     "INSERT INTO \"table\" VALUES(3,X'41004243',100.0,4);\n"},
    {"insert", true,
     "INSERT INTO \"table\"(a,bee,c,\"a+1\") VALUES(1,'hello',2.5,2);\n"
     "INSERT INTO \"table\"(a,bee,c,\"a+1\") VALUES(NULL,'a \"q\" b',-3,NULL);\n"
     "INSERT INTO \"table\"(a,bee,c,\"a+1\") VALUES(12345,'',1.0e+20,12346);\n"
     "INSERT INTO \"table\"(a,bee,c,\"a+1\") VALUES(-7,'x,y',NULL,-6);\n"
     "INSERT INTO \"table\"(a,bee,c,\"a+1\") VALUES(0,replace('multi\\nline','\\n',char(10)),0.10000000000000000555,1);\n"
     "INSERT INTO \"table\"(a,bee,c,\"a+1\") VALUES(2,'tab\there','h\xc3""\xa9""llo',3);\n"
     "INSERT INTO \"table\"(a,bee,c,\"a+1\") VALUES(3,X'41004243',100.0,4);\n"},
};

TEST(ResultFormatterTest, EveryModeMatchesSqlite3) {
  for (const ModeCase& c : kCases) {
    std::string got = Format(c.mode, c.header, {"a", "bee", "c", "a+1"}, SampleRows());
    EXPECT_EQ(got, c.expected) << ".mode " << c.mode << " headers " << c.header;
  }
}

TEST(ResultFormatterTest, NoRowsPrintsNothing) {
  for (const char* mode : {"list", "csv", "line", "column", "box", "table", "markdown", "json"}) {
    EXPECT_EQ(Format(mode, true, {"x"}, {}), "") << mode;
  }
}

TEST(ResultFormatterTest, ColumnModeWrapsAt60AndBreaksOnControlCharacters) {
  // sqlite3: .mode column
  //   select printf('%.70c','x') as long, 'ab'||char(1)||'cd' as ctl,
  //          'a'||char(13)||char(10)||'b' as crlf;
  std::string long_x(70, 'x');
  std::string got = Format("column", true, {"long", "ctl", "crlf"},
                           {{Cell::Text(long_x), Cell::Text("ab\x01" "cd"), Cell::Text("a\r\nb")}});
  EXPECT_EQ(got,
            "long                                                          ctl  crlf\n"
            "------------------------------------------------------------  ---  ----\n"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx  ab   a   \n"
            "xxxxxxxxxx                                                    cd   b   \n");
}

TEST(ResultFormatterTest, LineModeRowsOfLaterStatementsStartWithoutBlankLine) {
  EXPECT_EQ(Format("line", false, {"a", "bbbbbbbb"}, {{Cell::Integer("1"), Cell::Integer("2")}}),
            "       a = 1\nbbbbbbbb = 2\n");
}

TEST(ResultFormatterTest, JsonInfinitiesAndReals) {
  // sqlite3 -json: select 1e15, 1e300*1e10, -1e300*1e10;
  double inf = 1e300 * 1e300;
  EXPECT_EQ(Format("json", false, {"1e15", "1e300*1e10", "-1e300*1e10"},
                   {{Cell::Real(1e15, "1.0e+15"), Cell::Real(inf, "Inf"), Cell::Real(-inf, "-Inf")}}),
            "[{\"1e15\":1000000000000000.0,\"1e300*1e10\":1e999,\"-1e300*1e10\":-1e999}]\n");
}

TEST(ResultFormatterTest, ColumnarModesGrowWidthSettings) {
  OutputSettings s;
  Format("box", false, {"a", "b"}, {{Cell::Integer("1"), Cell::Integer("2")}}, &s);
  EXPECT_EQ(s.col_widths, (std::vector<int>{0, 0}));
}

TEST(ResultFormatterTest, ExplicitWidthsTruncateAndRightAlign) {
  // sqlite3: .mode column / .width 3 -4 / select 'abcdef' as a, 7 as b;
  OutputSettings s;
  s.col_widths = {3, -4};
  std::string got = Format("column", true, {"a", "b"}, {{Cell::Text("abcdef"), Cell::Integer("7")}}, &s);
  EXPECT_EQ(got, "a       b\n---  ----\nabc     7\ndef      \n");
}

TEST(SplitForDisplayTest, TabsNewlinesAndWidth) {
  EXPECT_EQ(SplitForDisplay("a\tb", 0, false), (std::vector<std::string>{"a       b"}));
  EXPECT_EQ(SplitForDisplay("one\ntwo\n", 0, false), (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(SplitForDisplay("abcdef", 4, false), (std::vector<std::string>{"abcd", "ef"}));
  EXPECT_EQ(SplitForDisplay("hello world", 8, true), (std::vector<std::string>{"hello ", "world"}));
  EXPECT_EQ(SplitForDisplay("", 0, false), (std::vector<std::string>{""}));
}

TEST(DisplayWidthTest, CountsCharactersNotBytes) {
  EXPECT_EQ(DisplayWidth("h\xc3\xa9llo"), 5);
  EXPECT_EQ(DisplayWidth("\xe2\x94\x82"), 1);
}

}  // namespace
}  // namespace sluice::shell

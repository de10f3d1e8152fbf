// SQL literal quoting (sql_literal.h); the expected texts are what sqlite3
// prints for `select quote('it''s'), quote(x'0aff')` and in .dump.
#include "base/sql_literal.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice {
namespace {

std::string Str(std::string_view s) {
  std::string out = "<";
  AppendSqlString(s, &out);
  return out;
}

TEST(SqlLiteralTest, Strings) {
  EXPECT_EQ(Str(""), "<''");
  EXPECT_EQ(Str("it's"), "<'it''s'");
  EXPECT_EQ(Str("''"), "<''''''");
  EXPECT_EQ(Str(std::string("a\0b", 3)), std::string("<'a\0b'", 6));  // bytes as they are
}

TEST(SqlLiteralTest, Blobs) {
  std::string out;
  AppendSqlBlob("\x0a\xff", true, &out);
  EXPECT_EQ(out, "X'0AFF'");
  out.clear();
  AppendSqlBlob("\x0a\xff", false, &out);
  EXPECT_EQ(out, "X'0aff'");
  out.clear();
  AppendSqlBlob("", true, &out);
  EXPECT_EQ(out, "X''");
}

}  // namespace
}  // namespace sluice

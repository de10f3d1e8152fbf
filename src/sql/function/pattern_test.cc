// Tests of LIKE and GLOB (checked with sqlite3 3.40).
#include "sql/function/pattern.h"

#include <gtest/gtest.h>

#include <string>

#include "sql/function/function_test_util.h"

namespace sluice::sql {
namespace {

using namespace sluice::sql::testing;

Value Like(const Value& x, const Value& p) { return EvaluateLike(x, p).value(); }
Value LikeEsc(const Value& x, const Value& p, const Value& e) { return EvaluateLike(x, p, &e).value(); }
Value Glob(const Value& x, const Value& p) { return EvaluateGlob(x, p).value(); }

TEST(LikeTest, Operators) {
  const ExprCase cases[] = {
      {"'abc' LIKE 'A%'", Like(T("abc"), T("A%")), "1", "integer"},
      {"'abc' LIKE 'a_c'", Like(T("abc"), T("a_c")), "1", "integer"},
      {"'abc' LIKE 'ABC'", Like(T("abc"), T("ABC")), "1", "integer"},
      {"'É' LIKE 'é'", Like(T("É"), T("é")), "0", "integer"},
      {"'é' LIKE '_'", Like(T("é"), T("_")), "1", "integer"},
      {"'x' LIKE '_'", Like(T("x"), T("_")), "1", "integer"},
      {"'' LIKE '_'", Like(T(""), T("_")), "0", "integer"},
      {"'' LIKE '%'", Like(T(""), T("%")), "1", "integer"},
      {"'ab' LIKE 'a'", Like(T("ab"), T("a")), "0", "integer"},
      {"'banana' LIKE '%an%na'", Like(T("banana"), T("%an%na")), "1", "integer"},
      {"'banana' LIKE '%n_'", Like(T("banana"), T("%n_")), "1", "integer"},
      {"'banana' LIKE 'b%x'", Like(T("banana"), T("b%x")), "0", "integer"},
      {"12 LIKE '1%'", Like(I(12), T("1%")), "1", "integer"},
      {"NULL LIKE 'a'", Like(N(), T("a")), "", "null"},
      {"'a' LIKE NULL", Like(T("a"), N()), "", "null"},
      {"x'61' LIKE 'a'", Like(B("a"), T("a")), "0", "integer"},
      {"NULL LIKE x'61'", Like(N(), B("a")), "0", "integer"},
      {"'a%c' LIKE 'a\\%c' ESCAPE '\\'", LikeEsc(T("a%c"), T("a\\%c"), T("\\")), "1", "integer"},
      {"'abc' LIKE 'a\\%c' ESCAPE '\\'", LikeEsc(T("abc"), T("a\\%c"), T("\\")), "0", "integer"},
      {"'100%' LIKE '100!%' ESCAPE '!'", LikeEsc(T("100%"), T("100!%"), T("!")), "1", "integer"},
      {"'a_' LIKE 'a!_' ESCAPE '!'", LikeEsc(T("a_"), T("a!_"), T("!")), "1", "integer"},
      {"'ab' LIKE 'a!_' ESCAPE '!'", LikeEsc(T("ab"), T("a!_"), T("!")), "0", "integer"},
      {"'a' LIKE 'a!' ESCAPE '!'", LikeEsc(T("a"), T("a!"), T("!")), "0", "integer"},
      {"'a%' LIKE 'a%%' ESCAPE '%'", LikeEsc(T("a%"), T("a%%"), T("%")), "1", "integer"},
      {"'ab' LIKE 'a%%' ESCAPE '%'", LikeEsc(T("ab"), T("a%%"), T("%")), "0", "integer"},
      {"'a' LIKE 'a' ESCAPE NULL", LikeEsc(T("a"), T("a"), N()), "", "null"},
  };
  ExpectCases(cases);
  Value two = T("xx");
  EXPECT_EQ(EvaluateLike(T("a"), T("a"), &two).status().message(), "ESCAPE expression must be a single character");
  EXPECT_EQ(EvaluateLike(T("a"), T(std::string(kMaxPatternLength + 1, '%'))).status().message(),
            "LIKE or GLOB pattern too complex");
}

TEST(GlobTest, Operators) {
  const ExprCase cases[] = {
      {"'abc' GLOB 'a*'", Glob(T("abc"), T("a*")), "1", "integer"},
      {"'abc' GLOB 'A*'", Glob(T("abc"), T("A*")), "0", "integer"},
      {"'abc' GLOB '[a-c]bc'", Glob(T("abc"), T("[a-c]bc")), "1", "integer"},
      {"'abc' GLOB '[^a]bc'", Glob(T("abc"), T("[^a]bc")), "0", "integer"},
      {"'abc' GLOB 'a?c'", Glob(T("abc"), T("a?c")), "1", "integer"},
      {"'ab' GLOB '[b-a]b'", Glob(T("ab"), T("[b-a]b")), "0", "integer"},
      {"'ab' GLOB 'a['", Glob(T("ab"), T("a[")), "0", "integer"},
      {"'a' GLOB '[a'", Glob(T("a"), T("[a")), "0", "integer"},
      {"'a' GLOB '[]a]'", Glob(T("a"), T("[]a]")), "1", "integer"},
      {"']' GLOB '[]a]'", Glob(T("]"), T("[]a]")), "1", "integer"},
      {"'-' GLOB '[a-]'", Glob(T("-"), T("[a-]")), "1", "integer"},
      {"'b' GLOB '[^]a]'", Glob(T("b"), T("[^]a]")), "1", "integer"},
      {"'a]' GLOB '*[]]'", Glob(T("a]"), T("*[]]")), "1", "integer"},
      {"'a-' GLOB '*[a-]'", Glob(T("a-"), T("*[a-]")), "1", "integer"},
      {"'-' GLOB '[]-a]'", Glob(T("-"), T("[]-a]")), "1", "integer"},
      {"'é' GLOB '?'", Glob(T("é"), T("?")), "1", "integer"},
      {"'ü' GLOB '[à-ý]'", Glob(T("ü"), T("[à-ý]")), "1", "integer"},
      {"'a*b' GLOB 'a[*]b'", Glob(T("a*b"), T("a[*]b")), "1", "integer"},
      {"'abcabd' GLOB '*ab?'", Glob(T("abcabd"), T("*ab?")), "1", "integer"},
      {"'x' GLOB ''", Glob(T("x"), T("")), "0", "integer"},
      {"'' GLOB '*'", Glob(T(""), T("*")), "1", "integer"},
      {"x'61' GLOB 'a'", Glob(B("a"), T("a")), "0", "integer"},
  };
  ExpectCases(cases);
}

// The matcher must not recurse or blow up on adversarial patterns.
TEST(GlobTest, ManyStarsAreLinearEnough) {
  std::string text(5000, 'a');
  std::string pattern;
  for (int i = 0; i < 2000; ++i) pattern += "*a";
  pattern += "b";
  EXPECT_FALSE(GlobMatch(pattern, text));
  EXPECT_TRUE(LikeMatch(std::string(10000, '%'), text));
}

}  // namespace
}  // namespace sluice::sql

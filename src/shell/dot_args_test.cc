// Tests of dot-command argument splitting and value parsing (sqlite3 3.40 rules).
#include "shell/dot_args.h"

#include <gtest/gtest.h>

namespace sluice::shell {
namespace {

using Args = std::vector<std::string>;

TEST(DotArgsTest, SplitsQuotedAndUnquotedArguments) {
  EXPECT_EQ(SplitDotCommand(".mode  csv"), (Args{".mode", "csv"}));
  EXPECT_EQ(SplitDotCommand(".separator ',' \"\\t\""), (Args{".separator", ",", "\t"}));
  EXPECT_EQ(SplitDotCommand(".nullvalue 'a b'"), (Args{".nullvalue", "a b"}));
  EXPECT_EQ(SplitDotCommand(".separator \\t \\n"), (Args{".separator", "\t", "\n"}));
  EXPECT_EQ(SplitDotCommand(".x 'a\\tb'"), (Args{".x", "a\\tb"}));  // single quotes are literal
  EXPECT_EQ(SplitDotCommand(".x \"unterminated"), (Args{".x", "unterminated"}));
}

TEST(DotArgsTest, ResolveBackslashes) { EXPECT_EQ(ResolveBackslashes("a\\101\\\\b\\\"\\q"), "aA\\b\"\\q"); }

TEST(DotArgsTest, BooleanValues) {
  std::string err;
  EXPECT_TRUE(BooleanValue("on", &err));
  EXPECT_TRUE(BooleanValue("YES", &err));
  EXPECT_TRUE(BooleanValue("2", &err));
  EXPECT_FALSE(BooleanValue("off", &err));
  EXPECT_FALSE(BooleanValue("0", &err));
  EXPECT_TRUE(err.empty());
  EXPECT_FALSE(BooleanValue("maybe", &err));
  EXPECT_EQ(err, "ERROR: Not a boolean value: \"maybe\". Assuming \"no\".\n");
}

TEST(DotArgsTest, IntegerValues) {
  EXPECT_EQ(IntegerValue("42"), 42);
  EXPECT_EQ(IntegerValue("-7"), -7);
  EXPECT_EQ(IntegerValue("0x10"), 16);
  EXPECT_EQ(IntegerValue("2KiB"), 2048);
  EXPECT_EQ(IntegerValue("abc"), 0);
}

}  // namespace
}  // namespace sluice::shell

// Scope rules: directory scope, --include/--exclude, external origins.
#include "crawl/scope.h"

#include <gtest/gtest.h>

namespace sluice::crawl {
namespace {

Url U(const char* s) { return *ParseHttpUrl(s); }

TEST(Scope, OriginAndDirectoryOfTheStartUrl) {
  auto scope = Scope::Create(U("http://h/docs/intro.html"), {}, {});
  ASSERT_TRUE(scope.ok());
  Scope& s = **scope;
  EXPECT_TRUE(s.Follows(U("http://h/docs/a/b.html")));
  EXPECT_TRUE(s.Follows(U("HTTP://H:80/docs/")));
  EXPECT_FALSE(s.Follows(U("http://h/blog/")));
  EXPECT_FALSE(s.Follows(U("https://h/docs/")));
  EXPECT_FALSE(s.Follows(U("http://h:8080/docs/")));
  EXPECT_FALSE(s.External(U("http://h/blog/")));
  EXPECT_TRUE(s.External(U("http://other/docs/")));
  s.AddRoot(U("https://h/docs/"));
  EXPECT_TRUE(s.Follows(U("https://h/docs/x")));
}

TEST(Scope, IncludeReplacesTheDefaultAndExcludeSkips) {
  auto scope = Scope::Create(U("http://h/"), {"^http://h/(a|b)/"}, {"\\.pdf$", "/private/"});
  ASSERT_TRUE(scope.ok());
  Scope& s = **scope;
  EXPECT_TRUE(s.Follows(U("http://h/a/x")));
  EXPECT_FALSE(s.Follows(U("http://h/c/x")));
  EXPECT_TRUE(s.Excluded(U("http://h/a/x.pdf")));
  EXPECT_TRUE(s.Excluded(U("http://h/private/")));
  EXPECT_FALSE(s.Excluded(U("http://h/a/x.pdf?v=1")));
}

TEST(Scope, BadRegexIsAClearError) {
  auto scope = Scope::Create(U("http://h/"), {}, {"(unclosed"});
  ASSERT_FALSE(scope.ok());
  EXPECT_NE(scope.status().message().find("--exclude '(unclosed'"), std::string::npos) << scope.status().message();
}

}  // namespace
}  // namespace sluice::crawl

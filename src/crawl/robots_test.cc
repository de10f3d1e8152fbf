// robots.txt matching (RFC 9309) and sitemap <loc> extraction.
#include "crawl/robots.h"

#include <gtest/gtest.h>

namespace sluice::crawl {
namespace {

TEST(Robots, StarGroupAndLongestMatch) {
  RobotsRules r = RobotsRules::Parse(
      "# comment\nUser-agent: *\nDisallow: /private/\nAllow: /private/open/\n"
      "Disallow: /*.pdf$\nDisallow: /tmp\n\nSitemap: http://h/sitemap.xml\n");
  EXPECT_TRUE(r.Allowed("/"));
  EXPECT_FALSE(r.Allowed("/private/x.html"));
  EXPECT_TRUE(r.Allowed("/private/open/x.html"));
  EXPECT_FALSE(r.Allowed("/files/a.pdf"));
  EXPECT_TRUE(r.Allowed("/files/a.pdf?x=1"));
  EXPECT_FALSE(r.Allowed("/tmpfile"));
  EXPECT_TRUE(r.Allowed("/robots.txt"));
  ASSERT_EQ(r.sitemaps().size(), 1u);
  EXPECT_EQ(r.sitemaps()[0], "http://h/sitemap.xml");
}

TEST(Robots, OwnGroupBeatsStarAndGroupsMerge) {
  const char* text =
      "User-agent: *\nDisallow: /\n\n"
      "User-agent: Sluice\nDisallow: /a\nCrawl-delay: 0.5\n\n"
      "User-agent: other\nUser-agent: sluice/1.0\nDisallow: /b\n";
  RobotsRules r = RobotsRules::Parse(text);
  EXPECT_TRUE(r.Allowed("/c"));
  EXPECT_FALSE(r.Allowed("/a"));
  EXPECT_FALSE(r.Allowed("/b"));
  EXPECT_EQ(r.crawl_delay(), 0.5);
  EXPECT_FALSE(RobotsRules::Parse(text, "otherbot").Allowed("/c"));
}

TEST(Robots, TieGoesToAllowAndEmptyDisallowAllowsAll) {
  RobotsRules r = RobotsRules::Parse("User-agent: *\nDisallow: /x\nAllow: /x\n");
  EXPECT_TRUE(r.Allowed("/x"));
  EXPECT_TRUE(RobotsRules::Parse("User-agent: *\nDisallow:\n").Allowed("/anything"));
  EXPECT_TRUE(RobotsRules::Parse("garbage\n\x01\xff:::\nDisallow: /\n").Allowed("/"));  // rule before any group
  EXPECT_FALSE(RobotsRules::DisallowAll().Allowed("/"));
  EXPECT_TRUE(RobotsRules::AllowAll().Allowed("/private/"));
}

TEST(Robots, WildcardsAndEncoding) {
  RobotsRules r = RobotsRules::Parse("User-agent: *\nDisallow: /*/secret*$\nDisallow: /%7euser/\n");
  EXPECT_FALSE(r.Allowed("/a/b/secret"));
  EXPECT_FALSE(r.Allowed("/a/secret-file"));
  EXPECT_TRUE(r.Allowed("/secret"));
  EXPECT_FALSE(r.Allowed("/~user/page"));  // patterns are compared in normalised form
}

TEST(Sitemap, LocsWithLinesAndEntities) {
  Sitemap s = ParseSitemap(
      "<?xml version=\"1.0\"?>\n<urlset>\n<url><loc>http://h/a?x=1&amp;y=2</loc></url>\n"
      "<url><loc>\n  http://h/b\n</loc></url>\n</urlset>\n");
  EXPECT_FALSE(s.is_index);
  ASSERT_EQ(s.entries.size(), 2u);
  EXPECT_EQ(s.entries[0].url, "http://h/a?x=1&y=2");
  EXPECT_EQ(s.entries[0].line, 3);
  EXPECT_EQ(s.entries[1].url, "http://h/b");
  EXPECT_EQ(s.entries[1].line, 5);
  Sitemap idx = ParseSitemap("<sitemapindex><sitemap><loc>http://h/s1.xml</loc></sitemap></sitemapindex>");
  EXPECT_TRUE(idx.is_index);
  EXPECT_EQ(idx.entries.size(), 1u);
  EXPECT_TRUE(ParseSitemap("<html>not a sitemap</html>").entries.empty());
  EXPECT_TRUE(ParseSitemap("<loc>unterminated").entries.empty());
}

TEST(Utf8, InvalidSequencesBecomeReplacementCharacters) {
  EXPECT_EQ(SanitizeUtf8("ok \xC3\xA9"), "ok \xC3\xA9");
  EXPECT_EQ(SanitizeUtf8("\xFF"), "\xEF\xBF\xBD");
  EXPECT_EQ(SanitizeUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(SanitizeUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(SanitizeUtf8("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // truncated
}

}  // namespace
}  // namespace sluice::crawl

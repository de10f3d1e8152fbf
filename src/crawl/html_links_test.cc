// Link extraction: every element/attribute the crawler follows, <base>,
// meta refresh, srcset, comments, line numbers, hostile input.
#include "crawl/html_links.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace sluice::crawl {
namespace {

std::vector<std::string> Hrefs(const PageLinks& p) {
  std::vector<std::string> out;
  for (const ExtractedLink& l : p.links) out.push_back(l.href);
  return out;
}

TEST(ExtractLinks, EveryLinkBearingElement) {
  const char* html =
      "<!DOCTYPE html><html><head>\n"
      "<link rel=stylesheet href=\"a.css\"><link rel=preconnect href=\"//cdn.example\">\n"
      "<link rel=\"dns-prefetch\" href=\"//dns.example\"><link rel=\"icon preconnect\" href=\"fav.ico\">\n"
      "<script src=\"app.js\"></script>\n"
      "<meta http-equiv=\"Refresh\" content=\"5; URL='next.html'\">\n"
      "</head><body>\n"
      "<a href=\"p1.html\">x</a><A HREF=P2.html>y</A>\n"
      "<map><area href=\"area.html\"></map>\n"
      "<img src=\"i.png\" srcset=\"i1.png 1x, i2.png 2x\">\n"
      "<picture><source srcset=\"s.webp\"></picture>\n"
      "<iframe src=\"f.html\"></iframe><video src=\"v.mp4\" poster=\"v.jpg\"></video>\n"
      "<object data=\"o.svg\"></object>\n"
      "<a>no href</a>\n"
      "</body></html>";
  EXPECT_EQ(Hrefs(ExtractLinks(html, false)),
            (std::vector<std::string>{"a.css", "fav.ico", "app.js", "next.html", "p1.html", "P2.html", "area.html",
                                      "i.png", "i1.png", "i2.png", "s.webp", "f.html", "v.mp4", "v.jpg", "o.svg"}));
}

TEST(ExtractLinks, FramesetPage) {
  PageLinks p =
      ExtractLinks("<html><frameset><frame src=\"left.html\"><frame src=\"right.html\"></frameset></html>", false);
  EXPECT_EQ(Hrefs(p), (std::vector<std::string>{"left.html", "right.html"}));
}

TEST(ExtractLinks, CommentsHideLinksAndEntitiesAreDecoded) {
  PageLinks p = ExtractLinks(
      "<p><!-- <a href=\"/gone.html\">old</a> --><a href=\"q?a=1&amp;b=2\">q</a>"
      "<a href=\"mailto:x@y.org\">m</a></p>",
      false);
  EXPECT_EQ(Hrefs(p), (std::vector<std::string>{"q?a=1&b=2", "mailto:x@y.org"}));
}

TEST(ExtractLinks, LinesAreThoseOfTheAttributeValues) {
  PageLinks p = ExtractLinks("<html>\n<body>\n<a\n  href=\"x.html\">x</a>\n\n<img src=y.png>\n</body>", false);
  ASSERT_EQ(p.links.size(), 2u);
  EXPECT_EQ(p.links[0].line, 4);
  EXPECT_EQ(p.links[1].line, 6);
}

TEST(ExtractLinks, FirstBaseHrefWinsWherever) {
  PageLinks p = ExtractLinks("<a href=a.html></a><base href=\"/s01/\"><base href=\"/s02/\">", false);
  ASSERT_TRUE(p.base_href.has_value());
  EXPECT_EQ(*p.base_href, "/s01/");
  EXPECT_FALSE(ExtractLinks("<base target=_blank><a href=x>", false).base_href.has_value());
}

TEST(ExtractLinks, AnchorsAreIdsAndANames) {
  PageLinks p = ExtractLinks(
      "<a name=top></a><h2 id=sec1>s</h2><div id=sec1></div><input name=notanchor>"
      "<p id=\"\">",
      true);
  EXPECT_EQ(p.anchors, (std::vector<std::string>{"sec1", "top"}));
  EXPECT_TRUE(ExtractLinks("<h2 id=sec1>", false).anchors.empty());
}

TEST(ExtractLinks, HostileInputNeitherCrashesNorHangs) {
  // 100,000 nested blocks (quadratic for the tree builder unless flattened):
  // links, ids and line numbers below the nesting cap survive.
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += i % 1000 == 0 ? "<div\n>" : "<div>";
  deep += "<section id=deepid><video src=v.mp4 poster=p.jpg></video>\n<a href=deep.html>x</a>";
  PageLinks d = ExtractLinks(deep, true);
  EXPECT_EQ(Hrefs(d), (std::vector<std::string>{"v.mp4", "deep.html"}));
  ASSERT_EQ(d.links.size(), 2u);
  EXPECT_EQ(d.links[1].line, 102);
  EXPECT_EQ(d.anchors, (std::vector<std::string>{"deepid"}));
  std::string nested_media;
  for (int i = 0; i < 20000; ++i) nested_media += "<video src=m.mp4><object>";
  EXPECT_EQ(ExtractLinks(nested_media, false).links.size(), 20000u);
  // Unclosed <p> and <li> (closed by HTML itself) do not count as nesting.
  std::string flat = "<ul>";
  for (int i = 0; i < 1000; ++i) flat += "<li><p id=p" + std::to_string(i) + ">";
  EXPECT_EQ(ExtractLinks(flat, true).anchors.size(), 1000u);

  std::string bad = "<a href=\"caf\xE9\xFF.html\">\xC3(</a><a href=\"\x80\">";
  PageLinks p = ExtractLinks(bad, false);
  ASSERT_EQ(p.links.size(), 2u);
  EXPECT_EQ(p.links[0].href, "caf\xEF\xBF\xBD\xEF\xBF\xBD.html");  // U+FFFD for each bad byte

  EXPECT_TRUE(ExtractLinks("", false).links.empty());
  EXPECT_TRUE(ExtractLinks(std::string("\0\0<a\0", 5), false).links.empty());
  std::string unclosed = "<a href=\"never-closed.html";
  EXPECT_TRUE(ExtractLinks(unclosed, false).links.empty());
}

TEST(Srcset, CandidatesAndDescriptors) {
  EXPECT_EQ(ParseSrcset("a.png 1x, b.png 2x"), (std::vector<std::string>{"a.png", "b.png"}));
  // A URL runs to whitespace, so a comma inside it does not split it.
  EXPECT_EQ(ParseSrcset(" a.png,b.png 100w , c.png"), (std::vector<std::string>{"a.png,b.png", "c.png"}));
  EXPECT_EQ(ParseSrcset("a.png 1x,b.png 2x"), (std::vector<std::string>{"a.png", "b.png"}));
  EXPECT_EQ(ParseSrcset("img,1.png 1x,img,2.png 2x"), (std::vector<std::string>{"img,1.png", "img,2.png"}));
  EXPECT_EQ(ParseSrcset("a.png (odd, descriptor) 1x, b.png"), (std::vector<std::string>{"a.png", "b.png"}));
  EXPECT_TRUE(ParseSrcset(" , ,").empty());
}

TEST(MetaRefresh, Forms) {
  EXPECT_EQ(MetaRefreshUrl("0; url=http://x.org/"), "http://x.org/");
  EXPECT_EQ(MetaRefreshUrl("5;URL=\"next.html\""), "next.html");
  EXPECT_EQ(MetaRefreshUrl("3, next.html"), "next.html");
  EXPECT_EQ(MetaRefreshUrl(" 1 ; url = 'a b.html' "), "a b.html");
  EXPECT_FALSE(MetaRefreshUrl("30").has_value());
  EXPECT_FALSE(MetaRefreshUrl("").has_value());
}

}  // namespace
}  // namespace sluice::crawl

// Report formats: exact text of each format for one small report.
#include "crawl/report.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace sluice::crawl {
namespace {

Report Sample() {
  Report r;
  r.check_anchors = true;
  r.dead.push_back({"http://h/b.html",
                    404,
                    "Not Found",
                    {{"http://h/z.html", "b.html", 9}, {"http://h/", "b.html", 3}, {"http://h/", "b.html", 3}}});
  r.dead.push_back(
      {"http://h/a,\"q\".html", std::nullopt, "redirect loop: x -> y -> x", {{"http://h/", "a,\"q\".html", 4}}});
  r.missing_anchors.push_back({"http://h/c.html", "sec9", {{"http://h/", "c.html#sec9", 5}}});
  r.checked_urls = {"http://h/", "http://h/b.html", "http://h/a,\"q\".html", "http://h/c.html"};
  r.summary.pages = 2;
  r.summary.links = 7;
  r.summary.urls = 4;
  r.summary.requests = 5;
  r.summary.seconds = 0.5;
  r.summary.redirects = 3;
  r.summary.robots_skipped = 1;
  r.summary.cut_by_max_depth = 2;
  r.load_notes = {"peak 2 requests in flight"};
  r.notes = {"3 redirects followed"};
  r.Canonicalize();
  return r;
}

template <typename F>
std::string Capture(F write) {
  char* buf = nullptr;
  std::size_t len = 0;
  std::FILE* f = open_memstream(&buf, &len);
  write(f);
  std::fclose(f);
  std::string out(buf, len);
  std::free(buf);
  return out;
}

TEST(Report, CanonicalizeSortsAndDeduplicates) {
  Report r = Sample();
  ASSERT_EQ(r.dead.size(), 2u);
  EXPECT_EQ(r.dead[0].url, "http://h/a,\"q\".html");
  ASSERT_EQ(r.dead[1].sources.size(), 2u);  // the duplicate (page, line, href) is gone
  EXPECT_EQ(r.dead[1].sources[0].page, "http://h/");
  EXPECT_FALSE(r.ok());
}

TEST(Report, Json) {
  EXPECT_EQ(Capture([](std::FILE* f) { WriteJson(Sample(), f); }),
            R"({
  "dead": [
    {
      "url": "http://h/a,\"q\".html",
      "status": null,
      "error": "redirect loop: x -> y -> x",
      "sources": [
        {
          "page": "http://h/",
          "href": "a,\"q\".html",
          "line": 4
        }
      ]
    },
    {
      "url": "http://h/b.html",
      "status": 404,
      "error": "Not Found",
      "sources": [
        {
          "page": "http://h/",
          "href": "b.html",
          "line": 3
        },
        {
          "page": "http://h/z.html",
          "href": "b.html",
          "line": 9
        }
      ]
    }
  ],
  "missing_anchors": [
    {
      "url": "http://h/c.html",
      "fragment": "sec9",
      "sources": [
        {
          "page": "http://h/",
          "href": "c.html#sec9",
          "line": 5
        }
      ]
    }
  ],
  "notes": [
    "3 redirects followed"
  ],
  "summary": {
    "pages": 2,
    "links": 7,
    "urls": 4,
    "dead": 2,
    "missing_anchors": 1,
    "redirects": 3,
    "robots_skipped": 1,
    "excluded": 0,
    "not_followed": {
      "max_depth": 2,
      "max_pages": 0
    },
    "interrupted": false,
    "requests": 5,
    "seconds": 0.5
  }
}
)");
}

TEST(Report, Csv) {
  EXPECT_EQ(Capture([](std::FILE* f) { WriteCsv(Sample(), f); }),
            "url,status,error,page,href,line\n"
            "\"http://h/a,\"\"q\"\".html\",,redirect loop: x -> y -> x,http://h/,\"a,\"\"q\"\".html\",4\n"
            "http://h/b.html,404,Not Found,http://h/,b.html,3\n"
            "http://h/b.html,404,Not Found,http://h/z.html,b.html,9\n"
            "http://h/c.html,,missing anchor #sec9,http://h/,c.html#sec9,5\n");
}

TEST(Report, Text) {
  EXPECT_EQ(Capture([](std::FILE* f) { WriteText(Sample(), false, f); }),
            "Dead links: 2 URLs, 3 links\n\n"
            "http://h/a,\"q\".html\n  redirect loop: x -> y -> x\n  <- http://h/:4  href=\"a,\"q\".html\"\n"
            "http://h/b.html\n  404 Not Found\n  <- http://h/:3  href=\"b.html\"\n"
            "  <- http://h/z.html:9  href=\"b.html\"\n"
            "\nMissing anchors: 1\n\nhttp://h/c.html#sec9\n  <- http://h/:5  href=\"c.html#sec9\"\n\n"
            "note: peak 2 requests in flight\n"
            "note: 3 redirects followed\n"
            "2 pages, 7 links, 4 URLs checked, 2 dead (3 links), 1 missing anchors, 0.50 s, 5 requests (10/s)\n");
  const std::string by_page =
      "Dead links: 2 URLs, 3 links\n\n"
      "http://h/\n  line 3: \"b.html\" -> http://h/b.html  404 Not Found\n"
      "  line 4: \"a,\"q\".html\" -> http://h/a,\"q\".html  redirect loop: x -> y -> x\n"
      "http://h/z.html\n  line 9: \"b.html\" -> http://h/b.html  404 Not Found\n\n";
  EXPECT_EQ(Capture([](std::FILE* f) { WriteText(Sample(), true, f); }).substr(0, by_page.size()), by_page);
}

TEST(Report, Junit) {
  std::string x = Capture([](std::FILE* f) { WriteJunit(Sample(), f); });
  EXPECT_NE(x.find("<testsuites name=\"sluice crawl\" tests=\"4\" failures=\"3\""), std::string::npos) << x;
  EXPECT_NE(x.find("<testcase classname=\"links\" name=\"http://h/\"/>"), std::string::npos) << x;
  EXPECT_NE(x.find("<failure message=\"404 Not Found\" type=\"dead-link\">http://h/:3 href=&quot;b.html&quot;\n"
                   "http://h/z.html:9 href=&quot;b.html&quot;\n</failure>"),
            std::string::npos)
      << x;
  EXPECT_NE(x.find("name=\"http://h/a,&quot;q&quot;.html\""), std::string::npos) << x;
  EXPECT_NE(x.find("<failure message=\"missing anchor #sec9\" type=\"missing-anchor\">"), std::string::npos) << x;
}

TEST(Report, JsonReplacesInvalidUtf8) {
  Report r;
  r.dead.push_back({"http://h/x", 404, "Not Found", {{"http://h/", "bad\xFF", 1}}});
  std::string j = Capture([&](std::FILE* f) { WriteJson(r, f); });
  EXPECT_NE(j.find("bad\xEF\xBF\xBD"), std::string::npos) << j;
}

TEST(Report, ReasonPhrases) {
  EXPECT_STREQ(ReasonPhrase(404), "Not Found");
  EXPECT_STREQ(ReasonPhrase(503), "Service Unavailable");
  EXPECT_STREQ(ReasonPhrase(299), "");
}

// The HTML report escapes whatever pages wrote, links only http(s) URLs,
// and groups the dead links by URL and by page.
TEST(Report, HtmlEscapesAndGroups) {
  Report r = Sample();
  r.dead.push_back(
      {"javascript:alert(1)", std::nullopt, "malformed URL <b>", {{"http://h/", "\"><script>x</script>", 7}}});
  r.warnings = {"w & <w>"};
  r.Canonicalize();
  std::string html = Capture([&](std::FILE* f) { WriteHtml(r, f); });
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("href=\"javascript:"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"href\">&quot;&gt;&lt;script&gt;x&lt;/script&gt;</td>"), std::string::npos);
  EXPECT_NE(html.find("<h3 class=\"url\">javascript:alert(1)</h3>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"http://h/a,&quot;q&quot;.html\">"), std::string::npos);
  EXPECT_NE(html.find("<li>w &amp; &lt;w&gt;</li>"), std::string::npos);
  std::size_t by_url = html.find("<section id=\"by-url\">");
  std::size_t by_page = html.find("<section id=\"by-page\">");
  ASSERT_NE(by_url, std::string::npos);
  ASSERT_NE(by_page, std::string::npos);
  EXPECT_LT(by_url, by_page);
  // http://h/ holds 3 dead links, http://h/z.html one: 4 rows by page.
  std::string page_part = html.substr(by_page, html.find("</section>", by_page) - by_page);
  std::size_t rows = 0;
  for (std::size_t p = page_part.find("<tr class=\"link\">"); p != std::string::npos;
       p = page_part.find("<tr class=\"link\">", p + 1)) {
    ++rows;
  }
  EXPECT_EQ(rows, 4u);
  EXPECT_NE(page_part.find("<h2>By page (2)</h2>"), std::string::npos);
}

}  // namespace
}  // namespace sluice::crawl

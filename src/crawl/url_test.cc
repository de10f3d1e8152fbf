// RFC 3986 resolution (every example of section 5.4) and the crawler's
// normalisation of http(s) URLs.
#include "crawl/url.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace sluice::crawl {
namespace {

std::string ResolveStr(const std::string& ref, bool strict = true) {
  return Resolve(SplitUriRef("http://a/b/c/d;p?q"), SplitUriRef(ref), strict).ToString();
}

TEST(Rfc3986, NormalExamples_5_4_1) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
  };
  for (const auto& [ref, want] : cases) EXPECT_EQ(ResolveStr(ref), want) << "ref: " << ref;
}

TEST(Rfc3986, AbnormalExamples_5_4_2) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g#s/./x"},
      {"g#s/../x", "http://a/b/c/g#s/../x"},
      {"http:g", "http:g"},
  };
  for (const auto& [ref, want] : cases) EXPECT_EQ(ResolveStr(ref), want) << "ref: " << ref;
  // "for backward compatibility" (5.4.2): the non-strict parser.
  EXPECT_EQ(ResolveStr("http:g", /*strict=*/false), "http://a/b/c/g");
}

TEST(Rfc3986, RemoveDotSegmentsSection_5_2_4) {
  EXPECT_EQ(RemoveDotSegments("/a/b/c/./../../g"), "/a/g");
  EXPECT_EQ(RemoveDotSegments("mid/content=5/../6"), "mid/6");
  EXPECT_EQ(RemoveDotSegments("/.."), "/");
  EXPECT_EQ(RemoveDotSegments(""), "");
  EXPECT_EQ(RemoveDotSegments("/a/b/.."), "/a/");
}

TEST(Rfc3986, SplitKeepsAbsentAndEmptyApart) {
  UriRef r = SplitUriRef("http://h/p?#");
  EXPECT_TRUE(r.has_query);
  EXPECT_EQ(r.query, "");
  EXPECT_TRUE(r.has_fragment);
  EXPECT_EQ(r.ToString(), "http://h/p?#");
  UriRef rel = SplitUriRef("a b:c/d");  // not a valid scheme: a relative path
  EXPECT_FALSE(rel.has_scheme);
  EXPECT_EQ(rel.path, "a b:c/d");
}

Url MustParse(const std::string& s) {
  Result<Url> u = ParseHttpUrl(s);
  EXPECT_TRUE(u.ok()) << s << ": " << u.status().ToString();
  return u.ok() ? *u : Url{};
}

TEST(HttpUrl, NormalisesCasePortAndEmptyPath) {
  EXPECT_EQ(MustParse("HTTP://Example.ORG:80").ToString(), "http://example.org/");
  EXPECT_EQ(MustParse("https://EXAMPLE.org:443/A/b").ToString(), "https://example.org/A/b");
  EXPECT_EQ(MustParse("https://example.org:8443/x").ToString(), "https://example.org:8443/x");
  EXPECT_EQ(MustParse("http://example.org:/x").ToString(), "http://example.org/x");
  EXPECT_EQ(MustParse("http://[::1]:8080/x").Origin(), "http://[::1]:8080");
  EXPECT_EQ(MustParse("http://example.org./x").host, "example.org");
}

TEST(HttpUrl, NormalisesPercentEncoding) {
  EXPECT_EQ(MustParse("http://h/%7euser/%41%2fb%2f").path, "/~user/A%2Fb%2F");
  EXPECT_EQ(MustParse("http://h/a/%2E%2E/b").path, "/b");
  EXPECT_EQ(MustParse("http://h/report 2020.txt").path, "/report%202020.txt");
  EXPECT_EQ(MustParse("http://h/caf\xC3\xA9").path, "/caf%C3%A9");
  EXPECT_EQ(MustParse("http://h/100%").path, "/100%25");
  EXPECT_EQ(MustParse("http://h/p?a=%7b&b=<x>").query, "a=%7B&b=%3Cx%3E");
  EXPECT_EQ(NormalizePercentEncoding("%zz%4"), "%25zz%254");
}

TEST(HttpUrl, RejectsMalformedWithAReason) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"example.org/x", "no scheme"},
      {"ftp://example.org/", "not http or https"},
      {"http:/x", "no '//'"},
      {"http:///x", "empty host"},
      {"http://h:99999/", "port out of range"},
      {"http://h:8o/", "not a number"},
      {"http://h:0/", "port 0"},
      {"http://a b/", "in host"},
      {"http://[::1/", "IPv6"},
      {"http://h<x>/", "'<'"},
  };
  for (const auto& [text, why] : cases) {
    Result<Url> u = ParseHttpUrl(text);
    ASSERT_FALSE(u.ok()) << text;
    EXPECT_NE(u.status().message().find(why), std::string::npos) << text << " -> " << u.status().message();
  }
}

TEST(HttpUrl, ResolvesTheFormsLinksTakeOnRealPages) {
  Url page = MustParse("http://127.0.0.1:8765/s03/p00012.html?x=1#top");
  auto r = [&](const std::string& href) {
    Result<Url> u = ResolveHttpUrl(page, href);
    EXPECT_TRUE(u.ok()) << href << ": " << u.status().ToString();
    return u.ok() ? u->ToString() : std::string();
  };
  EXPECT_EQ(r("p00013.html"), "http://127.0.0.1:8765/s03/p00013.html");
  EXPECT_EQ(r("./p00013.html"), "http://127.0.0.1:8765/s03/p00013.html");
  EXPECT_EQ(r("../s04/p1.html#sec2"), "http://127.0.0.1:8765/s04/p1.html#sec2");
  EXPECT_EQ(r("/s04/"), "http://127.0.0.1:8765/s04/");
  EXPECT_EQ(r("//127.0.0.1:8765/a"), "http://127.0.0.1:8765/a");
  EXPECT_EQ(r("//example.org"), "http://example.org/");
  EXPECT_EQ(r("?from=3&v=1"), "http://127.0.0.1:8765/s03/p00012.html?from=3&v=1");
  EXPECT_EQ(r("#sec1"), "http://127.0.0.1:8765/s03/p00012.html?x=1#sec1");
  EXPECT_EQ(r("  \n/a\tb/c\r\n "), "http://127.0.0.1:8765/ab/c");
  EXPECT_EQ(r("http:other.html"), "http://127.0.0.1:8765/s03/other.html");
  EXPECT_EQ(r("HTTPS://Example.org:443/%7Ex"), "https://example.org/~x");
  EXPECT_EQ(MustParse("http://h/a#f").WithoutFragment(), "http://h/a");
}

TEST(HttpUrl, ClassifiesSchemes) {
  EXPECT_EQ(ClassifyHref("mailto:a@b.org"), LinkScheme::kIgnored);
  EXPECT_EQ(ClassifyHref("  JavaScript:void(0)"), LinkScheme::kIgnored);
  EXPECT_EQ(ClassifyHref("tel:+1555"), LinkScheme::kIgnored);
  EXPECT_EQ(ClassifyHref("data:text/plain,hi"), LinkScheme::kIgnored);
  EXPECT_EQ(ClassifyHref("ftp://h/x"), LinkScheme::kUnsupported);
  EXPECT_EQ(ClassifyHref("HTTPS://h/"), LinkScheme::kHttp);
  EXPECT_EQ(ClassifyHref("../x:y"), LinkScheme::kHttp);
  EXPECT_EQ(ClassifyHref(""), LinkScheme::kHttp);
}

}  // namespace
}  // namespace sluice::crawl

// robots.txt (RFC 9309): which paths of one origin a crawler may fetch.
//
// Parsing: "key: value" lines, comments after "#", keys case-insensitive.
// Groups start at one or more User-agent lines; the group(s) naming our
// product token ("sluice", case-insensitive) win over "*"; with neither,
// everything is allowed. Matching: the rule whose pattern (with "*"
// wildcards and a "$" end anchor) matches the path+query with the most
// characters decides; on a tie Allow wins; no match means allowed.
// Sitemap lines are collected whatever their group. Any input parses.
//
// Thread safety: immutable after Parse.
#ifndef SLUICE_CRAWL_ROBOTS_H_
#define SLUICE_CRAWL_ROBOTS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::crawl {

class RobotsRules {
 public:
  // Allows everything (no robots.txt, or a 4xx answer for it).
  static RobotsRules AllowAll() { return RobotsRules(); }
  // Disallows everything (RFC 9309 2.3.1.4: the file is unreachable, 5xx).
  static RobotsRules DisallowAll();
  static RobotsRules Parse(std::string_view text, std::string_view product_token = "sluice");

  // path_and_query: the URL's path plus "?query" if any, as normalised by url.h.
  bool Allowed(std::string_view path_and_query) const;

  const std::vector<std::string>& sitemaps() const { return sitemaps_; }
  // Crawl-delay of the chosen group, in seconds (a common extension).
  std::optional<double> crawl_delay() const { return crawl_delay_; }

 private:
  struct Rule {
    bool allow;
    std::string pattern;
  };
  std::vector<Rule> rules_;
  std::vector<std::string> sitemaps_;
  std::optional<double> crawl_delay_;
};

// One <loc> of a sitemap.
struct SitemapEntry {
  std::string url;  // entity-decoded, trimmed, valid UTF-8
  int line = 0;     // 1-based
};

struct Sitemap {
  bool is_index = false;  // <sitemapindex>: the entries are further sitemaps
  std::vector<SitemapEntry> entries;
};

// Extracts the <loc> elements of a sitemap or sitemap index (sitemaps.org
// protocol). Anything that is not a sitemap yields no entries.
Sitemap ParseSitemap(std::string_view xml);

// Replaces each invalid UTF-8 sequence with U+FFFD.
std::string SanitizeUtf8(std::string_view s);

}  // namespace sluice::crawl

#endif  // SLUICE_CRAWL_ROBOTS_H_

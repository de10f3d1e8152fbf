// The crawl's findings as plain data, and the four formats they print in.
//
// Everything is sorted (dead links by URL, their sources by page, line and
// href; warnings by text) so that a report does not depend on the order in
// which concurrent requests happened to finish.
//
// JSON (a fixed shape for scripts; "missing_anchors" only with --check-anchors):
//   {"dead": [{"url", "status" (number or null), "error",
//              "sources": [{"page", "href", "line"}]}],
//    "missing_anchors": [{"url", "fragment", "sources": [...]}],
//    "notes": [text, ...]   (what was cut, skipped or followed; not timing)
//    "summary": {"pages", "links", "urls", "dead", "missing_anchors" (with
//                --check-anchors), "redirects", "robots_skipped", "excluded",
//                "not_followed": {"max_depth", "max_pages"}, "interrupted",
//                "requests", "seconds"}}
// CSV: one row per (dead URL, source), RFC 4180 quoting:
//   url,status,error,page,href,line   (missing anchors: error "missing anchor #f")
// JUnit XML: one <testcase> per checked URL, a <failure> for each dead one.
// HTML: a page for a person (a browser): the summary, then the dead links
// grouped by dead URL (section#by-url: per URL a table of page, line and
// link as written) and by page (section#by-page), missing anchors, notes
// and warnings; every text escaped, only http(s) URLs made links.
// Text: grouped by target (or by page with by_page), then notes, warnings
// and a summary line.
#ifndef SLUICE_CRAWL_REPORT_H_
#define SLUICE_CRAWL_REPORT_H_

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace sluice::crawl {

struct LinkSource {
  std::string page;  // absolute URL of the page (or sitemap) holding the link
  std::string href;  // as written
  int line = 0;
  friend bool operator<(const LinkSource& a, const LinkSource& b) {
    if (a.page != b.page) return a.page < b.page;
    if (a.line != b.line) return a.line < b.line;
    return a.href < b.href;
  }
  friend bool operator==(const LinkSource& a, const LinkSource& b) {
    return a.page == b.page && a.line == b.line && a.href == b.href;
  }
};

struct DeadLink {
  std::string url;             // target as written and resolved, no fragment
  std::optional<long> status;  // final HTTP status; none for transport errors and loops
  std::string error;
  std::vector<LinkSource> sources;
};

struct MissingAnchor {
  std::string url;
  std::string fragment;
  std::vector<LinkSource> sources;
};

struct Summary {
  std::int64_t pages = 0;     // HTML pages whose links were followed
  std::int64_t links = 0;     // links on those pages (http(s), any target)
  std::int64_t urls = 0;      // distinct URLs checked
  std::int64_t requests = 0;  // HTTP requests sent (retries, robots.txt, sitemaps included)
  double seconds = 0;
  std::int64_t ignored = 0;      // mailto:, tel:, javascript:, data:
  std::int64_t unsupported = 0;  // other schemes (ftp:, ...): not checkable
  std::int64_t robots_skipped = 0;
  std::int64_t excluded = 0;  // --exclude, --no-external
  std::int64_t peak_in_flight = 0;
  std::int64_t redirects = 0;         // URLs that answered with a redirect (followed)
  std::int64_t cut_by_max_depth = 0;  // pages checked but not followed: --max-depth
  std::int64_t cut_by_max_pages = 0;  // ... and --max-pages
  bool interrupted = false;           // stopped early (Ctrl-C): a partial report
};

struct Report {
  std::vector<DeadLink> dead;
  bool check_anchors = false;
  std::vector<MissingAnchor> missing_anchors;
  std::vector<std::string> checked_urls;  // every URL checked (JUnit test cases)
  std::vector<std::string> load_notes;    // peak requests, which limit bound (depend on timing)
  std::vector<std::string> notes;         // what was cut, skipped, followed
  std::vector<std::string> warnings;      // truncated bodies, unreadable sitemaps, ...
  Summary summary;

  // Sorts everything (see the file comment) and removes duplicate sources.
  void Canonicalize();
  bool ok() const { return dead.empty() && missing_anchors.empty(); }
};

// "200 pages, 1500 links, 900 URLs checked, 12 dead (30 links), ... s, N
// requests (R/s)": the last line of the text report.
std::string SummaryLine(const Report& report);

void WriteText(const Report& report, bool by_page, std::FILE* out);
void WriteJson(const Report& report, std::FILE* out);
void WriteCsv(const Report& report, std::FILE* out);
void WriteJunit(const Report& report, std::FILE* out);
void WriteHtml(const Report& report, std::FILE* out);

// "Not Found" for 404, "" for codes without a well-known phrase.
const char* ReasonPhrase(long status);

}  // namespace sluice::crawl

#endif  // SLUICE_CRAWL_REPORT_H_

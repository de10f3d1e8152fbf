// What `sluice crawl` was asked to do (filled by crawl_main.cc).
#ifndef SLUICE_CRAWL_CRAWL_OPTIONS_H_
#define SLUICE_CRAWL_CRAWL_OPTIONS_H_

#include <csignal>
#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

namespace sluice::crawl {

// Bounds that hold when none is given, so that a site without end (a
// calendar, /deep/N linking to /deep/N+1) ends: no real site needs more
// than 100 clicks from its start page to reach a page, and 10,000 pages is a
// large site. The report notes whatever they cut.
constexpr int kDefaultMaxDepth = 100;
constexpr long kDefaultMaxPages = 10000;

struct CrawlOptions {
  std::string start_url;
  int concurrency = 16;  // requests in flight in total (= connections over HTTP/1.1)
  int per_host = 8;      // requests in flight to one host
  double rate = 0;       // requests per second per host; 0: unlimited
  double timeout_seconds = 20;
  int retries = 2;  // extra attempts after a transient failure
  std::size_t max_body = 10u << 20;
  int max_depth = kDefaultMaxDepth;   // -1: unlimited; 0: only the start page's links
  long max_pages = kDefaultMaxPages;  // 0: unlimited
  // Follow pages level by level in URL order, so that the pages that make
  // the max_pages cut do not depend on timing (the CLI sets it when
  // --max-pages is given). It costs a wait at each level for the requests
  // in flight; without it the cut is first come, first followed.
  bool max_pages_level_order = false;
  std::vector<std::string> include;  // POSIX extended regexes
  std::vector<std::string> exclude;
  bool no_external = false;
  bool ignore_robots = false;
  bool no_sitemap = false;
  bool check_anchors = false;
  // URLs the crawl follows (in scope) that differ only in their query are
  // one page, fetched and reported without the query.
  bool ignore_query = false;
  std::string user_agent = "sluice-crawl/0.1 (+link checker)";
  bool insecure = false;  // do not verify TLS certificates (self-signed test servers)
  // Sent to the start URL's origin only (and that of its redirect on the
  // same host): "Name: value" headers and HTTP Basic "user:password".
  std::vector<std::string> headers;
  std::string user;
  std::string cookie_file;  // Netscape cookies.txt, sent where its domains match
  // Progress and --verbose lines go to `log` (stderr); progress only when
  // `progress` (the CLI sets it when stderr is a terminal).
  bool verbose = false;
  bool progress = false;
  std::FILE* log = stderr;
  // When set, the crawl stops as soon as *stop is non-zero (a signal
  // handler sets it on Ctrl-C) and reports what was checked so far
  // (Summary::interrupted). Read within 200 ms.
  const volatile std::sig_atomic_t* stop = nullptr;
};

}  // namespace sluice::crawl

#endif  // SLUICE_CRAWL_CRAWL_OPTIONS_H_

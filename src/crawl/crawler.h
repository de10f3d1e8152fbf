// Crawler: checks every link of a site, following pages in scope.
//
// Concurrency structure (see README.md for why):
//   * one thread — the caller of Run() — owns ALL crawl state (URL table,
//     per-host queues, limits, results) and drives libcurl's multi
//     interface (Fetcher), which keeps up to --concurrency transfers in
//     flight on non-blocking sockets. No lock guards the crawl state
//     because no other thread touches it.
//   * page parsing (gumbo + URL resolution) runs on a ThreadPool
//     (src/parallel); each worker gets a body by value and hands back a
//     ParsedPage through a SyncQueue, then wakes the network loop
//     (Fetcher::Wakeup). Parsing thus overlaps the network and uses the
//     other cores, while the network loop never blocks on it.
//
// Scheduling: a URL is admitted to its host's FIFO queue once (the seen-set
// is the URL table); Dispatch starts queued URLs round-robin over hosts
// while the total cap, the host's cap, its --rate slot and any Retry-After
// pause allow. robots.txt of a host gates every URL of it until known.
// Depths are shortest-path depths: a URL reached later by a shorter path is
// relaxed (with --max-depth this can bring pages into reach).
//
// The report is built from the final URL table once nothing is in flight,
// so it does not depend on completion order.
#ifndef SLUICE_CRAWL_CRAWLER_H_
#define SLUICE_CRAWL_CRAWLER_H_

#include <memory>

#include "crawl/crawl_options.h"
#include "crawl/report.h"
#include "sluice/result.h"

namespace sluice::crawl {

// Crawls as `options` say. Errors (exit status 2 in the CLI): a malformed
// start URL or regex, a start page that cannot be fetched, answers an HTTP
// error or is not HTML, a start URL robots.txt forbids.
Result<Report> Crawl(const CrawlOptions& options);

}  // namespace sluice::crawl

#endif  // SLUICE_CRAWL_CRAWLER_H_

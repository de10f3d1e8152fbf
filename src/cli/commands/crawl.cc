// `sluice crawl`: registers the subcommand; its options and program are
// src/crawl's (crawl_main.h).
#include <memory>

#include "cli/command.h"
#include "crawl/crawl_main.h"

namespace sluice::cli {

CommandAction RegisterCrawl(CLI::App& app) {
  auto flags = std::make_shared<crawl::CrawlFlags>();
  CLI::App* sub = app.add_subcommand("crawl", "Check a web site for dead links (HTTP/HTTPS)");
  crawl::AddCrawlOptions(*sub, flags.get());
  // The statuses CrawlMain returns (crawl_main.h).
  sub->footer(
      "Exit status: 0 no dead link found; 1 dead links found (with --check-anchors, also missing anchors);\n"
      "2 usage error, or the crawl could not start (bad URL, start page unreachable) or the report\n"
      "could not be written.");
  return [flags] { return crawl::CrawlMain(*flags); };
}

}  // namespace sluice::cli

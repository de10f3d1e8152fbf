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
  return [flags] { return crawl::CrawlMain(*flags); };
}

}  // namespace sluice::cli

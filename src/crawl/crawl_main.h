// The `sluice crawl URL|FOLDER` program: checks a site (or a local folder,
// local_site.h) for dead links (src/crawl) and prints a report (text, json,
// csv, junit or html). Exit status 0 when nothing is dead, 1 when something
// is (or an anchor is missing, with --check-anchors), 2 on a usage error,
// an -o file that cannot be written, or when the crawl cannot start (bad
// URL, start page dead); 128 + the signal (130 for Ctrl-C) when stopped by
// SIGINT or SIGTERM, after writing the partial report.
//
// src/cli registers the subcommand and its options (AddCrawlOptions, so
// `sluice crawl --help` lists them) and runs CrawlMain with what CLI11
// parsed.
#ifndef SLUICE_CRAWL_CRAWL_MAIN_H_
#define SLUICE_CRAWL_CRAWL_MAIN_H_

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "crawl/crawler.h"

namespace sluice::crawl {

// The command line as parsed, before any check.
struct CrawlFlags {
  CrawlOptions crawl;
  std::string format = "text";
  std::string output;
  std::string max_body = "10M";
  bool by_page = false;
  bool no_progress = false;
  std::vector<std::string> headers;  // NAME:VALUE as given
  long max_pages = 0;                // 0: not given (the default cap, first come first followed)
};

// Adds the options to `cmd` (the `crawl` subcommand), parsed into *flags.
// Lifetime: *flags outlives the parse.
void AddCrawlOptions(CLI::App& cmd, CrawlFlags* flags);

// Checks the options, crawls, writes the report; returns the exit status.
int CrawlMain(const CrawlFlags& flags);

}  // namespace sluice::crawl

#endif  // SLUICE_CRAWL_CRAWL_MAIN_H_

// `sluice crawl URL`: checks a site for dead links (src/crawl) and prints a
// report (text, json, csv or junit). Exit status 0 when nothing is dead, 1
// when something is (or an anchor is missing, with --check-anchors), 2 on a
// usage error or when the crawl cannot start (bad URL, start page dead).
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/command.h"
#include "crawl/crawler.h"
#include "crawl/report.h"

namespace sluice::cli {
namespace {

// "10M", "512K", "1G", "65536" -> bytes; false when malformed.
bool ParseSize(const std::string& text, std::size_t* out) {
  if (text.empty()) return false;
  std::size_t pos = 0;
  unsigned long long value = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    value = value * 10 + static_cast<unsigned>(text[pos] - '0');
    if (value > (1ull << 50)) return false;
    ++pos;
  }
  if (pos == 0) return false;
  std::string unit = text.substr(pos);
  if (unit == "K" || unit == "k" || unit == "KiB")
    value <<= 10;
  else if (unit == "M" || unit == "MiB")
    value <<= 20;
  else if (unit == "G" || unit == "GiB")
    value <<= 30;
  else if (!unit.empty() && unit != "B")
    return false;
  *out = static_cast<std::size_t>(value);
  return true;
}

}  // namespace

CommandAction RegisterCrawl(CLI::App& app) {
  struct Options {
    crawl::CrawlOptions crawl;
    std::string format = "text";
    std::string output;
    std::string max_body = "10M";
    bool by_page = false;
    bool no_progress = false;
  };
  auto opts = std::make_shared<Options>();
  crawl::CrawlOptions& c = opts->crawl;
  CLI::App* sub = app.add_subcommand("crawl", "Check a web site for dead links (HTTP/HTTPS)");
  sub->add_option("URL", c.start_url, "Start page; pages under its origin and directory are crawled")->required();
  sub->add_option("-j,--concurrency", c.concurrency, "Requests in flight in total (default 16)")
      ->check(CLI::Range(1, 1024));
  sub->add_option("--per-host", c.per_host, "Requests in flight to one host (default 8)")->check(CLI::Range(1, 1024));
  sub->add_option("--rate", c.rate, "At most this many requests per second to one host (default: no limit)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--timeout", c.timeout_seconds, "Seconds allowed for one request (default 20)")
      ->check(CLI::Range(0.001, 86400.0));
  sub->add_option("--retries", c.retries, "Retries after a timeout, reset, 429, 502, 503 or 504 (default 2)")
      ->check(CLI::Range(0, 20));
  sub->add_option("--max-body", opts->max_body, "Read at most this much of one response, e.g. 512K, 10M (default 10M)");
  sub->add_option("--max-depth", c.max_depth, "Follow links only from pages at most this many links from the start")
      ->check(CLI::Range(0, 1000000));
  sub->add_option("--max-pages", c.max_pages, "Follow the links of at most this many pages")
      ->check(CLI::Range(1L, 1000000000L));
  // One value per occurrence, so that "--exclude RE URL" leaves URL alone.
  sub->add_option("--include", c.include, "Follow exactly the URLs matching this POSIX extended regex (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub->add_option("--exclude", c.exclude, "Neither check nor follow URLs matching this regex (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub->add_flag("--no-external", c.no_external, "Do not check links to other origins");
  sub->add_flag("--ignore-robots", c.ignore_robots, "Crawl what robots.txt disallows");
  sub->add_flag("--no-sitemap", c.no_sitemap, "Do not read sitemap.xml for pages to crawl");
  sub->add_flag("--check-anchors", c.check_anchors, "Report #fragment links whose page has no such id or <a name>");
  sub->add_option("--format", opts->format, "Report format: text, json, csv or junit (default text)")
      ->check(CLI::IsMember({"text", "json", "csv", "junit"}));
  sub->add_flag("--by-page", opts->by_page, "Text report: group dead links by the page holding them");
  sub->add_option("-o,--output", opts->output, "Write the report to this file instead of stdout");
  sub->add_option("--user-agent", c.user_agent, "User-Agent header (robots.txt rules for 'sluice' apply)");
  sub->add_flag("--insecure", c.insecure, "Do not verify TLS certificates (e.g. a self-signed test server)");
  sub->add_flag("-v,--verbose", c.verbose, "Print every URL handled ('handling: URL') on stderr");
  sub->add_flag("--no-progress", opts->no_progress, "No live progress line (shown only when stderr is a terminal)");
  return [opts] {
    crawl::CrawlOptions options = opts->crawl;
    if (!ParseSize(opts->max_body, &options.max_body) || options.max_body < 1024) {
      std::fprintf(stderr, "sluice crawl: --max-body '%s': expected a size of at least 1K, e.g. 512K, 10M, 1G\n",
                   opts->max_body.c_str());
      return kExitUsage;
    }
    options.progress = !opts->no_progress && !options.verbose && isatty(STDERR_FILENO);
    options.log = stderr;
    Result<crawl::Report> report = crawl::Crawl(options);
    if (!report.ok()) {
      std::fprintf(stderr, "sluice crawl: %s\n", report.status().message().c_str());
      return kExitUsage;
    }
    std::FILE* out = stdout;
    if (!opts->output.empty()) {
      out = std::fopen(opts->output.c_str(), "w");
      if (out == nullptr) {
        std::fprintf(stderr, "sluice crawl: cannot write %s: %s\n", opts->output.c_str(), std::strerror(errno));
        return kExitUsage;
      }
    }
    if (opts->format == "json")
      crawl::WriteJson(*report, out);
    else if (opts->format == "csv")
      crawl::WriteCsv(*report, out);
    else if (opts->format == "junit")
      crawl::WriteJunit(*report, out);
    else
      crawl::WriteText(*report, opts->by_page, out);
    if (out != stdout && std::fclose(out) != 0) {
      std::fprintf(stderr, "sluice crawl: cannot write %s: %s\n", opts->output.c_str(), std::strerror(errno));
      return kExitUsage;
    }
    if (out == stdout) std::fflush(stdout);
    return report->ok() ? kExitOk : kExitFailure;
  };
}

}  // namespace sluice::cli

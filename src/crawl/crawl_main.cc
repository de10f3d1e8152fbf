// `sluice crawl` (crawl_main.h): option checks, the crawl, the report.
#include "crawl/crawl_main.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "crawl/local_site.h"
#include "crawl/report.h"

namespace sluice::crawl {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

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

// "Name:value" -> "Name: value" for curl; "" when malformed (*why says).
std::string HeaderLine(const std::string& arg, std::string* why) {
  std::size_t colon = arg.find(':');
  if (colon == std::string::npos || colon == 0) {
    *why = "expected NAME:VALUE";
    return "";
  }
  std::string name = arg.substr(0, colon);
  for (char ch : name) {
    auto c = static_cast<unsigned char>(ch);
    if (!std::isalnum(c) && std::strchr("!#$%&'*+-.^_`|~", c) == nullptr) {
      *why = "the header name may hold letters, digits and !#$%&'*+-.^_`|~ only";
      return "";
    }
  }
  std::string value = arg.substr(colon + 1);
  value.erase(0, value.find_first_not_of(" \t"));
  if (value.find_first_of("\r\n", 0) != std::string::npos || value.find('\0') != std::string::npos) {
    *why = "the value may not hold a line break";
    return "";
  }
  if (value.empty()) {
    *why = "the value is empty";
    return "";
  }
  return name + ": " + value;
}

// A Netscape cookies.txt (curl, wget, browser exports): "" when usable,
// else why not. curl skips lines it cannot read without a word, so a file
// in another format would send no cookie and say nothing.
std::string CheckCookieFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "r");
  if (f == nullptr) return std::strerror(errno);
  char buf[8192];
  int line = 0;
  std::string why;
  while (why.empty() && std::fgets(buf, sizeof buf, f) != nullptr) {
    ++line;
    std::string l(buf);
    while (!l.empty() && (l.back() == '\n' || l.back() == '\r')) l.pop_back();
    if (l.rfind("#HttpOnly_", 0) == 0) l.erase(0, 10);
    if (l.empty() || l[0] == '#') continue;
    std::size_t tabs = static_cast<std::size_t>(std::count(l.begin(), l.end(), '\t'));
    if (tabs != 6) {
      why = "line " + std::to_string(line) +
            ": not a Netscape cookies.txt line (domain, include-subdomains, path, secure, expiry, name, value: "
            "7 fields separated by tabs)";
    }
  }
  if (why.empty() && std::ferror(f)) why = std::strerror(errno);
  std::fclose(f);
  return why;
}

// Ctrl-C (SIGINT) and SIGTERM while the crawl runs: the first stops the
// crawl, which then reports what it checked (exit 128 + signal); the
// handler is reset at once, so a second one kills as usual.
volatile std::sig_atomic_t g_stop_signal = 0;

extern "C" void OnStopSignal(int sig) { g_stop_signal = sig; }

class StopSignals {
 public:
  StopSignals() {
    g_stop_signal = 0;
    struct sigaction sa = {};
    sa.sa_handler = OnStopSignal;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~StopSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct sigaction old_int_ = {};
  struct sigaction old_term_ = {};
};

// The -o file, opened before the crawl so that a report that cannot be
// written is known before any request. It is not truncated until the report
// is ready: a crawl that cannot start leaves an existing file as it was, and
// removes the file it created.
class ReportFile {
 public:
  ~ReportFile() {
    if (fd_ >= 0) close(fd_);
  }

  bool Open(const std::string& path) {
    path_ = path;
    struct stat st;
    bool existed = stat(path.c_str(), &st) == 0;
    fd_ = open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
    if (fd_ < 0) return false;
    created_ = !existed;
    regular_ = fstat(fd_, &st) == 0 && S_ISREG(st.st_mode);
    return true;
  }

  // The crawl did not produce a report.
  void Abandon() {
    close(fd_);
    fd_ = -1;
    if (created_) unlink(path_.c_str());
  }

  // The file, emptied, as a stream (owned by the caller); nullptr on error.
  std::FILE* Take() {
    if (regular_ && ftruncate(fd_, 0) != 0) return nullptr;
    std::FILE* f = fdopen(fd_, "w");
    if (f != nullptr) fd_ = -1;
    return f;
  }

 private:
  std::string path_;
  int fd_ = -1;
  bool created_ = false;
  bool regular_ = false;
};

}  // namespace

void AddCrawlOptions(CLI::App& cmd, CrawlFlags* flags) {
  CrawlOptions& c = flags->crawl;
  cmd.add_option("URL", c.start_url,
                 "Start page; pages under its origin and directory are crawled. A folder (or an HTML file in "
                 "one) is checked as a site rooted there, without a server")
      ->required();
  cmd.add_option("-j,--concurrency", c.concurrency, "Requests in flight in total, 1 to 1024 (default 16)")
      ->check(CLI::Range(1, 1024));
  cmd.add_option("--per-host", c.per_host, "Requests in flight to one host, 1 to 1024 (default 8)")
      ->check(CLI::Range(1, 1024));
  cmd.add_option("--rate", c.rate, "At most NUM requests per second to one host, more than 0 (default: no limit)")
      ->check(CLI::PositiveNumber);
  cmd.add_option("--timeout", c.timeout_seconds, "Seconds allowed for one request, 0.001 to 86400 (default 20)")
      ->type_name("SECONDS")
      ->check(CLI::Range(0.001, 86400.0));
  cmd.add_option("--retries", c.retries, "Retries after a timeout, reset, 429, 502, 503 or 504, 0 to 20 (default 2)")
      ->check(CLI::Range(0, 20));
  cmd.add_option("--max-body", flags->max_body,
                 "Read at most SIZE bytes of one response, at least 1K, e.g. 512K, 10M (default 10M)")
      ->type_name("SIZE");
  cmd.add_option("--max-depth", c.max_depth,
                 "Follow links only from pages at most N links from the start, 0 to 1000000 (default " +
                     std::to_string(kDefaultMaxDepth) + ")")
      ->check(CLI::Range(0, 1000000));
  cmd.add_option("--max-pages", flags->max_pages,
                 "Follow the links of at most N pages, 1 to 1000000000 (default " + std::to_string(kDefaultMaxPages) +
                     "); when given, they are chosen level by level in URL order")
      ->check(CLI::Range(1L, 1000000000L));
  // One value per occurrence, so that "--exclude RE URL" leaves URL alone.
  cmd.add_option("--include", c.include, "Follow exactly the URLs matching this POSIX extended regex (repeatable)")
      ->type_name("REGEX")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--exclude", c.exclude, "Neither check nor follow URLs matching this regex (repeatable)")
      ->type_name("REGEX")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_flag("--no-external", c.no_external, "Do not check links to other origins");
  cmd.add_flag("--ignore-robots", c.ignore_robots, "Crawl what robots.txt disallows");
  cmd.add_flag("--no-sitemap", c.no_sitemap, "Do not read sitemap.xml for pages to crawl");
  cmd.add_flag("--ignore-query", c.ignore_query,
               "Treat pages of the site that differ only in their ?query as one page (fetched without it)");
  cmd.add_flag("--check-anchors", c.check_anchors, "Report #fragment links whose page has no such id or <a name>");
  cmd.add_option("--format", flags->format, "Report format: text, json, csv, junit or html (default text)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json", "csv", "junit", "html"}));
  cmd.add_flag("--by-page", flags->by_page, "Text report: group dead links by the page holding them");
  cmd.add_option("-o,--output", flags->output, "Write the report to this file instead of stdout")->type_name("FILE");
  cmd.add_option("-H,--header", flags->headers,
                 "Send this header, NAME:VALUE, to the start URL's site (repeatable; not to the sites it links)")
      ->type_name("NAME:VALUE")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--user", c.user, "HTTP Basic credentials USER:PASSWORD for the start URL's site")
      ->type_name("USER:PASSWORD");
  cmd.add_option("--cookies", c.cookie_file,
                 "Send the cookies of this Netscape cookies.txt file (as curl and browser exports write it)")
      ->type_name("FILE");
  cmd.add_option("--user-agent", c.user_agent, "User-Agent header (robots.txt rules for 'sluice' apply)")
      ->type_name("AGENT");
  cmd.add_flag("--insecure", c.insecure, "Do not verify TLS certificates (e.g. a self-signed test server)");
  cmd.add_flag("-v,--verbose", c.verbose, "Print every URL handled ('handling: URL') on stderr");
  cmd.add_flag("--no-progress", flags->no_progress, "No live progress line (shown only when stderr is a terminal)");
}

int CrawlMain(const CrawlFlags& flags) {
  CrawlOptions options = flags.crawl;
  if (!ParseSize(flags.max_body, &options.max_body) || options.max_body < 1024) {
    std::fprintf(stderr, "sluice crawl: --max-body '%s': expected a size of at least 1K, e.g. 512K, 10M, 1G\n",
                 flags.max_body.c_str());
    return kExitUsage;
  }
  for (const std::string& h : flags.headers) {
    std::string why;
    std::string line = HeaderLine(h, &why);
    if (line.empty()) {
      std::fprintf(stderr, "sluice crawl: --header '%s': %s\n", h.c_str(), why.c_str());
      return kExitUsage;
    }
    options.headers.push_back(line);
  }
  if (!options.user.empty() && options.user.find(':') == std::string::npos) {
    std::fprintf(stderr, "sluice crawl: --user '%s': expected USER:PASSWORD\n", options.user.c_str());
    return kExitUsage;
  }
  if (!options.cookie_file.empty()) {
    std::string why = CheckCookieFile(options.cookie_file);
    if (!why.empty()) {
      std::fprintf(stderr, "sluice crawl: --cookies %s: %s\n", options.cookie_file.c_str(), why.c_str());
      return kExitUsage;
    }
  }
  if (flags.max_pages > 0) {
    options.max_pages = flags.max_pages;
    options.max_pages_level_order = true;
  }
  options.progress = !flags.no_progress && !options.verbose && isatty(STDERR_FILENO);
  options.log = stderr;
  ReportFile file;
  if (!flags.output.empty() && !file.Open(flags.output)) {
    std::fprintf(stderr, "sluice crawl: cannot write the report to %s: %s\n", flags.output.c_str(),
                 std::strerror(errno));
    return kExitUsage;
  }
  bool stderr_tty = isatty(STDERR_FILENO) != 0;
  options.stop = &g_stop_signal;
  // A folder or file instead of a URL: served on 127.0.0.1 and crawled.
  std::unique_ptr<LocalSite> local;
  const std::string& start = options.start_url;
  struct stat st;
  if (start.find("://") == std::string::npos &&
      (start.find('/') != std::string::npos || stat(start.c_str(), &st) == 0)) {
    Result<std::unique_ptr<LocalSite>> site = LocalSite::Start(start);
    if (!site.ok()) {
      if (!flags.output.empty()) file.Abandon();
      std::fprintf(stderr, "sluice crawl: %s\n", site.status().message().c_str());
      return kExitUsage;
    }
    local = std::move(*site);
    options.start_url = local->start_url();
    // The user's own files: a robots.txt among them addresses the crawlers
    // of the published site, not this check (other hosts' are never read).
    options.ignore_robots = true;
  }
  Result<Report> report = [&] {
    StopSignals signals;
    return Crawl(options);
  }();
  if (!report.ok()) {
    if (!flags.output.empty()) file.Abandon();
    std::string why = report.status().message();
    std::fprintf(stderr, "sluice crawl: %s\n", (local ? local->LocalizeText(why) : why).c_str());
    return kExitUsage;
  }
  if (local) local->Localize(&*report);
  std::FILE* out = stdout;
  if (!flags.output.empty()) {
    out = file.Take();
    if (out == nullptr) {
      std::fprintf(stderr, "sluice crawl: cannot write the report to %s: %s\n", flags.output.c_str(),
                   std::strerror(errno));
      return kExitUsage;
    }
  }
  if (flags.format == "json")
    WriteJson(*report, out);
  else if (flags.format == "csv")
    WriteCsv(*report, out);
  else if (flags.format == "junit")
    WriteJunit(*report, out);
  else if (flags.format == "html")
    WriteHtml(*report, out);
  else
    WriteText(*report, flags.by_page, out);
  if (out != stdout && std::fclose(out) != 0) {
    std::fprintf(stderr, "sluice crawl: cannot write the report to %s: %s\n", flags.output.c_str(),
                 std::strerror(errno));
    return kExitUsage;
  }
  if (out == stdout && (std::fflush(stdout) != 0 || std::ferror(stdout))) {
    std::fprintf(stderr, "sluice crawl: cannot write the report to stdout: %s\n", std::strerror(errno));
    return kExitUsage;
  }
  // On a terminal the one-line summary goes to stderr too, unless the text
  // report (which ends with it) was just printed on that terminal.
  bool report_on_terminal = out == stdout && flags.format == "text" && isatty(STDOUT_FILENO);
  if (stderr_tty && !report_on_terminal) {
    std::string where = flags.output.empty() ? "" : "; report in " + flags.output;
    const Summary& s = report->summary;
    if (s.cut_by_max_depth + s.cut_by_max_pages > 0) {
      where += "; links of " + std::to_string(s.cut_by_max_depth + s.cut_by_max_pages) +
               " pages not followed (--max-depth, --max-pages: see the report's notes)";
    }
    std::fprintf(stderr, "sluice crawl: %s%s%s\n", report->summary.interrupted ? "interrupted, partial: " : "",
                 SummaryLine(*report).c_str(), where.c_str());
  }
  if (g_stop_signal != 0) return 128 + g_stop_signal;
  return report->ok() ? kExitOk : kExitFailure;
}

}  // namespace sluice::crawl

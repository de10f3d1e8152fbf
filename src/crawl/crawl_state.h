// Internal to src/crawl: the state of one crawl and the methods that work
// on it, split by concern over
//   crawler.cc          the loop (Run), progress, entry point Crawl()
//   crawl_frontier.cc   the URL table (the seen-set), queues, depths, following
//   crawl_network.cc    what to start when (caps, rate, back-off), results,
//                       robots.txt and sitemaps
//   crawl_verdict.cc    dead or alive (redirect chains), the Report
// See crawler.h for the concurrency structure: everything here is touched
// only by the thread running Run(), except ParsePage, which runs on the
// pool's workers on values.
#ifndef SLUICE_CRAWL_CRAWL_STATE_H_
#define SLUICE_CRAWL_CRAWL_STATE_H_

#include <algorithm>
#include <chrono>
#include <cctype>
#include <climits>
#include <cmath>
#include <deque>
#include <map>
#include <optional>
#include <queue>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "crawl/fetcher.h"
#include "crawl/html_links.h"
#include "crawl/robots.h"
#include "crawl/scope.h"
#include "crawl/url.h"
#include "sluice/parallel/sync_queue.h"
#include "sluice/parallel/thread_pool.h"
#include "crawl/crawl_options.h"
#include "crawl/report.h"

namespace sluice::crawl::internal {

using Clock = std::chrono::steady_clock;
using Seconds = std::chrono::duration<double>;

constexpr int kMaxRedirects = 10;       // a longer chain is a dead link
constexpr double kMaxRetryAfter = 120;  // longer Retry-After: give up, report the status
constexpr int kMaxSitemaps = 50;        // sitemaps read per crawl (indexes can nest)
// Fetch ids with this bit are robots.txt/sitemap requests, not URL-table nodes.
constexpr std::uint64_t kSpecialBit = 1ull << 62;

inline Clock::duration ToDuration(double seconds) {
  return std::chrono::duration_cast<Clock::duration>(Seconds(seconds));
}

// A link as the parse worker resolved it.
struct ResolvedLink {
  std::string href;
  int line = 0;
  LinkScheme scheme = LinkScheme::kHttp;
  bool ok = false;
  Url url;            // with its fragment
  std::string error;  // when !ok
};

struct ParsedPage {
  int node = -1;
  std::vector<ResolvedLink> links;
  std::vector<std::string> anchors;
  std::string warning;
};

// Runs on a pool worker: extracts and resolves the links of one page.
ParsedPage ParsePage(int node, const Url& page, const std::string& body, bool anchors);

// One crawl. Run() drives it to the end; see the file comment for which
// file implements which methods. Not thread-safe: owned by one thread.
class CrawlerImpl {
 public:
  explicit CrawlerImpl(const CrawlOptions& options)
      : opt_(options),
        fetcher_(FetcherOptions{options.concurrency, options.per_host, options.timeout_seconds, options.user_agent,
                                options.insecure, options.headers, options.user, options.cookie_file}),
        pool_(0) {}

  Result<Report> Run();

 private:
  struct Link {
    int target;
    std::string href;
    int line;
    bool has_fragment;
    std::string fragment;
  };
  enum class State { kNew, kWaiting, kInFlight, kParsing, kDone, kSkipped };
  enum class Cut { kNone, kDepth, kPages };
  struct Node {
    std::string url;  // normalised, without fragment; the table key
    Url parsed;
    int host = -1;
    bool in_scope = false;
    bool invalid = false;  // a malformed href: never fetched, always dead
    int depth = INT_MAX;
    State state = State::kNew;
    int attempts = 0;
    bool use_get = false;  // HEAD failed: check with GET
    long status = 0;
    std::string error;
    int redirect_to = -1;
    int redirect_hops = 0;  // fewest redirects from a URL written in a page
    bool is_html = false;
    bool parsed_ok = false;
    bool followed = false;
    Cut cut = Cut::kNone;  // why a parsed page in scope was not followed
    std::vector<Link> links;
    std::vector<std::string> anchors;
    std::string content_type;
  };
  enum class RobotsState { kNotNeeded, kFetching, kKnown };
  struct Host {
    std::string origin;
    Url root;  // origin + "/"
    int in_flight = 0;
    Clock::time_point next_start{};
    Clock::time_point paused_until{};
    double interval = 0;  // seconds between request starts (--rate, Crawl-delay)
    std::deque<int> ready;
    RobotsState robots_state = RobotsState::kNotNeeded;
    RobotsRules robots = RobotsRules::AllowAll();
    bool credentials = false;  // the site's own origin: --header and --user are sent
  };
  enum class SpecialKind { kRobots, kSitemap };
  struct Special {
    SpecialKind kind;
    int host;
    std::string url;
    bool listed;  // a sitemap named in robots.txt (vs. the guessed /sitemap.xml)
  };
  struct SitemapLink {
    std::string sitemap;
    std::string href;
    int line;
    int target;
  };
  struct Delayed {
    Clock::time_point when;
    int node;
    bool operator>(const Delayed& o) const { return when > o.when; }
  };
  struct Verdict {
    bool dead = false;
    bool alive_html = false;  // final target is a parsed HTML page
    int final_node = -1;
    std::optional<long> status;
    std::string error;
  };

  int Intern(const Url& url);
  int InternInvalid(const std::string& href, const std::string& error);
  int HostOf(const Url& url);
  void Enqueue(int id, int depth);
  void Relax(int id, int depth);
  void Admit(int id);
  void Follow(int id);
  void FetchRobots(int host);
  void FetchSitemaps(int host);
  void StartSpecial(SpecialKind kind, int host, const std::string& url, bool listed);
  void LaunchSpecial(std::uint64_t id);
  void Dispatch(Clock::time_point now);
  void StartNode(int id, Clock::time_point now);
  void HandleResult(FetchResult& r, Clock::time_point now);
  void HandleSpecial(FetchResult& r);
  void HandleParsed(ParsedPage& p);
  bool Busy() const;
  bool InFlightOrQueued() const;
  void FollowNextLevel();
  void Progress(Clock::time_point now, bool final_line);
  Verdict Judge(int id) const;
  Report BuildReport(double seconds);

  CrawlOptions opt_;
  std::unique_ptr<Scope> scope_;
  Fetcher fetcher_;
  std::vector<Node> nodes_;
  std::unordered_map<std::string, int> index_;
  std::vector<Host> hosts_;
  std::unordered_map<std::string, int> host_index_;
  std::size_t rr_ = 0;  // round-robin position over hosts_
  std::priority_queue<Delayed, std::vector<Delayed>, std::greater<Delayed>> delayed_;
  std::unordered_map<std::uint64_t, Special> specials_;  // queued or in flight
  std::deque<std::uint64_t> special_queue_;              // not started yet
  std::uint64_t next_special_ = 0;
  int sitemaps_started_ = 0;
  std::vector<SitemapLink> sitemap_links_;
  int start_ = -1;
  int start_final_ = -1;  // the start URL after its redirects
  std::optional<Status> fatal_;
  bool interrupted_ = false;  // opt_.stop was raised: a partial report
  std::int64_t pages_followed_ = 0;
  std::int64_t pages_cut_by_max_pages_ = 0;
  std::int64_t pages_cut_by_depth_ = 0;
  std::int64_t robots_skipped_ = 0;
  std::int64_t excluded_ = 0;
  std::int64_t peak_in_flight_ = 0;
  std::int64_t checked_ = 0;
  std::int64_t failed_so_far_ = 0;
  int parsing_ = 0;
  std::map<int, std::vector<int>> pending_follow_;  // --max-pages: parsed pages by depth
  std::vector<std::string> warnings_;
  // Time during which ready URLs waited because of each limit.
  double blocked_total_ = 0, blocked_host_ = 0, blocked_rate_ = 0, blocked_backoff_ = 0;
  bool flag_total_ = false, flag_host_ = false, flag_rate_ = false, flag_backoff_ = false;
  Clock::time_point last_progress_{};
  Clock::time_point started_at_{};

  // Parse workers hand results back here. Declared before pool_ so that the
  // pool (destroyed first) drains its tasks while the queue still exists.
  parallel::SyncQueue<ParsedPage> parsed_;
  parallel::ThreadPool pool_;
};

}  // namespace sluice::crawl::internal

#endif  // SLUICE_CRAWL_CRAWL_STATE_H_

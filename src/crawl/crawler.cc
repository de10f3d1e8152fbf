// The crawl loop; see crawler.h for the concurrency structure.
#include "crawl/crawler.h"

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

namespace sluice::crawl {
namespace {

using Clock = std::chrono::steady_clock;
using Seconds = std::chrono::duration<double>;

constexpr int kMaxRedirects = 10;
constexpr double kMaxRetryAfter = 120;  // longer Retry-After: give up, report the status
constexpr int kMaxSitemaps = 50;
constexpr std::uint64_t kSpecialBit = 1ull << 62;

Clock::duration ToDuration(double seconds) {
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

ParsedPage ParsePage(int node, const Url& page, const std::string& body, bool anchors) {
  ParsedPage out;
  out.node = node;
  PageLinks pl = ExtractLinks(body, anchors);
  Url base = page;
  if (pl.base_href) {
    Result<Url> b = ResolveHttpUrl(page, *pl.base_href);
    if (ClassifyHref(*pl.base_href) == LinkScheme::kHttp && b.ok()) {
      base = *b;
    } else {
      out.warning = "ignored <base href=\"" + *pl.base_href + "\"> on " + page.WithoutFragment() +
                    (b.ok() ? ": not an http(s) URL" : ": " + b.status().message());
    }
  }
  out.anchors = std::move(pl.anchors);
  out.links.reserve(pl.links.size());
  for (ExtractedLink& l : pl.links) {
    ResolvedLink r;
    r.scheme = ClassifyHref(l.href);
    r.line = l.line;
    if (r.scheme == LinkScheme::kHttp) {
      Result<Url> u = ResolveHttpUrl(base, l.href);
      r.ok = u.ok();
      if (u.ok()) {
        r.url = std::move(*u);
      } else {
        r.error = u.status().message();
      }
    }
    r.href = std::move(l.href);
    out.links.push_back(std::move(r));
  }
  return out;
}

std::string PercentDecode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

class CrawlerImpl {
 public:
  explicit CrawlerImpl(const CrawlOptions& options)
      : opt_(options),
        fetcher_(FetcherOptions{options.concurrency, options.per_host, options.timeout_seconds, options.user_agent}),
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
  std::deque<std::uint64_t> special_queue_;               // not started yet
  std::uint64_t next_special_ = 0;
  int sitemaps_started_ = 0;
  std::vector<SitemapLink> sitemap_links_;
  int start_ = -1;
  int start_final_ = -1;  // the start URL after its redirects
  std::optional<Status> fatal_;
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

int CrawlerImpl::HostOf(const Url& url) {
  std::string origin = url.Origin();
  auto it = host_index_.find(origin);
  if (it != host_index_.end()) return it->second;
  Host h;
  h.origin = origin;
  h.root = url;
  h.root.path = "/";
  h.root.has_query = h.root.has_fragment = false;
  h.root.query.clear();
  h.root.fragment.clear();
  h.root.userinfo.clear();
  if (opt_.rate > 0) h.interval = 1.0 / opt_.rate;
  hosts_.push_back(std::move(h));
  host_index_.emplace(origin, static_cast<int>(hosts_.size() - 1));
  return static_cast<int>(hosts_.size() - 1);
}

int CrawlerImpl::Intern(const Url& url) {
  std::string key = url.WithoutFragment();
  auto it = index_.find(key);
  if (it != index_.end()) return it->second;
  Node n;
  n.url = key;
  n.parsed = url;
  n.parsed.has_fragment = false;
  n.parsed.fragment.clear();
  n.host = HostOf(url);
  n.in_scope = scope_->Follows(url);
  nodes_.push_back(std::move(n));
  int id = static_cast<int>(nodes_.size() - 1);
  index_.emplace(std::move(key), id);
  return id;
}

int CrawlerImpl::InternInvalid(const std::string& href, const std::string& error) {
  std::string key = "\x01" + href;  // cannot collide with a real URL
  auto it = index_.find(key);
  if (it != index_.end()) return it->second;
  Node n;
  n.url = href;
  n.invalid = true;
  n.error = error;
  n.state = State::kDone;
  nodes_.push_back(std::move(n));
  int id = static_cast<int>(nodes_.size() - 1);
  index_.emplace(std::move(key), id);
  ++failed_so_far_;
  return id;
}

void CrawlerImpl::Enqueue(int id, int depth) {
  Node& n = nodes_[id];
  if (n.state != State::kNew || n.invalid) {
    Relax(id, depth);
    return;
  }
  n.depth = depth;
  if (scope_->Excluded(n.parsed) || (opt_.no_external && scope_->External(n.parsed))) {
    n.state = State::kSkipped;
    ++excluded_;
    return;
  }
  Host& h = hosts_[n.host];
  if (n.in_scope && !opt_.ignore_robots && h.robots_state == RobotsState::kNotNeeded) FetchRobots(n.host);
  Admit(id);
}

// Puts a node on its host's queue, or skips it when robots.txt forbids it.
// Nodes of a host whose robots.txt is still being fetched wait in the queue;
// the robots answer filters them.
void CrawlerImpl::Admit(int id) {
  Node& n = nodes_[id];
  Host& h = hosts_[n.host];
  if (h.robots_state == RobotsState::kKnown) {
    std::string pq = n.parsed.path + (n.parsed.has_query ? "?" + n.parsed.query : "");
    if (!h.robots.Allowed(pq)) {
      n.state = State::kSkipped;
      ++robots_skipped_;
      if (opt_.verbose) std::fprintf(opt_.log, "skipping (robots.txt): %s\n", n.url.c_str());
      return;
    }
  }
  n.state = State::kWaiting;
  h.ready.push_back(id);
}

// Lowers a node's depth and propagates it (only matters with --max-depth).
void CrawlerImpl::Relax(int id, int depth) {
  if (opt_.max_depth < 0) return;
  std::vector<std::pair<int, int>> work = {{id, depth}};
  while (!work.empty()) {
    auto [i, d] = work.back();
    work.pop_back();
    Node& n = nodes_[i];
    if (d >= n.depth) continue;
    n.depth = d;
    if (n.redirect_to >= 0) work.push_back({n.redirect_to, d});
    if (!n.parsed_ok || !n.in_scope) continue;
    if (!n.followed) {
      if (d <= opt_.max_depth) {
        --pages_cut_by_depth_;
        Follow(i);  // its links enter at d + 1
      }
      continue;
    }
    for (const Link& l : n.links) {
      if (l.target >= 0) work.push_back({l.target, d + 1});
    }
  }
}

void CrawlerImpl::Follow(int id) {
  if (opt_.max_pages > 0 && pages_followed_ >= opt_.max_pages) {
    ++pages_cut_by_max_pages_;
    return;
  }
  Node& n = nodes_[id];
  n.followed = true;
  ++pages_followed_;
  int depth = n.depth;
  std::vector<int> targets;
  targets.reserve(n.links.size());
  for (const Link& l : n.links) targets.push_back(l.target);
  for (int t : targets) {
    if (t >= 0) Enqueue(t, depth + 1);  // may grow nodes_: no reference kept
  }
}

void CrawlerImpl::StartSpecial(SpecialKind kind, int host, const std::string& url, bool listed) {
  std::uint64_t id = kSpecialBit | next_special_++;
  specials_.emplace(id, Special{kind, host, url, listed});
  special_queue_.push_back(id);  // started by Dispatch, within the caps
}

void CrawlerImpl::LaunchSpecial(std::uint64_t id) {
  const Special& sp = specials_.at(id);
  FetchRequest req;
  req.id = id;
  req.url = sp.url;
  req.body = BodyMode::kKeepAlways;
  req.max_body = opt_.max_body;
  ++hosts_[sp.host].in_flight;
  if (opt_.verbose) std::fprintf(opt_.log, "handling: %s\n", sp.url.c_str());
  fetcher_.Start(std::move(req));
  peak_in_flight_ = std::max<std::int64_t>(peak_in_flight_, static_cast<std::int64_t>(fetcher_.in_flight()));
}

void CrawlerImpl::FetchRobots(int host) {
  Host& h = hosts_[host];
  h.robots_state = RobotsState::kFetching;
  Url u = h.root;
  u.path = "/robots.txt";
  StartSpecial(SpecialKind::kRobots, host, u.ToString(), false);
}

void CrawlerImpl::FetchSitemaps(int host) {
  Host& h = hosts_[host];
  std::vector<std::string> listed;
  for (const std::string& s : h.robots.sitemaps()) {
    Result<Url> u = ParseHttpUrl(s);
    if (u.ok()) listed.push_back(u->WithoutFragment());
  }
  if (listed.empty()) {
    Url u = h.root;
    u.path = "/sitemap.xml";
    StartSpecial(SpecialKind::kSitemap, host, u.ToString(), false);
    ++sitemaps_started_;
    return;
  }
  for (const std::string& s : listed) {
    if (sitemaps_started_ >= kMaxSitemaps) break;
    StartSpecial(SpecialKind::kSitemap, host, s, true);
    ++sitemaps_started_;
  }
}

void CrawlerImpl::Dispatch(Clock::time_point now) {
  while (!delayed_.empty() && delayed_.top().when <= now) {
    int id = delayed_.top().node;
    delayed_.pop();
    hosts_[nodes_[id].host].ready.push_front(id);
  }
  flag_total_ = flag_host_ = flag_rate_ = flag_backoff_ = false;
  const std::size_t cap = static_cast<std::size_t>(opt_.concurrency);
  // robots.txt and sitemaps first: other URLs of their host wait for them.
  for (auto it = special_queue_.begin(); it != special_queue_.end() && fetcher_.in_flight() < cap;) {
    if (hosts_[specials_.at(*it).host].in_flight < opt_.per_host) {
      LaunchSpecial(*it);
      it = special_queue_.erase(it);
    } else {
      ++it;
    }
  }
  bool started = true;
  while (started && fetcher_.in_flight() < cap) {
    started = false;
    for (std::size_t k = 0; k < hosts_.size() && fetcher_.in_flight() < cap; ++k) {
      std::size_t hi = (rr_ + k) % hosts_.size();
      Host& h = hosts_[hi];
      if (h.ready.empty() || h.robots_state == RobotsState::kFetching) continue;
      if (h.in_flight >= opt_.per_host) {
        flag_host_ = true;
        continue;
      }
      if (now < h.paused_until) {
        flag_backoff_ = true;
        continue;
      }
      if (now < h.next_start) {
        flag_rate_ = true;
        continue;
      }
      int id = h.ready.front();
      h.ready.pop_front();
      StartNode(id, now);
      started = true;
      rr_ = hi + 1;
    }
  }
  if (fetcher_.in_flight() >= cap) {
    for (const Host& h : hosts_) {
      if (!h.ready.empty() && h.robots_state != RobotsState::kFetching) {
        flag_total_ = true;
        break;
      }
    }
  }
}

void CrawlerImpl::StartNode(int id, Clock::time_point now) {
  Node& n = nodes_[id];
  Host& h = hosts_[n.host];
  FetchRequest req;
  req.id = static_cast<std::uint64_t>(id);
  req.url = n.url;
  req.max_body = opt_.max_body;
  if (n.in_scope || opt_.check_anchors) {
    req.body = BodyMode::kKeepIfHtml;  // pages to parse, or anchors to look up
  } else {
    req.head = !n.use_get;
    req.body = BodyMode::kNone;
  }
  ++h.in_flight;
  if (h.interval > 0) h.next_start = std::max(now, h.next_start) + ToDuration(h.interval);
  n.state = State::kInFlight;
  ++n.attempts;
  if (opt_.verbose && n.attempts == 1 && !n.use_get) std::fprintf(opt_.log, "handling: %s\n", n.url.c_str());
  fetcher_.Start(std::move(req));
  peak_in_flight_ = std::max<std::int64_t>(peak_in_flight_, static_cast<std::int64_t>(fetcher_.in_flight()));
}

void CrawlerImpl::HandleResult(FetchResult& r, Clock::time_point now) {
  if (r.id & kSpecialBit) {
    HandleSpecial(r);
    return;
  }
  int id = static_cast<int>(r.id);
  Host& h = hosts_[nodes_[id].host];
  --h.in_flight;
  Node& n = nodes_[id];
  bool throttled = r.status == 429 || r.status == 503;
  bool transient = r.transient || throttled || r.status == 502 || r.status == 504;
  if (transient && n.attempts <= opt_.retries) {
    double delay = r.retry_after_seconds.value_or(0.5 * std::pow(2.0, n.attempts - 1));
    if (delay <= kMaxRetryAfter) {
      if (throttled) h.paused_until = std::max(h.paused_until, now + ToDuration(delay));
      n.state = State::kWaiting;
      delayed_.push({now + ToDuration(delay), id});
      if (opt_.verbose) {
        std::fprintf(opt_.log, "retrying in %.1f s (%s): %s\n", delay,
                     r.error.empty() ? (std::to_string(r.status) + " " + ReasonPhrase(r.status)).c_str()
                                     : r.error.c_str(),
                     n.url.c_str());
      }
      return;
    }
    r.error = "Retry-After of " + std::to_string(static_cast<long long>(*r.retry_after_seconds)) +
              " s exceeds the " + std::to_string(static_cast<int>(kMaxRetryAfter)) + " s this checker waits";
  }
  // Some servers mishandle HEAD: a failed HEAD is asked again with GET.
  bool was_head = !n.in_scope && !opt_.check_anchors && !n.use_get;
  if (was_head && r.status >= 400) {
    n.use_get = true;
    n.state = State::kWaiting;
    --n.attempts;
    h.ready.push_front(id);
    return;
  }
  ++checked_;
  n.status = r.status;
  n.error = r.error;
  n.content_type = r.content_type;
  if (id == start_final_ && r.status >= 300 && r.status < 400 && !r.location.empty()) {
    // Followed below; the scope grows to the redirect target's directory.
  } else if (id == start_final_) {
    if (!r.error.empty()) {
      fatal_ = Status::IOError("cannot fetch the start URL " + n.url + ": " + r.error);
    } else if (r.status >= 300) {
      fatal_ = Status::NotFound("the start URL " + n.url + " answered " + std::to_string(r.status) + " " +
                                ReasonPhrase(r.status));
    } else if (!r.is_html) {
      fatal_ = Status::InvalidArgument("the start URL " + n.url + " is not an HTML page (Content-Type: " +
                                       (r.content_type.empty() ? "none" : r.content_type) +
                                       "): there are no links to check");
    }
    if (fatal_) return;
  }
  if (!r.error.empty() || r.status >= 400) ++failed_so_far_;
  if (r.status >= 300 && r.status < 400 && !r.location.empty()) {
    n.state = State::kDone;
    Result<Url> target = ParseHttpUrl(r.location);
    if (!target.ok()) {
      n.error = "redirect to an unusable URL: " + target.status().message();
      return;
    }
    int t = Intern(*target);
    nodes_[id].redirect_to = t;
    int hops = nodes_[id].redirect_hops + 1;
    bool fresh = nodes_[t].state == State::kNew && t != id;
    if (fresh) nodes_[t].redirect_hops = hops;
    // Beyond kMaxRedirects the chain is dead (Judge says so): stop following.
    if (fresh && hops > kMaxRedirects) return;
    if (id == start_final_) {
      start_final_ = t;
      if (opt_.include.empty()) {
        scope_->AddRoot(*target);
        nodes_[t].in_scope = true;
      }
    }
    Enqueue(t, nodes_[id].depth);
    return;
  }
  if (r.truncated && r.is_html && n.in_scope) {
    warnings_.push_back("page truncated at " + std::to_string(opt_.max_body) + " bytes (--max-body): " + n.url);
  }
  n.is_html = r.is_html && r.status >= 200 && r.status < 300;
  if (n.is_html && !r.body.empty()) {
    n.state = State::kParsing;
    ++parsing_;
    bool anchors = opt_.check_anchors;
    Fetcher* fetcher = &fetcher_;
    parallel::SyncQueue<ParsedPage>* out = &parsed_;
    Status s = pool_.schedule(parallel::Task([id, page = n.parsed, body = std::move(r.body), anchors, fetcher, out] {
      static_cast<void>(out->put(ParsePage(id, page, body, anchors)));
      fetcher->Wakeup();
    }));
    if (!s.ok()) {  // the pool is shutting down: cannot happen while Run() is active
      --parsing_;
      n.state = State::kDone;
    }
    return;
  }
  n.state = State::kDone;
}

void CrawlerImpl::HandleSpecial(FetchResult& r) {
  auto it = specials_.find(r.id);
  if (it == specials_.end()) return;
  Special sp = it->second;
  specials_.erase(it);
  Host& h = hosts_[sp.host];
  --h.in_flight;
  if (sp.kind == SpecialKind::kRobots) {
    if (r.status >= 200 && r.status < 300) {
      h.robots = RobotsRules::Parse(r.body);
      if (h.robots.crawl_delay() && opt_.rate <= 0) {
        h.interval = std::min(*h.robots.crawl_delay(), 10.0);
        warnings_.push_back("robots.txt of " + h.origin + " asks for Crawl-delay " +
                            std::to_string(*h.robots.crawl_delay()) + " s; honoured (capped at 10 s)");
      }
    } else if (r.status >= 500) {
      // RFC 9309 2.3.1.4: an unreachable robots.txt means "disallow all".
      h.robots = RobotsRules::DisallowAll();
      warnings_.push_back(h.origin + "/robots.txt answered " + std::to_string(r.status) +
                          ": the site is treated as disallowed (RFC 9309); --ignore-robots overrides");
    } else {
      h.robots = RobotsRules::AllowAll();  // 4xx or unreachable: no rules
    }
    h.robots_state = RobotsState::kKnown;
    std::deque<int> waiting;
    waiting.swap(h.ready);
    for (int id : waiting) Admit(id);
    if (start_ >= 0 && sp.host == nodes_[start_].host && !opt_.no_sitemap) FetchSitemaps(sp.host);
    return;
  }
  // A sitemap.
  if (r.status < 200 || r.status >= 300) {
    if (sp.listed) {
      warnings_.push_back("sitemap " + sp.url + " listed in robots.txt: " +
                          (r.error.empty() ? std::to_string(r.status) + " " + ReasonPhrase(r.status) : r.error));
    }
    return;
  }
  if (r.truncated) warnings_.push_back("sitemap truncated at --max-body: " + sp.url);
  Sitemap sm = ParseSitemap(r.body);
  if (sm.entries.empty() && sp.listed) warnings_.push_back("sitemap " + sp.url + " holds no <loc> entries");
  for (const SitemapEntry& e : sm.entries) {
    Result<Url> u = ParseHttpUrl(e.url);
    if (!u.ok()) {
      if (!sm.is_index) {
        int t = InternInvalid(e.url, u.status().message());
        sitemap_links_.push_back({sp.url, e.url, e.line, t});
      }
      continue;
    }
    if (sm.is_index) {
      if (sitemaps_started_ < kMaxSitemaps) {
        StartSpecial(SpecialKind::kSitemap, sp.host, u->WithoutFragment(), true);
        ++sitemaps_started_;
      } else {
        warnings_.push_back("more than " + std::to_string(kMaxSitemaps) + " sitemaps: the rest are not read");
        break;
      }
      continue;
    }
    if (!scope_->Follows(*u)) continue;  // a sitemap lists its own site only
    int t = Intern(*u);
    sitemap_links_.push_back({sp.url, e.url, e.line, t});
    Enqueue(t, 1);
  }
}

void CrawlerImpl::HandleParsed(ParsedPage& p) {
  --parsing_;
  Node& n = nodes_[p.node];
  n.state = State::kDone;
  n.parsed_ok = true;
  n.anchors = std::move(p.anchors);
  if (!p.warning.empty()) warnings_.push_back(std::move(p.warning));
  std::vector<Link> links;
  links.reserve(p.links.size());
  for (ResolvedLink& rl : p.links) {
    int target;
    if (rl.scheme == LinkScheme::kIgnored) {
      target = -1;
    } else if (rl.scheme == LinkScheme::kUnsupported) {
      target = -2;
    } else if (!rl.ok) {
      target = InternInvalid(CleanHref(rl.href), rl.error);
    } else {
      target = Intern(rl.url);
    }
    links.push_back({target, std::move(rl.href), rl.line, rl.url.has_fragment, std::move(rl.url.fragment)});
  }
  Node& page = nodes_[p.node];  // Intern may have moved the vector
  page.links = std::move(links);
  // Only links with a target are followed; the ignored/unsupported ones
  // stay in the list (target < 0) for the summary's counts.
  bool deep_enough = opt_.max_depth < 0 || page.depth <= opt_.max_depth;
  if (!page.in_scope) return;  // parsed for its anchors only
  if (!deep_enough) {
    ++pages_cut_by_depth_;
    return;
  }
  if (opt_.max_pages > 0) {
    // Level by level, so that which pages make the cut does not depend on
    // timing: see FollowNextLevel.
    pending_follow_[page.depth].push_back(p.node);
    return;
  }
  Follow(p.node);  // skips the negative targets
}

// With --max-pages, pages are followed one depth level at a time, once
// nothing is in flight: the pages of the shallowest waiting level are
// followed in URL order until the budget is spent. Every page of level d is
// known before any is followed (all of level d - 1 was followed before), so
// the pages chosen are the same whatever the concurrency.
void CrawlerImpl::FollowNextLevel() {
  auto level = pending_follow_.begin();
  std::vector<int> ids = std::move(level->second);
  pending_follow_.erase(level);
  std::sort(ids.begin(), ids.end(), [&](int a, int b) { return nodes_[a].url < nodes_[b].url; });
  for (int id : ids) Follow(id);
}

bool CrawlerImpl::Busy() const { return InFlightOrQueued() || !pending_follow_.empty(); }

bool CrawlerImpl::InFlightOrQueued() const {
  if (fetcher_.in_flight() > 0 || parsing_ > 0 || !delayed_.empty() || !specials_.empty()) return true;
  for (const Host& h : hosts_) {
    if (!h.ready.empty()) return true;
  }
  return false;
}

void CrawlerImpl::Progress(Clock::time_point now, bool final_line) {
  if (!opt_.progress) return;
  if (final_line) {
    std::fprintf(opt_.log, "\r\x1b[2K");
    std::fflush(opt_.log);
    return;
  }
  if (now - last_progress_ < std::chrono::milliseconds(200)) return;
  last_progress_ = now;
  std::size_t queued = delayed_.size();
  for (const Host& h : hosts_) queued += h.ready.size();
  double secs = Seconds(now - started_at_).count();
  std::fprintf(opt_.log, "\r\x1b[2Kcrawl: %lld checked, %lld failing, %zu in flight, %zu queued, %lld pages, %.0f URLs/s",
               static_cast<long long>(checked_), static_cast<long long>(failed_so_far_), fetcher_.in_flight(), queued,
               static_cast<long long>(pages_followed_), secs > 0 ? static_cast<double>(checked_) / secs : 0.0);
  std::fflush(opt_.log);
}

Result<Report> CrawlerImpl::Run() {
  started_at_ = Clock::now();
  Result<Url> start = ParseHttpUrl(opt_.start_url);
  if (!start.ok()) return start.status();
  Result<std::unique_ptr<Scope>> scope = Scope::Create(*start, opt_.include, opt_.exclude);
  if (!scope.ok()) return scope.status();
  scope_ = std::move(*scope);
  start_ = start_final_ = Intern(*start);
  nodes_[start_].in_scope = true;  // whatever --include says, the start page is read
  Enqueue(start_, 0);
  if (opt_.ignore_robots && !opt_.no_sitemap) FetchSitemaps(nodes_[start_].host);
  if (opt_.verbose) std::fprintf(opt_.log, "crawl: %s\n", Fetcher::Capabilities().c_str());

  std::vector<FetchResult> done;
  while (Busy() && !fatal_) {
    if (!InFlightOrQueued()) {
      FollowNextLevel();
      continue;
    }
    Clock::time_point now = Clock::now();
    Dispatch(now);
    // Sleep until something finishes, a parse is handed back, or the next
    // delayed start (retry, --rate slot) is due.
    int timeout_ms = 200;
    if (!delayed_.empty()) {
      auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(delayed_.top().when - now).count();
      timeout_ms = static_cast<int>(std::clamp<long long>(wait, 0, timeout_ms));
    }
    if (flag_rate_ || flag_backoff_) {
      for (const Host& h : hosts_) {
        if (h.ready.empty()) continue;
        Clock::time_point t = std::max(h.next_start, h.paused_until);
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(t - now).count() + 1;
        timeout_ms = static_cast<int>(std::clamp<long long>(wait, 0, timeout_ms));
      }
    }
    if (parsed_.size() > 0) timeout_ms = 0;
    done.clear();
    fetcher_.Poll(timeout_ms, &done);
    Clock::time_point after = Clock::now();
    double dt = Seconds(after - now).count();
    if (flag_total_) blocked_total_ += dt;
    if (flag_host_) blocked_host_ += dt;
    if (flag_rate_) blocked_rate_ += dt;
    if (flag_backoff_) blocked_backoff_ += dt;
    for (FetchResult& r : done) {
      HandleResult(r, after);
      if (fatal_) break;
    }
    while (true) {
      Result<std::optional<ParsedPage>> p = parsed_.try_get();
      if (!p.ok() || !p->has_value()) break;
      HandleParsed(**p);
    }
    Progress(after, false);
  }
  Progress(Clock::now(), true);
  if (fatal_) return *fatal_;
  if (pages_followed_ == 0) {
    // Nothing was crawled: say why instead of printing an empty report.
    const Node& s = nodes_[start_final_];
    if (s.state == State::kSkipped) {
      return Status::InvalidArgument("the start URL " + s.url +
                                     (robots_skipped_ > 0 ? " is disallowed by robots.txt (--ignore-robots overrides)"
                                                          : " is excluded by --exclude"));
    }
    Verdict v = Judge(start_);
    if (v.dead) return Status::NotFound("the start URL " + nodes_[start_].url + " is dead: " + v.error);
  }
  return BuildReport(Seconds(Clock::now() - started_at_).count());
}

CrawlerImpl::Verdict CrawlerImpl::Judge(int id) const {
  Verdict v;
  std::vector<int> chain = {id};
  int cur = id;
  while (nodes_[cur].redirect_to >= 0) {
    int next = nodes_[cur].redirect_to;
    bool loop = std::find(chain.begin(), chain.end(), next) != chain.end();
    chain.push_back(next);
    if (loop || static_cast<int>(chain.size()) > kMaxRedirects + 1) {
      std::string path;
      for (std::size_t i = 0; i < chain.size(); ++i) path += (i ? " -> " : "") + nodes_[chain[i]].url;
      v.dead = true;
      v.error = loop ? "redirect loop: " + path : "more than " + std::to_string(kMaxRedirects) + " redirects: " + path;
      return v;
    }
    cur = next;
  }
  const Node& f = nodes_[cur];
  v.final_node = cur;
  std::string via = cur == id ? "" : "redirected to " + f.url + ": ";
  if (f.invalid || !f.error.empty()) {
    v.dead = true;
    v.error = via + f.error;
  } else if (f.state == State::kNew && cur != id) {
    v.dead = true;  // never fetched: the chain went past kMaxRedirects on another path
    v.error = "more than " + std::to_string(kMaxRedirects) + " redirects, via " + f.url;
  } else if (f.state == State::kSkipped || f.state == State::kNew) {
    return v;  // not checked (robots.txt, --exclude, --no-external)
  } else if (f.status >= 400) {
    v.dead = true;
    v.status = f.status;
    v.error = via + ReasonPhrase(f.status);
  } else if (f.status >= 300) {
    v.dead = true;
    v.status = f.status;
    v.error = via + "redirect without a Location header";
  } else if (f.status < 200) {
    v.dead = true;
    v.status = f.status > 0 ? std::optional<long>(f.status) : std::nullopt;
    v.error = via + "no usable response";
  } else {
    v.alive_html = f.is_html && f.parsed_ok;
  }
  return v;
}

Report CrawlerImpl::BuildReport(double seconds) {
  Report rep;
  rep.check_anchors = opt_.check_anchors;
  std::map<int, DeadLink> dead;
  std::map<std::pair<int, std::string>, MissingAnchor> anchors;
  std::vector<std::optional<Verdict>> verdicts(nodes_.size());
  auto judge = [&](int id) -> const Verdict& {
    if (!verdicts[id]) verdicts[id] = Judge(id);
    return *verdicts[id];
  };
  auto add_dead = [&](int target, LinkSource src) {
    const Verdict& v = judge(target);
    if (!v.dead) return false;
    DeadLink& d = dead[target];
    if (d.url.empty()) {
      d.url = nodes_[target].url;
      d.status = v.status;
      d.error = v.error;
    }
    d.sources.push_back(std::move(src));
    return true;
  };
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const Node& page = nodes_[i];
    if (!page.followed) continue;
    ++rep.summary.pages;
    for (const Link& l : page.links) {
      if (l.target == -1) {
        ++rep.summary.ignored;
        continue;
      }
      if (l.target == -2) {
        ++rep.summary.unsupported;
        continue;
      }
      ++rep.summary.links;
      if (add_dead(l.target, {page.url, l.href, l.line})) continue;
      if (!opt_.check_anchors || !l.has_fragment || l.fragment.empty()) continue;
      const Verdict& v = judge(l.target);
      if (!v.alive_html) continue;
      const Node& f = nodes_[v.final_node];
      std::string decoded = PercentDecode(l.fragment);
      bool found = std::binary_search(f.anchors.begin(), f.anchors.end(), l.fragment) ||
                   std::binary_search(f.anchors.begin(), f.anchors.end(), decoded);
      std::string lower = decoded;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (found || lower == "top") continue;  // HTML: "#top" scrolls to the top even without such an id
      MissingAnchor& m = anchors[{l.target, l.fragment}];
      if (m.url.empty()) {
        m.url = nodes_[l.target].url;
        m.fragment = l.fragment;
      }
      m.sources.push_back({page.url, l.href, l.line});
    }
  }
  for (const SitemapLink& s : sitemap_links_) add_dead(s.target, {s.sitemap, s.href, s.line});
  for (auto& [id, d] : dead) rep.dead.push_back(std::move(d));
  for (auto& [key, m] : anchors) rep.missing_anchors.push_back(std::move(m));
  for (const Node& n : nodes_) {
    if (n.state == State::kDone && (n.invalid || n.status > 0 || !n.error.empty())) rep.checked_urls.push_back(n.url);
  }
  rep.summary.urls = static_cast<std::int64_t>(rep.checked_urls.size());
  rep.summary.requests = fetcher_.requests();
  rep.summary.seconds = seconds;
  rep.summary.robots_skipped = robots_skipped_;
  rep.summary.excluded = excluded_;
  rep.summary.peak_in_flight = peak_in_flight_;
  rep.warnings = std::move(warnings_);

  // Which limit bound: time during which ready URLs waited on each.
  auto pct = [&](double t) { return seconds > 0 ? 100.0 * t / seconds : 0.0; };
  char buf[512];
  std::snprintf(buf, sizeof buf, "peak %lld requests in flight (-j %d, --per-host %d%s)",
                static_cast<long long>(peak_in_flight_), opt_.concurrency, opt_.per_host,
                opt_.rate > 0 ? (", --rate " + std::to_string(opt_.rate)).c_str() : "");
  rep.notes.push_back(buf);
  struct Limit {
    double t;
    std::string what;
  };
  std::vector<Limit> limits = {
      {blocked_host_, "the per-host cap (--per-host " + std::to_string(opt_.per_host) + ")"},
      {blocked_total_, "the total cap (-j " + std::to_string(opt_.concurrency) + ")"},
      {blocked_rate_, "the per-host rate (--rate / Crawl-delay)"},
      {blocked_backoff_, "Retry-After back-off after 429/503"},
  };
  std::sort(limits.begin(), limits.end(), [](const Limit& a, const Limit& b) { return a.t > b.t; });
  if (limits[0].t > 0.05 * seconds && limits[0].t > 0.01) {
    std::snprintf(buf, sizeof buf, "binding limit: %s held ready URLs back %.0f%% of the time", limits[0].what.c_str(),
                  pct(limits[0].t));
    rep.notes.push_back(buf);
    for (std::size_t i = 1; i < limits.size(); ++i) {
      if (limits[i].t > 0.05 * seconds) {
        std::snprintf(buf, sizeof buf, "also binding: %s (%.0f%% of the time)", limits[i].what.c_str(),
                      pct(limits[i].t));
        rep.notes.push_back(buf);
      }
    }
  } else {
    rep.notes.push_back("no limit bound: the crawl waited on the servers' answers");
  }
  if (pages_cut_by_max_pages_ > 0) {
    rep.notes.push_back("--max-pages " + std::to_string(opt_.max_pages) + " reached: the links of " +
                        std::to_string(pages_cut_by_max_pages_) + " more pages were not followed");
  }
  if (pages_cut_by_depth_ > 0) {
    rep.notes.push_back("--max-depth " + std::to_string(opt_.max_depth) + ": " + std::to_string(pages_cut_by_depth_) +
                        " pages deeper were checked but their links not followed");
  }
  if (robots_skipped_ > 0) {
    rep.notes.push_back(std::to_string(robots_skipped_) + " URLs not fetched: robots.txt disallows them");
  }
  if (excluded_ > 0) {
    rep.notes.push_back(std::to_string(excluded_) + " URLs not checked: --exclude / --no-external");
  }
  if (rep.summary.unsupported > 0) {
    rep.notes.push_back(std::to_string(rep.summary.unsupported) + " links with other schemes (ftp:, file:, ...) not checked");
  }
  rep.Canonicalize();
  return rep;
}

}  // namespace

Result<Report> Crawl(const CrawlOptions& options) {
  CrawlerImpl crawler(options);
  return crawler.Run();
}

}  // namespace sluice::crawl

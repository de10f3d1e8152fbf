// The crawl loop and the entry point; see crawler.h for the concurrency
// structure and crawl_state.h for how the rest is split.
#include "crawl/crawler.h"

#include "crawl/crawl_state.h"

namespace sluice::crawl {
namespace internal {

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
  std::fprintf(opt_.log,
               "\r\x1b[2Kcrawl: %lld checked, %lld failing, %zu in flight, %zu queued, %lld pages, %.0f URLs/s",
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
  hosts_[nodes_[start_].host].credentials = true;
  nodes_[start_].in_scope = true;  // whatever --include says, the start page is read
  Enqueue(start_, 0);
  if (opt_.ignore_robots && !opt_.no_sitemap) FetchSitemaps(nodes_[start_].host);
  if (opt_.verbose) std::fprintf(opt_.log, "crawl: %s\n", Fetcher::Capabilities().c_str());

  std::vector<FetchResult> done;
  while (Busy() && !fatal_) {
    if (opt_.stop != nullptr && *opt_.stop != 0) {
      interrupted_ = true;
      break;
    }
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
  if (pages_followed_ == 0 && !interrupted_) {
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

}  // namespace internal

Result<Report> Crawl(const CrawlOptions& options) {
  internal::CrawlerImpl crawler(options);
  return crawler.Run();
}

}  // namespace sluice::crawl

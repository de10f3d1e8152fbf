// Scheduling under the caps, handling of results, robots.txt and sitemaps;
// see crawl_state.h.
#include "crawl/crawl_state.h"

namespace sluice::crawl::internal {

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
  req.credentials = hosts_[sp.host].credentials;
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
  req.credentials = h.credentials;
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
        std::fprintf(
            opt_.log, "retrying in %.1f s (%s): %s\n", delay,
            r.error.empty() ? (std::to_string(r.status) + " " + ReasonPhrase(r.status)).c_str() : r.error.c_str(),
            n.url.c_str());
      }
      return;
    }
    r.error = "Retry-After of " + std::to_string(static_cast<long long>(*r.retry_after_seconds)) + " s exceeds the " +
              std::to_string(static_cast<int>(kMaxRetryAfter)) + " s this checker waits";
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
  bool redirect = r.error.empty() && r.status >= 300 && r.status < 400 && !r.location.empty();
  if (id == start_final_ && redirect) {
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
  if (redirect) {
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
      // http -> https (or another port) of the same host is still the site.
      if (nodes_[t].parsed.host == nodes_[id].parsed.host) hosts_[nodes_[t].host].credentials = true;
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
  n.is_html = r.is_html && r.status >= 200 && r.status < 300 && r.error.empty();
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
    if (r.error.empty() && r.status >= 200 && r.status < 300) {
      h.robots = RobotsRules::Parse(r.body);
      if (h.robots.crawl_delay() && opt_.rate <= 0) {
        h.interval = std::min(*h.robots.crawl_delay(), 10.0);
        warnings_.push_back("robots.txt of " + h.origin + " asks for Crawl-delay " +
                            std::to_string(*h.robots.crawl_delay()) + " s; honoured (capped at 10 s)");
      }
    } else if (r.error.empty() && r.status >= 500) {
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
  if (!r.error.empty() || r.status < 200 || r.status >= 300) {
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

}  // namespace sluice::crawl::internal

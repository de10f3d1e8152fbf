// Dead or alive (following redirect chains), and the Report; see
// crawl_state.h.
#include "crawl/crawl_state.h"

namespace sluice::crawl::internal {

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
  if (f.state == State::kWaiting || f.state == State::kInFlight) return v;  // not checked: the crawl was stopped
  std::string via = cur == id ? "" : "redirected to " + f.url + ": ";
  if (f.invalid || (!f.error.empty() && f.status < 400)) {  // (an HTTP error status says more)
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
  rep.summary.interrupted = interrupted_;
  rep.warnings = std::move(warnings_);

  // Which limit bound: time during which ready URLs waited on each.
  auto pct = [&](double t) { return seconds > 0 ? 100.0 * t / seconds : 0.0; };
  char buf[512];
  std::snprintf(buf, sizeof buf, "peak %lld requests in flight (-j %d, --per-host %d%s)",
                static_cast<long long>(peak_in_flight_), opt_.concurrency, opt_.per_host,
                opt_.rate > 0 ? (", --rate " + std::to_string(opt_.rate)).c_str() : "");
  rep.load_notes.push_back(buf);
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
    rep.load_notes.push_back(buf);
    for (std::size_t i = 1; i < limits.size(); ++i) {
      if (limits[i].t > 0.05 * seconds) {
        std::snprintf(buf, sizeof buf, "also binding: %s (%.0f%% of the time)", limits[i].what.c_str(),
                      pct(limits[i].t));
        rep.load_notes.push_back(buf);
      }
    }
  } else {
    rep.load_notes.push_back("no limit bound: the crawl waited on the servers' answers");
  }
  if (interrupted_) {
    std::int64_t unchecked = 0;
    for (const Node& n : nodes_) unchecked += n.state == State::kWaiting || n.state == State::kInFlight ? 1 : 0;
    rep.notes.push_back("interrupted: a partial report; " + std::to_string(unchecked) +
                        " URLs queued or in flight were not checked");
  }
  // What was cut is said, never silent; the defaults say they are defaults.
  if (pages_cut_by_max_pages_ > 0) {
    rep.notes.push_back("--max-pages " + std::to_string(opt_.max_pages) +
                        (opt_.max_pages == kDefaultMaxPages && !opt_.max_pages_level_order ? " (the default)" : "") +
                        " reached: the links of " + std::to_string(pages_cut_by_max_pages_) +
                        " more pages were not followed");
  }
  if (pages_cut_by_depth_ > 0) {
    rep.notes.push_back(
        "--max-depth " + std::to_string(opt_.max_depth) + (opt_.max_depth == kDefaultMaxDepth ? " (the default)" : "") +
        " reached: " + std::to_string(pages_cut_by_depth_) + " pages deeper were checked but their links not followed");
  }
  std::int64_t redirects = 0;
  for (const Node& n : nodes_) redirects += n.redirect_to >= 0 ? 1 : 0;
  rep.summary.redirects = redirects;
  rep.summary.cut_by_max_depth = pages_cut_by_depth_;
  rep.summary.cut_by_max_pages = pages_cut_by_max_pages_;
  if (redirects > 0) rep.notes.push_back(std::to_string(redirects) + " redirects followed");
  if (robots_skipped_ > 0) {
    rep.notes.push_back(std::to_string(robots_skipped_) + " URLs not fetched: robots.txt disallows them");
  }
  if (excluded_ > 0) {
    rep.notes.push_back(std::to_string(excluded_) + " URLs not checked: --exclude / --no-external");
  }
  if (rep.summary.unsupported > 0) {
    rep.notes.push_back(std::to_string(rep.summary.unsupported) +
                        " links with other schemes (ftp:, file:, ...) not checked");
  }
  rep.Canonicalize();
  return rep;
}

}  // namespace sluice::crawl::internal

// The URL table (the seen-set), host queues, depths and following; see
// crawl_state.h.
#include "crawl/crawl_state.h"

namespace sluice::crawl::internal {

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

int CrawlerImpl::HostOf(const Url& url) {
  std::string origin = url.Origin();
  auto it = host_index_.find(origin);
  if (it != host_index_.end()) return it->second;
  Host h;
  h.origin = origin;
  h.root = url;
  h.root.path = std::string(1, '/');  // (not = "/": gcc 12 -Wrestrict false positive)
  h.root.has_query = h.root.has_fragment = false;
  h.root.query.clear();
  h.root.fragment.clear();
  h.root.userinfo.clear();
  if (opt_.rate > 0) h.interval = 1.0 / opt_.rate;
  hosts_.push_back(std::move(h));
  host_index_.emplace(origin, static_cast<int>(hosts_.size() - 1));
  return static_cast<int>(hosts_.size() - 1);
}

int CrawlerImpl::Intern(const Url& given) {
  Url url = given;
  if (opt_.ignore_query && url.has_query && scope_->Follows(url)) {
    url.has_query = false;
    url.query.clear();
  }
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
      if (d <= opt_.max_depth && n.cut == Cut::kDepth) {
        --pages_cut_by_depth_;
        n.cut = Cut::kNone;
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
  Node& n = nodes_[id];
  if (opt_.max_pages > 0 && pages_followed_ >= opt_.max_pages) {
    if (n.cut != Cut::kPages) ++pages_cut_by_max_pages_;
    n.cut = Cut::kPages;
    return;
  }
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
    page.cut = Cut::kDepth;
    return;
  }
  if (opt_.max_pages > 0 && opt_.max_pages_level_order) {
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

}  // namespace sluice::crawl::internal

// The whole crawl (network loop + parse workers on the thread pool) against
// an in-process HTTP/1.1 server on 127.0.0.1: the dead links of a generated
// 300-page site are found exactly, and the report is the same with one
// connection and with many. Labelled tsan: the concurrency of the crawler
// (ThreadPool, SyncQueue, curl_multi_wakeup) runs under ThreadSanitizer.
#include "crawl/crawler.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sluice/parallel/mutex.h"
#include "sluice/parallel/thread_pool.h"

namespace sluice::crawl {
namespace {

struct Route {
  int status = 200;
  std::string type = "text/html";
  std::string body;
  std::string location;
};

// A keep-alive HTTP/1.1 server for GET and HEAD, one pool task per
// connection. It stops in its destructor (and serves nothing but `routes`).
class MiniServer {
 public:
  explicit MiniServer(std::map<std::string, Route> routes) : routes_(std::move(routes)) {
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(listen_fd_, 64) != 0) {
      std::perror("MiniServer");
      std::abort();
    }
    socklen_t len = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    static_cast<void>(pool_.schedule(parallel::Task([this] { AcceptLoop(); })));
  }

  ~MiniServer() {
    stop_ = true;
    {
      parallel::MutexLock lock(mu_);
      for (int fd : open_) shutdown(fd, SHUT_RDWR);
    }
    pool_.shutdown();
    close(listen_fd_);
  }

  int port() const { return port_; }
  int requests() const { return requests_.load(); }

 private:
  void AcceptLoop() {
    while (!stop_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      int fd = accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      {
        parallel::MutexLock lock(mu_);
        open_.insert(fd);
      }
      if (!pool_.schedule(parallel::Task([this, fd] { Serve(fd); })).ok()) close(fd);
    }
  }

  void Serve(int fd) {
    std::string buf;
    char chunk[4096];
    while (!stop_) {
      std::size_t end;
      while ((end = buf.find("\r\n\r\n")) == std::string::npos) {
        ssize_t n = recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) return Close(fd);
        buf.append(chunk, static_cast<std::size_t>(n));
      }
      std::string head = buf.substr(0, end);
      buf.erase(0, end + 4);
      std::size_t sp1 = head.find(' ');
      std::size_t sp2 = head.find(' ', sp1 + 1);
      std::string method = head.substr(0, sp1);
      std::string target = head.substr(sp1 + 1, sp2 - sp1 - 1);
      std::string path = target.substr(0, target.find('?'));
      ++requests_;
      auto it = routes_.find(path);
      Route r = it != routes_.end() ? it->second : Route{404, "text/html", "<h1>not found</h1>", ""};
      std::string out = "HTTP/1.1 " + std::to_string(r.status) + " X\r\nContent-Type: " + r.type +
                        "\r\nContent-Length: " + std::to_string(r.body.size()) + "\r\n";
      if (!r.location.empty()) out += "Location: " + r.location + "\r\n";
      out += "\r\n";
      if (method != "HEAD") out += r.body;
      if (send(fd, out.data(), out.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(out.size())) return Close(fd);
    }
    Close(fd);
  }

  void Close(int fd) {
    parallel::MutexLock lock(mu_);
    open_.erase(fd);
    close(fd);
  }

  std::map<std::string, Route> routes_;  // read-only once serving
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  parallel::Mutex mu_;
  std::set<int> open_ GUARDED_BY(mu_);
  parallel::ThreadPool pool_{48};  // declared last: joined first
};

// 300 pages in a ring; every 7th page also links a dead page, every 11th
// a redirect to a live page, every 13th a missing anchor.
std::map<std::string, Route> Site(std::set<std::string>* dead_paths) {
  std::map<std::string, Route> routes;
  const int n = 300;
  for (int i = 0; i < n; ++i) {
    std::string body = "<!DOCTYPE html><html><body>\n<h2 id=\"s1\">x</h2>\n";
    body += "<a href=\"p" + std::to_string((i + 1) % n) + ".html\">next</a>\n";
    body += "<a href=\"/p" + std::to_string((i * 17 + 5) % n) + ".html#s1\">jump</a>\n";
    if (i % 7 == 0) {
      std::string dead = "/gone/" + std::to_string(i % 5) + ".html";
      body += "<img src=\"" + dead + "\">\n";
      dead_paths->insert(dead);
    }
    if (i % 11 == 0) body += "<a href=\"/moved/" + std::to_string(i) + "\">moved</a>\n";
    if (i % 13 == 0) body += "<a href=\"p0.html#nope\">anchor</a>\n";
    body += "<!-- <a href=\"/gone/in-comment.html\"></a> --><a href=\"mailto:x@y.org\">m</a></body></html>\n";
    routes["/p" + std::to_string(i) + ".html"] = {200, "text/html; charset=utf-8", body, ""};
  }
  routes["/"] = {200, "text/html", "<a href=\"p0.html\">start</a>", ""};
  return routes;
}

std::string Key(const Report& r) {
  std::string k;
  for (const DeadLink& d : r.dead) {
    k += d.url + " " + std::to_string(d.status.value_or(-1)) + "\n";
    for (const LinkSource& s : d.sources) k += "  " + s.page + ":" + std::to_string(s.line) + " " + s.href + "\n";
  }
  for (const MissingAnchor& m : r.missing_anchors) k += m.url + "#" + m.fragment + "\n";
  return k + std::to_string(r.summary.pages) + " " + std::to_string(r.summary.urls);
}

TEST(Crawler, FindsExactlyTheDeadLinksWhateverTheConcurrency) {
  std::set<std::string> dead_paths;
  std::map<std::string, Route> routes = Site(&dead_paths);
  // Relative Locations: curl resolves them against the request URL.
  for (int i = 0; i < 300; i += 11) routes["/moved/" + std::to_string(i)] = {301, "text/plain", "", "/p1.html"};
  MiniServer server(routes);
  std::string start = "http://127.0.0.1:" + std::to_string(server.port()) + "/";

  std::string first;
  for (int j : {1, 3, 16}) {
    CrawlOptions o;
    o.start_url = start;
    o.concurrency = j;
    o.per_host = j;
    o.check_anchors = true;
    o.no_sitemap = true;
    o.log = stderr;
    Result<Report> r = Crawl(o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    std::set<std::string> got;
    for (const DeadLink& d : r->dead) got.insert(d.url.substr(start.size() - 1));
    EXPECT_EQ(got, dead_paths) << "-j " << j;
    ASSERT_EQ(r->missing_anchors.size(), 1u);
    EXPECT_EQ(r->missing_anchors[0].fragment, "nope");
    EXPECT_EQ(r->missing_anchors[0].sources.size(), 24u);  // pages 0, 13, ..., 299
    EXPECT_EQ(r->summary.pages, 301);
    if (first.empty()) {
      first = Key(*r);
    } else {
      EXPECT_EQ(Key(*r), first) << "-j " << j;
    }
  }
}

// --max-depth follows exactly the pages within that many links of the
// start (shortest paths, found late or early), at any concurrency.
TEST(Crawler, MaxDepthUsesShortestPaths) {
  std::set<std::string> dead_paths;
  std::map<std::string, Route> routes = Site(&dead_paths);
  for (int i = 0; i < 300; i += 11) routes["/moved/" + std::to_string(i)] = {301, "text/plain", "", "/p1.html"};
  MiniServer server(routes);
  // Breadth-first depths of the ring pages, as Site() links them ("/" is 0).
  const int n = 300;
  std::vector<int> depth(n, -1);
  std::vector<int> frontier = {0};
  depth[0] = 1;
  while (!frontier.empty()) {
    std::vector<int> next;
    for (int i : frontier) {
      std::vector<int> out = {(i + 1) % n, (i * 17 + 5) % n};
      if (i % 13 == 0) out.push_back(0);
      if (i % 11 == 0) out.push_back(1);  // through the redirect: same depth as the link
      for (int t : out) {
        if (depth[t] < 0) {
          depth[t] = depth[i] + 1;
          next.push_back(t);
        }
      }
    }
    frontier = next;
  }
  for (int max_depth : {2, 4, 7}) {
    long want = 1;  // "/"
    for (int d : depth) want += d <= max_depth ? 1 : 0;
    for (int j : {1, 16}) {
      CrawlOptions o;
      o.start_url = "http://127.0.0.1:" + std::to_string(server.port()) + "/";
      o.concurrency = o.per_host = j;
      o.no_sitemap = true;
      o.max_depth = max_depth;
      Result<Report> r = Crawl(o);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_EQ(r->summary.pages, want) << "--max-depth " << max_depth << " -j " << j;
    }
  }
}

// The page cap without level order (how the default cap works): exactly
// max_pages pages are followed, whatever the concurrency, and the report
// says how many more were cut (and none as cut by --max-depth).
TEST(Crawler, FirstComePageCapIsExactAndNoted) {
  std::set<std::string> dead_paths;
  MiniServer server(Site(&dead_paths));
  for (int j : {1, 16}) {
    CrawlOptions o;
    o.start_url = "http://127.0.0.1:" + std::to_string(server.port()) + "/";
    o.concurrency = o.per_host = j;
    o.no_sitemap = true;
    o.max_pages = 20;
    o.max_pages_level_order = false;
    Result<Report> r = Crawl(o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->summary.pages, 20) << "-j " << j;
    EXPECT_GT(r->summary.cut_by_max_pages, 0) << "-j " << j;
    EXPECT_EQ(r->summary.cut_by_max_depth, 0) << "-j " << j;
    std::string note = "--max-pages 20 reached: the links of " + std::to_string(r->summary.cut_by_max_pages) +
                       " more pages were not followed";
    EXPECT_NE(std::find(r->notes.begin(), r->notes.end(), note), r->notes.end()) << "-j " << j;
  }
}

TEST(Crawler, StartPageProblemsAreErrors) {
  MiniServer server({{"/file.pdf", {200, "application/pdf", "%PDF", ""}}});
  std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  CrawlOptions o;
  o.start_url = base + "/file.pdf";
  Result<Report> r = Crawl(o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not an HTML page"), std::string::npos) << r.status().message();
  o.start_url = base + "/missing";
  r = Crawl(o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("answered 404"), std::string::npos) << r.status().message();
  o.start_url = "http://bad host/";
  r = Crawl(o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("malformed URL"), std::string::npos);
}

}  // namespace
}  // namespace sluice::crawl

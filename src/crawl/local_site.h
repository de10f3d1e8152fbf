// LocalSite: `sluice crawl ./site/` — a folder of HTML files checked without
// a web server of the user's, as linkinator does: the folder is served on
// 127.0.0.1 (an ephemeral port, for the life of the object) and crawled
// like any site, so scope, robots.txt, anchors, external links and every
// option work the same; LocalizeReport then names files instead of URLs.
//
// What the folder looks like over HTTP:
//   * the folder is the site root: "/x.html" in a page is ROOT/x.html;
//   * a file is served with a Content-Type from its extension; a missing
//     one is 404 (reported "no such file");
//   * a folder redirects to its index.html (so that a page has one name,
//     its file's), else is a generated listing of its entries (hidden ones
//     left out); "/dir" redirects to "/dir/" as web servers do;
//   * ".." above the root resolves to the root, as on any web server;
//   * /sitemap.xml, unless the folder has one, lists every .html/.htm file
//     under the root (hidden folders left out), so that pages no other page links are checked too
//     (as lychee checks every file; --no-sitemap turns it off);
//   * only GET and HEAD; ".." segments and NUL bytes are refused (400), so
//     nothing outside the folder is served (symbolic links inside it are
//     followed, as a web server would).
//
// Thread safety: the server runs on its own threads and only reads files;
// the methods are const after Start.
#ifndef SLUICE_CRAWL_LOCAL_SITE_H_
#define SLUICE_CRAWL_LOCAL_SITE_H_

#include <atomic>
#include <memory>
#include <string>

#include "crawl/report.h"
#include "sluice/parallel/thread_pool.h"
#include "sluice/result.h"

namespace sluice::crawl {

class LocalSite {
 public:
  // Serves `path` (a folder: the root, crawled from "/"; or an HTML file:
  // its folder is the root, crawled from the file). NotFound when `path`
  // is neither; IOError when no socket can be had.
  static Result<std::unique_ptr<LocalSite>> Start(const std::string& path);
  ~LocalSite();
  LocalSite(const LocalSite&) = delete;
  LocalSite& operator=(const LocalSite&) = delete;

  // "http://127.0.0.1:PORT/..." of the folder or file given to Start.
  const std::string& start_url() const { return start_url_; }
  // A URL of this site as a file path ("http://127.0.0.1:P/a%20b.html" ->
  // "./site/a b.html", the root spelled as given to Start; the query, if
  // any, kept); "" for a URL of another site.
  std::string ToPath(const std::string& url) const;
  // Rewrites a report of this site in file terms (paths, "no such file").
  void Localize(Report* report) const;
  // A message with this site's URLs written as paths (not decoded).
  std::string LocalizeText(std::string text) const;

 private:
  LocalSite() = default;
  void AcceptLoop();
  void Serve(int fd) const;

  std::string root_;    // the folder, as given (with a trailing '/')
  std::string origin_;  // "http://127.0.0.1:PORT"
  std::string start_url_;
  int listen_fd_ = -1;
  std::atomic<bool> stop_{false};
  std::unique_ptr<parallel::ThreadPool> pool_;  // accept loop + connections
};

}  // namespace sluice::crawl

#endif  // SLUICE_CRAWL_LOCAL_SITE_H_

// The folder served over HTTP for `sluice crawl ./site/`; see local_site.h.
#include "crawl/local_site.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

#include "base/html_escape.h"

namespace sluice::crawl {
namespace {

constexpr std::size_t kMaxRequestHead = 64u << 10;
constexpr std::size_t kMaxSitemapEntries = 50000;  // the sitemaps.org limit of one file

bool IsUnreserved(unsigned char c) { return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

// Percent-encodes a file path for a URL ('/' kept).
std::string EncodePath(const std::string& path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (IsUnreserved(c) || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string DecodePath(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

void ReplaceAll(std::string* s, const std::string& from, const std::string& to) {
  for (std::size_t pos = s->find(from); pos != std::string::npos; pos = s->find(from, pos + to.size())) {
    s->replace(pos, from.size(), to);
  }
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const char* ContentType(const std::string& path) {
  std::size_t dot = path.rfind('.');
  std::size_t slash = path.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "application/octet-stream";
  std::string ext = Lower(path.substr(dot + 1));
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "xhtml") return "application/xhtml+xml";
  if (ext == "css") return "text/css";
  if (ext == "js" || ext == "mjs") return "text/javascript";
  if (ext == "json") return "application/json";
  if (ext == "xml") return "application/xml";
  if (ext == "txt" || ext == "md") return "text/plain; charset=utf-8";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "gif") return "image/gif";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "webp") return "image/webp";
  if (ext == "ico") return "image/x-icon";
  if (ext == "pdf") return "application/pdf";
  if (ext == "woff2") return "font/woff2";
  return "application/octet-stream";
}

bool SendAll(int fd, const char* data, std::size_t len) {
  while (len > 0) {
    ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    len -= static_cast<std::size_t>(n);
  }
  return true;
}

bool Hidden(const std::string& name) { return !name.empty() && name[0] == '.'; }

}  // namespace

Result<std::unique_ptr<LocalSite>> LocalSite::Start(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return Status::NotFound(path + ": " + std::strerror(errno));
  std::unique_ptr<LocalSite> site(new LocalSite());
  std::string start_file;
  if (S_ISDIR(st.st_mode)) {
    site->root_ = path.back() == '/' ? path : path + "/";
    struct stat index;
    if (stat((site->root_ + "index.html").c_str(), &index) == 0 && S_ISREG(index.st_mode)) start_file = "index.html";
  } else if (S_ISREG(st.st_mode)) {
    std::size_t slash = path.rfind('/');
    site->root_ = slash == std::string::npos ? "./" : path.substr(0, slash + 1);
    start_file = slash == std::string::npos ? path : path.substr(slash + 1);
  } else {
    return Status::InvalidArgument(path + ": neither a folder nor a file");
  }
  site->listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (site->listen_fd_ < 0) return Status::IOError(std::string("socket: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (bind(site->listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(site->listen_fd_, 128) != 0 ||
      getsockname(site->listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return Status::IOError(std::string("cannot serve the folder on 127.0.0.1: ") + std::strerror(errno));
  }
  site->origin_ = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  site->start_url_ = site->origin_ + "/" + EncodePath(start_file);
  site->pool_ = std::make_unique<parallel::ThreadPool>(4);
  LocalSite* self = site.get();
  Status s = site->pool_->schedule(parallel::Task([self] { self->AcceptLoop(); }));
  if (!s.ok()) return s;
  return site;
}

LocalSite::~LocalSite() {
  stop_ = true;
  if (pool_) pool_->shutdown();
  if (listen_fd_ >= 0) close(listen_fd_);
}

void LocalSite::AcceptLoop() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    if (!pool_->schedule(parallel::Task([this, fd] { Serve(fd); })).ok()) close(fd);
  }
}

// One request per connection ("Connection: close"): files are local and
// quick, and the crawler's requests to this site are few per second anyway.
void LocalSite::Serve(int fd) const {
  // Bounded waits: a stalled client cannot hold a thread (or the shutdown).
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  std::string head;
  char buf[65536];
  while (head.find("\r\n\r\n") == std::string::npos && head.size() < kMaxRequestHead) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      close(fd);
      return;
    }
    head.append(buf, static_cast<std::size_t>(n));
  }
  std::size_t sp1 = head.find(' ');
  std::size_t sp2 = sp1 == std::string::npos ? std::string::npos : head.find(' ', sp1 + 1);
  std::string method = head.substr(0, sp1);
  std::string target = sp2 == std::string::npos ? "" : head.substr(sp1 + 1, sp2 - sp1 - 1);
  bool body_wanted = method != "HEAD";

  auto reply = [&](int status, const char* reason, const std::string& type, const std::string& body,
                   const std::string& extra) {
    std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\nContent-Type: " + type +
                      "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + extra +
                      "Connection: close\r\n\r\n";
    if (body_wanted) out += body;
    SendAll(fd, out.data(), out.size());
    close(fd);
  };
  if (method != "GET" && method != "HEAD") return reply(405, "Method Not Allowed", "text/plain", "GET or HEAD\n", "");
  std::string path = DecodePath(target.substr(0, target.find_first_of("?#")));
  if (path.empty() || path[0] != '/' || path.find('\0') != std::string::npos ||
      ("/" + path + "/").find("/../") != std::string::npos) {
    return reply(400, "Bad Request", "text/plain", "bad path\n", "");
  }
  std::string file = root_ + path.substr(1);
  struct stat st;
  if (stat(file.c_str(), &st) != 0) {
    if (path == "/sitemap.xml") {
      // Every HTML file under the root, so that unlinked pages are checked.
      std::vector<std::string> pages;
      std::error_code ec;
      namespace fs = std::filesystem;
      fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end && pages.size() < kMaxSitemapEntries; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (Hidden(name)) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        std::string lower = Lower(name);
        bool html = lower.size() > 5 && (lower.ends_with(".html") || lower.ends_with(".htm"));
        if (html && it->is_regular_file(ec)) pages.push_back(fs::relative(it->path(), root_, ec).generic_string());
      }
      std::sort(pages.begin(), pages.end());
      std::string xml =
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
      for (const std::string& p : pages) xml += "<url><loc>" + origin_ + "/" + EncodePath(p) + "</loc></url>\n";
      xml += "</urlset>\n";
      return reply(200, "OK", "application/xml", xml, "");
    }
    return reply(404, "Not Found", "text/html", "<h1>no such file</h1>\n", "");
  }
  if (S_ISDIR(st.st_mode)) {
    // A folder with an index.html redirects to it, so that the page has one
    // name (the file's) in the report.
    std::string dir_target = target.substr(0, target.find_first_of("?#"));
    if (dir_target.back() != '/') dir_target += '/';
    std::string index = (file.back() == '/' ? file : file + "/") + "index.html";
    struct stat ist;
    if (stat(index.c_str(), &ist) == 0 && S_ISREG(ist.st_mode)) {
      return reply(301, "Moved Permanently", "text/plain", "", "Location: " + dir_target + "index.html\r\n");
    }
    if (path.back() != '/')
      return reply(301, "Moved Permanently", "text/plain", "", "Location: " + dir_target + "\r\n");
    {
      // A listing, so that a folder without index.html can be crawled.
      std::vector<std::pair<std::string, bool>> entries;
      std::error_code ec;
      for (const auto& e : std::filesystem::directory_iterator(file, ec)) {
        std::string name = e.path().filename().string();
        if (!Hidden(name)) entries.push_back({name, e.is_directory(ec)});
      }
      std::sort(entries.begin(), entries.end());
      std::string html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + HtmlEscape(path) +
                         "</title></head><body><ul>\n";
      for (const auto& [name, dir] : entries) {
        std::string href = EncodePath(name) + (dir ? "/" : "");
        html += "<li><a href=\"" + href + "\">" + HtmlEscape(name) + (dir ? "/" : "") + "</a></li>\n";
      }
      html += "</ul></body></html>\n";
      return reply(200, "OK", "text/html; charset=utf-8", html, "");
    }
  }
  // Regular files only: opening a FIFO would block this thread (and the
  // shutdown) until a writer came; a device is not a page.
  if (!S_ISREG(st.st_mode)) return reply(403, "Forbidden", "text/plain", "not a regular file\n", "");
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (f == nullptr) {
    return reply(403, "Forbidden", "text/plain", std::string("cannot read: ") + std::strerror(errno) + "\n", "");
  }
  std::string out = "HTTP/1.1 200 OK\r\nContent-Type: " + std::string(ContentType(file)) +
                    "\r\nContent-Length: " + std::to_string(st.st_size) + "\r\nConnection: close\r\n\r\n";
  bool ok = SendAll(fd, out.data(), out.size());
  while (ok && body_wanted) {
    std::size_t n = std::fread(buf, 1, sizeof buf, f);
    if (n == 0) break;
    ok = SendAll(fd, buf, n);  // false when the crawler has read enough and hung up
  }
  std::fclose(f);
  close(fd);
}

std::string LocalSite::ToPath(const std::string& url) const {
  std::string prefix = origin_ + "/";
  if (url.rfind(prefix, 0) != 0) return "";
  std::string rest = url.substr(prefix.size());
  std::size_t q = rest.find('?');
  std::string path = DecodePath(rest.substr(0, q));
  return root_ + path + (q == std::string::npos ? "" : rest.substr(q));
}

std::string LocalSite::LocalizeText(std::string text) const {
  ReplaceAll(&text, origin_ + "/", root_);
  return text;
}

void LocalSite::Localize(Report* r) const {
  auto path_of = [&](std::string* url) {
    std::string p = ToPath(*url);
    if (!p.empty()) *url = std::move(p);
  };
  auto text = [&](std::string* s) { *s = LocalizeText(std::move(*s)); };
  for (DeadLink& d : r->dead) {
    bool local = !ToPath(d.url).empty();
    path_of(&d.url);
    if (local && d.status == 404) {
      d.status.reset();
      d.error = "no such file";
    }
    text(&d.error);
    for (LinkSource& s : d.sources) path_of(&s.page);
  }
  for (MissingAnchor& m : r->missing_anchors) {
    path_of(&m.url);
    for (LinkSource& s : m.sources) path_of(&s.page);
  }
  for (std::string& u : r->checked_urls) path_of(&u);
  for (std::string& n : r->notes) text(&n);
  for (std::string& n : r->load_notes) text(&n);
  for (std::string& w : r->warnings) text(&w);
  r->Canonicalize();
}

}  // namespace sluice::crawl

// Fetcher: many HTTP transfers at once on libcurl's multi interface, driven
// by the one thread that calls Poll().
//
// Role: the crawler's only contact with the network. It starts what it is
// given at once (the crawler decides what may start: total and per-host
// caps, rate, back-off) and hands back finished transfers. Connections are
// kept alive and reused across requests to the same host (the multi handle
// owns the connection cache), responses may be compressed (Accept-Encoding:
// whatever libcurl supports), and HTTPS servers that offer HTTP/2 get it,
// with requests to one host multiplexed on one connection.
//
// Redirects are NOT followed here: the crawler follows them itself so that a
// target already fetched is never fetched again, and so that loops and
// chains are visible. A body is kept only when the caller asks (HTML pages,
// robots.txt, sitemaps) and never beyond max_body bytes; any other body is
// read and dropped (so that the connection stays reusable) up to 1 MiB, then
// the transfer is cut, since its status is all that was needed. Response
// headers are capped (256 KiB); a transfer failing at any point, also after
// its status line, is an error.
//
// Thread safety: one thread calls Start/Poll; Wakeup() may be called from
// any thread (the crawler's parse workers use it to interrupt Poll).
#ifndef SLUICE_CRAWL_FETCHER_H_
#define SLUICE_CRAWL_FETCHER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

typedef void CURLM;
typedef void CURL;
struct curl_slist;

namespace sluice::crawl {

enum class BodyMode {
  kNone,        // status and headers only (GET: cut at the first body byte)
  kKeepIfHtml,  // keep the body when the response is HTML (2xx only)
  kKeepAlways,  // keep any 2xx body (robots.txt, sitemaps)
};

struct FetchRequest {
  std::uint64_t id = 0;  // the caller's token, returned in FetchResult
  std::string url;
  bool head = false;
  BodyMode body = BodyMode::kNone;
  std::size_t max_body = 10u << 20;
  // Send FetcherOptions::headers and ::userpwd (the site's own URLs only:
  // a token or password must not leak to the sites it links).
  bool credentials = false;
};

struct FetchResult {
  std::uint64_t id = 0;
  long status = 0;  // HTTP status; 0 when no status line arrived
  // "" when the whole response arrived (or was cut on purpose: BodyMode,
  // max_body). Else why not; when the status line came first, the error
  // says so ("failed after the status line (200 OK): ...") and the body is
  // dropped.
  std::string error;
  bool transient = false;  // a retry may succeed (timeout, reset, ...)
  std::string content_type;
  std::string location;                       // absolute redirect target, if any
  std::optional<double> retry_after_seconds;  // parsed Retry-After
  bool is_html = false;
  std::string body;
  bool truncated = false;  // the body hit max_body (and was cut there on purpose)
  double seconds = 0;
};

struct FetcherOptions {
  int total_connections = 16;
  int per_host_connections = 8;
  double timeout_seconds = 20;
  std::string user_agent = "sluice-crawl/0.1";
  bool insecure = false;             // skip TLS certificate and host name verification
  std::vector<std::string> headers;  // "Name: value", for requests with credentials
  std::string userpwd;               // "user:password" (HTTP Basic), for requests with credentials
  std::string cookie_file;           // Netscape cookies.txt, for every request (curl matches domains)
};

class Fetcher {
 public:
  explicit Fetcher(const FetcherOptions& options);
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Starts a transfer now.
  void Start(FetchRequest request);

  // Drives the transfers for at most timeout_ms (less when one finishes or
  // Wakeup is called) and appends the finished ones to *done.
  void Poll(int timeout_ms, std::vector<FetchResult>* done);

  // Makes a Poll that is waiting return early. Thread-safe.
  void Wakeup();

  std::size_t in_flight() const { return active_.size(); }
  std::int64_t requests() const { return requests_; }
  // "HTTP/2 multiplexing, keep-alive, compression: gzip, br..." for --verbose.
  static std::string Capabilities();

 private:
  struct Transfer;
  static std::size_t OnBody(char* data, std::size_t size, std::size_t n, void* user);
  static std::size_t OnHeader(char* data, std::size_t size, std::size_t n, void* user);
  void Finish(CURL* easy, int code, std::vector<FetchResult>* done);

  FetcherOptions options_;
  CURLM* multi_;
  curl_slist* headers_ = nullptr;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> active_;
  std::int64_t requests_ = 0;
};

// Parses a Retry-After value: delay-seconds or an HTTP-date (relative to
// now_epoch). nullopt when it is neither.
std::optional<double> ParseRetryAfter(const std::string& value, double now_epoch);

// Does a body without a Content-Type look like HTML?
bool SniffHtml(const std::string& body);

}  // namespace sluice::crawl

#endif  // SLUICE_CRAWL_FETCHER_H_

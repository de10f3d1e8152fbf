// libcurl multi-interface transfers; see fetcher.h.
#include "crawl/fetcher.h"

#include <curl/curl.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "crawl/report.h"

namespace sluice::crawl {
namespace {

constexpr std::size_t kDiscardLimit = 1u << 20;
// Response headers beyond this are an error: a server that never ends its
// headers would otherwise hold the transfer (and memory) until --timeout.
constexpr std::size_t kMaxHeaderBytes = 256u << 10;

using Clock = std::chrono::steady_clock;

bool IsHtmlType(const char* type) {
  if (type == nullptr) return false;
  std::string t(type);
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t.rfind("text/html", 0) == 0 || t.rfind("application/xhtml+xml", 0) == 0;
}

bool IsTransient(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_COULDNT_RESOLVE_HOST:  // DNS hiccups are common; a retry is cheap
      return true;
    default: return false;
  }
}

}  // namespace

struct Fetcher::Transfer {
  FetchRequest request;
  FetchResult result;
  CURL* easy = nullptr;
  char errbuf[CURL_ERROR_SIZE] = {};
  bool decided = false;  // body keep/drop decided (at the first body byte)
  bool keep = false;
  bool cut_by_us = false;  // we ended the transfer on purpose
  bool headers_too_big = false;
  std::size_t header_bytes = 0;
  std::size_t dropped = 0;
  Clock::time_point start;
};

Fetcher::Fetcher(const FetcherOptions& options) : options_(options) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_ALL); });
  multi_ = curl_multi_init();
  // The caps are enforced by the caller, which starts a transfer only when
  // its host and the total are under their limits. CURLMOPT_MAX_*_CONNECTIONS
  // are deliberately NOT set: curl would park a transfer in a "pending" state
  // while it counts a closing connection, and the transfer's --timeout clock
  // runs meanwhile (it then failed at once with "Failed to resolve host ...
  // with timeout after 0 ms"). The cache keeps as many idle connections as
  // may be in use at once, so each keep-alive connection is reused.
  curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, static_cast<long>(options.total_connections));
  curl_multi_setopt(multi_, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
  for (const std::string& h : options.headers) headers_ = curl_slist_append(headers_, h.c_str());
}

Fetcher::~Fetcher() {
  for (auto& [easy, transfer] : active_) {
    curl_multi_remove_handle(multi_, easy);
    curl_easy_cleanup(easy);
  }
  curl_multi_cleanup(multi_);
  curl_slist_free_all(headers_);
}

std::size_t Fetcher::OnBody(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::size_t len = size * n;
  if (!t->decided) {
    t->decided = true;
    long status = 0;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    char* type = nullptr;
    curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &type);
    bool ok = status >= 200 && status < 300;
    if (t->request.body == BodyMode::kNone) {
      t->cut_by_us = true;
      return 0;  // the status is known; the body is not wanted
    }
    t->result.is_html = IsHtmlType(type);
    bool unknown_type = type == nullptr || type[0] == '\0';
    t->keep = ok && (t->request.body == BodyMode::kKeepAlways || t->result.is_html || unknown_type);
  }
  if (!t->keep) {
    t->dropped += len;
    if (t->dropped > kDiscardLimit) {
      t->cut_by_us = true;
      return 0;
    }
    return len;
  }
  std::string& body = t->result.body;
  if (body.size() + len > t->request.max_body) {
    body.append(data, t->request.max_body - body.size());
    t->result.truncated = true;
    t->cut_by_us = true;
    return 0;
  }
  body.append(data, len);
  return len;
}

std::size_t Fetcher::OnHeader(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<void>(data);
  auto* t = static_cast<Transfer*>(user);
  std::size_t len = size * n;
  t->header_bytes += len;
  if (t->header_bytes > kMaxHeaderBytes) {
    t->headers_too_big = true;
    return 0;  // curl ends the transfer with CURLE_WRITE_ERROR
  }
  return len;
}

void Fetcher::Start(FetchRequest request) {
  // A fresh easy handle per transfer: a reused one carries timers of its
  // previous transfer (after a timeout, the next request through it failed
  // at once with "Failed to resolve host ... after 0 ms"). Connections and
  // the DNS cache live in the multi handle, so keep-alive is unaffected.
  CURL* easy = curl_easy_init();
  auto t = std::make_unique<Transfer>();
  t->request = std::move(request);
  t->result.id = t->request.id;
  t->easy = easy;
  t->start = Clock::now();
  curl_easy_setopt(easy, CURLOPT_URL, t->request.url.c_str());
  if (t->request.head) {
    curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(easy, CURLOPT_NOBODY, 0L);
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Fetcher::OnBody);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, t.get());
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &Fetcher::OnHeader);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, t.get());
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t->errbuf);
  curl_easy_setopt(easy, CURLOPT_PRIVATE, t.get());
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
  if (t->request.credentials) {
    if (headers_ != nullptr) curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers_);
    if (!options_.userpwd.empty()) {
      curl_easy_setopt(easy, CURLOPT_USERPWD, options_.userpwd.c_str());
      curl_easy_setopt(easy, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
    }
  }
  // Read at each transfer's start (curl keeps no parsed copy across easy
  // handles); a cookies.txt is small.
  if (!options_.cookie_file.empty()) curl_easy_setopt(easy, CURLOPT_COOKIEFILE, options_.cookie_file.c_str());
  if (options_.insecure) {
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout_seconds * 1000));
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(options_.timeout_seconds, 10.0) * 1000));
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  // PIPEWAIT (wait for a connection being set up, in case it multiplexes)
  // only over TLS, where ALPN settles HTTP/2 at the handshake. Over plain
  // http:// curl would keep the transfer waiting for the host's busy
  // connections to answer, with its --timeout clock running.
  bool tls = t->request.url.rfind("https:", 0) == 0;
  curl_easy_setopt(easy, CURLOPT_PIPEWAIT, tls ? 1L : 0L);
  curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  if (std::getenv("SLUICE_CURL_VERBOSE") != nullptr) curl_easy_setopt(easy, CURLOPT_VERBOSE, 1L);  // debugging aid
  ++requests_;
  CURL* key = easy;
  active_.emplace(key, std::move(t));
  curl_multi_add_handle(multi_, easy);
}

void Fetcher::Poll(int timeout_ms, std::vector<FetchResult>* done) {
  int running = 0;
  curl_multi_perform(multi_, &running);
  auto drain = [&] {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
      if (msg->msg == CURLMSG_DONE) Finish(msg->easy_handle, msg->data.result, done);
    }
  };
  drain();
  if (!done->empty()) return;
  curl_multi_poll(multi_, nullptr, 0, timeout_ms, nullptr);
  curl_multi_perform(multi_, &running);
  drain();
}

void Fetcher::Wakeup() { curl_multi_wakeup(multi_); }

void Fetcher::Finish(CURL* easy, int code_int, std::vector<FetchResult>* done) {
  auto code = static_cast<CURLcode>(code_int);
  auto it = active_.find(easy);
  if (it == active_.end()) return;
  std::unique_ptr<Transfer> t = std::move(it->second);
  active_.erase(it);
  curl_multi_remove_handle(multi_, easy);
  FetchResult& r = t->result;
  r.seconds = std::chrono::duration<double>(Clock::now() - t->start).count();
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  bool cut = code == CURLE_WRITE_ERROR && t->cut_by_us;
  r.status = status;
  if (code != CURLE_OK && !cut) {
    // Any failure is an error, also after a good status line: headers that
    // trickle or never end, broken chunked encoding, a body shorter than its
    // Content-Length. A link whose answer breaks off is not alive, and a
    // partial page is not parsed.
    std::string why = t->headers_too_big ? "response headers exceed " + std::to_string(kMaxHeaderBytes >> 10) + " KiB"
                      : t->errbuf[0] != '\0' ? std::string(t->errbuf)
                                             : std::string(curl_easy_strerror(code));
    if (status > 0) {
      std::string phrase = ReasonPhrase(status);
      why = "failed after the status line (" + std::to_string(status) + (phrase.empty() ? "" : " " + phrase) +
            "): " + why;
    }
    r.error = std::move(why);
    r.transient = !t->headers_too_big && IsTransient(code);
    r.body.clear();
  }
  char* type = nullptr;
  curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &type);
  if (type != nullptr) r.content_type = type;
  r.is_html = IsHtmlType(type) || ((type == nullptr || type[0] == '\0') && SniffHtml(r.body));
  if (!r.is_html && t->request.body == BodyMode::kKeepIfHtml) r.body.clear();
  char* location = nullptr;
  curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &location);
  if (location != nullptr) r.location = location;
  struct curl_header* h = nullptr;
  if (curl_easy_header(easy, "Retry-After", 0, CURLH_HEADER, -1, &h) == CURLHE_OK && h != nullptr) {
    r.retry_after_seconds = ParseRetryAfter(
        h->value, static_cast<double>(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
  }
  curl_easy_cleanup(easy);
  done->push_back(std::move(r));
}

std::string Fetcher::Capabilities() {
  curl_version_info_data* v = curl_version_info(CURLVERSION_NOW);
  std::string out = std::string("libcurl ") + v->version;
  if (v->features & CURL_VERSION_HTTP2) out += ", HTTP/2";
  if (v->features & CURL_VERSION_SSL) out += std::string(", TLS (") + (v->ssl_version ? v->ssl_version : "?") + ")";
  if (v->features & CURL_VERSION_LIBZ) out += ", gzip";
  if (v->features & CURL_VERSION_BROTLI) out += ", brotli";
  if (v->features & CURL_VERSION_ZSTD) out += ", zstd";
  return out;
}

std::optional<double> ParseRetryAfter(const std::string& value, double now_epoch) {
  std::size_t b = value.find_first_not_of(" \t");
  if (b == std::string::npos) return std::nullopt;
  std::string v = value.substr(b);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r' || v.back() == '\n')) v.pop_back();
  if (!v.empty() && v.find_first_not_of("0123456789") == std::string::npos) {
    if (v.size() > 9) return 1e9;
    return std::strtod(v.c_str(), nullptr);
  }
  time_t when = curl_getdate(v.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  double delay = static_cast<double>(when) - now_epoch;
  return delay < 0 ? 0 : delay;
}

bool SniffHtml(const std::string& body) {
  std::size_t i = body.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (i == std::string::npos) return false;
  std::string head = body.substr(i, 15);
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0 || head.rfind("<head", 0) == 0 ||
         head.rfind("<body", 0) == 0;
}

}  // namespace sluice::crawl

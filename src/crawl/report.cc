// Report formats; see report.h.
#include "crawl/report.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

#include <nlohmann/json.hpp>

#include "base/html_escape.h"

namespace sluice::crawl {
namespace {

std::string StatusText(const DeadLink& d) {
  if (!d.status) return d.error;
  return std::to_string(*d.status) + (d.error.empty() ? "" : " " + d.error);
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids most control characters even when escaped.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += "\xEF\xBF\xBD";
        } else {
          out += c;
        }
    }
  }
  return out;
}

void SortSources(std::vector<LinkSource>& s) {
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
}

}  // namespace

const char* ReasonPhrase(long status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 203: return "Non-Authoritative Information";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 300: return "Multiple Choices";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 407: return "Proxy Authentication Required";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 418: return "I'm a teapot";
    case 421: return "Misdirected Request";
    case 422: return "Unprocessable Content";
    case 425: return "Too Early";
    case 426: return "Upgrade Required";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 451: return "Unavailable For Legal Reasons";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    case 508: return "Loop Detected";
    case 511: return "Network Authentication Required";
    default: return "";
  }
}

void Report::Canonicalize() {
  std::sort(dead.begin(), dead.end(), [](const DeadLink& a, const DeadLink& b) { return a.url < b.url; });
  for (DeadLink& d : dead) SortSources(d.sources);
  std::sort(missing_anchors.begin(), missing_anchors.end(), [](const MissingAnchor& a, const MissingAnchor& b) {
    return std::tie(a.url, a.fragment) < std::tie(b.url, b.fragment);
  });
  for (MissingAnchor& m : missing_anchors) SortSources(m.sources);
  std::sort(checked_urls.begin(), checked_urls.end());
  checked_urls.erase(std::unique(checked_urls.begin(), checked_urls.end()), checked_urls.end());
  std::sort(warnings.begin(), warnings.end());
  warnings.erase(std::unique(warnings.begin(), warnings.end()), warnings.end());
}

void WriteText(const Report& r, bool by_page, std::FILE* out) {
  std::size_t dead_links = 0;
  for (const DeadLink& d : r.dead) dead_links += d.sources.size();
  if (!r.dead.empty()) {
    std::fprintf(out, "Dead links: %zu URL%s, %zu link%s\n\n", r.dead.size(), r.dead.size() == 1 ? "" : "s", dead_links,
                 dead_links == 1 ? "" : "s");
  }
  if (!by_page) {
    for (const DeadLink& d : r.dead) {
      std::fprintf(out, "%s\n  %s\n", d.url.c_str(), StatusText(d).c_str());
      for (const LinkSource& s : d.sources) {
        std::fprintf(out, "  <- %s:%d  href=\"%s\"\n", s.page.c_str(), s.line, s.href.c_str());
      }
    }
  } else {
    struct Row {
      int line;
      std::string href;
      const DeadLink* dead;
    };
    std::map<std::string, std::vector<Row>> pages;
    for (const DeadLink& d : r.dead) {
      for (const LinkSource& s : d.sources) pages[s.page].push_back({s.line, s.href, &d});
    }
    for (auto& [page, rows] : pages) {
      std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return std::tie(a.line, a.href, a.dead->url) < std::tie(b.line, b.href, b.dead->url);
      });
      std::fprintf(out, "%s\n", page.c_str());
      for (const Row& row : rows) {
        std::fprintf(out, "  line %d: \"%s\" -> %s  %s\n", row.line, row.href.c_str(), row.dead->url.c_str(),
                     StatusText(*row.dead).c_str());
      }
    }
  }
  if (!r.missing_anchors.empty()) {
    std::fprintf(out, "%sMissing anchors: %zu\n\n", r.dead.empty() ? "" : "\n", r.missing_anchors.size());
    for (const MissingAnchor& m : r.missing_anchors) {
      std::fprintf(out, "%s#%s\n", m.url.c_str(), m.fragment.c_str());
      for (const LinkSource& s : m.sources) {
        std::fprintf(out, "  <- %s:%d  href=\"%s\"\n", s.page.c_str(), s.line, s.href.c_str());
      }
    }
  }
  if (!r.dead.empty() || !r.missing_anchors.empty()) std::fputc('\n', out);
  for (const std::string& n : r.load_notes) std::fprintf(out, "note: %s\n", n.c_str());
  for (const std::string& n : r.notes) std::fprintf(out, "note: %s\n", n.c_str());
  for (const std::string& w : r.warnings) std::fprintf(out, "warning: %s\n", w.c_str());
  std::fprintf(out, "%s\n", SummaryLine(r).c_str());
}

std::string SummaryLine(const Report& r) {
  std::size_t dead_links = 0;
  for (const DeadLink& d : r.dead) dead_links += d.sources.size();
  const Summary& s = r.summary;
  double rate = s.seconds > 0 ? static_cast<double>(s.requests) / s.seconds : 0;
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "%lld pages, %lld links, %lld URLs checked, %zu dead (%zu links)%s, %.2f s, %lld requests (%.0f/s)",
                static_cast<long long>(s.pages), static_cast<long long>(s.links), static_cast<long long>(s.urls),
                r.dead.size(), dead_links,
                r.check_anchors ? (", " + std::to_string(r.missing_anchors.size()) + " missing anchors").c_str() : "",
                s.seconds, static_cast<long long>(s.requests), rate);
  return buf;
}

void WriteJson(const Report& r, std::FILE* out) {
  using nlohmann::ordered_json;
  auto sources = [](const std::vector<LinkSource>& v) {
    ordered_json a = ordered_json::array();
    for (const LinkSource& s : v) a.push_back({{"page", s.page}, {"href", s.href}, {"line", s.line}});
    return a;
  };
  ordered_json doc;
  doc["dead"] = ordered_json::array();
  for (const DeadLink& d : r.dead) {
    ordered_json e;
    e["url"] = d.url;
    e["status"] = d.status ? ordered_json(*d.status) : ordered_json(nullptr);
    e["error"] = d.error;
    e["sources"] = sources(d.sources);
    doc["dead"].push_back(std::move(e));
  }
  if (r.check_anchors) {
    doc["missing_anchors"] = ordered_json::array();
    for (const MissingAnchor& m : r.missing_anchors) {
      doc["missing_anchors"].push_back({{"url", m.url}, {"fragment", m.fragment}, {"sources", sources(m.sources)}});
    }
  }
  doc["notes"] = r.notes;
  const Summary& s = r.summary;
  ordered_json summary;
  summary["pages"] = s.pages;
  summary["links"] = s.links;
  summary["urls"] = s.urls;
  summary["dead"] = r.dead.size();
  if (r.check_anchors) summary["missing_anchors"] = r.missing_anchors.size();
  summary["redirects"] = s.redirects;
  summary["robots_skipped"] = s.robots_skipped;
  summary["excluded"] = s.excluded;
  summary["not_followed"] = {{"max_depth", s.cut_by_max_depth}, {"max_pages", s.cut_by_max_pages}};
  summary["interrupted"] = s.interrupted;
  summary["requests"] = s.requests;
  summary["seconds"] = static_cast<double>(static_cast<long long>(s.seconds * 1000 + 0.5)) / 1000;
  doc["summary"] = std::move(summary);
  std::string text = doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  std::fprintf(out, "%s\n", text.c_str());
}

void WriteCsv(const Report& r, std::FILE* out) {
  std::fprintf(out, "url,status,error,page,href,line\n");
  for (const DeadLink& d : r.dead) {
    std::string status = d.status ? std::to_string(*d.status) : "";
    for (const LinkSource& s : d.sources) {
      std::fprintf(out, "%s,%s,%s,%s,%s,%d\n", CsvField(d.url).c_str(), status.c_str(), CsvField(d.error).c_str(),
                   CsvField(s.page).c_str(), CsvField(s.href).c_str(), s.line);
    }
  }
  for (const MissingAnchor& m : r.missing_anchors) {
    for (const LinkSource& s : m.sources) {
      std::fprintf(out, "%s,,%s,%s,%s,%d\n", CsvField(m.url).c_str(), CsvField("missing anchor #" + m.fragment).c_str(),
                   CsvField(s.page).c_str(), CsvField(s.href).c_str(), s.line);
    }
  }
}

void WriteJunit(const Report& r, std::FILE* out) {
  std::map<std::string, const DeadLink*> dead;
  for (const DeadLink& d : r.dead) dead[d.url] = &d;
  std::map<std::string, std::vector<const MissingAnchor*>> anchors;
  for (const MissingAnchor& m : r.missing_anchors) anchors[m.url].push_back(&m);
  std::size_t failures = 0;
  for (const std::string& u : r.checked_urls) failures += dead.count(u) + anchors.count(u);
  std::fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  std::fprintf(out, "<testsuites name=\"sluice crawl\" tests=\"%zu\" failures=\"%zu\" time=\"%.3f\">\n",
               r.checked_urls.size(), failures, r.summary.seconds);
  std::fprintf(out, "  <testsuite name=\"links\" tests=\"%zu\" failures=\"%zu\" time=\"%.3f\">\n",
               r.checked_urls.size(), failures, r.summary.seconds);
  for (const std::string& u : r.checked_urls) {
    std::fprintf(out, "    <testcase classname=\"links\" name=\"%s\"", XmlEscape(u).c_str());
    auto d = dead.find(u);
    auto a = anchors.find(u);
    if (d == dead.end() && a == anchors.end()) {
      std::fprintf(out, "/>\n");
      continue;
    }
    std::fprintf(out, ">\n");
    if (d != dead.end()) {
      std::string body;
      for (const LinkSource& s : d->second->sources) {
        body += s.page + ":" + std::to_string(s.line) + " href=\"" + s.href + "\"\n";
      }
      std::fprintf(out, "      <failure message=\"%s\" type=\"dead-link\">%s</failure>\n",
                   XmlEscape(StatusText(*d->second)).c_str(), XmlEscape(body).c_str());
    }
    if (a != anchors.end()) {
      for (const MissingAnchor* m : a->second) {
        std::string body;
        for (const LinkSource& s : m->sources) {
          body += s.page + ":" + std::to_string(s.line) + " href=\"" + s.href + "\"\n";
        }
        std::fprintf(out, "      <failure message=\"missing anchor #%s\" type=\"missing-anchor\">%s</failure>\n",
                     XmlEscape(m->fragment).c_str(), XmlEscape(body).c_str());
      }
    }
    std::fprintf(out, "    </testcase>\n");
  }
  std::fprintf(out, "  </testsuite>\n</testsuites>\n");
}

namespace {

// A link for http(s) URLs, plain text for anything else (a malformed href,
// a local path, "javascript:..."): a report must not run or open what it
// reports.
std::string HtmlUrl(const std::string& url) {
  if (url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) {
    return "<a href=\"" + HtmlEscape(url) + "\">" + HtmlEscape(url) + "</a>";
  }
  return HtmlEscape(url);
}

}  // namespace

void WriteHtml(const Report& r, std::FILE* out) {
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<title>sluice crawl: " + std::to_string(r.dead.size()) + " dead URLs</title>\n";
  h += "<style>\nbody{font-family:sans-serif;margin:2em;max-width:80em}\n"
       "table{border-collapse:collapse;margin:.3em 0 1em}\n"
       "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}\n"
       "td.href,td.url{font-family:monospace;word-break:break-all}\n.status{color:#b00;font-weight:bold}\n"
       "</style>\n</head>\n<body>\n";
  h += "<h1>Dead links</h1>\n<p class=\"summary\">" + HtmlEscape(SummaryLine(r)) + "</p>\n";
  if (r.summary.interrupted) h += "<p class=\"interrupted\">Interrupted: this report is partial.</p>\n";

  h += "<section id=\"by-url\">\n<h2>By dead URL (" + std::to_string(r.dead.size()) + ")</h2>\n";
  for (const DeadLink& d : r.dead) {
    h += "<div class=\"dead\">\n<h3 class=\"url\">" + HtmlUrl(d.url) + "</h3>\n<p><span class=\"status\">" +
         (d.status ? std::to_string(*d.status) : std::string("no status")) + "</span> <span class=\"error\">" +
         HtmlEscape(d.error) + "</span></p>\n";
    h += "<table>\n<tr><th>Page</th><th>Line</th><th>Link as written</th></tr>\n";
    for (const LinkSource& s : d.sources) {
      h += "<tr class=\"link\"><td class=\"page\">" + HtmlUrl(s.page) + "</td><td class=\"line\">" +
           std::to_string(s.line) + "</td><td class=\"href\">" + HtmlEscape(s.href) + "</td></tr>\n";
    }
    h += "</table>\n</div>\n";
  }
  h += "</section>\n";

  struct Row {
    int line;
    std::string href;
    const DeadLink* dead;
  };
  std::map<std::string, std::vector<Row>> pages;
  for (const DeadLink& d : r.dead) {
    for (const LinkSource& s : d.sources) pages[s.page].push_back({s.line, s.href, &d});
  }
  h += "<section id=\"by-page\">\n<h2>By page (" + std::to_string(pages.size()) + ")</h2>\n";
  for (auto& [page, rows] : pages) {
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      return std::tie(a.line, a.href, a.dead->url) < std::tie(b.line, b.href, b.dead->url);
    });
    h += "<div class=\"page\">\n<h3 class=\"page\">" + HtmlUrl(page) + "</h3>\n<table>\n";
    h += "<tr><th>Line</th><th>Link as written</th><th>Dead URL</th><th>Status</th><th>Error</th></tr>\n";
    for (const Row& row : rows) {
      h += "<tr class=\"link\"><td class=\"line\">" + std::to_string(row.line) + "</td><td class=\"href\">" +
           HtmlEscape(row.href) + "</td><td class=\"url\">" + HtmlUrl(row.dead->url) + "</td><td class=\"status\">" +
           (row.dead->status ? std::to_string(*row.dead->status) : std::string()) + "</td><td class=\"error\">" +
           HtmlEscape(row.dead->error) + "</td></tr>\n";
    }
    h += "</table>\n</div>\n";
  }
  h += "</section>\n";

  if (r.check_anchors) {
    h += "<section id=\"missing-anchors\">\n<h2>Missing anchors (" + std::to_string(r.missing_anchors.size()) +
         ")</h2>\n";
    for (const MissingAnchor& m : r.missing_anchors) {
      h += "<div class=\"anchor\">\n<h3 class=\"url\">" + HtmlUrl(m.url) + " #" + HtmlEscape(m.fragment) +
           "</h3>\n<table>\n<tr><th>Page</th><th>Line</th><th>Link as written</th></tr>\n";
      for (const LinkSource& s : m.sources) {
        h += "<tr class=\"link\"><td class=\"page\">" + HtmlUrl(s.page) + "</td><td class=\"line\">" +
             std::to_string(s.line) + "</td><td class=\"href\">" + HtmlEscape(s.href) + "</td></tr>\n";
      }
      h += "</table>\n</div>\n";
    }
    h += "</section>\n";
  }
  auto list = [&](const char* id, const char* title, const std::vector<std::string>& items) {
    if (items.empty()) return;
    h += std::string("<section id=\"") + id + "\">\n<h2>" + title + "</h2>\n<ul>\n";
    for (const std::string& i : items) h += "<li>" + HtmlEscape(i) + "</li>\n";
    h += "</ul>\n</section>\n";
  };
  std::vector<std::string> notes = r.load_notes;
  notes.insert(notes.end(), r.notes.begin(), r.notes.end());
  list("notes", "Notes", notes);
  list("warnings", "Warnings", r.warnings);
  h += "</body>\n</html>\n";
  std::fwrite(h.data(), 1, h.size(), out);
}

}  // namespace sluice::crawl

// robots.txt rules and sitemap <loc> extraction; see robots.h.
#include "crawl/robots.h"

#include <cstdlib>
#include <string>

#include "crawl/url.h"

namespace sluice::crawl {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// Does `pattern` ("*" any run, trailing "$" end) match a prefix of `path`
// (or all of it, with "$")? Iterative wildcard matching, O(|p|*|s|) worst case.
bool Matches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // Classic two-pointer glob with backtracking to the last '*'.
  std::size_t p = 0, s = 0, star = std::string_view::npos, star_s = 0;
  while (true) {
    if (p == pattern.size()) {
      if (!anchored || s == path.size()) return true;
      if (star == std::string_view::npos) return false;
      p = star + 1;
      s = ++star_s;
      if (s > path.size()) return false;
      continue;
    }
    if (pattern[p] == '*') {
      star = p++;
      star_s = s;
      continue;
    }
    if (s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
      continue;
    }
    if (star == std::string_view::npos) return false;
    p = star + 1;
    s = ++star_s;
    if (s > path.size()) return false;
  }
}

}  // namespace

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules r;
  r.rules_.push_back({false, "/"});
  return r;
}

RobotsRules RobotsRules::Parse(std::string_view text, std::string_view product_token) {
  struct Group {
    std::vector<std::string> agents;
    std::vector<Rule> rules;
    std::optional<double> delay;
  };
  std::vector<Group> groups;
  RobotsRules out;
  bool in_agent_lines = false;
  std::string token = Lower(product_token);
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = Lower(Trim(line.substr(0, colon)));
    std::string_view value = Trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (!in_agent_lines) groups.emplace_back();
      in_agent_lines = true;
      groups.back().agents.push_back(Lower(value));
      continue;
    }
    if (key == "sitemap") {
      if (!value.empty()) out.sitemaps_.emplace_back(value);
      continue;
    }
    if (key != "allow" && key != "disallow" && key != "crawl-delay") continue;
    in_agent_lines = false;
    if (groups.empty()) continue;  // rules before any User-agent line
    if (key == "crawl-delay") {
      char* end = nullptr;
      std::string v(value);
      double d = std::strtod(v.c_str(), &end);
      if (end != v.c_str() && d >= 0 && d < 86400) groups.back().delay = d;
      continue;
    }
    if (value.empty()) continue;  // "Disallow:" allows everything: no rule
    groups.back().rules.push_back({key == "allow", NormalizePercentEncoding(value)});
  }
  // Our own token first; "*" only when no group names us.
  for (int pass = 0; pass < 2 && out.rules_.empty() && !out.crawl_delay_; ++pass) {
    bool found = false;
    for (const Group& g : groups) {
      bool match = false;
      for (const std::string& a : g.agents) {
        std::string_view name = std::string_view(a).substr(0, a.find('/'));
        if (pass == 0 ? name == token : name == "*") match = true;
      }
      if (!match) continue;
      found = true;
      out.rules_.insert(out.rules_.end(), g.rules.begin(), g.rules.end());
      if (g.delay) out.crawl_delay_ = g.delay;
    }
    if (found) break;
  }
  return out;
}

bool RobotsRules::Allowed(std::string_view path) const {
  if (path == "/robots.txt") return true;
  int best = -1;
  bool allowed = true;
  for (const Rule& r : rules_) {
    int len = static_cast<int>(r.pattern.size());
    if (len < best || !Matches(r.pattern, path)) continue;
    if (len > best || r.allow) allowed = r.allow;  // tie: Allow wins
    best = len;
  }
  return allowed;
}

std::string SanitizeUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (int k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len > 1) {
      // Reject overlong forms, surrogates and code points above U+10FFFF.
      unsigned cp = c & (0x7F >> len);
      for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
      static const unsigned kMin[] = {0, 0, 0x80, 0x800, 0x10000};
      ok = cp >= kMin[len] && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
    }
    if (ok) {
      out.append(s, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

namespace {

std::string DecodeXmlEntities(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += '&';
      continue;
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    unsigned long cp = 0;
    if (name == "amp")
      out += '&';
    else if (name == "lt")
      out += '<';
    else if (name == "gt")
      out += '>';
    else if (name == "quot")
      out += '"';
    else if (name == "apos")
      out += '\'';
    else if (name.size() > 1 && name[0] == '#') {
      std::string digits(name.substr(name[1] == 'x' || name[1] == 'X' ? 2 : 1));
      char* end = nullptr;
      cp = std::strtoul(digits.c_str(), &end, name[1] == 'x' || name[1] == 'X' ? 16 : 10);
      if (digits.empty() || *end != '\0' || cp == 0 || cp > 0x10FFFF) {
        out += '&';
        continue;
      }
      if (cp < 0x80) {
        out += static_cast<char>(cp);
      } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      }
    } else {
      out += '&';
      continue;
    }
    i = semi;
  }
  return out;
}

}  // namespace

Sitemap ParseSitemap(std::string_view xml) {
  Sitemap out;
  std::size_t root = xml.find("<sitemapindex");
  std::size_t urlset = xml.find("<urlset");
  out.is_index = root != std::string_view::npos && (urlset == std::string_view::npos || root < urlset);
  int line = 1;
  std::size_t counted = 0;  // lines counted up to here
  std::size_t pos = 0;
  while (true) {
    std::size_t open = xml.find("<loc>", pos);
    if (open == std::string_view::npos) break;
    std::size_t close = xml.find("</loc>", open + 5);
    if (close == std::string_view::npos) break;
    for (; counted < open; ++counted) line += xml[counted] == '\n';
    std::string_view raw = xml.substr(open + 5, close - open - 5);
    int here = line;
    for (std::size_t k = 0; k < raw.size() && (raw[k] == ' ' || raw[k] == '\n' || raw[k] == '\r' || raw[k] == '\t');
         ++k) {
      here += raw[k] == '\n';
    }
    std::string url = SanitizeUtf8(Trim(DecodeXmlEntities(Trim(raw))));
    if (!url.empty()) out.entries.push_back({std::move(url), here});
    pos = close + 6;
  }
  return out;
}

}  // namespace sluice::crawl

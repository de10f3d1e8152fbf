// Link extraction with gumbo; see html_links.h.
#include "crawl/html_links.h"

#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace sluice::crawl {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

const GumboAttribute* Attr(const GumboElement& e, const char* name) {
  return gumbo_get_attribute(&e.attributes, name);
}

// True when a rel attribute names only link types that point at origins.
bool RelNamesOrigin(const GumboAttribute* rel) {
  if (rel == nullptr) return false;
  std::string_view v = rel->value;
  bool any = false;
  std::size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && IsSpace(v[i])) ++i;
    std::size_t b = i;
    while (i < v.size() && !IsSpace(v[i])) ++i;
    if (i == b) break;
    std::string_view token = v.substr(b, i - b);
    if (!EqualsIgnoreCase(token, "dns-prefetch") && !EqualsIgnoreCase(token, "preconnect")) return false;
    any = true;
  }
  return any;
}

class Extractor {
 public:
  explicit Extractor(bool collect_anchors) : collect_anchors_(collect_anchors) {}

  void Element(const GumboElement& e) {
    GumboTag tag = e.tag;
    switch (tag) {
      case GUMBO_TAG_A:
      case GUMBO_TAG_AREA:
        Add(Attr(e, "href"));
        if (collect_anchors_ && tag == GUMBO_TAG_A) AddAnchor(Attr(e, "name"));
        break;
      case GUMBO_TAG_LINK:
        if (!RelNamesOrigin(Attr(e, "rel"))) Add(Attr(e, "href"));
        break;
      case GUMBO_TAG_IMG:
      case GUMBO_TAG_SOURCE:
        Add(Attr(e, "src"));
        AddSrcset(Attr(e, "srcset"));
        break;
      case GUMBO_TAG_SCRIPT:
      case GUMBO_TAG_IFRAME:
      case GUMBO_TAG_FRAME:
      case GUMBO_TAG_AUDIO:
      case GUMBO_TAG_TRACK:
      case GUMBO_TAG_EMBED:
        Add(Attr(e, "src"));
        break;
      case GUMBO_TAG_VIDEO:
        Add(Attr(e, "src"));
        Add(Attr(e, "poster"));
        break;
      case GUMBO_TAG_OBJECT:
        Add(Attr(e, "data"));
        break;
      case GUMBO_TAG_BASE:
        if (const GumboAttribute* h = Attr(e, "href"); h != nullptr && !out_.base_href) out_.base_href = h->value;
        break;
      case GUMBO_TAG_META: {
        const GumboAttribute* equiv = Attr(e, "http-equiv");
        const GumboAttribute* content = Attr(e, "content");
        if (equiv != nullptr && content != nullptr && EqualsIgnoreCase(equiv->value, "refresh")) {
          if (std::optional<std::string> url = MetaRefreshUrl(content->value)) {
            out_.links.push_back({*url, static_cast<int>(content->value_start.line)});
          }
        }
        break;
      }
      default:
        break;
    }
    if (collect_anchors_) AddAnchor(Attr(e, "id"));
  }

  PageLinks Finish() {
    std::sort(out_.anchors.begin(), out_.anchors.end());
    out_.anchors.erase(std::unique(out_.anchors.begin(), out_.anchors.end()), out_.anchors.end());
    return std::move(out_);
  }

 private:
  void Add(const GumboAttribute* a) {
    if (a != nullptr) out_.links.push_back({a->value, static_cast<int>(a->value_start.line)});
  }
  void AddSrcset(const GumboAttribute* a) {
    if (a == nullptr) return;
    for (std::string& url : ParseSrcset(a->value)) {
      out_.links.push_back({std::move(url), static_cast<int>(a->value_start.line)});
    }
  }
  void AddAnchor(const GumboAttribute* a) {
    if (a != nullptr && a->value[0] != '\0') out_.anchors.emplace_back(a->value);
  }

  bool collect_anchors_;
  PageLinks out_;
};

}  // namespace

PageLinks ExtractLinks(std::string_view html, bool collect_anchors) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are not our report; keep no list of them
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  Extractor extractor(collect_anchors);
  std::vector<const GumboNode*> stack = {output->root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    const GumboElement& e = node->v.element;
    extractor.Element(e);
    // Children pushed in reverse so that links come out in document order.
    for (unsigned i = e.children.length; i > 0; --i) {
      stack.push_back(static_cast<const GumboNode*>(e.children.data[i - 1]));
    }
  }
  gumbo_destroy_output(&options, output);
  return extractor.Finish();
}

std::vector<std::string> ParseSrcset(std::string_view s) {
  std::vector<std::string> urls;
  std::size_t i = 0;
  while (i < s.size()) {
    // Skip whitespace and commas before a candidate.
    while (i < s.size() && (IsSpace(s[i]) || s[i] == ',')) ++i;
    if (i >= s.size()) break;
    std::size_t b = i;
    while (i < s.size() && !IsSpace(s[i])) ++i;
    std::string_view url = s.substr(b, i - b);
    bool ended_by_comma = false;
    if (!url.empty() && url.back() == ',') {
      while (!url.empty() && url.back() == ',') url.remove_suffix(1);
      ended_by_comma = true;  // no descriptors follow
    }
    if (!url.empty()) urls.emplace_back(url);
    if (ended_by_comma) continue;
    // Descriptors run to the next comma outside parentheses.
    int depth = 0;
    while (i < s.size()) {
      char c = s[i++];
      if (c == '(') ++depth;
      else if (c == ')' && depth > 0) --depth;
      else if (c == ',' && depth == 0) break;
    }
  }
  return urls;
}

std::optional<std::string> MetaRefreshUrl(std::string_view c) {
  std::size_t i = 0;
  while (i < c.size() && IsSpace(c[i])) ++i;
  while (i < c.size() && ((c[i] >= '0' && c[i] <= '9') || c[i] == '.')) ++i;  // the delay
  while (i < c.size() && IsSpace(c[i])) ++i;
  if (i < c.size() && (c[i] == ';' || c[i] == ',')) ++i;
  while (i < c.size() && IsSpace(c[i])) ++i;
  std::string_view rest = c.substr(i);
  if (rest.size() >= 3 && EqualsIgnoreCase(rest.substr(0, 3), "url")) {
    std::size_t j = 3;
    while (j < rest.size() && IsSpace(rest[j])) ++j;
    if (j < rest.size() && rest[j] == '=') {
      ++j;
      while (j < rest.size() && IsSpace(rest[j])) ++j;
      rest = rest.substr(j);
    }
  }
  if (!rest.empty() && (rest[0] == '\'' || rest[0] == '"')) {
    char quote = rest[0];
    rest.remove_prefix(1);
    std::size_t end = rest.find(quote);
    if (end != std::string_view::npos) rest = rest.substr(0, end);
  }
  while (!rest.empty() && IsSpace(rest.back())) rest.remove_suffix(1);
  if (rest.empty()) return std::nullopt;
  return std::string(rest);
}

}  // namespace sluice::crawl

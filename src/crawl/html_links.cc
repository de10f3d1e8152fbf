// Link extraction with gumbo; see html_links.h.
#include "crawl/html_links.h"

#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
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

const GumboAttribute* Attr(const GumboElement& e, const char* name) { return gumbo_get_attribute(&e.attributes, name); }

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
      case GUMBO_TAG_EMBED: Add(Attr(e, "src")); break;
      case GUMBO_TAG_VIDEO:
        Add(Attr(e, "src"));
        Add(Attr(e, "poster"));
        break;
      case GUMBO_TAG_OBJECT: Add(Attr(e, "data")); break;
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
      default: break;
    }
    if (collect_anchors_) AddAnchor(Attr(e, "id"));
  }

  void AddAnchors(const std::vector<std::string>& ids) {
    out_.anchors.insert(out_.anchors.end(), ids.begin(), ids.end());
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

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == ':';
}

std::string LowerName(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

bool OneOf(const std::string& name, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    if (name == n) return true;
  }
  return false;
}

// The value of attribute `attr` in the text of one start tag, if any.
std::optional<std::string> TagAttribute(std::string_view tag, std::string_view attr) {
  std::size_t i = 1;
  while (i < tag.size() && IsNameChar(tag[i])) ++i;  // the tag name
  while (i < tag.size()) {
    while (i < tag.size() && (IsSpace(tag[i]) || tag[i] == '/')) ++i;
    std::size_t b = i;
    while (i < tag.size() && !IsSpace(tag[i]) && tag[i] != '=' && tag[i] != '>' && tag[i] != '/') ++i;
    std::string name = LowerName(tag.substr(b, i - b));
    while (i < tag.size() && IsSpace(tag[i])) ++i;
    std::string value;
    if (i < tag.size() && tag[i] == '=') {
      ++i;
      while (i < tag.size() && IsSpace(tag[i])) ++i;
      if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
        char q = tag[i++];
        std::size_t e = tag.find(q, i);
        if (e == std::string_view::npos) e = tag.size();
        value = std::string(tag.substr(i, e - i));
        i = e + 1;
      } else {
        std::size_t e = i;
        while (e < tag.size() && !IsSpace(tag[e]) && tag[e] != '>') ++e;
        value = std::string(tag.substr(i, e - i));
        i = e;
      }
    }
    if (name.empty()) {
      if (i < tag.size()) ++i;
      continue;
    }
    if (name == attr) return value;
  }
  return std::nullopt;
}

// Gumbo's tree builder is quadratic in the nesting depth (each block start
// tag scans the stack of open elements), so a few MB of "<div><div>..."
// would take hours. Before parsing, start tags nested deeper than
// kMaxNesting (by a rough count that ignores elements HTML closes by
// itself) are blanked out — replaced by spaces, keeping newlines so line
// numbers stay right — unless they carry links. Their ids are kept aside
// for anchor checks. Browsers cap depth similarly (Blink at 512). Pages
// real people write never come near the limit and pass unchanged.
constexpr int kMaxNesting = 256;

std::string FlattenDeepNesting(std::string_view html, std::vector<std::string>* dropped_ids, bool* changed) {
  std::string out(html);
  int depth = 0;
  std::map<std::string, int> blanked;  // start tags blanked, by name: their end tags go too
  auto blank = [&](std::size_t b, std::size_t e) {
    for (std::size_t k = b; k < e; ++k) {
      if (out[k] != '\n') out[k] = ' ';
    }
    *changed = true;
  };
  std::size_t i = 0;
  const std::size_t n = html.size();
  while (i < n) {
    std::size_t lt = html.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= n) break;
    char c = html[lt + 1];
    if (html.substr(lt, 4) == "<!--") {
      std::size_t e = html.find("-->", lt + 4);
      i = e == std::string_view::npos ? n : e + 3;
      continue;
    }
    if (c == '!' || c == '?') {
      std::size_t e = html.find('>', lt);
      i = e == std::string_view::npos ? n : e + 1;
      continue;
    }
    bool end_tag = c == '/';
    std::size_t name_b = lt + (end_tag ? 2 : 1);
    std::size_t name_e = name_b;
    while (name_e < n && IsNameChar(html[name_e])) ++name_e;
    if (name_e == name_b || !((html[name_b] | 0x20) >= 'a' && (html[name_b] | 0x20) <= 'z')) {
      i = lt + 1;
      continue;
    }
    std::string name = LowerName(html.substr(name_b, name_e - name_b));
    // The end of the tag, skipping quoted attribute values.
    std::size_t e = name_e;
    char quote = 0;
    while (e < n && (quote != 0 || html[e] != '>')) {
      if (quote != 0) {
        if (html[e] == quote) quote = 0;
      } else if (html[e] == '"' || html[e] == '\'') {
        quote = html[e];
      }
      ++e;
    }
    std::size_t tag_end = e < n ? e + 1 : n;
    if (end_tag) {
      auto it = blanked.find(name);
      if (it != blanked.end() && it->second > 0) {
        --it->second;
        blank(lt, tag_end);
      } else if (depth > 0) {
        --depth;
      }
      i = tag_end;
      continue;
    }
    bool self_closing = tag_end >= 2 && html[tag_end - 2] == '/';
    bool is_void = OneOf(name, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                                "source", "track", "wbr", "keygen", "frame"});
    bool auto_closed = OneOf(name, {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rp"});
    bool raw_text =
        OneOf(name, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"});
    bool carries_links = OneOf(name, {"a", "area", "link", "img", "source", "script", "iframe", "frame", "audio",
                                      "video", "track", "embed", "object", "base", "meta"});
    if (!is_void && !self_closing && !auto_closed && !raw_text) {
      bool nests = OneOf(name, {"audio", "video", "object"});  // link-bearing containers
      if (depth >= kMaxNesting && (!carries_links || nests)) {
        if (std::optional<std::string> id = TagAttribute(html.substr(lt, tag_end - lt), "id"); id && !id->empty()) {
          dropped_ids->push_back(*id);
        }
        ++blanked[name];
        if (nests) {
          // Keep its src as a void <img> ("video" -> "img  "): poster and
          // data of such deep elements are lost, their nesting is not kept.
          out.replace(name_b, 3, "img");
          for (std::size_t k = name_b + 3; k < name_e; ++k) out[k] = ' ';
          *changed = true;
        } else {
          blank(lt, tag_end);
        }
      } else {
        ++depth;
      }
    }
    i = tag_end;
    if (raw_text && !self_closing) {
      // Skip the raw text up to the matching end tag (case-insensitive).
      std::string close = "</" + name;
      std::size_t k = i;
      while (k < n) {
        std::size_t p = html.find("</", k);
        if (p == std::string_view::npos) {
          k = n;
          break;
        }
        if (LowerName(html.substr(p, close.size())) == close) {
          k = p;
          break;
        }
        k = p + 2;
      }
      i = k;
    }
  }
  return out;
}

}  // namespace

PageLinks ExtractLinks(std::string_view html_in, bool collect_anchors) {
  std::vector<std::string> dropped_ids;
  bool changed = false;
  std::string flattened = FlattenDeepNesting(html_in, &dropped_ids, &changed);
  std::string_view html = changed ? std::string_view(flattened) : html_in;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are not our report; keep no list of them
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  Extractor extractor(collect_anchors);
  if (collect_anchors) extractor.AddAnchors(dropped_ids);
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
      if (c == '(')
        ++depth;
      else if (c == ')' && depth > 0)
        --depth;
      else if (c == ',' && depth == 0)
        break;
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

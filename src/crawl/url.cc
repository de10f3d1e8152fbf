// RFC 3986 resolution and normalisation; see url.h.
#include "crawl/url.h"

#include <cstdio>
#include <string>

namespace sluice::crawl {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  return (c | 0x20) - 'a' + 10;
}
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLower(c);
  return out;
}
bool IsUnreserved(char c) { return IsAlpha(c) || IsDigit(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

// Bytes that may not appear raw in a path, query or fragment and that
// browsers percent-encode: controls, space, non-ASCII, and "<>\"^`{|}\\".
bool MustEncode(unsigned char c) {
  if (c <= 0x20 || c >= 0x7f) return true;
  switch (c) {
    case '"':
    case '<':
    case '>':
    case '\\':
    case '^':
    case '`':
    case '{':
    case '|':
    case '}': return true;
    default: return false;
  }
}

void AppendEncoded(std::string& out, unsigned char c) {
  static const char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 15];
}

bool ValidScheme(std::string_view s) {
  if (s.empty() || !IsAlpha(s[0])) return false;
  for (char c : s) {
    if (!IsAlpha(c) && !IsDigit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

// RFC 3986 5.2.3: merge a relative path with the base's.
std::string Merge(const UriRef& base, const std::string& ref_path) {
  if (base.has_authority && base.path.empty()) return "/" + ref_path;
  std::size_t slash = base.path.rfind('/');
  if (slash == std::string::npos) return ref_path;
  return base.path.substr(0, slash + 1) + ref_path;
}

}  // namespace

std::string UriRef::ToString() const {
  std::string out;
  if (has_scheme) out += scheme + ":";
  if (has_authority) out += "//" + authority;
  out += path;
  if (has_query) out += "?" + query;
  if (has_fragment) out += "#" + fragment;
  return out;
}

// ^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?
UriRef SplitUriRef(std::string_view s) {
  UriRef r;
  std::size_t i = 0;
  std::size_t colon = s.find_first_of(":/?#");
  if (colon != std::string_view::npos && colon > 0 && s[colon] == ':' && ValidScheme(s.substr(0, colon))) {
    r.has_scheme = true;
    r.scheme = std::string(s.substr(0, colon));
    i = colon + 1;
  }
  if (s.substr(i, 2) == "//") {
    r.has_authority = true;
    std::size_t end = s.find_first_of("/?#", i + 2);
    if (end == std::string_view::npos) end = s.size();
    r.authority = std::string(s.substr(i + 2, end - i - 2));
    i = end;
  }
  std::size_t end = s.find_first_of("?#", i);
  if (end == std::string_view::npos) end = s.size();
  r.path = std::string(s.substr(i, end - i));
  i = end;
  if (i < s.size() && s[i] == '?') {
    std::size_t hash = s.find('#', i);
    if (hash == std::string_view::npos) hash = s.size();
    r.has_query = true;
    r.query = std::string(s.substr(i + 1, hash - i - 1));
    i = hash;
  }
  if (i < s.size() && s[i] == '#') {
    r.has_fragment = true;
    r.fragment = std::string(s.substr(i + 1));
  }
  return r;
}

std::string RemoveDotSegments(std::string_view path) {
  std::string in(path);
  std::string out;
  std::size_t i = 0;  // the input buffer is in[i..]
  auto rest = [&] { return std::string_view(in).substr(i); };
  auto drop_last_segment = [&] {
    std::size_t slash = out.rfind('/');
    out.erase(slash == std::string::npos ? 0 : slash);
  };
  while (i < in.size()) {
    std::string_view r = rest();
    if (r.starts_with("../")) {
      i += 3;  // A
    } else if (r.starts_with("./")) {
      i += 2;  // A
    } else if (r.starts_with("/./")) {
      i += 2;  // B: "/./" -> "/"
    } else if (r == "/.") {
      i += 1;  // B: the input becomes "/"
      in[i] = '/';
    } else if (r.starts_with("/../")) {
      i += 3;  // C: "/../" -> "/"
      drop_last_segment();
    } else if (r == "/..") {
      i += 2;  // C: the input becomes "/"
      in[i] = '/';
      drop_last_segment();
    } else if (r == "." || r == "..") {
      i = in.size();  // D
    } else {
      // E: move the first segment (with its leading "/", if any) to the output.
      std::size_t end = in.find('/', i + (in[i] == '/' ? 1 : 0));
      if (end == std::string::npos) end = in.size();
      out.append(in, i, end - i);
      i = end;
    }
  }
  return out;
}

UriRef Resolve(const UriRef& base, const UriRef& ref_in, bool strict) {
  UriRef ref = ref_in;
  if (!strict && ref.has_scheme && !ref.has_authority && Lower(ref.scheme) == Lower(base.scheme)) {
    ref.has_scheme = false;
    ref.scheme.clear();
  }
  UriRef t;
  if (ref.has_scheme) {
    t = ref;
    t.path = RemoveDotSegments(ref.path);
  } else {
    if (ref.has_authority) {
      t.has_authority = true;
      t.authority = ref.authority;
      t.path = RemoveDotSegments(ref.path);
      t.has_query = ref.has_query;
      t.query = ref.query;
    } else {
      if (ref.path.empty()) {
        t.path = base.path;
        if (ref.has_query) {
          t.has_query = true;
          t.query = ref.query;
        } else {
          t.has_query = base.has_query;
          t.query = base.query;
        }
      } else {
        if (ref.path[0] == '/') {
          t.path = RemoveDotSegments(ref.path);
        } else {
          t.path = RemoveDotSegments(Merge(base, ref.path));
        }
        t.has_query = ref.has_query;
        t.query = ref.query;
      }
      t.has_authority = base.has_authority;
      t.authority = base.authority;
    }
    t.has_scheme = base.has_scheme;
    t.scheme = base.scheme;
  }
  t.has_fragment = ref.has_fragment;
  t.fragment = ref.fragment;
  return t;
}

std::string NormalizePercentEncoding(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '%') {
      if (i + 2 < s.size() && IsHex(s[i + 1]) && IsHex(s[i + 2])) {
        char decoded = static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
        if (IsUnreserved(decoded)) {
          out += decoded;
        } else {
          AppendEncoded(out, static_cast<unsigned char>(decoded));
        }
        i += 2;
      } else {
        out += "%25";  // a stray "%": it can only mean itself
      }
    } else if (MustEncode(c)) {
      AppendEncoded(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string Url::Origin() const {
  std::string out = scheme + "://" + host;
  if (port >= 0) {
    out += ':';
    out += std::to_string(port);
  }
  return out;
}

std::string Url::WithoutFragment() const {
  std::string out = scheme + "://";
  if (!userinfo.empty()) out += userinfo + "@";
  out += host;
  if (port >= 0) {
    out += ':';
    out += std::to_string(port);
  }
  out += path;
  if (has_query) out += "?" + query;
  return out;
}

std::string Url::ToString() const {
  std::string out = WithoutFragment();
  if (has_fragment) out += "#" + fragment;
  return out;
}

Result<Url> ParseHttpUrl(std::string_view text) {
  UriRef r = SplitUriRef(text);
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument("malformed URL '" + std::string(text) + "': " + std::string(why));
  };
  if (!r.has_scheme) return bad("no scheme (expected http:// or https://)");
  Url u;
  u.scheme = Lower(r.scheme);
  if (u.scheme != "http" && u.scheme != "https") return bad("scheme '" + u.scheme + "' is not http or https");
  if (!r.has_authority) return bad("no '//' and host after the scheme");
  std::string_view auth = r.authority;
  std::size_t at = auth.rfind('@');
  if (at != std::string_view::npos) {
    u.userinfo = NormalizePercentEncoding(auth.substr(0, at));
    auth = auth.substr(at + 1);
  }
  std::string_view host = auth;
  std::string_view port;
  if (!auth.empty() && auth[0] == '[') {
    std::size_t close = auth.find(']');
    if (close == std::string_view::npos) return bad("unterminated IPv6 literal");
    host = auth.substr(0, close + 1);
    std::string_view after = auth.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return bad("junk after the IPv6 literal");
      port = after.substr(1);
    }
    for (char c : host.substr(1, host.size() - 2)) {
      if (!IsHex(c) && c != ':' && c != '.') return bad("invalid character in IPv6 literal");
    }
  } else {
    std::size_t colon = auth.rfind(':');
    if (colon != std::string_view::npos) {
      host = auth.substr(0, colon);
      port = auth.substr(colon + 1);
    }
    for (char c : host) {
      unsigned char uc = static_cast<unsigned char>(c);
      bool ok = IsUnreserved(c) || uc >= 0x80 || c == '%' || c == '!' || c == '$' || c == '&' || c == '\'' ||
                c == '(' || c == ')' || c == '*' || c == '+' || c == ',' || c == ';' || c == '=';
      if (!ok) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02X", uc);
        return bad(std::string("invalid character ") + (uc > 0x20 && uc < 0x7f ? std::string("'") + c + "'" : buf) +
                   " in host");
      }
    }
  }
  if (host.empty()) return bad("empty host");
  u.host = Lower(host);
  if (u.host.back() == '.' && u.host.size() > 1) u.host.pop_back();  // "example.org." is example.org
  if (!port.empty()) {
    if (port.size() > 5) return bad("port out of range");
    long value = 0;
    for (char c : port) {
      if (!IsDigit(c)) return bad("port '" + std::string(port) + "' is not a number");
      value = value * 10 + (c - '0');
    }
    if (value > 65535) return bad("port out of range");
    if (value == 0) return bad("port 0");
    int def = u.scheme == "https" ? 443 : 80;
    u.port = value == def ? -1 : static_cast<int>(value);
  }
  // Normalise the encoding first so that "%2E%2E" segments are removed too.
  u.path = RemoveDotSegments(NormalizePercentEncoding(r.path));
  if (u.path.empty()) u.path = "/";
  if (u.path[0] != '/') u.path = "/" + u.path;
  u.has_query = r.has_query;
  u.query = NormalizePercentEncoding(r.query);
  u.has_fragment = r.has_fragment;
  u.fragment = NormalizePercentEncoding(r.fragment);
  return u;
}

LinkScheme ClassifyHref(std::string_view href_in) {
  std::string href = CleanHref(href_in);
  UriRef r = SplitUriRef(href);
  if (!r.has_scheme) return LinkScheme::kHttp;
  std::string scheme = Lower(r.scheme);
  if (scheme == "http" || scheme == "https") return LinkScheme::kHttp;
  if (scheme == "mailto" || scheme == "tel" || scheme == "javascript" || scheme == "data") return LinkScheme::kIgnored;
  return LinkScheme::kUnsupported;
}

std::string CleanHref(std::string_view href) {
  std::size_t b = 0, e = href.size();
  while (b < e && static_cast<unsigned char>(href[b]) <= 0x20) ++b;
  while (e > b && static_cast<unsigned char>(href[e - 1]) <= 0x20) --e;
  std::string out;
  out.reserve(e - b);
  for (std::size_t i = b; i < e; ++i) {
    if (href[i] != '\t' && href[i] != '\n' && href[i] != '\r') out += href[i];
  }
  return out;
}

Result<Url> ResolveHttpUrl(const Url& base, std::string_view href) {
  UriRef base_ref = SplitUriRef(base.ToString());
  UriRef target = Resolve(base_ref, SplitUriRef(CleanHref(href)), /*strict=*/false);
  return ParseHttpUrl(target.ToString());
}

}  // namespace sluice::crawl

// URLs for the crawler: RFC 3986 reference resolution (section 5.2) and the
// normalisation (section 6.2.2) that decides when two links name the same
// resource.
//
// Two layers:
//   UriRef + SplitUriRef/Resolve/RemoveDotSegments  the generic algorithms of
//       RFC 3986, for any scheme, exactly as specified (tested against the
//       examples of section 5.4). They never fail: Appendix B splits any
//       string.
//   Url + ParseHttpUrl/ResolveHttpUrl  what the crawler fetches: an absolute
//       http or https URL, normalised (lower-case scheme and host, no default
//       port, "/" for an empty path, dot segments removed, percent-encoding
//       normalised: hex digits upper-case, unreserved characters decoded,
//       bytes that may not appear raw — space, controls, non-ASCII, "<>\"^`{|}"
//       and a stray "%" — encoded). Malformed input is an InvalidArgument
//       that says what is wrong.
//
// Thread safety: pure functions on values.
#ifndef SLUICE_CRAWL_URL_H_
#define SLUICE_CRAWL_URL_H_

#include <string>
#include <string_view>

#include "sluice/result.h"

namespace sluice::crawl {

// The five components of a URI reference (RFC 3986 section 3), verbatim.
// An absent component differs from an empty one ("?" vs no query).
struct UriRef {
  bool has_scheme = false;
  std::string scheme;
  bool has_authority = false;
  std::string authority;
  std::string path;
  bool has_query = false;
  std::string query;
  bool has_fragment = false;
  std::string fragment;

  // Recomposition, RFC 3986 section 5.3.
  std::string ToString() const;
};

// Splits with the regular expression of RFC 3986 Appendix B. A "scheme" that
// is not ALPHA *(ALPHA / DIGIT / "+" / "-" / ".") is taken as part of a
// relative path, as browsers do.
UriRef SplitUriRef(std::string_view ref);

// RFC 3986 section 5.2.4.
std::string RemoveDotSegments(std::string_view path);

// RFC 3986 section 5.2.2: the target of `ref` against the absolute `base`.
// strict == false applies the backward-compatible rule the RFC allows (and
// browsers follow): a reference whose scheme equals the base's and that has
// no authority ("http:g") is resolved as if it had no scheme.
UriRef Resolve(const UriRef& base, const UriRef& ref, bool strict = true);

// An absolute, normalised http(s) URL.
struct Url {
  std::string scheme;  // "http" or "https"
  std::string userinfo;
  std::string host;  // lower case; an IPv6 literal keeps its brackets
  int port = -1;     // -1: the scheme's default port
  std::string path;  // never empty, starts with "/"
  bool has_query = false;
  std::string query;
  bool has_fragment = false;
  std::string fragment;

  // "scheme://host[:port]": what same-origin and per-host limits compare.
  std::string Origin() const;
  // The URL without its fragment: what is fetched and reported.
  std::string WithoutFragment() const;
  std::string ToString() const;
};

// Parses and normalises an absolute http(s) URL.
// InvalidArgument when it is relative, has another scheme, no host, a bad
// port or a character a host may not hold.
Result<Url> ParseHttpUrl(std::string_view text);

// How a link's scheme is treated.
enum class LinkScheme {
  kHttp,         // http or https (or relative): checked
  kIgnored,      // mailto:, tel:, javascript:, data: — never reported
  kUnsupported,  // ftp:, file:, ... — cannot be checked over HTTP
};

// The scheme class of an href as written (after trimming).
LinkScheme ClassifyHref(std::string_view href);

// Removes what browsers remove from an href before parsing it: leading and
// trailing C0 controls and spaces, and every tab, CR and LF inside.
std::string CleanHref(std::string_view href);

// Resolves the href as written against `base` and normalises the result.
// REQUIRES: ClassifyHref(href) == LinkScheme::kHttp.
Result<Url> ResolveHttpUrl(const Url& base, std::string_view href);

// Percent-encoding normalisation of one component (exposed for tests):
// upper-case hex, decode unreserved, encode what may not appear raw.
std::string NormalizePercentEncoding(std::string_view component);

}  // namespace sluice::crawl

#endif  // SLUICE_CRAWL_URL_H_

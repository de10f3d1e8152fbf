// Link extraction from one HTML page, with a real HTML5 parser (gumbo).
//
// What counts as a link (our list: the elements that link to or embed a
// resource, media elements included):
//   a/area href, link href (except rel=dns-prefetch/preconnect, which name
//   origins, not resources), img src + srcset, source src + srcset,
//   script src, iframe/frame src, audio/video/track/embed src, video poster,
//   object data, and <meta http-equiv=refresh content="N; url=...">.
// Links inside comments are never seen (the parser makes them comment
// nodes); links with any scheme are returned — ClassifyHref (url.h) decides
// which are checked. The first <base href> is returned apart: every link of
// the page resolves against it, wherever it stands in the document.
//
// Bad input: any byte sequence is accepted. Invalid UTF-8 becomes U+FFFD
// (the parser's replacement), so every returned string is valid UTF-8. The
// tree is walked with an explicit stack, so deep nesting costs no C stack.
//
// Thread safety: a pure function; callers parse different pages in parallel.
#ifndef SLUICE_CRAWL_HTML_LINKS_H_
#define SLUICE_CRAWL_HTML_LINKS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::crawl {

struct ExtractedLink {
  std::string href;  // as written, character references decoded
  int line = 0;      // 1-based line of the attribute's value in the page
};

struct PageLinks {
  std::vector<ExtractedLink> links;  // in document order
  std::optional<std::string> base_href;
  // Fragment targets: every id, and the name of every <a>; sorted, unique.
  // Only filled when asked for (ExtractLinks' collect_anchors).
  std::vector<std::string> anchors;
};

PageLinks ExtractLinks(std::string_view html, bool collect_anchors);

// The URLs of a srcset attribute (HTML's "parse a srcset attribute":
// candidates separated by commas, each a URL and optional descriptors).
std::vector<std::string> ParseSrcset(std::string_view srcset);

// The URL of a meta refresh's content ("5; url=next.html", "0;URL='x'"),
// or nullopt when it only reloads the page.
std::optional<std::string> MetaRefreshUrl(std::string_view content);

}  // namespace sluice::crawl

#endif  // SLUICE_CRAWL_HTML_LINKS_H_

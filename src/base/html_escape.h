// HtmlEscape: text made safe to place in HTML element content or in a
// quoted attribute value (& < > " ' become entities), for the pages sluice
// writes (the crawler's report and folder listings, the particle player).
#ifndef SLUICE_BASE_HTML_ESCAPE_H_
#define SLUICE_BASE_HTML_ESCAPE_H_

#include <string>
#include <string_view>

namespace sluice {

inline std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace sluice

#endif  // SLUICE_BASE_HTML_ESCAPE_H_

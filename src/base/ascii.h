// ASCII case folding for names and keywords. SQL identifiers, keywords,
// collation names and CSV header names compare case-insensitively in ASCII
// only (as SQLite does without ICU), independent of the C locale.
#ifndef SLUICE_BASE_ASCII_H_
#define SLUICE_BASE_ASCII_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace sluice {

constexpr char ToLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// `s` with ASCII A-Z folded to a-z (other bytes as they are).
inline std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLowerAscii(c);
  return out;
}

constexpr bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ToLowerAscii(a[i]) != ToLowerAscii(b[i])) return false;
  }
  return true;
}

}  // namespace sluice

#endif  // SLUICE_BASE_ASCII_H_

// UTF-8 stepping as SQLite does it (no validation): the character model of
// length(), substr(), instr(), trim(), unicode(), char() and LIKE/GLOB.
//
// SQLite counts a character as a lead byte plus the continuation bytes
// (10xxxxxx) that follow a lead byte >= 0xC0; a stray continuation byte is a
// character of its own. Decoding maps overlong forms, surrogates and
// U+FFFE/U+FFFF to U+FFFD, as sqlite3Utf8Read().
#ifndef SLUICE_SQL_VALUE_UTF8_H_
#define SLUICE_SQL_VALUE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sluice::sql {

// Index just past the character starting at s[i]. REQUIRES: i < s.size().
inline size_t Utf8Next(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i++]);
  if (c >= 0xC0) {
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

// Decodes the character at s[*i] and advances *i. REQUIRES: *i < s.size().
uint32_t Utf8Read(std::string_view s, size_t* i);

// Number of characters as length() counts them (over all of s; callers that
// mimic SQLite's NUL-terminated view cut s first, see CutAtNul).
size_t Utf8Length(std::string_view s);

// Appends code point c encoded as char() does (surrogates are encoded as is).
void AppendUtf8(uint32_t c, std::string* out);

// The prefix before the first NUL byte: what SQLite's C-string based
// functions (length, substr on text, LIKE, quote, ...) see.
inline std::string_view CutAtNul(std::string_view s) {
  size_t n = s.find('\0');
  return n == std::string_view::npos ? s : s.substr(0, n);
}

}  // namespace sluice::sql

#endif  // SLUICE_SQL_VALUE_UTF8_H_

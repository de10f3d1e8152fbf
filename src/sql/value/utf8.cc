// UTF-8 stepping as SQLite does it (see utf8.h).
#include "sql/value/utf8.h"

namespace sluice::sql {
namespace {

// Payload bits of a lead byte >= 0xC0, indexed by (byte - 0xC0): the same
// table SQLite uses (sqlite3Utf8Trans1), derived here from the byte itself.
uint32_t LeadPayload(unsigned char c) {
  if (c < 0xE0) return c & 0x1F;
  if (c < 0xF0) return c & 0x0F;
  if (c < 0xF8) return c & 0x07;
  if (c < 0xFC) return c & 0x03;  // SQLite's table treats 5- and 6-byte leads so
  if (c < 0xFE) return c & 0x01;
  return 0;
}

}  // namespace

uint32_t Utf8Read(std::string_view s, size_t* i) {
  uint32_t c = static_cast<unsigned char>(s[(*i)++]);
  if (c >= 0xC0) {
    c = LeadPayload(static_cast<unsigned char>(c));
    while (*i < s.size() && (static_cast<unsigned char>(s[*i]) & 0xC0) == 0x80) {
      c = (c << 6) + (0x3F & static_cast<unsigned char>(s[(*i)++]));
    }
    if (c < 0x80 || (c & 0xFFFFF800) == 0xD800 || (c & 0xFFFFFFFE) == 0xFFFE) c = 0xFFFD;
  }
  return c;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); i = Utf8Next(s, i)) ++n;
  return n;
}

void AppendUtf8(uint32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 + ((c >> 6) & 0x1F)));
    out->push_back(static_cast<char>(0x80 + (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 + ((c >> 12) & 0x0F)));
    out->push_back(static_cast<char>(0x80 + ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 + (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 + ((c >> 18) & 0x07)));
    out->push_back(static_cast<char>(0x80 + ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 + ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 + (c & 0x3F)));
  }
}

}  // namespace sluice::sql

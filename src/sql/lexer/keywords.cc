// Keyword lookup: the upper-cased (at most 17-byte) candidate word is looked
// up in an open-addressing table built at compile time from the sorted
// spellings, hashed like SQLite's keywordhash.h on the first and last
// characters and the length — every identifier the lexer scans comes here,
// so a lookup is a hash and usually one comparison, not a binary search.
#include "sql/lexer/keywords.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace sluice::sql {
namespace {

struct KeywordInfo {
  std::string_view spelling;
  TokenKind kind;
  bool fallback;
};

#define SLUICE_SQL_KEYWORD_INFO_(name, spelling, fallback) KeywordInfo{spelling, TokenKind::k##name, fallback},
constexpr std::array kKeywords = {SLUICE_SQL_KEYWORDS(SLUICE_SQL_KEYWORD_INFO_)};
#undef SLUICE_SQL_KEYWORD_INFO_

constexpr size_t kMaxKeywordLength = 17;  // CURRENT_TIMESTAMP

constexpr bool SortedAndDense() {
  for (size_t i = 0; i < kKeywords.size(); ++i) {
    if (static_cast<size_t>(kKeywords[i].kind) != static_cast<size_t>(kFirstKeyword) + i) return false;
    if (kKeywords[i].spelling.size() > kMaxKeywordLength) return false;
    if (i > 0 && !(kKeywords[i - 1].spelling < kKeywords[i].spelling)) return false;
  }
  return true;
}
static_assert(SortedAndDense(), "SLUICE_SQL_KEYWORDS must be sorted by spelling");

constexpr size_t kHashSlots = 512;  // a power of two, over twice the keyword count
static_assert(kKeywords.size() * 2 < kHashSlots);

constexpr size_t KeywordHash(char first, char last, size_t length) {
  return (static_cast<size_t>(static_cast<unsigned char>(first)) * 4 ^
          static_cast<size_t>(static_cast<unsigned char>(last)) * 3 ^ length * 67) &
         (kHashSlots - 1);
}

// Slot -> 1 + index into kKeywords; 0 = empty. Linear probing.
constexpr std::array<uint16_t, kHashSlots> BuildHashTable() {
  std::array<uint16_t, kHashSlots> table{};
  for (size_t i = 0; i < kKeywords.size(); ++i) {
    std::string_view w = kKeywords[i].spelling;
    size_t slot = KeywordHash(w.front(), w.back(), w.size());
    while (table[slot] != 0) slot = (slot + 1) & (kHashSlots - 1);
    table[slot] = static_cast<uint16_t>(i + 1);
  }
  return table;
}
constexpr std::array<uint16_t, kHashSlots> kHashTable = BuildHashTable();

}  // namespace

std::optional<TokenKind> LookupKeyword(std::string_view word) {
  if (word.size() < 2 || word.size() > kMaxKeywordLength) return std::nullopt;
  char upper[kMaxKeywordLength];
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    upper[i] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  std::string_view key(upper, word.size());
  for (size_t slot = KeywordHash(key.front(), key.back(), key.size()); kHashTable[slot] != 0;
       slot = (slot + 1) & (kHashSlots - 1)) {
    const KeywordInfo& info = kKeywords[kHashTable[slot] - 1];
    if (info.spelling == key) return info.kind;
  }
  return std::nullopt;
}

bool IsFallbackKeyword(TokenKind kind) {
  if (!IsKeyword(kind)) return false;
  return kKeywords[static_cast<size_t>(kind) - static_cast<size_t>(kFirstKeyword)].fallback;
}

std::string_view KeywordSpelling(TokenKind kind) {
  return kKeywords[static_cast<size_t>(kind) - static_cast<size_t>(kFirstKeyword)].spelling;
}

int KeywordCount() { return static_cast<int>(kKeywords.size()); }

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEof: return "end of input";
    case TokenKind::kWhitespace: return "whitespace";
    case TokenKind::kComment: return "comment";
    case TokenKind::kIllegal: return "illegal token";
    case TokenKind::kIdentifier: return "identifier";
    case TokenKind::kString: return "string";
    case TokenKind::kInteger: return "integer";
    case TokenKind::kFloat: return "float";
    case TokenKind::kBlob: return "blob";
    case TokenKind::kParameter: return "parameter";
    case TokenKind::kSemicolon: return "';'";
    case TokenKind::kLeftParen: return "'('";
    case TokenKind::kRightParen: return "')'";
    case TokenKind::kComma: return "','";
    case TokenKind::kDot: return "'.'";
    case TokenKind::kConcat: return "'||'";
    case TokenKind::kStar: return "'*'";
    case TokenKind::kSlash: return "'/'";
    case TokenKind::kPercent: return "'%'";
    case TokenKind::kPlus: return "'+'";
    case TokenKind::kMinus: return "'-'";
    case TokenKind::kShiftLeft: return "'<<'";
    case TokenKind::kShiftRight: return "'>>'";
    case TokenKind::kBitAnd: return "'&'";
    case TokenKind::kBitOr: return "'|'";
    case TokenKind::kBitNot: return "'~'";
    case TokenKind::kLess: return "'<'";
    case TokenKind::kLessEqual: return "'<='";
    case TokenKind::kGreater: return "'>'";
    case TokenKind::kGreaterEqual: return "'>='";
    case TokenKind::kEqual: return "'='";
    case TokenKind::kNotEqual: return "'!='";
    case TokenKind::kArrow: return "'->'";
    case TokenKind::kDoubleArrow: return "'->>'";
    case TokenKind::kNumKinds: return "?";
    default: return KeywordSpelling(kind);
  }
}

}  // namespace sluice::sql

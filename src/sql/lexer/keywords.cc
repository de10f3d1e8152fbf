// Keyword lookup: a sorted table of upper-case spellings searched by binary
// search after upper-casing the (at most 17-byte) candidate word.
#include "sql/lexer/keywords.h"

#include <algorithm>
#include <array>
#include <cstddef>

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

}  // namespace

std::optional<TokenKind> LookupKeyword(std::string_view word) {
  if (word.size() < 2 || word.size() > kMaxKeywordLength) return std::nullopt;
  char upper[kMaxKeywordLength];
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    upper[i] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  std::string_view key(upper, word.size());
  auto it = std::lower_bound(kKeywords.begin(), kKeywords.end(), key,
                             [](const KeywordInfo& info, std::string_view k) { return info.spelling < k; });
  if (it == kKeywords.end() || it->spelling != key) return std::nullopt;
  return it->kind;
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

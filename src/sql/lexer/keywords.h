// Keyword table of the SQL dialect: case-insensitive lookup of a word and the
// per-keyword facts the parser needs (spelling, SQLite's identifier
// fallback). The list itself is SLUICE_SQL_KEYWORDS in token.h.
#ifndef SLUICE_SQL_LEXER_KEYWORDS_H_
#define SLUICE_SQL_LEXER_KEYWORDS_H_

#include <optional>
#include <string_view>

#include "sql/lexer/token.h"

namespace sluice::sql {

// The keyword spelled `word` (any letter case), or nullopt for a plain word.
std::optional<TokenKind> LookupKeyword(std::string_view word);

// True when `kind` is a keyword of SQLite's `%fallback ID` list: it may be
// used as an identifier where its keyword meaning does not fit.
bool IsFallbackKeyword(TokenKind kind);

// The upper-case spelling of a keyword ("SELECT").
// REQUIRES: IsKeyword(kind).
std::string_view KeywordSpelling(TokenKind kind);

// Number of keywords (SQLite 3.40 has 147; WINDOW, OVER and FILTER are left
// out here, see token.h).
int KeywordCount();

}  // namespace sluice::sql

#endif  // SLUICE_SQL_LEXER_KEYWORDS_H_

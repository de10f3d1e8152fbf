// LIKE and GLOB matching with SQLite's semantics, for the like()/glob()
// functions and the executor's LIKE/GLOB operators.
//
//   GLOB  case-sensitive; '*' any run, '?' one character, '[abc]' '[a-z]'
//         '[^...]' a set (']' first in the set is a member, '-' last is
//         literal, a reversed range matches nothing, an unterminated '['
//         never matches). No escape character.
//   LIKE  '%' any run, '_' one character; ASCII letters match either case
//         (other characters exactly: 'É' NOT LIKE 'é'); an optional ESCAPE
//         character makes the next pattern character literal (an escape at
//         the end of the pattern never matches).
// Characters are UTF-8 code points (utf8.h). Both operands are seen up to
// their first NUL byte, as SQLite sees them.
//
// The matcher is iterative (backtracking to the last '*'/'%' only), so its
// stack use does not depend on the pattern. Patterns longer than
// kMaxPatternLength bytes are an error, as in SQLite.
#ifndef SLUICE_SQL_FUNCTION_PATTERN_H_
#define SLUICE_SQL_FUNCTION_PATTERN_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "sluice/result.h"
#include "sql/value/value.h"

namespace sluice::sql {

inline constexpr size_t kMaxPatternLength = 50000;  // SQLITE_MAX_LIKE_PATTERN_LENGTH

// Raw matchers. escape: a code point, or nullopt for none.
// case_sensitive: PRAGMA case_sensitive_like (ASCII letters not folded).
bool LikeMatch(std::string_view pattern, std::string_view text, std::optional<uint32_t> escape = std::nullopt,
               bool case_sensitive = false);
bool GlobMatch(std::string_view pattern, std::string_view text);

// The SQL operators/functions: `text LIKE pattern [ESCAPE escape]` (the
// function form is like(pattern, text[, escape])). A BLOB operand never
// matches (0, even against NULL: the reference sqlite3 is built with
// SQLITE_LIKE_DOESNT_MATCH_BLOBS); else NULL if any operand is NULL; numbers
// are matched as their text. Errors: "ESCAPE expression must be
// a single character", "LIKE or GLOB pattern too complex".
Result<Value> EvaluateLike(const Value& text, const Value& pattern, const Value* escape = nullptr,
                           bool case_sensitive = false);
Result<Value> EvaluateGlob(const Value& text, const Value& pattern);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_FUNCTION_PATTERN_H_

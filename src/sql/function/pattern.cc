// LIKE / GLOB matching (see pattern.h).
//
// Algorithm: walk pattern and text together. Every pattern atom other than
// the "any run" wildcard matches exactly one text character, so on a
// mismatch it suffices to backtrack to the most recent wildcard and let it
// swallow one more character (the classic greedy wildcard match); earlier
// wildcards never need revisiting. O(|pattern| * |text|) worst case.
#include "sql/function/pattern.h"

#include "sql/value/conversion.h"
#include "sql/value/utf8.h"

namespace sluice::sql {
namespace {

struct Rules {
  uint32_t match_all;  // '*' or '%'
  uint32_t match_one;  // '?' or '_'
  bool sets;           // GLOB's [...]
  bool no_case;        // LIKE's ASCII case folding
  std::optional<uint32_t> escape;
};

inline uint32_t Lower(uint32_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

enum class AtomMatch { kYes, kNo, kBadPattern };

// Matches the single-character atom at pattern[*pi] (not the run wildcard)
// against code point c; advances *pi past the atom.
AtomMatch MatchAtom(std::string_view pattern, size_t* pi, uint32_t c, const Rules& rules) {
  uint32_t p = Utf8Read(pattern, pi);
  if (p == rules.match_one) return AtomMatch::kYes;
  if (rules.sets && p == '[') {
    // SQLite's set syntax: optional '^', a leading ']' is a member, 'x-y'
    // is a range unless '-' is last, a range's low end cannot be ']' that
    // began the set. Reading past the end (code point 0) leaves the set
    // unterminated, which never matches.
    auto next = [&]() -> uint32_t { return *pi < pattern.size() ? Utf8Read(pattern, pi) : 0; };
    bool invert = false, seen = false;
    uint32_t prior = 0;
    uint32_t q = next();
    if (q == '^') {
      invert = true;
      q = next();
    }
    if (q == ']') {
      if (c == ']') seen = true;
      q = next();
    }
    while (q != 0 && q != ']') {
      if (q == '-' && *pi < pattern.size() && pattern[*pi] != ']' && prior > 0) {
        q = next();
        if (c >= prior && c <= q) seen = true;
        prior = 0;
      } else {
        if (c == q) seen = true;
        prior = q;
      }
      q = next();
    }
    if (q == 0) return AtomMatch::kBadPattern;
    return seen != invert ? AtomMatch::kYes : AtomMatch::kNo;
  }
  if (rules.escape && p == *rules.escape) {
    if (*pi >= pattern.size()) return AtomMatch::kBadPattern;
    p = Utf8Read(pattern, pi);
  }
  if (p == c) return AtomMatch::kYes;
  if (rules.no_case && c < 0x80 && p < 0x80 && Lower(p) == Lower(c)) return AtomMatch::kYes;
  return AtomMatch::kNo;
}

bool Match(std::string_view pattern, std::string_view text, const Rules& rules) {
  pattern = CutAtNul(pattern);
  text = CutAtNul(text);
  size_t pi = 0, ti = 0;
  size_t star_pi = std::string_view::npos, star_ti = 0;
  while (true) {
    if (pi < pattern.size()) {
      size_t peek = pi;
      uint32_t p = Utf8Read(pattern, &peek);
      if (p == rules.match_all && !(rules.escape && p == *rules.escape)) {
        star_pi = peek;
        star_ti = ti;
        pi = peek;
        continue;
      }
      if (ti < text.size()) {
        size_t next_ti = ti;
        uint32_t c = Utf8Read(text, &next_ti);
        size_t next_pi = pi;
        AtomMatch m = MatchAtom(pattern, &next_pi, c, rules);
        if (m == AtomMatch::kBadPattern) return false;
        if (m == AtomMatch::kYes) {
          pi = next_pi;
          ti = next_ti;
          continue;
        }
      }
    } else if (ti == text.size()) {
      return true;
    }
    // Mismatch: let the last wildcard swallow one more character.
    if (star_pi == std::string_view::npos || star_ti >= text.size()) return false;
    star_ti = Utf8Next(text, star_ti);
    ti = star_ti;
    pi = star_pi;
  }
}

}  // namespace

bool LikeMatch(std::string_view pattern, std::string_view text, std::optional<uint32_t> escape, bool case_sensitive) {
  // As SQLite: an ESCAPE of '%' or '_' takes that character's wildcard role
  // away (0 never occurs in a NUL-cut pattern).
  Rules rules{'%', '_', false, !case_sensitive, escape};
  if (escape && *escape == '%') rules.match_all = 0;
  if (escape && *escape == '_') rules.match_one = 0;
  return Match(pattern, text, rules);
}

bool GlobMatch(std::string_view pattern, std::string_view text) {
  return Match(pattern, text, Rules{'*', '?', true, false, std::nullopt});
}

// Order of checks as SQLite's likeFunc() built with LIKE_DOESNT_MATCH_BLOBS
// (as the reference sqlite3 is): a BLOB operand gives 0 even against NULL;
// then the pattern length; then the escape; then NULLs.
Result<Value> EvaluateLike(const Value& text, const Value& pattern, const Value* escape, bool case_sensitive) {
  if (text.is_blob() || pattern.is_blob()) return Value::Integer(0);
  std::string p = TextForm(pattern);
  if (p.size() > kMaxPatternLength) return Status::InvalidArgument("LIKE or GLOB pattern too complex");
  std::optional<uint32_t> esc;
  if (escape != nullptr) {
    if (escape->is_null()) return Value();
    std::string e = TextForm(*escape);
    std::string_view ev = CutAtNul(e);
    size_t i = 0;
    if (ev.empty() || (esc = Utf8Read(ev, &i), i != ev.size())) {
      return Status::InvalidArgument("ESCAPE expression must be a single character");
    }
  }
  if (text.is_null() || pattern.is_null()) return Value();
  std::string t = TextForm(text);
  return Value::Integer(LikeMatch(p, t, esc, case_sensitive) ? 1 : 0);
}

Result<Value> EvaluateGlob(const Value& text, const Value& pattern) {
  if (text.is_blob() || pattern.is_blob()) return Value::Integer(0);
  std::string p = TextForm(pattern);
  if (p.size() > kMaxPatternLength) return Status::InvalidArgument("LIKE or GLOB pattern too complex");
  if (text.is_null() || pattern.is_null()) return Value();
  std::string t = TextForm(text);
  return Value::Integer(GlobMatch(p, t) ? 1 : 0);
}

}  // namespace sluice::sql

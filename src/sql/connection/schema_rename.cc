// Token-level renames of tables and columns in schema SQL (see
// schema_rename.h for the rules).
#include "sql/connection/schema_rename.h"

#include <vector>

#include "sql/catalog/catalog.h"
#include "sql/lexer/keywords.h"
#include "sql/lexer/lexer.h"

namespace sluice::sql {

namespace {

bool IsNameToken(const Token& t) { return t.kind == TokenKind::kIdentifier || IsFallbackKeyword(t.kind); }

bool Names(const Token& t, std::string_view name) {
  return (IsNameToken(t) || t.kind == TokenKind::kString) && NameEqualsNoCase(Dequote(t.text), name);
}

// The tokens of one statement with what a rename needs to know of each.
struct Scan {
  std::vector<Token> toks;
  std::vector<bool> table_pos;  // names a table (FROM t, JOIN t, ON t, ...)
  // The object kind token (TABLE, INDEX, VIEW, TRIGGER) and the ON of a
  // CREATE INDEX / CREATE TRIGGER header (npos when none).
  TokenKind object = TokenKind::kEof;
  size_t header_on = std::string::npos;

  TokenKind kind(size_t i) const { return i < toks.size() ? toks[i].kind : TokenKind::kEof; }
  // The index of the token before `i` that is not part of a `main.` or
  // `temp.` schema qualifier of token i; npos when none.
  size_t Prev(size_t i) const {
    if (i >= 3 && toks[i - 1].kind == TokenKind::kDot && (Names(toks[i - 2], "main") || Names(toks[i - 2], "temp"))) {
      return i - 3;
    }
    return i == 0 ? std::string::npos : i - 1;
  }
};

Result<Scan> ScanSql(std::string_view sql) {
  Scan s;
  SLUICE_ASSIGN_OR_RETURN(s.toks, Tokenize(sql));
  size_t k = 1;
  while (k < s.toks.size() && (s.toks[k].kind == TokenKind::kTemp || s.toks[k].kind == TokenKind::kTemporary ||
                               s.toks[k].kind == TokenKind::kUnique)) {
    ++k;
  }
  s.object = s.kind(k);
  s.table_pos.assign(s.toks.size(), false);
  std::vector<bool> in_from(1, false);
  size_t depth = 0;
  bool header = s.object == TokenKind::kIndex || s.object == TokenKind::kTrigger;
  for (size_t i = 0; i < s.toks.size(); ++i) {
    const Token& t = s.toks[i];
    if (IsNameToken(t) || t.kind == TokenKind::kString) {
      size_t p = s.Prev(i);
      switch (p == std::string::npos ? TokenKind::kEof : s.toks[p].kind) {
        case TokenKind::kFrom:
        case TokenKind::kJoin:
        case TokenKind::kInto:
        case TokenKind::kUpdate:
        case TokenKind::kTable:
        case TokenKind::kReferences: s.table_pos[i] = true; break;
        case TokenKind::kExists: s.table_pos[i] = p >= 1 && s.toks[p - 1].kind == TokenKind::kNot; break;
        case TokenKind::kOn: s.table_pos[i] = p == s.header_on; break;
        case TokenKind::kComma: s.table_pos[i] = in_from[depth]; break;
        default: break;
      }
      // `UPDATE OF`, `INSERT INTO t(...)` aside, a name after INTO/UPDATE
      // followed by `.` is a schema name, not the table.
      if (s.table_pos[i] && s.kind(i + 1) == TokenKind::kDot) s.table_pos[i] = false;
    }
    switch (t.kind) {
      case TokenKind::kLeftParen:
        ++depth;
        if (in_from.size() <= depth) in_from.resize(depth + 1);
        in_from[depth] = false;
        break;
      case TokenKind::kRightParen:
        in_from[depth] = false;
        if (depth > 0) --depth;
        break;
      case TokenKind::kOn:
        if (header && depth == 0 && s.header_on == std::string::npos) s.header_on = i;
        break;
      case TokenKind::kBegin: header = false; [[fallthrough]];
      case TokenKind::kFrom:
        if (t.kind == TokenKind::kFrom) {
          in_from[depth] = true;
          break;
        }
        [[fallthrough]];
      case TokenKind::kWhere:
      case TokenKind::kGroup:
      case TokenKind::kOrder:
      case TokenKind::kLimit:
      case TokenKind::kHaving:
      case TokenKind::kUnion:
      case TokenKind::kExcept:
      case TokenKind::kIntersect:
      case TokenKind::kSemicolon:
      case TokenKind::kSet:
      case TokenKind::kValues:
      case TokenKind::kSelect:
      case TokenKind::kEnd: in_from[depth] = false; break;
      default: break;
    }
  }
  return s;
}

// Replaces whole tokens of `sql`.
class Edits {
 public:
  void Replace(const Token& t, std::string text) { edits_.push_back({t.offset, t.text.size(), std::move(text)}); }
  std::string Apply(std::string_view sql) const {
    std::string out;
    size_t at = 0;
    for (const Edit& e : edits_) {  // in token order
      out.append(sql.substr(at, e.offset - at));
      out += e.text;
      at = e.offset + e.size;
    }
    out.append(sql.substr(at));
    return out;
  }

 private:
  struct Edit {
    size_t offset, size;
    std::string text;
  };
  std::vector<Edit> edits_;
};

// The index just past the parenthesised list that starts at `open`
// (a `(` token), or `open` when there is none.
size_t SkipParens(const Scan& s, size_t open) {
  if (s.kind(open) != TokenKind::kLeftParen) return open;
  int depth = 0;
  for (size_t i = open; i < s.toks.size(); ++i) {
    if (s.toks[i].kind == TokenKind::kLeftParen) ++depth;
    if (s.toks[i].kind == TokenKind::kRightParen && --depth == 0) return i + 1;
  }
  return s.toks.size();
}

}  // namespace

std::string QuotedName(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

Result<std::string> RenameTableInSql(std::string_view sql, std::string_view from, std::string_view to) {
  SLUICE_ASSIGN_OR_RETURN(Scan s, ScanSql(sql));
  Edits edits;
  for (size_t i = 0; i < s.toks.size(); ++i) {
    if (!Names(s.toks[i], from)) continue;
    bool qualifier =
        s.kind(i + 1) == TokenKind::kDot && (i == 0 || s.toks[i - 1].kind != TokenKind::kDot) && IsNameToken(s.toks[i]);
    // `main.t.c`: t is the qualifier (preceded by a schema dot).
    if (!qualifier && s.kind(i + 1) == TokenKind::kDot && i >= 2 && s.toks[i - 1].kind == TokenKind::kDot &&
        (Names(s.toks[i - 2], "main") || Names(s.toks[i - 2], "temp"))) {
      qualifier = true;
    }
    if (s.table_pos[i] || qualifier) edits.Replace(s.toks[i], QuotedName(to));
  }
  return edits.Apply(sql);
}

Result<std::string> RenameColumnInSql(std::string_view sql, std::string_view table, std::string_view from,
                                      std::string_view to, bool quote_new) {
  SLUICE_ASSIGN_OR_RETURN(Scan s, ScanSql(sql));
  const size_t n = s.toks.size();
  Edits edits;
  auto replace = [&](size_t i) {
    const Token& t = s.toks[i];
    bool quoted = quote_new || t.text.empty() || !IsIdentifierChar(t.text[0]);
    edits.Replace(t, quoted ? QuotedName(to) : std::string(to));
  };
  // The name lists that belong to another table: REFERENCES r(cols) and
  // INSERT INTO r(cols) (renamed only when r is the table), and the SET
  // targets of UPDATE r (likewise). owner[i]: 1 the table, 0 another.
  std::vector<int8_t> owner(n, -1);
  for (size_t i = 0; i + 1 < n; ++i) {
    if (!s.table_pos[i]) continue;
    size_t p = s.Prev(i);
    TokenKind before = p == std::string::npos ? TokenKind::kEof : s.toks[p].kind;
    int8_t mine = Names(s.toks[i], table) ? 1 : 0;
    if (before == TokenKind::kReferences || before == TokenKind::kInto) {
      size_t end = SkipParens(s, i + 1);
      for (size_t j = i + 2; j + 1 < end; ++j) owner[j] = mine;
    } else if (before == TokenKind::kUpdate) {
      size_t depth = 0;
      bool in_set = false;
      for (size_t j = i + 1; j < n; ++j) {
        TokenKind k = s.toks[j].kind;
        if (k == TokenKind::kLeftParen) ++depth;
        if (k == TokenKind::kRightParen) {
          if (depth == 0) break;
          --depth;
        }
        if (depth > 0) continue;
        if (k == TokenKind::kSet) in_set = true;
        if (k == TokenKind::kFrom || k == TokenKind::kWhere || k == TokenKind::kSemicolon || k == TokenKind::kEnd ||
            k == TokenKind::kReturning) {
          break;
        }
        if (in_set && IsNameToken(s.toks[j]) && s.kind(j + 1) == TokenKind::kEqual &&
            (s.toks[j - 1].kind == TokenKind::kSet || s.toks[j - 1].kind == TokenKind::kComma)) {
          owner[j] = mine;
        }
      }
    }
  }
  // Common skips: function names, collation and constraint names, aliases.
  auto plain_skip = [&](size_t i) {
    TokenKind before = i == 0 ? TokenKind::kEof : s.toks[i - 1].kind;
    return s.kind(i + 1) == TokenKind::kLeftParen || before == TokenKind::kCollate ||
           before == TokenKind::kConstraint || before == TokenKind::kAs || s.table_pos[i];
  };
  if (s.object == TokenKind::kTable) {
    // The table's own name: the first table position.
    size_t name = 0;
    while (name < n && !s.table_pos[name]) ++name;
    bool own = name < n && Names(s.toks[name], table);
    std::vector<bool> type_word(n, false);
    size_t depth = 0;
    for (size_t i = 0; i < n; ++i) {
      TokenKind k = s.toks[i].kind;
      if (k == TokenKind::kLeftParen) ++depth;
      if (k == TokenKind::kRightParen && depth > 0) --depth;
      if (owner[i] >= 0) {
        if (owner[i] == 1 && Names(s.toks[i], from) && IsNameToken(s.toks[i])) replace(i);
        continue;
      }
      if (!own || depth == 0 || !(IsNameToken(s.toks[i]) || k == TokenKind::kString)) continue;
      bool column_start = depth == 1 && i > 0 &&
                          (s.toks[i - 1].kind == TokenKind::kComma ||
                           (s.toks[i - 1].kind == TokenKind::kLeftParen && i - 1 == name + 1));
      if (column_start) {
        for (size_t j = i + 1; j < n && IsNameToken(s.toks[j]); ++j) type_word[j] = true;
        if (Names(s.toks[i], from)) replace(i);
        continue;
      }
      if (type_word[i] || !Names(s.toks[i], from) || k == TokenKind::kString || plain_skip(i)) continue;
      if (i >= 2 && s.toks[i - 1].kind == TokenKind::kDot && !Names(s.toks[i - 2], table)) continue;
      replace(i);
    }
    return edits.Apply(sql);
  }
  if (s.object == TokenKind::kIndex) {
    if (s.header_on == std::string::npos || s.header_on + 1 >= n || !Names(s.toks[s.header_on + 1], table)) {
      return std::string(sql);
    }
    for (size_t i = s.header_on + 2; i < n; ++i) {
      if (!IsNameToken(s.toks[i]) || !Names(s.toks[i], from) || plain_skip(i)) continue;
      if (s.toks[i - 1].kind == TokenKind::kDot && !Names(s.toks[i - 2], table)) continue;
      replace(i);
    }
    return edits.Apply(sql);
  }
  // Views, triggers and whatever else reads tables.
  bool on_table = s.header_on != std::string::npos && s.header_on + 1 < n && Names(s.toks[s.header_on + 1], table);
  bool reads = on_table;
  std::vector<std::string> qualifiers{std::string(table)};
  if (on_table) {
    qualifiers.push_back("new");
    qualifiers.push_back("old");
  }
  for (size_t i = 0; i < n; ++i) {
    if (!s.table_pos[i] || !Names(s.toks[i], table)) continue;
    reads = true;
    size_t j = i + 1;
    if (s.kind(j) == TokenKind::kAs) ++j;
    if (j < n && (s.toks[j].kind == TokenKind::kIdentifier || (j > i + 1 && IsNameToken(s.toks[j])))) {
      qualifiers.push_back(Dequote(s.toks[j].text));
    }
  }
  if (!reads) return std::string(sql);
  auto is_qualifier = [&](const Token& t) {
    for (const std::string& q : qualifiers) {
      if (Names(t, q)) return true;
    }
    return false;
  };
  for (size_t i = 0; i < n; ++i) {
    if (!IsNameToken(s.toks[i]) || !Names(s.toks[i], from)) continue;
    if (owner[i] >= 0) {
      if (owner[i] == 1) replace(i);
      continue;
    }
    if (i >= 2 && s.toks[i - 1].kind == TokenKind::kDot) {
      if (is_qualifier(s.toks[i - 2]) && s.kind(i + 1) != TokenKind::kDot) replace(i);
      continue;
    }
    TokenKind before = i == 0 ? TokenKind::kEof : s.toks[i - 1].kind;
    if (plain_skip(i) || s.kind(i + 1) == TokenKind::kDot || before == TokenKind::kView ||
        before == TokenKind::kTrigger || before == TokenKind::kExists) {
      continue;
    }
    replace(i);
  }
  return edits.Apply(sql);
}

}  // namespace sluice::sql

// Token: one lexical unit of SQLite's SQL dialect, as produced by the Lexer
// (lexer.h) and consumed by the parser.
//
// The token kinds follow SQLite's tokenizer (sqlite/src/tokenize.c) with one
// kind per keyword instead of SQLite's merged classes (LIKE_KW, JOIN_KW, ...);
// the parser groups them again where SQLite's grammar does. The keyword list
// is SQLite 3.40's, minus WINDOW, OVER and FILTER, which SQLite itself only
// treats as keywords in window-function positions (not supported here), so
// they lex as plain identifiers.
#ifndef SLUICE_SQL_LEXER_TOKEN_H_
#define SLUICE_SQL_LEXER_TOKEN_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sluice::sql {

// X(Name, "SPELLING", fallback): every keyword of the dialect. `fallback` is
// true for the keywords of SQLite's `%fallback ID` list (parse.y): they act
// as identifiers wherever the keyword meaning does not fit (a column named
// `key`, a function named `replace`, an alias `desc`, ...).
#define SLUICE_SQL_KEYWORDS(X)                   \
  X(Abort, "ABORT", true)                        \
  X(Action, "ACTION", true)                      \
  X(Add, "ADD", false)                           \
  X(After, "AFTER", true)                        \
  X(All, "ALL", false)                           \
  X(Alter, "ALTER", false)                       \
  X(Always, "ALWAYS", true)                      \
  X(Analyze, "ANALYZE", true)                    \
  X(And, "AND", false)                           \
  X(As, "AS", false)                             \
  X(Asc, "ASC", true)                            \
  X(Attach, "ATTACH", true)                      \
  X(Autoincrement, "AUTOINCREMENT", false)       \
  X(Before, "BEFORE", true)                      \
  X(Begin, "BEGIN", true)                        \
  X(Between, "BETWEEN", false)                   \
  X(By, "BY", true)                              \
  X(Cascade, "CASCADE", true)                    \
  X(Case, "CASE", false)                         \
  X(Cast, "CAST", true)                          \
  X(Check, "CHECK", false)                       \
  X(Collate, "COLLATE", false)                   \
  X(Column, "COLUMN", true)                      \
  X(Commit, "COMMIT", false)                     \
  X(Conflict, "CONFLICT", true)                  \
  X(Constraint, "CONSTRAINT", false)             \
  X(Create, "CREATE", false)                     \
  X(Cross, "CROSS", false)                       \
  X(Current, "CURRENT", true)                    \
  X(CurrentDate, "CURRENT_DATE", true)           \
  X(CurrentTime, "CURRENT_TIME", true)           \
  X(CurrentTimestamp, "CURRENT_TIMESTAMP", true) \
  X(Database, "DATABASE", true)                  \
  X(Default, "DEFAULT", false)                   \
  X(Deferrable, "DEFERRABLE", false)             \
  X(Deferred, "DEFERRED", true)                  \
  X(Delete, "DELETE", false)                     \
  X(Desc, "DESC", true)                          \
  X(Detach, "DETACH", true)                      \
  X(Distinct, "DISTINCT", false)                 \
  X(Do, "DO", true)                              \
  X(Drop, "DROP", false)                         \
  X(Each, "EACH", true)                          \
  X(Else, "ELSE", false)                         \
  X(End, "END", true)                            \
  X(Escape, "ESCAPE", false)                     \
  X(Except, "EXCEPT", false)                     \
  X(Exclude, "EXCLUDE", true)                    \
  X(Exclusive, "EXCLUSIVE", true)                \
  X(Exists, "EXISTS", false)                     \
  X(Explain, "EXPLAIN", true)                    \
  X(Fail, "FAIL", true)                          \
  X(First, "FIRST", true)                        \
  X(Following, "FOLLOWING", true)                \
  X(For, "FOR", true)                            \
  X(Foreign, "FOREIGN", false)                   \
  X(From, "FROM", false)                         \
  X(Full, "FULL", false)                         \
  X(Generated, "GENERATED", true)                \
  X(Glob, "GLOB", true)                          \
  X(Group, "GROUP", false)                       \
  X(Groups, "GROUPS", true)                      \
  X(Having, "HAVING", false)                     \
  X(If, "IF", true)                              \
  X(Ignore, "IGNORE", true)                      \
  X(Immediate, "IMMEDIATE", true)                \
  X(In, "IN", false)                             \
  X(Index, "INDEX", false)                       \
  X(Indexed, "INDEXED", false)                   \
  X(Initially, "INITIALLY", true)                \
  X(Inner, "INNER", false)                       \
  X(Insert, "INSERT", false)                     \
  X(Instead, "INSTEAD", true)                    \
  X(Intersect, "INTERSECT", false)               \
  X(Into, "INTO", false)                         \
  X(Is, "IS", false)                             \
  X(Isnull, "ISNULL", false)                     \
  X(Join, "JOIN", false)                         \
  X(Key, "KEY", true)                            \
  X(Last, "LAST", true)                          \
  X(Left, "LEFT", false)                         \
  X(Like, "LIKE", true)                          \
  X(Limit, "LIMIT", false)                       \
  X(Match, "MATCH", true)                        \
  X(Materialized, "MATERIALIZED", true)          \
  X(Natural, "NATURAL", false)                   \
  X(No, "NO", true)                              \
  X(Not, "NOT", false)                           \
  X(Nothing, "NOTHING", false)                   \
  X(Notnull, "NOTNULL", false)                   \
  X(Null, "NULL", false)                         \
  X(Nulls, "NULLS", true)                        \
  X(Of, "OF", true)                              \
  X(Offset, "OFFSET", true)                      \
  X(On, "ON", false)                             \
  X(Or, "OR", false)                             \
  X(Order, "ORDER", false)                       \
  X(Others, "OTHERS", true)                      \
  X(Outer, "OUTER", false)                       \
  X(Partition, "PARTITION", true)                \
  X(Plan, "PLAN", true)                          \
  X(Pragma, "PRAGMA", true)                      \
  X(Preceding, "PRECEDING", true)                \
  X(Primary, "PRIMARY", false)                   \
  X(Query, "QUERY", true)                        \
  X(Raise, "RAISE", true)                        \
  X(Range, "RANGE", true)                        \
  X(Recursive, "RECURSIVE", true)                \
  X(References, "REFERENCES", false)             \
  X(Regexp, "REGEXP", true)                      \
  X(Reindex, "REINDEX", true)                    \
  X(Release, "RELEASE", true)                    \
  X(Rename, "RENAME", true)                      \
  X(Replace, "REPLACE", true)                    \
  X(Restrict, "RESTRICT", true)                  \
  X(Returning, "RETURNING", false)               \
  X(Right, "RIGHT", false)                       \
  X(Rollback, "ROLLBACK", true)                  \
  X(Row, "ROW", true)                            \
  X(Rows, "ROWS", true)                          \
  X(Savepoint, "SAVEPOINT", true)                \
  X(Select, "SELECT", false)                     \
  X(Set, "SET", false)                           \
  X(Table, "TABLE", false)                       \
  X(Temp, "TEMP", true)                          \
  X(Temporary, "TEMPORARY", true)                \
  X(Then, "THEN", false)                         \
  X(Ties, "TIES", true)                          \
  X(To, "TO", false)                             \
  X(Transaction, "TRANSACTION", false)           \
  X(Trigger, "TRIGGER", true)                    \
  X(Unbounded, "UNBOUNDED", true)                \
  X(Union, "UNION", false)                       \
  X(Unique, "UNIQUE", false)                     \
  X(Update, "UPDATE", false)                     \
  X(Using, "USING", false)                       \
  X(Vacuum, "VACUUM", true)                      \
  X(Values, "VALUES", false)                     \
  X(View, "VIEW", true)                          \
  X(Virtual, "VIRTUAL", true)                    \
  X(When, "WHEN", false)                         \
  X(Where, "WHERE", false)                       \
  X(With, "WITH", true)                          \
  X(Without, "WITHOUT", true)

enum class TokenKind : uint8_t {
  kEof,         // end of input (text is empty, offset is the input's size)
  kWhitespace,  // only from Lexer::NextRaw()
  kComment,     // -- ... or /* ... */ (maybe unterminated); only from NextRaw()
  kIllegal,     // an unrecognized or unterminated token; text is its span
  kIdentifier,  // bare, "double", [bracket] or `backtick` quoted
  kString,      // 'single quoted'
  kInteger,     // 123, 0x1F
  kFloat,       // 1.5, .5, 1e10, 1.e3
  kBlob,        // X'0A1b'
  kParameter,   // ?, ?12, :name, @name, $name
  // Punctuation and operators.
  kSemicolon,     // ;
  kLeftParen,     // (
  kRightParen,    // )
  kComma,         // ,
  kDot,           // .
  kConcat,        // ||
  kStar,          // *
  kSlash,         // /
  kPercent,       // %
  kPlus,          // +
  kMinus,         // -
  kShiftLeft,     // <<
  kShiftRight,    // >>
  kBitAnd,        // &
  kBitOr,         // |
  kBitNot,        // ~
  kLess,          // <
  kLessEqual,     // <=
  kGreater,       // >
  kGreaterEqual,  // >=
  kEqual,         // = or ==
  kNotEqual,      // != or <>
  kArrow,         // ->
  kDoubleArrow,   // ->>
// Keywords: kAbort, kAction, ... in the order of SLUICE_SQL_KEYWORDS.
#define SLUICE_SQL_KEYWORD_ENUM_(name, spelling, fallback) k##name,
  SLUICE_SQL_KEYWORDS(SLUICE_SQL_KEYWORD_ENUM_)
#undef SLUICE_SQL_KEYWORD_ENUM_
      kNumKinds
};

inline constexpr TokenKind kFirstKeyword = TokenKind::kAbort;

constexpr bool IsKeyword(TokenKind kind) { return kind >= kFirstKeyword && kind < TokenKind::kNumKinds; }

// A token. `text` views the input the lexer was given: the caller keeps that
// input alive while tokens are in use.
struct Token {
  TokenKind kind = TokenKind::kEof;
  std::string_view text;  // the raw bytes, quotes included
  size_t offset = 0;      // byte offset of text[0] in the lexer's input
  uint32_t line = 1;      // 1-based
  uint32_t column = 1;    // 1-based, counted in bytes from the start of the line
};

// A short printable name of a kind, for tests and diagnostics:
// "identifier", "integer", "'('", "SELECT", ...
std::string_view TokenKindName(TokenKind kind);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_LEXER_TOKEN_H_

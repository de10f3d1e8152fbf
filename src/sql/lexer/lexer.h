// Lexer: splits SQL text into Tokens, exactly as SQLite's tokenizer does
// (sqlite/src/tokenize.c, sqlite3GetToken), so that the same input breaks
// into the same tokens and the same bad spots as in sqlite3.
//
// Rules, in SQLite's terms:
//   - whitespace is space, \t, \n, \f, \r; `-- ...` runs to the end of the
//     line; `/* ... */` runs to `*/` or to the end of the input (an
//     unterminated block comment is not an error: it simply ends the input).
//   - identifiers: a letter, `_` or any byte >= 0x80, then those, digits and
//     `$`; or "double", `backtick` quoted (with doubled quotes as escapes),
//     or [bracketed] (no escapes). Words on the keyword list are keywords.
//   - numbers: decimal integers, 0x hex integers, reals (1.5 .5 1e10 1.e3).
//     A number run straight into identifier characters (12abc, 1e) is an
//     illegal token; a hex number stops at its last hex digit (0x1g is 0x1
//     then g), as in SQLite.
//   - 'strings' with '' escapes; X'hex' blobs (even number of hex digits).
//   - parameters ?, ?NNN, :name, @name, $name (and Tcl-style $a::b(c)).
//   - operators || * / % + - << >> & | ~ < <= > >= = == != <> -> ->> . , ; ( )
//   - a NUL byte ends the input, as it does for sqlite3_prepare().
// Anything else, and any unterminated string, quoted identifier or blob,
// becomes one kIllegal token covering the bad text (to the end of the input
// when unterminated); the parser reports it as `unrecognized token: "..."`.
//
// Thread safety: a Lexer is used by one thread at a time.
#ifndef SLUICE_SQL_LEXER_LEXER_H_
#define SLUICE_SQL_LEXER_LEXER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/result.h"
#include "sql/lexer/token.h"

namespace sluice::sql {

struct ParseError;

class Lexer {
 public:
  // REQUIRES: `input` outlives the Lexer and every Token it returns.
  explicit Lexer(std::string_view input);

  // The next token that is not whitespace or a comment; kEof (repeatedly)
  // at the end of the input.
  Token Next();

  // The next token including whitespace and comments.
  Token NextRaw();

  // Offset just past the last token returned (0 at first).
  size_t position() const { return pos_; }

  // Moves forward to `offset`, counting lines on the way.
  // REQUIRES: position() <= offset <= input size.
  void SkipTo(size_t offset);

  // The input as the lexer sees it (cut at the first NUL byte).
  std::string_view input() const { return input_; }

 private:
  size_t ScanToken(size_t start, TokenKind* kind) const;
  char At(size_t i) const { return i < input_.size() ? input_[i] : '\0'; }
  void Advance(size_t end);

  std::string_view input_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
  size_t line_start_ = 0;  // offset of the first byte of line_
};

// The message SQLite gives for an illegal token: `unrecognized token: "x"`.
std::string UnrecognizedTokenMessage(const Token& token);

// Lexes all of `sql` (comments and whitespace dropped, no kEof at the end).
// Fails with the first illegal token (InvalidArgument, SQLite's message);
// `error`, when given, then receives its position.
Result<std::vector<Token>> Tokenize(std::string_view sql, ParseError* error = nullptr);

// The name an identifier token denotes: quotes removed and doubled quotes
// undone ("a""b" -> a"b, [x y] -> x y); a bare word is returned unchanged.
// Also turns a kString token's text into its value ('it''s' -> it's).
std::string Dequote(std::string_view text);

// True for a byte that may appear in a bare identifier after the first:
// letters, digits, '_', '$' and bytes >= 0x80 (SQLite's IdChar).
bool IsIdentifierChar(char c);

// 1-based line and byte column of `offset` in `text`.
void LineAndColumn(std::string_view text, size_t offset, uint32_t* line, uint32_t* column);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_LEXER_LEXER_H_

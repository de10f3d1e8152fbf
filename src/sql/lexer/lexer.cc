// Lexer implementation: a transcription of sqlite3GetToken's rules onto a
// string_view (see lexer.h for the rules).
#include "sql/lexer/lexer.h"

#include "sql/lexer/keywords.h"
#include "sql/lexer/parse_error.h"

namespace sluice::sql {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
// Any whitespace for the Tcl-variable scan (SQLite's sqlite3Isspace).
bool IsAnySpace(char c) { return IsSpace(c) || c == '\v'; }
bool IsIdentifierStart(char c) { return IsAlpha(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }

}  // namespace

bool IsIdentifierChar(char c) {
  return IsAlpha(c) || IsDigit(c) || c == '_' || c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

Lexer::Lexer(std::string_view input) : input_(input.substr(0, input.find('\0'))) {}

// Returns the end offset of the token starting at `start` and sets *kind.
// REQUIRES: start < input_.size().
size_t Lexer::ScanToken(size_t start, TokenKind* kind) const {
  const size_t n = input_.size();
  size_t i = start;
  char c = input_[i];
  auto at = [this](size_t k) { return At(k); };
  switch (c) {
    case ' ':
    case '\t':
    case '\n':
    case '\f':
    case '\r':
      while (i < n && IsSpace(input_[i])) ++i;
      *kind = TokenKind::kWhitespace;
      return i;
    case '-':
      if (at(i + 1) == '-') {
        i += 2;
        while (i < n && input_[i] != '\n') ++i;
        *kind = TokenKind::kComment;
        return i;
      }
      if (at(i + 1) == '>') {
        if (at(i + 2) == '>') {
          *kind = TokenKind::kDoubleArrow;
          return i + 3;
        }
        *kind = TokenKind::kArrow;
        return i + 2;
      }
      *kind = TokenKind::kMinus;
      return i + 1;
    case '(': *kind = TokenKind::kLeftParen; return i + 1;
    case ')': *kind = TokenKind::kRightParen; return i + 1;
    case ';': *kind = TokenKind::kSemicolon; return i + 1;
    case '+': *kind = TokenKind::kPlus; return i + 1;
    case '*': *kind = TokenKind::kStar; return i + 1;
    case '%': *kind = TokenKind::kPercent; return i + 1;
    case ',': *kind = TokenKind::kComma; return i + 1;
    case '&': *kind = TokenKind::kBitAnd; return i + 1;
    case '~': *kind = TokenKind::kBitNot; return i + 1;
    case '/':
      if (at(i + 1) != '*') {
        *kind = TokenKind::kSlash;
        return i + 1;
      }
      i += 2;
      while (i < n && !(input_[i] == '*' && at(i + 1) == '/')) ++i;
      if (i < n) i += 2;  // past "*/"; unterminated comments run to the end
      *kind = TokenKind::kComment;
      return i;
    case '=': *kind = TokenKind::kEqual; return i + (at(i + 1) == '=' ? 2 : 1);
    case '<':
      switch (at(i + 1)) {
        case '=': *kind = TokenKind::kLessEqual; return i + 2;
        case '>': *kind = TokenKind::kNotEqual; return i + 2;
        case '<': *kind = TokenKind::kShiftLeft; return i + 2;
        default: *kind = TokenKind::kLess; return i + 1;
      }
    case '>':
      switch (at(i + 1)) {
        case '=': *kind = TokenKind::kGreaterEqual; return i + 2;
        case '>': *kind = TokenKind::kShiftRight; return i + 2;
        default: *kind = TokenKind::kGreater; return i + 1;
      }
    case '!':
      if (at(i + 1) == '=') {
        *kind = TokenKind::kNotEqual;
        return i + 2;
      }
      *kind = TokenKind::kIllegal;
      return i + 1;
    case '|':
      if (at(i + 1) == '|') {
        *kind = TokenKind::kConcat;
        return i + 2;
      }
      *kind = TokenKind::kBitOr;
      return i + 1;
    case '`':
    case '\'':
    case '"': {
      const char quote = c;
      for (++i; i < n; ++i) {
        if (input_[i] == quote) {
          if (at(i + 1) == quote) {
            ++i;
          } else {
            *kind = quote == '\'' ? TokenKind::kString : TokenKind::kIdentifier;
            return i + 1;
          }
        }
      }
      *kind = TokenKind::kIllegal;  // unterminated: the token is the rest of the input
      return n;
    }
    case '.':
      if (!IsDigit(at(i + 1))) {
        *kind = TokenKind::kDot;
        return i + 1;
      }
      [[fallthrough]];
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9': {
      *kind = TokenKind::kInteger;
      if (c == '0' && (at(i + 1) == 'x' || at(i + 1) == 'X') && IsHexDigit(at(i + 2))) {
        for (i += 3; IsHexDigit(at(i)); ++i) {
        }
        return i;
      }
      while (IsDigit(at(i))) ++i;
      if (at(i) == '.') {
        ++i;
        while (IsDigit(at(i))) ++i;
        *kind = TokenKind::kFloat;
      }
      if ((at(i) == 'e' || at(i) == 'E') &&
          (IsDigit(at(i + 1)) || ((at(i + 1) == '+' || at(i + 1) == '-') && IsDigit(at(i + 2))))) {
        i += 2;
        while (IsDigit(at(i))) ++i;
        *kind = TokenKind::kFloat;
      }
      while (i < n && IsIdentifierChar(input_[i])) {
        *kind = TokenKind::kIllegal;
        ++i;
      }
      return i;
    }
    case '[':
      for (++i; i < n && input_[i] != ']'; ++i) {
      }
      if (i < n) {
        *kind = TokenKind::kIdentifier;
        return i + 1;
      }
      *kind = TokenKind::kIllegal;
      return n;
    case '?':
      *kind = TokenKind::kParameter;
      for (++i; IsDigit(at(i)); ++i) {
      }
      return i;
    case '$':
    case '@':
    case ':':
    case '#': {
      int name_chars = 0;
      *kind = TokenKind::kParameter;
      for (++i; i < n; ++i) {
        char d = input_[i];
        if (IsIdentifierChar(d)) {
          ++name_chars;
        } else if (d == '(' && name_chars > 0) {
          do {
            ++i;
          } while (i < n && !IsAnySpace(input_[i]) && input_[i] != ')');
          if (i < n && input_[i] == ')') {
            ++i;
          } else {
            *kind = TokenKind::kIllegal;
          }
          break;
        } else if (d == ':' && at(i + 1) == ':') {
          ++i;
        } else {
          break;
        }
      }
      if (name_chars == 0) *kind = TokenKind::kIllegal;
      return i;
    }
    case 'x':
    case 'X':
      if (at(i + 1) == '\'') {
        *kind = TokenKind::kBlob;
        for (i += 2; IsHexDigit(at(i)); ++i) {
        }
        if (at(i) != '\'' || (i - start) % 2 != 0) {
          *kind = TokenKind::kIllegal;
          while (i < n && input_[i] != '\'') ++i;
        }
        if (i < n) ++i;
        return i;
      }
      break;  // an identifier
    default: break;
  }
  if (!IsIdentifierStart(c)) {
    *kind = TokenKind::kIllegal;
    return i + 1;
  }
  for (++i; i < n && IsIdentifierChar(input_[i]); ++i) {
  }
  std::optional<TokenKind> keyword = LookupKeyword(input_.substr(start, i - start));
  *kind = keyword ? *keyword : TokenKind::kIdentifier;
  return i;
}

void Lexer::Advance(size_t end) {
  for (size_t k = pos_; k < end; ++k) {
    if (input_[k] == '\n') {
      ++line_;
      line_start_ = k + 1;
    }
  }
  pos_ = end;
}

Token Lexer::NextRaw() {
  Token token;
  token.offset = pos_;
  token.line = line_;
  token.column = static_cast<uint32_t>(pos_ - line_start_ + 1);
  if (pos_ >= input_.size()) {
    token.kind = TokenKind::kEof;
    token.text = input_.substr(input_.size());
    return token;
  }
  size_t end = ScanToken(pos_, &token.kind);
  token.text = input_.substr(pos_, end - pos_);
  Advance(end);
  return token;
}

Token Lexer::Next() {
  for (;;) {
    Token token = NextRaw();
    if (token.kind != TokenKind::kWhitespace && token.kind != TokenKind::kComment) return token;
  }
}

void Lexer::SkipTo(size_t offset) {
  if (offset > input_.size()) offset = input_.size();
  if (offset > pos_) Advance(offset);
}

std::string UnrecognizedTokenMessage(const Token& token) {
  std::string msg = "unrecognized token: \"";
  msg += token.text;
  msg += '"';
  return msg;
}

Result<std::vector<Token>> Tokenize(std::string_view sql, ParseError* error) {
  Lexer lexer(sql);
  std::vector<Token> tokens;
  for (;;) {
    Token token = lexer.Next();
    if (token.kind == TokenKind::kEof) return tokens;
    if (token.kind == TokenKind::kIllegal) {
      std::string msg = UnrecognizedTokenMessage(token);
      if (error != nullptr) {
        *error = ParseError{msg, token.offset, token.line, token.column, std::string(token.text), true};
      }
      return Status::InvalidArgument(msg);
    }
    tokens.push_back(token);
  }
}

std::string Dequote(std::string_view text) {
  if (text.empty()) return std::string();
  char open = text[0];
  char close;
  switch (open) {
    case '"':
    case '\'':
    case '`': close = open; break;
    case '[': close = ']'; break;
    default: return std::string(text);
  }
  std::string out;
  out.reserve(text.size());
  // The token was scanned by the lexer, so it ends with `close`.
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    char c = text[i];
    out += c;
    if (c == close && open != '[' && i + 2 < text.size() && text[i + 1] == close) ++i;
  }
  return out;
}

void LineAndColumn(std::string_view text, size_t offset, uint32_t* line, uint32_t* column) {
  if (offset > text.size()) offset = text.size();
  uint32_t l = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++l;
      line_start = i + 1;
    }
  }
  *line = l;
  *column = static_cast<uint32_t>(offset - line_start + 1);
}

}  // namespace sluice::sql

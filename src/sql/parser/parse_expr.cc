// Expression parsing: a Pratt parser with SQLite's operator precedence.
//
// SQLite's table (parse.y, lowest first; all binary operators associate to
// the left):
//
//   1  OR
//   2  AND
//   3  NOT x                                   (prefix)
//   4  = == != <> IS [NOT] [DISTINCT FROM]  [NOT] IN  [NOT] LIKE GLOB
//      REGEXP MATCH  [NOT] BETWEEN  ISNULL NOTNULL  NOT NULL
//   5  < <= > >=
//   6  ESCAPE                                  (only after LIKE ...)
//   7  & | << >>
//   8  + -
//   9  * / %
//   10 || -> ->>
//   11 COLLATE                                 (postfix)
//   12 - + ~ x                                 (prefix)
//
// ParseExpr(p) parses a prefix term, then keeps applying infix/postfix
// operators of binding power >= p; a left-associative operator of power q
// parses its right operand with ParseExpr(q + 1). Three places need care to
// get the trees SQLite's LALR parser builds:
//   - prefix NOT parses its operand at power 3, so `NOT a = b` is
//     NOT (a = b) while `NOT a AND b` is (NOT a) AND b, and `- NOT a + b`
//     is -(NOT (a + b)) as in SQLite;
//   - BETWEEN parses its low bound at power 4 (everything but AND/OR, so
//     `x BETWEEN a = b AND c` has the low bound a = b) and its high bound at
//     power 5, so `x BETWEEN a AND b AND c` is (x BETWEEN a AND b) AND c
//     (an OR in the low bound is always an error, reported where SQLite
//     reports it: see ParseBetween);
//   - LIKE parses the pattern and the ESCAPE operand at power 5:
//     `a LIKE b < c` is a LIKE (b < c), `a LIKE b = c` is (a LIKE b) = c.
// NOT in infix position (power 4) must be followed by NULL, IN, BETWEEN,
// LIKE, GLOB, REGEXP or MATCH; it is consumed first, so `1 NOT 2` fails
// near "2" as in SQLite.
#include <charconv>
#include <cstdint>
#include <limits>
#include <string>
#include <system_error>
#include <utility>

#include "sql/lexer/keywords.h"
#include "sql/parser/parser_internal.h"

namespace sluice::sql {
namespace {

enum Prec : int {
  kPrecNone = 0,
  kPrecOr = 1,
  kPrecAnd = 2,
  kPrecNot = 3,
  kPrecEquality = 4,
  kPrecComparison = 5,
  kPrecBitwise = 7,
  kPrecAdditive = 8,
  kPrecMultiplicative = 9,
  kPrecConcat = 10,
  kPrecCollate = 11,
  kPrecUnary = 12,
};

int InfixPrecedence(TokenKind k) {
  switch (k) {
    case TokenKind::kOr: return kPrecOr;
    case TokenKind::kAnd: return kPrecAnd;
    case TokenKind::kEqual:
    case TokenKind::kNotEqual:
    case TokenKind::kIs:
    case TokenKind::kIn:
    case TokenKind::kLike:
    case TokenKind::kGlob:
    case TokenKind::kRegexp:
    case TokenKind::kMatch:
    case TokenKind::kBetween:
    case TokenKind::kIsnull:
    case TokenKind::kNotnull:
    case TokenKind::kNot: return kPrecEquality;
    case TokenKind::kLess:
    case TokenKind::kLessEqual:
    case TokenKind::kGreater:
    case TokenKind::kGreaterEqual: return kPrecComparison;
    case TokenKind::kBitAnd:
    case TokenKind::kBitOr:
    case TokenKind::kShiftLeft:
    case TokenKind::kShiftRight: return kPrecBitwise;
    case TokenKind::kPlus:
    case TokenKind::kMinus: return kPrecAdditive;
    case TokenKind::kStar:
    case TokenKind::kSlash:
    case TokenKind::kPercent: return kPrecMultiplicative;
    case TokenKind::kConcat:
    case TokenKind::kArrow:
    case TokenKind::kDoubleArrow: return kPrecConcat;
    case TokenKind::kCollate: return kPrecCollate;
    default: return kPrecNone;
  }
}

bool BinaryOpFor(TokenKind k, BinaryOp* op) {
  switch (k) {
    case TokenKind::kOr: *op = BinaryOp::kOr; return true;
    case TokenKind::kAnd: *op = BinaryOp::kAnd; return true;
    case TokenKind::kEqual: *op = BinaryOp::kEqual; return true;
    case TokenKind::kNotEqual: *op = BinaryOp::kNotEqual; return true;
    case TokenKind::kLess: *op = BinaryOp::kLess; return true;
    case TokenKind::kLessEqual: *op = BinaryOp::kLessEqual; return true;
    case TokenKind::kGreater: *op = BinaryOp::kGreater; return true;
    case TokenKind::kGreaterEqual: *op = BinaryOp::kGreaterEqual; return true;
    case TokenKind::kBitAnd: *op = BinaryOp::kBitAnd; return true;
    case TokenKind::kBitOr: *op = BinaryOp::kBitOr; return true;
    case TokenKind::kShiftLeft: *op = BinaryOp::kShiftLeft; return true;
    case TokenKind::kShiftRight: *op = BinaryOp::kShiftRight; return true;
    case TokenKind::kPlus: *op = BinaryOp::kAdd; return true;
    case TokenKind::kMinus: *op = BinaryOp::kSubtract; return true;
    case TokenKind::kStar: *op = BinaryOp::kMultiply; return true;
    case TokenKind::kSlash: *op = BinaryOp::kDivide; return true;
    case TokenKind::kPercent: *op = BinaryOp::kModulo; return true;
    case TokenKind::kConcat: *op = BinaryOp::kConcat; return true;
    case TokenKind::kArrow: *op = BinaryOp::kJsonExtract; return true;
    case TokenKind::kDoubleArrow: *op = BinaryOp::kJsonExtractValue; return true;
    default: return false;
  }
}

QuoteStyle QuoteStyleOf(std::string_view text) {
  switch (text.empty() ? '\0' : text[0]) {
    case '"': return QuoteStyle::kDouble;
    case '[': return QuoteStyle::kBracket;
    case '`': return QuoteStyle::kBacktick;
    case '\'': return QuoteStyle::kSingle;
    default: return QuoteStyle::kNone;
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

double ParseReal(std::string_view text) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) {
    // Overflow to infinity as strtod (and SQLite) do; underflow to 0.
    bool small = false;
    size_t e = text.find_first_of("eE");
    if (e != std::string_view::npos && e + 1 < text.size() && text[e + 1] == '-') small = true;
    return small ? 0.0 : std::numeric_limits<double>::infinity();
  }
  (void)ptr;
  return value;
}

template <typename T>
std::unique_ptr<T> MakeNode(size_t begin) {
  auto node = std::make_unique<T>();
  node->span.begin = begin;
  return node;
}

}  // namespace

bool Parser::StartsSelect(const Token& t) const {
  return t.kind == TokenKind::kSelect || t.kind == TokenKind::kValues || t.kind == TokenKind::kWith;
}

bool Parser::FinishExpr(Expr& e) {
  e.span.end = last_end_;
  int h = 0;
  ForEachChild(e, [&h](const Expr& child) {
    if (child.height > h) h = child.height;
  });
  const Select* select = nullptr;
  if (e.kind == ExprKind::kSubquery) select = e.As<SubqueryExpr>().select.get();
  if (e.kind == ExprKind::kExists) select = e.As<ExistsExpr>().select.get();
  if (e.kind == ExprKind::kInSelect) select = e.As<InSelectExpr>().select.get();
  if (select != nullptr && select->height > h) h = select->height;
  e.height = h + 1;
  if (e.height > options_.max_expr_height) {
    return ErrorAt(
        tok_, "Expression tree is too large (maximum depth " + std::to_string(options_.max_expr_height) + ")", false);
  }
  return true;
}

ExprPtr Parser::ParseExpr() { return ParseExpr(kPrecOr); }

ExprPtr Parser::ParseExpr(int min_prec) {
  Nesting nesting(this);
  if (nesting.too_deep()) return StackOverflow();
  ExprPtr left = ParsePrefix();
  if (!left) return {};
  for (;;) {
    int prec = InfixPrecedence(kind());
    if (prec == kPrecNone || prec < min_prec) break;
    if (!(left = ParseInfix(std::move(left), prec))) return {};
  }
  return left;
}

bool Parser::ParseExprList(ExprList* list, bool allow_empty) {
  if (allow_empty && At(TokenKind::kRightParen)) return true;
  do {
    ExprPtr e = ParseExpr();
    if (!e) return {};
    list->push_back(std::move(e));
  } while (Accept(TokenKind::kComma));
  return true;
}

// ---------------------------------------------------------------------------
// Prefix terms

ExprPtr Parser::ParsePrefix() {
  const size_t begin = tok_.offset;
  switch (kind()) {
    case TokenKind::kInteger:
    case TokenKind::kFloat:
    case TokenKind::kBlob:
    case TokenKind::kNull:
    case TokenKind::kCurrentDate:
    case TokenKind::kCurrentTime:
    case TokenKind::kCurrentTimestamp: return ParseLiteral();
    case TokenKind::kString:
      if (Peek().kind == TokenKind::kDot) return ParseIdentifierExpr();  // 't'.col
      return ParseLiteral();
    case TokenKind::kParameter: return ParseParameter();
    case TokenKind::kLeftParen: return ParseParenthesized();
    case TokenKind::kMinus:
    case TokenKind::kPlus:
    case TokenKind::kBitNot:
    case TokenKind::kNot: {
      auto node = MakeNode<UnaryExpr>(begin);
      TokenKind op = Advance().kind;
      node->op = op == TokenKind::kMinus  ? UnaryOp::kNegate
                 : op == TokenKind::kPlus ? UnaryOp::kPlus
                 : op == TokenKind::kNot  ? UnaryOp::kNot
                                          : UnaryOp::kBitNot;
      if (!(node->operand = ParseExpr(op == TokenKind::kNot ? kPrecNot : kPrecUnary))) return {};
      if (!FinishExpr(*node)) return {};
      return ExprPtr(std::move(node));
    }
    case TokenKind::kExists: {
      auto node = MakeNode<ExistsExpr>(begin);
      Advance();
      if (!Expect(TokenKind::kLeftParen)) return {};
      if (!(node->select = ParseSelect())) return {};
      if (!Expect(TokenKind::kRightParen)) return {};
      if (!FinishExpr(*node)) return {};
      return ExprPtr(std::move(node));
    }
    case TokenKind::kCase: return ParseCase();
    case TokenKind::kCast: return ParseCast();
    case TokenKind::kRaise: return ParseRaise();
    default:
      if (!IsIdj(tok_)) return SyntaxError();
      if (Peek().kind == TokenKind::kLeftParen) return ParseFunctionCall();
      return ParseIdentifierExpr();
  }
}

ExprPtr Parser::ParseLiteral() {
  auto node = MakeNode<LiteralExpr>(tok_.offset);
  Token t = Advance();
  node->text = std::string(t.text);
  switch (t.kind) {
    case TokenKind::kNull: node->literal = LiteralKind::kNull; break;
    case TokenKind::kCurrentDate: node->literal = LiteralKind::kCurrentDate; break;
    case TokenKind::kCurrentTime: node->literal = LiteralKind::kCurrentTime; break;
    case TokenKind::kCurrentTimestamp: node->literal = LiteralKind::kCurrentTimestamp; break;
    case TokenKind::kString:
      node->literal = LiteralKind::kString;
      node->value = Dequote(t.text);
      break;
    case TokenKind::kBlob: {
      node->literal = LiteralKind::kBlob;
      std::string_view hex = t.text.substr(2, t.text.size() - 3);  // X'...'
      node->value.reserve(hex.size() / 2);
      for (size_t i = 0; i + 1 < hex.size(); i += 2) {
        node->value += static_cast<char>(HexValue(hex[i]) * 16 + HexValue(hex[i + 1]));
      }
      break;
    }
    case TokenKind::kFloat:
      node->literal = LiteralKind::kReal;
      node->real = ParseReal(t.text);
      break;
    case TokenKind::kInteger: {
      if (t.text.size() > 2 && (t.text[1] == 'x' || t.text[1] == 'X')) {
        // Hex: at most 16 significant digits, taken as a two's complement
        // 64-bit value (0xffffffffffffffff is -1), as sqlite3DecOrHexToI64.
        size_t i = 2;
        while (i < t.text.size() && t.text[i] == '0') ++i;
        if (t.text.size() - i > 16) {
          return ErrorAt(t, "hex literal too big: " + std::string(t.text), true);
        }
        uint64_t u = 0;
        for (; i < t.text.size(); ++i) u = u * 16 + static_cast<uint64_t>(HexValue(t.text[i]));
        node->literal = LiteralKind::kInteger;
        node->integer = static_cast<int64_t>(u);
        break;
      }
      uint64_t u = 0;
      bool overflow = false;
      for (char c : t.text) {
        uint64_t digit = static_cast<uint64_t>(c - '0');
        if (u > (static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) - digit) / 10) {
          overflow = true;
          break;
        }
        u = u * 10 + digit;
      }
      if (overflow) {
        node->literal = LiteralKind::kReal;
        node->real = ParseReal(t.text);
      } else {
        node->literal = LiteralKind::kInteger;
        node->integer = static_cast<int64_t>(u);
      }
      break;
    }
    default: return SyntaxErrorAt(t);
  }
  if (!FinishExpr(*node)) return {};
  return ExprPtr(std::move(node));
}

ExprPtr Parser::ParseParameter() {
  auto node = MakeNode<ParameterExpr>(tok_.offset);
  Token t = Advance();
  node->text = std::string(t.text);
  const int limit = options_.max_variable_number;
  if (t.text[0] == '?') {
    if (t.text.size() == 1) {
      node->index = ++max_parameter_;
    } else {
      int64_t n = 0;
      for (size_t i = 1; i < t.text.size() && n <= limit; ++i) n = n * 10 + (t.text[i] - '0');
      if (n < 1 || n > limit) {
        return ErrorAt(t, "variable number must be between ?1 and ?" + std::to_string(limit), true);
      }
      node->index = static_cast<int>(n);
      if (node->index > max_parameter_) max_parameter_ = node->index;
      parameter_names_.try_emplace(node->index, node->text);
    }
  } else if (t.text[0] == '#' && t.text.size() > 1 && t.text[1] >= '0' && t.text[1] <= '9') {
    return SyntaxErrorAt(t);  // #N names a VM register in SQLite's nested parses only
  } else {
    auto [it, inserted] = named_parameters_.try_emplace(node->text, 0);
    if (inserted) {
      it->second = ++max_parameter_;
      parameter_names_.try_emplace(it->second, node->text);
    }
    node->index = it->second;
  }
  if (max_parameter_ > limit) return ErrorAt(t, "too many SQL variables", false);
  if (!FinishExpr(*node)) return {};
  return ExprPtr(std::move(node));
}

// ( select ) | ( expr ) | ( expr, expr, ... )
ExprPtr Parser::ParseParenthesized() {
  const size_t begin = tok_.offset;
  Advance();  // (
  if (StartsSelect(tok_)) {
    auto node = MakeNode<SubqueryExpr>(begin);
    if (!(node->select = ParseSelect())) return {};
    if (!Expect(TokenKind::kRightParen)) return {};
    if (!FinishExpr(*node)) return {};
    return ExprPtr(std::move(node));
  }
  ExprPtr first = ParseExpr();
  if (!first) return {};
  if (!At(TokenKind::kComma)) {
    if (!Expect(TokenKind::kRightParen)) return {};
    // The parentheses belong to the expression's text: SQLite names the
    // column of `select (1+2)` "(1+2)".
    first->span = SourceSpan{begin, last_end_};
    return first;
  }
  auto node = MakeNode<RowValueExpr>(begin);
  node->elements.push_back(std::move(first));
  while (Accept(TokenKind::kComma)) {
    ExprPtr e = ParseExpr();
    if (!e) return {};
    node->elements.push_back(std::move(e));
  }
  if (!Expect(TokenKind::kRightParen)) return {};
  if (!FinishExpr(*node)) return {};
  return ExprPtr(std::move(node));
}

// CASE [x] WHEN a THEN b ... [ELSE c] END
ExprPtr Parser::ParseCase() {
  auto node = MakeNode<CaseExpr>(tok_.offset);
  Advance();  // CASE
  if (!At(TokenKind::kWhen)) {
    if (!(node->operand = ParseExpr())) return {};
  }
  do {
    if (!Expect(TokenKind::kWhen)) return {};
    CaseWhen arm;
    if (!(arm.when = ParseExpr())) return {};
    if (!Expect(TokenKind::kThen)) return {};
    if (!(arm.then = ParseExpr())) return {};
    node->whens.push_back(std::move(arm));
  } while (At(TokenKind::kWhen));
  if (Accept(TokenKind::kElse)) {
    if (!(node->else_result = ParseExpr())) return {};
  }
  if (!Expect(TokenKind::kEnd)) return {};
  if (!FinishExpr(*node)) return {};
  return ExprPtr(std::move(node));
}

// CAST ( expr AS typetoken )
ExprPtr Parser::ParseCast() {
  auto node = MakeNode<CastExpr>(tok_.offset);
  Advance();  // CAST
  if (!Expect(TokenKind::kLeftParen)) return {};
  if (!(node->operand = ParseExpr())) return {};
  if (!Expect(TokenKind::kAs)) return {};
  if (!ParseTypeName(&node->type_name)) return {};
  if (!Expect(TokenKind::kRightParen)) return {};
  if (!FinishExpr(*node)) return {};
  return ExprPtr(std::move(node));
}

// typetoken ::= <empty> | typename | typename ( signed ) | typename ( signed , signed )
// typename ::= ids | typename ids
bool Parser::ParseTypeName(std::string* type) {
  auto is_type_word = [this](const Token& t) {
    // GENERATED ALWAYS starts a generated-column clause, not a type word.
    return IsIds(t) && !(t.kind == TokenKind::kGenerated && Peek().kind == TokenKind::kAlways);
  };
  type->clear();
  if (!is_type_word(tok_)) return true;
  const size_t begin = tok_.offset;
  while (is_type_word(tok_)) Advance();
  if (Accept(TokenKind::kLeftParen)) {
    for (int i = 0; i < 2; ++i) {
      if (!Accept(TokenKind::kPlus)) Accept(TokenKind::kMinus);
      if (!At(TokenKind::kInteger) && !At(TokenKind::kFloat)) return SyntaxError();
      Advance();
      if (i == 0 && !Accept(TokenKind::kComma)) break;
    }
    if (!Expect(TokenKind::kRightParen)) return {};
  }
  *type = std::string(input_.substr(begin, last_end_ - begin));
  return true;
}

// A column reference (col, t.col, s.t.col) or a function call name(...).
ExprPtr Parser::ParseIdentifierExpr() {
  const size_t begin = tok_.offset;
  if (Peek().kind == TokenKind::kLeftParen && tok_.kind != TokenKind::kString) return ParseFunctionCall();
  auto node = MakeNode<ColumnRefExpr>(begin);
  std::string_view first = Advance().text;
  std::string_view last = first;
  if (Accept(TokenKind::kDot)) {
    if (!IsNm(tok_)) return SyntaxError();
    std::string_view second = Advance().text;
    last = second;
    if (Accept(TokenKind::kDot)) {
      if (!IsNm(tok_)) return SyntaxError();
      last = Advance().text;
      node->schema = Dequote(first);
      node->table = Dequote(second);
    } else {
      node->table = Dequote(first);
    }
  }
  node->column = Dequote(last);
  node->column_quote = QuoteStyleOf(last);
  if (!FinishExpr(*node)) return {};
  return ExprPtr(std::move(node));
}

// idj ( [DISTINCT|ALL] exprlist ) | idj ( * )
ExprPtr Parser::ParseFunctionCall() {
  auto node = MakeNode<FunctionExpr>(tok_.offset);
  node->name = Dequote(Advance().text);
  Advance();  // (
  if (At(TokenKind::kStar)) {
    Advance();
    node->star = true;
  } else {
    if (Accept(TokenKind::kDistinct)) {
      node->distinct = true;
    } else {
      Accept(TokenKind::kAll);
    }
    if (!ParseExprList(&node->args, /*allow_empty=*/true)) return {};
  }
  if (!Expect(TokenKind::kRightParen)) return {};
  if (!FinishExpr(*node)) return {};
  return ExprPtr(std::move(node));
}

// RAISE ( IGNORE ) | RAISE ( ROLLBACK|ABORT|FAIL , message )
ExprPtr Parser::ParseRaise() {
  auto node = MakeNode<RaiseExpr>(tok_.offset);
  Advance();  // RAISE
  if (!Expect(TokenKind::kLeftParen)) return {};
  switch (kind()) {
    case TokenKind::kIgnore: node->raise = RaiseKind::kIgnore; break;
    case TokenKind::kRollback: node->raise = RaiseKind::kRollback; break;
    case TokenKind::kAbort: node->raise = RaiseKind::kAbort; break;
    case TokenKind::kFail: node->raise = RaiseKind::kFail; break;
    default: return SyntaxError();
  }
  Advance();
  if (node->raise != RaiseKind::kIgnore) {
    if (!Expect(TokenKind::kComma)) return {};
    // sqlite3 3.40: the message is a name or a string (`nm`), not an
    // expression.
    if (!IsNm(tok_)) return SyntaxError();
    auto message = MakeNode<LiteralExpr>(tok_.offset);
    message->literal = LiteralKind::kString;
    message->text = std::string(tok_.text);
    if (!ParseName(&message->value)) return {};
    if (!FinishExpr(*message)) return {};
    node->message = ExprPtr(std::move(message));
  }
  if (!Expect(TokenKind::kRightParen)) return {};
  if (!FinishExpr(*node)) return {};
  return ExprPtr(std::move(node));
}

// ---------------------------------------------------------------------------
// Infix and postfix operators

ExprPtr Parser::ParseInfix(ExprPtr left, int prec) {
  const size_t begin = left->span.begin;
  const TokenKind op_kind = kind();
  BinaryOp op;
  if (BinaryOpFor(op_kind, &op)) {
    Advance();
    auto node = MakeNode<BinaryExpr>(begin);
    node->op = op;
    node->left = std::move(left);
    if (!(node->right = ParseExpr(prec + 1))) return {};
    if (!FinishExpr(*node)) return {};
    return ExprPtr(std::move(node));
  }
  switch (op_kind) {
    case TokenKind::kIs: {
      Advance();
      bool negated = Accept(TokenKind::kNot);
      if (Accept(TokenKind::kDistinct)) {
        if (!Expect(TokenKind::kFrom)) return {};
        negated = !negated;  // IS DISTINCT FROM is IS NOT
      }
      auto node = MakeNode<BinaryExpr>(begin);
      node->op = negated ? BinaryOp::kIsNot : BinaryOp::kIs;
      node->left = std::move(left);
      if (!(node->right = ParseExpr(prec + 1))) return {};
      if (!FinishExpr(*node)) return {};
      return ExprPtr(std::move(node));
    }
    case TokenKind::kIsnull:
    case TokenKind::kNotnull: {
      Advance();
      auto node = MakeNode<NullTestExpr>(begin);
      node->not_null = op_kind == TokenKind::kNotnull;
      node->operand = std::move(left);
      if (!FinishExpr(*node)) return {};
      return ExprPtr(std::move(node));
    }
    case TokenKind::kNot: {
      Advance();
      switch (kind()) {
        case TokenKind::kNull: {
          Advance();
          auto node = MakeNode<NullTestExpr>(begin);
          node->not_null = true;
          node->operand = std::move(left);
          if (!FinishExpr(*node)) return {};
          return ExprPtr(std::move(node));
        }
        case TokenKind::kIn: Advance(); return ParseIn(std::move(left), true, begin);
        case TokenKind::kBetween: Advance(); return ParseBetween(std::move(left), true, begin);
        case TokenKind::kLike:
        case TokenKind::kGlob:
        case TokenKind::kRegexp:
        case TokenKind::kMatch: return ParseLike(std::move(left), true, begin);
        default: return SyntaxError();
      }
    }
    case TokenKind::kIn: Advance(); return ParseIn(std::move(left), false, begin);
    case TokenKind::kBetween: Advance(); return ParseBetween(std::move(left), false, begin);
    case TokenKind::kLike:
    case TokenKind::kGlob:
    case TokenKind::kRegexp:
    case TokenKind::kMatch: return ParseLike(std::move(left), false, begin);
    case TokenKind::kCollate: {
      Advance();
      if (!IsIds(tok_)) return SyntaxError();
      auto node = MakeNode<CollateExpr>(begin);
      node->collation = Dequote(Advance().text);
      node->operand = std::move(left);
      if (!FinishExpr(*node)) return {};
      return ExprPtr(std::move(node));
    }
    default: return SyntaxError();
  }
}

// After [NOT] IN: ( select ) | ( exprlist ) | [schema.]table [( args )]
ExprPtr Parser::ParseIn(ExprPtr left, bool negated, size_t begin) {
  if (At(TokenKind::kLeftParen)) {
    if (StartsSelect(Peek())) {
      Advance();
      auto node = MakeNode<InSelectExpr>(begin);
      node->negated = negated;
      node->operand = std::move(left);
      if (!(node->select = ParseSelect())) return {};
      if (!Expect(TokenKind::kRightParen)) return {};
      if (!FinishExpr(*node)) return {};
      return ExprPtr(std::move(node));
    }
    Advance();
    auto node = MakeNode<InListExpr>(begin);
    node->negated = negated;
    node->operand = std::move(left);
    if (!ParseExprList(&node->list, /*allow_empty=*/true)) return {};
    if (!Expect(TokenKind::kRightParen)) return {};
    if (!FinishExpr(*node)) return {};
    return ExprPtr(std::move(node));
  }
  auto node = MakeNode<InTableExpr>(begin);
  node->negated = negated;
  node->operand = std::move(left);
  if (!ParseQualifiedName(&node->schema, &node->table)) return {};
  if (Accept(TokenKind::kLeftParen)) {
    node->has_args = true;
    if (!ParseExprList(&node->args, /*allow_empty=*/true)) return {};
    if (!Expect(TokenKind::kRightParen)) return {};
  }
  if (!FinishExpr(*node)) return {};
  return ExprPtr(std::move(node));
}

// At LIKE|GLOB|REGEXP|MATCH: op pattern [ESCAPE escape]
ExprPtr Parser::ParseLike(ExprPtr left, bool negated, size_t begin) {
  auto node = MakeNode<LikeExpr>(begin);
  switch (Advance().kind) {
    case TokenKind::kGlob: node->op = LikeOp::kGlob; break;
    case TokenKind::kRegexp: node->op = LikeOp::kRegexp; break;
    case TokenKind::kMatch: node->op = LikeOp::kMatch; break;
    default: node->op = LikeOp::kLike; break;
  }
  node->negated = negated;
  node->left = std::move(left);
  if (!(node->pattern = ParseExpr(kPrecEquality + 1))) return {};
  if (Accept(TokenKind::kEscape)) {
    if (!(node->escape = ParseExpr(kPrecEquality + 1))) return {};
  }
  if (!FinishExpr(*node)) return {};
  return ExprPtr(std::move(node));
}

// After [NOT] BETWEEN: low AND high
ExprPtr Parser::ParseBetween(ExprPtr left, bool negated, size_t begin) {
  auto node = MakeNode<BetweenExpr>(begin);
  node->negated = negated;
  node->operand = std::move(left);
  if (!(node->low = ParseExpr(kPrecEquality))) return {};
  if (At(TokenKind::kOr)) {
    // SQLite's LALR parser takes an OR, and from then on every AND, into
    // the low bound, so that the BETWEEN never finds its AND: the error
    // comes where that longer expression ends. Do the same.
    ExprPtr rest = std::move(node->low);
    for (int prec = InfixPrecedence(kind()); prec != kPrecNone; prec = InfixPrecedence(kind())) {
      if (!(rest = ParseInfix(std::move(rest), prec))) return {};
    }
    return SyntaxError();
  }
  if (!Expect(TokenKind::kAnd)) return {};
  if (!(node->high = ParseExpr(kPrecEquality + 1))) return {};
  if (!FinishExpr(*node)) return {};
  return ExprPtr(std::move(node));
}

}  // namespace sluice::sql

// Expression nodes of the SQL abstract syntax tree, as the parser builds
// them (parser/parse_expr.cc) and the binder will read them.
//
// Ownership: a node owns its children through std::unique_ptr (ExprPtr); a
// tree is freed by destroying its root. The parser bounds the height of
// every tree (ParseOptions::max_expr_height, 1000 by default), so the
// recursive destructor, ToSql() and other recursive walks cannot exhaust
// the stack.
//
// Positions: every node keeps `span`, the byte range of its source text in
// the input the parser was given (see source_span.h). SQLite names a result
// column after that text exactly as written (`select a+b  from t` has the
// header `a+b`), so the binder takes names from spans, not from ToSql().
//
// The tree mirrors SQLite's parse (sqlite/src/parse.y) rather than
// simplifying it: `-1` is a negation of the literal 1, `NOT EXISTS (...)` is
// NOT over EXISTS, `x IS NOT DISTINCT FROM y` is `x IS y`, TRUE and FALSE are
// column references that the binder turns into 1 and 0 when no column has
// that name (SQLite 3.23+), and a "double-quoted" column reference keeps its
// quotes so that the binder can fall back to a string literal as SQLite does.
#ifndef SLUICE_SQL_AST_EXPR_H_
#define SLUICE_SQL_AST_EXPR_H_

#include <cassert>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sql/ast/source_span.h"

namespace sluice::sql {

struct Select;
using SelectPtr = std::unique_ptr<Select>;

enum class ExprKind : uint8_t {
  kLiteral,
  kColumnRef,
  kParameter,
  kUnary,
  kBinary,
  kNullTest,  // x ISNULL, x NOTNULL, x NOT NULL
  kLike,      // x [NOT] LIKE|GLOB|REGEXP|MATCH y [ESCAPE z]
  kBetween,
  kInList,
  kInSelect,
  kInTable,  // x IN table, x IN schema.table, x IN table_function(args)
  kExists,
  kSubquery,  // a scalar subquery: (SELECT ...)
  kCase,
  kCast,
  kFunction,
  kCollate,
  kRowValue,  // (a, b, ...)
  kRaise,     // RAISE(...) in a trigger body
};

struct Expr {
  explicit Expr(ExprKind k) : kind(k) {}
  virtual ~Expr() = default;
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;

  // The node as its concrete type. REQUIRES: kind == T::kKind.
  template <typename T>
  T& As() {
    assert(kind == T::kKind);
    return static_cast<T&>(*this);
  }
  template <typename T>
  const T& As() const {
    assert(kind == T::kKind);
    return static_cast<const T&>(*this);
  }

  const ExprKind kind;
  SourceSpan span;
  // 1 for a leaf; 1 + the tallest child otherwise (a subquery counts as the
  // tallest expression inside it), as SQLite's Expr.nHeight.
  int height = 1;
};

using ExprPtr = std::unique_ptr<Expr>;
using ExprList = std::vector<ExprPtr>;

enum class LiteralKind : uint8_t {
  kNull,
  kInteger,  // fits in int64; hex literals wrap to negative as in SQLite
  kReal,     // includes decimal integers too big for int64
  kString,
  kBlob,
  kCurrentTime,
  kCurrentDate,
  kCurrentTimestamp,
};

struct LiteralExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kLiteral;
  LiteralExpr() : Expr(kKind) {}
  LiteralKind literal = LiteralKind::kNull;
  int64_t integer = 0;  // kInteger
  double real = 0;      // kReal
  // kString: the value (quotes removed); kBlob: the bytes.
  std::string value;
  // The token as written (`1.50`, `0x1F`, `'it''s'`, `NULL`). For a decimal
  // integer too big for int64 (a kReal), the binder must still turn
  // `-9223372036854775808` (negation of the literal 9223372036854775808)
  // into the smallest int64, as SQLite does.
  std::string text;
};

// How an identifier was written; SQLite gives "double-quoted" names a
// fallback to string literals and does not treat quoted TRUE as a boolean.
enum class QuoteStyle : uint8_t { kNone, kDouble, kBracket, kBacktick, kSingle };

struct ColumnRefExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kColumnRef;
  ColumnRefExpr() : Expr(kKind) {}
  std::string schema;  // empty when not given
  std::string table;   // empty when not given
  std::string column;
  QuoteStyle column_quote = QuoteStyle::kNone;
};

struct ParameterExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kParameter;
  ParameterExpr() : Expr(kKind) {}
  std::string text;  // as written: ?, ?3, :name, @name, $name
  // 1-based, assigned as sqlite3ExprAssignVarNumber does: ?NNN is NNN, a
  // bare ? is one more than the largest so far, a name keeps the number of
  // its first use.
  int index = 0;
};

enum class UnaryOp : uint8_t { kNegate, kPlus, kBitNot, kNot };

struct UnaryExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kUnary;
  UnaryExpr() : Expr(kKind) {}
  UnaryOp op = UnaryOp::kNegate;
  ExprPtr operand;
};

enum class BinaryOp : uint8_t {
  kOr,
  kAnd,
  kEqual,     // = ==
  kNotEqual,  // != <>
  kIs,        // IS, IS NOT DISTINCT FROM
  kIsNot,     // IS NOT, IS DISTINCT FROM
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kBitAnd,
  kBitOr,
  kShiftLeft,
  kShiftRight,
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kModulo,
  kConcat,
  kJsonExtract,       // ->
  kJsonExtractValue,  // ->>
};

struct BinaryExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kBinary;
  BinaryExpr() : Expr(kKind) {}
  BinaryOp op = BinaryOp::kAdd;
  ExprPtr left;
  ExprPtr right;
};

struct NullTestExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kNullTest;
  NullTestExpr() : Expr(kKind) {}
  bool not_null = false;  // NOTNULL / NOT NULL rather than ISNULL
  ExprPtr operand;
};

enum class LikeOp : uint8_t { kLike, kGlob, kRegexp, kMatch };

struct LikeExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kLike;
  LikeExpr() : Expr(kKind) {}
  LikeOp op = LikeOp::kLike;
  bool negated = false;
  ExprPtr left;
  ExprPtr pattern;
  ExprPtr escape;  // may be null
};

struct BetweenExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kBetween;
  BetweenExpr() : Expr(kKind) {}
  bool negated = false;
  ExprPtr operand;
  ExprPtr low;
  ExprPtr high;
};

struct InListExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kInList;
  InListExpr() : Expr(kKind) {}
  bool negated = false;
  ExprPtr operand;
  ExprList list;  // may be empty: `x IN ()` is valid SQLite
};

struct InSelectExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kInSelect;
  InSelectExpr() : Expr(kKind) {}
  ~InSelectExpr() override;
  bool negated = false;
  ExprPtr operand;
  SelectPtr select;
};

struct InTableExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kInTable;
  InTableExpr() : Expr(kKind) {}
  bool negated = false;
  ExprPtr operand;
  std::string schema;
  std::string table;
  bool has_args = false;  // a table-valued function call: x IN f(args)
  ExprList args;
};

struct ExistsExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kExists;
  ExistsExpr() : Expr(kKind) {}
  ~ExistsExpr() override;
  SelectPtr select;
};

struct SubqueryExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kSubquery;
  SubqueryExpr() : Expr(kKind) {}
  ~SubqueryExpr() override;
  SelectPtr select;
};

struct CaseWhen {
  ExprPtr when;
  ExprPtr then;
};

struct CaseExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kCase;
  CaseExpr() : Expr(kKind) {}
  ExprPtr operand;              // CASE x WHEN ...; null for CASE WHEN ...
  std::vector<CaseWhen> whens;  // at least one
  ExprPtr else_result;          // may be null
};

struct CastExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kCast;
  CastExpr() : Expr(kKind) {}
  ExprPtr operand;
  // The type as written (`VARCHAR(10)`, `unsigned big int`); may be empty,
  // as `CAST(x AS)` is valid SQLite. Affinity follows from its words.
  std::string type_name;
};

struct FunctionExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kFunction;
  FunctionExpr() : Expr(kKind) {}
  std::string name;  // as written, quotes removed; match it case-insensitively
  bool distinct = false;
  bool star = false;  // count(*): args is empty
  ExprList args;
};

struct CollateExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kCollate;
  CollateExpr() : Expr(kKind) {}
  ExprPtr operand;
  std::string collation;  // as written, quotes removed
};

struct RowValueExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kRowValue;
  RowValueExpr() : Expr(kKind) {}
  ExprList elements;  // at least two
};

enum class RaiseKind : uint8_t { kIgnore, kRollback, kAbort, kFail };

struct RaiseExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::kRaise;
  RaiseExpr() : Expr(kKind) {}
  RaiseKind raise = RaiseKind::kIgnore;
  ExprPtr message;  // null for IGNORE
};

// Calls `fn(const Expr&)` on each direct child expression of `expr`, in
// source order. Subqueries are not entered (their Select is not an Expr).
template <typename Fn>
void ForEachChild(const Expr& expr, Fn&& fn);

// SQL spelling of operators: "OR", "=", "IS NOT", "||", "LIKE", ...
std::string_view BinaryOpSql(BinaryOp op);
std::string_view UnaryOpSql(UnaryOp op);
std::string_view LikeOpSql(LikeOp op);

// ---------------------------------------------------------------------------
// Implementation details.

template <typename Fn>
void ForEachChild(const Expr& expr, Fn&& fn) {
  auto visit = [&fn](const ExprPtr& child) {
    if (child) fn(*child);
  };
  switch (expr.kind) {
    case ExprKind::kLiteral:
    case ExprKind::kColumnRef:
    case ExprKind::kParameter:
    case ExprKind::kExists:
    case ExprKind::kSubquery: break;
    case ExprKind::kUnary: visit(expr.As<UnaryExpr>().operand); break;
    case ExprKind::kBinary:
      visit(expr.As<BinaryExpr>().left);
      visit(expr.As<BinaryExpr>().right);
      break;
    case ExprKind::kNullTest: visit(expr.As<NullTestExpr>().operand); break;
    case ExprKind::kLike:
      visit(expr.As<LikeExpr>().left);
      visit(expr.As<LikeExpr>().pattern);
      visit(expr.As<LikeExpr>().escape);
      break;
    case ExprKind::kBetween:
      visit(expr.As<BetweenExpr>().operand);
      visit(expr.As<BetweenExpr>().low);
      visit(expr.As<BetweenExpr>().high);
      break;
    case ExprKind::kInList:
      visit(expr.As<InListExpr>().operand);
      for (const ExprPtr& e : expr.As<InListExpr>().list) visit(e);
      break;
    case ExprKind::kInSelect: visit(expr.As<InSelectExpr>().operand); break;
    case ExprKind::kInTable:
      visit(expr.As<InTableExpr>().operand);
      for (const ExprPtr& e : expr.As<InTableExpr>().args) visit(e);
      break;
    case ExprKind::kCase: {
      const CaseExpr& c = expr.As<CaseExpr>();
      visit(c.operand);
      for (const CaseWhen& w : c.whens) {
        visit(w.when);
        visit(w.then);
      }
      visit(c.else_result);
      break;
    }
    case ExprKind::kCast: visit(expr.As<CastExpr>().operand); break;
    case ExprKind::kFunction:
      for (const ExprPtr& e : expr.As<FunctionExpr>().args) visit(e);
      break;
    case ExprKind::kCollate: visit(expr.As<CollateExpr>().operand); break;
    case ExprKind::kRowValue:
      for (const ExprPtr& e : expr.As<RowValueExpr>().elements) visit(e);
      break;
    case ExprKind::kRaise: visit(expr.As<RaiseExpr>().message); break;
  }
}

}  // namespace sluice::sql

#endif  // SLUICE_SQL_AST_EXPR_H_

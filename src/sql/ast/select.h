// SELECT in the AST: a Select is one or more SelectCores (SELECT ... or
// VALUES ...) joined left to right by compound operators, with the ORDER BY
// and LIMIT that apply to the whole compound, and an optional WITH clause.
//
// Lists that SQL lets grow long (compound terms, joined tables, VALUES
// rows, CASE arms) are flat vectors, never left-deep trees, so that their
// length never turns into recursion depth. Ownership as in expr.h.
#ifndef SLUICE_SQL_AST_SELECT_H_
#define SLUICE_SQL_AST_SELECT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sql/ast/expr.h"
#include "sql/ast/source_span.h"

namespace sluice::sql {

struct ResultColumn {
  enum class Kind : uint8_t { kExpr, kStar, kTableStar };
  Kind kind = Kind::kExpr;
  ExprPtr expr;        // kExpr
  std::string table;   // kTableStar: the `t` of `t.*`
  std::string schema;  // kTableStar: the `s` of `s.t.*`, else empty
  bool has_alias = false;
  std::string alias;  // quotes removed; `AS x`, bare `x`, or 'x'
  SourceSpan span;    // the whole column, alias included
};

enum class JoinKind : uint8_t {
  kComma,  // a, b (also the first item of a FROM list)
  kInner,  // [INNER] JOIN
  kCross,  // CROSS JOIN: an inner join the planner must not reorder
  kLeft,   // LEFT [OUTER] JOIN
  kRight,  // RIGHT [OUTER] JOIN
  kFull,   // FULL [OUTER] JOIN (also SQLite's odd "LEFT RIGHT JOIN")
};

struct FromClause;
struct TableRef;
using TableRefPtr = std::unique_ptr<TableRef>;

// One table-like thing in FROM: a named table (or table-valued function
// call), a subquery, or a parenthesized join list.
struct TableRef {
  enum class Kind : uint8_t { kTable, kSubquery, kJoin };
  explicit TableRef(Kind k) : kind(k) {}
  ~TableRef();
  Kind kind;

  // kTable.
  std::string schema;
  std::string name;
  bool has_args = false;  // name(args): a table-valued function
  ExprList args;
  std::string indexed_by;    // INDEXED BY name
  bool not_indexed = false;  // NOT INDEXED

  // kSubquery.
  SelectPtr select;

  // kJoin: `(a JOIN b ...)`.
  std::unique_ptr<FromClause> join;

  bool has_alias = false;
  std::string alias;
  SourceSpan span;
};

struct FromItem {
  JoinKind join = JoinKind::kComma;  // how this item joins the ones before it
  bool natural = false;
  TableRefPtr table;
  ExprPtr on;  // ON expr, or null
  bool has_using = false;
  std::vector<std::string> using_columns;
  SourceSpan span;
};

struct FromClause {
  std::vector<FromItem> items;  // at least one
};

enum class SortOrder : uint8_t { kDefault, kAsc, kDesc };
enum class NullsOrder : uint8_t { kDefault, kFirst, kLast };

// An ORDER BY term (a COLLATE in it is a CollateExpr on `expr`).
struct OrderingTerm {
  ExprPtr expr;
  SortOrder order = SortOrder::kDefault;
  NullsOrder nulls = NullsOrder::kDefault;
  SourceSpan span;
};

struct SelectCore {
  enum class Kind : uint8_t { kSelect, kValues };
  Kind kind = Kind::kSelect;

  // kValues: rows of expressions (SQLite requires equal lengths; the binder
  // checks).
  std::vector<ExprList> rows;

  // kSelect.
  bool distinct = false;  // SELECT DISTINCT (SELECT ALL is the default)
  std::vector<ResultColumn> columns;
  std::unique_ptr<FromClause> from;  // null without FROM
  ExprPtr where;
  ExprList group_by;
  ExprPtr having;

  SourceSpan span;
};

enum class CompoundOp : uint8_t { kUnion, kUnionAll, kIntersect, kExcept };

enum class Materialization : uint8_t { kDefault, kMaterialized, kNotMaterialized };

struct CommonTableExpr {
  std::string name;
  std::vector<std::string> columns;  // empty when not given
  Materialization materialization = Materialization::kDefault;
  SelectPtr select;
  SourceSpan span;
};

struct WithClause {
  bool recursive = false;
  std::vector<CommonTableExpr> ctes;  // at least one
  SourceSpan span;
};

struct Select {
  ~Select();
  std::unique_ptr<WithClause> with;  // may be null
  // cores[0] ops[0] cores[1] ops[1] cores[2] ...: evaluated left to right.
  std::vector<SelectCore> cores;
  std::vector<CompoundOp> ops;  // cores.size() - 1 of them
  std::vector<OrderingTerm> order_by;
  ExprPtr limit;   // null when there is no LIMIT
  ExprPtr offset;  // OFFSET m, or the m of `LIMIT m, n`; may be null
  SourceSpan span;
  // The tallest expression inside, as in SQLite's heightOfSelect.
  int height = 0;
};

std::string_view CompoundOpSql(CompoundOp op);  // "UNION ALL", ...
std::string_view JoinKindSql(JoinKind kind);    // ",", "JOIN", "LEFT JOIN", ...

}  // namespace sluice::sql

#endif  // SLUICE_SQL_AST_SELECT_H_

// Binder: turns parsed statements (sql/ast) into plans (plan.h) against a
// Catalog, with SQLite's name resolution and its errors:
//
//   - names are looked up in the FROM scopes of the current SELECT, then in
//     its result-column aliases (WHERE, GROUP BY, HAVING, ORDER BY may use
//     them), then in the scopes of enclosing queries (correlation); a
//     "double-quoted" name that matches nothing is a string literal; TRUE
//     and FALSE are 1 and 0 unless a column has that name.
//   - `*` and `t.*` expand to the visible columns (USING/NATURAL show the
//     joined column once); result columns are named as sqlite3 names them
//     (alias, column name, or the expression's text as written).
//   - aggregate queries: GROUP BY terms (by position, alias or expression),
//     aggregates pulled into an aggregate node, bare columns carried through.
//   - ORDER BY by position, alias, or expression; compound ORDER BY terms
//     must name a result column.
//
// Errors come back as Status with sqlite3's messages ("no such table: t",
// "no such column: x", "ambiguous column name: x", "misuse of aggregate:
// max()", ...). A Binder binds one statement; it is not thread-safe.
#ifndef SLUICE_SQL_BINDER_BINDER_H_
#define SLUICE_SQL_BINDER_BINDER_H_

#include <memory>
#include <string>
#include <vector>

#include "sluice/result.h"
#include "sql/ast/statement.h"
#include "sql/plan/plan.h"
#include "sql/catalog/catalog.h"

namespace sluice::sql {

// SQLITE_MAX_COLUMN: the most columns a table, index, result set, SET list,
// GROUP BY or ORDER BY may have (sqlite3's messages: "too many columns on
// t", "too many columns in result set", "too many terms in ORDER BY clause").
inline constexpr size_t kMaxColumns = 2000;

struct Scope;
struct TriggerRowContext;  // trigger_row.h

// A bound SELECT: its plan and the shape of its result.
struct BoundQuery {
  PlanPtr plan;
  std::vector<std::string> names;    // sqlite3's column names
  std::vector<Affinity> affinities;  // of each result expression
  std::vector<Collation> collations;
  std::vector<std::string> decl_types;  // declared type of column results, else ""
};

class Binder {
 public:
  // `parameters`: the values bound to the statement's parameters (slot i
  // holds ?<i+1>); a parameter becomes a constant of its value, NULL when
  // unbound or when `parameters` is null. REQUIRES: outlives the Binder.
  explicit Binder(const Catalog& catalog, const std::vector<Value>* parameters = nullptr);
  ~Binder();

  // REQUIRES: `statement` outlives the plans (names are taken from its text).
  Result<BoundQuery> BindSelect(const Select& select, const Statement& statement);
  // INSERT / UPDATE / DELETE: a plan rooted at a kInsert / kUpdate /
  // kDelete node (plan.h) whose child yields the rows to write.
  // REQUIRES: the statement outlives the plan.
  Result<PlanPtr> BindInsert(const InsertStatement& insert);  // bind_insert.cc
  Result<PlanPtr> BindUpdate(const UpdateStatement& update);  // bind_update.cc
  Result<PlanPtr> BindDelete(const DeleteStatement& del);
  // The CHECK constraints of `table` (TableSchema::checks, whose
  // expressions live in `create`), in order; column references resolve to
  // slots of (table columns..., rowid). Fails as sqlite3's CREATE TABLE does
  // for a CHECK that cannot be bound (bind_checks.cc).
  Result<std::vector<BoundExprPtr>> BindChecks(const TableSchema& table, const Statement& create);
  // The generated columns of `table` (ColumnInfo::generated, expressions in
  // `create`) in an order where each reads only columns computed before it;
  // slots as BindChecks (the rowid is not in scope, as in sqlite3). A loop
  // between them is "generated column loop on \"b\"" unless `allow_loop`
  // (CREATE TABLE accepts it; writes refuse it).
  Result<std::vector<GeneratedColumn>> BindGenerated(const TableSchema& table, const Statement& create,
                                                     bool allow_loop = false);
  // An expression of an index over `table` (a partial index's WHERE, an
  // indexed expression), in `create`: slots as BindChecks; deterministic
  // functions only, no subqueries or parameters ("... prohibited in " +
  // `prohibited_in`).
  Result<BoundExprPtr> BindIndexExpr(const TableSchema& table, const Statement& create, const Expr& expr,
                                     const char* prohibited_in);
  // An expression without any column in scope (DEFAULT values, LIMIT).
  Result<BoundExprPtr> BindConstantExpr(const Expr& expr, const Statement& statement);

  // Binds a trigger program's statement: NEW.x / OLD.x refer to `row`,
  // and RAISE() is allowed (bind_trigger.cc). REQUIRES: `row` outlives
  // the Binder.
  void SetTriggerRow(const TriggerRowContext* row);

  // After a failed Bind*: the byte offset (in the text the statement was
  // parsed from) of the expression the error is about, as
  // sqlite3_error_offset() reports it; -1 when the error marks no spot.
  int64_t error_offset() const;

  class Impl;  // binder_internal.h

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_BINDER_BINDER_H_

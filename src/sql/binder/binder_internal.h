// Internal state of the Binder (binder.h): scopes, the expression binder and
// the SELECT binder, shared by bind_expr.cc, bind_select.cc, bind_from.cc
// bind_insert.cc, bind_update.cc and bind_checks.cc.
#ifndef SLUICE_SQL_BINDER_BINDER_INTERNAL_H_
#define SLUICE_SQL_BINDER_BINDER_INTERNAL_H_

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sql/binder/binder.h"

namespace sluice::sql {

// A column visible by name in a FROM scope.
struct ScopeColumn {
  std::string table;  // the FROM item's alias or table name
  std::string name;
  ColumnId id = 0;
  Affinity affinity = Affinity::kBlob;
  Collation collation = Collation::kBinary;
  std::string type_name;
  bool hidden = false;     // rowid / oid / _rowid_: not part of *
  bool using_dup = false;  // the right side of USING/NATURAL: not in *, not ambiguous
};

// The names one SELECT core sees.
struct Scope {
  Scope* parent = nullptr;
  std::vector<ScopeColumn> columns;
  std::vector<std::string> tables;  // FROM item names, in order
  bool has_from = false;
  // Result-column aliases, usable while `aliases_enabled`.
  const std::vector<ResultColumn>* result_columns = nullptr;
  bool aliases_enabled = false;
  bool expanding_alias = false;
};

// Where an expression is being bound.
struct ExprContext {
  Scope* scope = nullptr;
  bool allow_aggregates = false;
  bool inside_aggregate = false;
  bool found_aggregate = false;
};

class Binder::Impl {
 public:
  Impl(const Catalog& catalog, const std::vector<Value>* parameters) : catalog_(catalog), parameters_(parameters) {}

  Result<BoundQuery> BindSelect(const Select& select, Scope* outer);
  Result<BoundExprPtr> BindExpr(const Expr& expr, ExprContext& ctx);
  // UPDATE (kind kUpdate, with assignments) and DELETE (kDelete).
  Result<PlanPtr> BindModify(PlanKind kind, const std::string& table_name, const std::string& alias, const Expr* where,
                             const std::vector<Assignment>* assignments);

  // WITH before INSERT / UPDATE / DELETE (bind_with_dml.cc): makes its
  // tables visible to what the statement binds next (not to its target
  // table); WITH RECURSIVE is refused. `dml_with_` is the one BindModify
  // pushes once it has bound the target.
  Status PushDmlWith(const WithClause* with);
  // ON CONFLICT clauses of an INSERT into `t` (bind_upsert.cc): fills
  // node->upserts.
  Status BindUpsert(const InsertStatement& s, const Table& t, PlanNode* node);
  // RETURNING of a write to `t` (bind_returning.cc): fills
  // node->returning and node->returning_names.
  Status BindReturning(const std::vector<ResultColumn>& columns, const Table& t, PlanNode* node);
  Status BindUpsertUpdate(const UpsertClause& clause, const InsertStatement& s, const Table& t, UpsertAction* action);
  const WithClause* dml_with_ = nullptr;
  // UPDATE ... FROM (bind_update_from.cc): `target` (the scan of the
  // table written, named `alias`) joined with the FROM items, whose
  // columns join `scope`. `update_from_` is the FROM BindModify joins.
  Result<PlanPtr> BindUpdateFrom(const FromClause& from, const std::string& alias, PlanPtr target, Scope* scope);
  const FromClause* update_from_ = nullptr;
  // UPDATE / DELETE ... [ORDER BY ...] LIMIT ... (bind_dml_limit.cc): the
  // rows `plan` yields (names in `scope`), sorted and cut; BindModify
  // applies `modify_limit_` when it has a limit.
  struct ModifyLimit {
    const std::vector<OrderingTerm>* order_by = nullptr;
    const Expr* limit = nullptr;
    const Expr* offset = nullptr;
  };
  Result<PlanPtr> BindModifyLimit(PlanPtr plan, Scope* scope);
  ModifyLimit modify_limit_;

  // The CHECK constraints of `t`, whose expressions are in `create`, with
  // slots over (columns..., rowid) (bind_checks.cc).
  Result<std::vector<BoundExprPtr>> BindTableChecks(const TableSchema& t, const Statement& create);
  // Its generated columns, in evaluation order (bind_checks.cc).
  Result<std::vector<GeneratedColumn>> BindTableGenerated(const TableSchema& t, const Statement& create,
                                                          bool allow_loop);

  ColumnId NewId() { return next_id_++; }
  std::string_view Text(SourceSpan span) const { return statement_->Text(span); }

  const Catalog& catalog_;
  const std::vector<Value>* parameters_;  // may be null: every parameter is NULL
  const Statement* statement_ = nullptr;
  int64_t error_offset_ = -1;
  // While binding a schema expression that may not hold subqueries or
  // parameters ("CHECK constraints"): the end of sqlite3's message
  // "subqueries prohibited in ...". Null otherwise.
  const char* prohibited_in_ = nullptr;
  // ... and one that may call only deterministic functions (generated
  // columns; sqlite3 lets CHECK constraints call random()).
  bool deterministic_only_ = false;
  // Inside a trigger program: the NEW/OLD row (bind_trigger.cc); null
  // otherwise, where RAISE() is an error.
  const TriggerRowContext* trigger_row_ = nullptr;
  BoundExprPtr BindTriggerRowRef(const ColumnRefExpr& ref);  // null: no such column
  Result<BoundExprPtr> BindRaise(const RaiseExpr& r, ExprContext& ctx);

 private:
  // FROM: a plan and the scope columns of its items.
  Result<PlanPtr> BindFrom(const FromClause& from, Scope* scope, Scope* outer);
  Result<PlanPtr> BindTableRef(const TableRef& ref, Scope* scope, Scope* outer, size_t first_column);
  Result<PlanPtr> BindNamedTable(const TableRef& ref, Scope* scope, Scope* outer);
  // pragma_NAME(...) in FROM (bind_pragma_table.cc): its table, or null
  // when `ref` names no such pragma; *visible_columns: those `*` shows.
  Result<TablePtr> PragmaTable(const TableRef& ref, size_t* visible_columns);
  Result<PlanPtr> BindSubqueryTable(const Select& select, const std::string& name,
                                    const std::vector<std::string>* column_names, Scope* scope, Scope* outer);

  Result<BoundQuery> BindCore(const SelectCore& core, Scope* outer, const Select* whole);
  Result<BoundQuery> BindValues(const SelectCore& core, Scope* outer);
  Status BindOrderByCompound(const Select& select, BoundQuery* query);

  Result<BoundExprPtr> BindColumnRef(const ColumnRefExpr& ref, const Expr& expr, ExprContext& ctx);
  Result<BoundExprPtr> BindFunction(const FunctionExpr& fn, const Expr& expr, ExprContext& ctx);
  Result<BoundExprPtr> BindSubquery(BoundKind kind, const Select& select, ExprContext& ctx, bool want_one_column);
  Result<BoundExprPtr> BindBinary(const BinaryExpr& b, ExprContext& ctx);
  void NoteReference(ColumnId id);
  // Records where an error points (not inside view definitions, whose
  // text is not the statement's).
  Status ErrorAt(const Expr& expr, std::string message) {
    if (views_.empty()) error_offset_ = static_cast<int64_t>(expr.span.begin);
    return Status::InvalidArgument(message);
  }

  ColumnId next_id_ = 1;
  // Each subquery being bound collects the ids its expressions read.
  std::vector<std::vector<ColumnId>*> ref_frames_;
  // WITH: visible common table expressions, innermost last.
  std::vector<const CommonTableExpr*> ctes_;
  // The common table expressions whose bodies are being bound, outermost
  // first: a body naming its own CTE is a circular (or recursive)
  // reference, not the table of that name.
  std::vector<const CommonTableExpr*> cte_bodies_;
  // Views being expanded, outermost first: one met again is circular.
  std::vector<const ViewInfo*> views_;

 public:
  // Depth limits. Binding recurses once per nested query (subquery, view,
  // WITH table) and once per expression level. The parser bounds each
  // statement's nesting, but views and WITH tables compose queries, so
  // the binder bounds the sums over everything being bound: a nested
  // query takes ~4 KB of stack (release), an expression level far less,
  // so the limits keep a bind within ~5 MB of stack. The plans built
  // stay as deep, which bounds the planner and executor too.
  static constexpr int kMaxQueryDepth = 1000;
  static constexpr int kMaxExprDepth = 2000;
  int query_depth_ = 0;
  int expr_depth_ = 0;
  // The tables in one SELECT's FROM (nested join lists included): at most
  // kMaxJoinTables, as sqlite3 ("at most 64 tables in a join").
  static constexpr size_t kMaxJoinTables = 64;
  size_t from_tables_ = 0;
  // The tables of every FROM clause being bound, outermost query to
  // innermost: bounds the depth of the plan (see BindCore).
  static constexpr size_t kMaxNestedFromTables = 2000;
  size_t nested_from_tables_ = 0;
};

// RAII count of one level of `*depth`; ok() is false past `limit`.
class DepthGuard {
 public:
  DepthGuard(int* depth, int limit) : depth_(depth), ok_(++*depth <= limit) {}
  ~DepthGuard() { --*depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
  bool ok() const { return ok_; }

 private:
  int* depth_;
  bool ok_;
};

// The tables of a FROM clause, nested join lists included (a subquery
// counts as one).
size_t CountFromTables(const FromClause& from);

// UPDATE ... FROM naming the target table again, unaliased: sqlite3's
// "target object/alias may not appear in FROM clause" (bind_update_from.cc).
Status CheckUpdateFromNames(const UpdateStatement& update);

// sqlite3's message for an aggregate in RETURNING or an UPSERT's DO UPDATE
// ("misuse of aggregate function f()", not "misuse of aggregate: f()");
// other statuses pass through (bind_returning.cc).
Status NoAggregateHere(Status st);
// True when `e` holds a subquery (bind_returning.cc).
bool HasSubquery(const BoundExpr& e);
// Points each column reference of `e` at its slot in `slots` (-1: none).
void SetSlots(BoundExpr* e, const std::unordered_map<ColumnId, int>& slots);

// Explicit collation propagates upward through operators.
void PropagateCollation(BoundExpr* node);

// INDEXED BY `index` on `table` (bind_indexed_by.cc): OK when empty or
// when the table has that index, else "no such index: index".
Status CheckIndexedBy(const Table* table, const std::string& index);
// Marks the scans under `plan` (the target of an UPDATE / DELETE) that
// INDEXED BY names a partial index of (PlanNode::indexed_by_partial).
void MarkIndexedByPartial(PlanNode* plan, const std::string& index);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_BINDER_BINDER_INTERNAL_H_

// BoundExpr: an expression after name resolution — what the binder makes of
// an AST Expr, the planner rewrites, and the executor evaluates.
//
// Columns are named by ColumnId, a number unique within one statement that
// the binder hands to every column a plan node produces (a table column of
// one FROM item, an aggregate's result, a projection's output, ...). A plan
// node's `outputs` lists the ids of the columns of its result batches; the
// planner's last pass (planner/physical_planner.cc) resolves each column
// reference to its `slot`, the position in the input batch of the node
// that evaluates it. A reference that is not in that input is correlated:
// it names a column of an enclosing query, found at run time in the outer
// rows the executor pushes when it runs a subquery (slot stays -1).
//
// Every expression carries what SQLite's comparison rules need: its
// affinity (a column's, a CAST's target, else kNone) and its collation with
// where that came from (an explicit COLLATE beats a column's).
//
// Ownership: children by unique_ptr; subquery plans are shared (the plan of
// a subquery is immutable once planned and may be run many times).
// Depth: trees are as tall as the parsed expression, which the parser caps
// (ParseOptions::max_expr_height), so recursive walks are bounded.
#ifndef SLUICE_SQL_PLAN_BOUND_EXPR_H_
#define SLUICE_SQL_PLAN_BOUND_EXPR_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sql/value/affinity.h"
#include "sql/value/compare.h"
#include "sql/function/function_registry.h"
#include "sql/value/value.h"

namespace sluice::sql {

using ColumnId = uint32_t;
struct PlanNode;

enum class BoundKind : uint8_t {
  kConstant,  // constant
  kColumn,    // column (slot after planning)
  kNot,       // children[0]
  kNegate,    // children[0]
  kBitNot,    // children[0]
  kArith,     // op = ArithOp
  kBit,       // op = BitOp
  kConcat,
  kCompare,  // op = CompareOp
  kIs,       // negated: IS NOT
  kAnd,      // children: two or more
  kOr,
  kNullTest,        // negated: NOT NULL
  kLike,            // children: text, pattern[, escape]; negated
  kGlob,            // children: text, pattern; negated
  kBetween,         // children: operand, low, high; negated
  kInList,          // children: operand, items...; negated
  kInSubquery,      // children[0] operand (or a row value), subquery; negated
  kExists,          // subquery; negated
  kScalarSubquery,  // subquery
  kCase,            // has_operand: children[0] operand; then when/then pairs; has_else: last
  kCast,            // children[0]; cast_target
  kFunction,        // scalar: function->scalar over children
  kAggregate,       // only inside an aggregate node: function, children = args, distinct
  kRowValue,        // children: elements (only where SQLite allows vectors)
};

enum class CollationSource : uint8_t { kNone, kColumn, kExplicit };

struct BoundExpr;
using BoundExprPtr = std::unique_ptr<BoundExpr>;

struct BoundExpr {
  explicit BoundExpr(BoundKind k) : kind(k) {}

  BoundKind kind;
  uint8_t op = 0;
  bool negated = false;
  bool distinct = false;
  bool has_operand = false;  // kCase
  bool has_else = false;     // kCase
  Affinity affinity = Affinity::kNone;
  Collation collation = Collation::kBinary;
  CollationSource collation_source = CollationSource::kNone;
  Affinity cast_target = Affinity::kNone;

  Value constant;
  ColumnId column = 0;
  int slot = -1;

  const FunctionDef* function = nullptr;
  std::vector<BoundExprPtr> children;

  // Subqueries (kInSubquery, kExists, kScalarSubquery).
  std::shared_ptr<PlanNode> subquery;
  // Ids of columns of enclosing queries that the subquery reads (at any
  // depth inside it): the key of its result cache.
  std::vector<ColumnId> correlated;

  // A deep copy (subquery plans are shared, not copied).
  BoundExprPtr Clone() const;
};

BoundExprPtr MakeConstant(Value v);
BoundExprPtr MakeColumnRef(ColumnId id, Affinity affinity, Collation collation, CollationSource source);

// The collation of a binary comparison of l and r (SQLite's
// sqlite3BinaryCompareCollSeq): an explicit COLLATE on either side, else a
// column's, left first; else BINARY.
Collation PairCollation(const BoundExpr& l, const BoundExpr& r);

// Structural equality (SQLite's sqlite3ExprCompare): used to match GROUP BY
// terms with result expressions and to share identical aggregates.
bool BoundExprEquals(const BoundExpr& a, const BoundExpr& b);

// True when `q`, bound in a query, is the index expression or partial-index
// WHERE `ix` (bound with slots over its table's columns, then the rowid):
// the same tree, each of q's columns being the table column at ix's slot
// (`column_at_slot(q.column, ix.slot)`), explicit collations equal
// (sqlite3ExprCompare against an index).
bool SameAsIndexExpr(const BoundExpr& q, const BoundExpr& ix,
                     const std::function<bool(ColumnId column, int slot)>& column_at_slot);

// Adds to `out` every column id the expression reads, including those that
// subqueries inside it read from outside themselves.
void CollectColumns(const BoundExpr& e, std::vector<ColumnId>* out);

// True when the expression or a subquery in it is not deterministic or
// has an aggregate (it must stay where it is).
bool HasSideEffectsOrAggregates(const BoundExpr& e);

// An SQL-ish rendering for EXPLAIN (#slot or @id for columns).
std::string ExprToString(const BoundExpr& e);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_PLAN_BOUND_EXPR_H_

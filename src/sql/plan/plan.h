// PlanNode: the query plan tree. The binder builds it as a logical plan
// (what to compute); the planner's rules rewrite it (constant folding,
// filter push-down, equi-join detection) and pick each node's algorithm
// (`physical`), and its last pass resolves column references to batch
// slots. The executor (sql/exec) instantiates one operator per node.
//
//   kGet        a table scan (table, or rows of a snapshot for sqlite_schema);
//               outputs: the table's columns, then the rowid.
//               Optional index lookup: index + lookup_keys (one list per key).
//   kValues     literal rows (VALUES, SELECT without FROM: one empty row).
//   kFilter     predicate.
//   kProject    exprs.
//   kJoin       children[0] (outer, probe) x children[1] (inner, build);
//               join_type inner/left; condition; after planning either a
//               hash join on left_keys = right_keys plus a residual
//               condition, or a nested loop.
//   kAggregate  groups (exprs) and aggregates (kAggregate exprs); outputs:
//               group ids, aggregate ids, then the bare columns it carries
//               through under their own ids (values of the first row of
//               the group, or of the row where the last min()/max() found
//               its extreme, as SQLite does).
//   kSort       sort_keys; limit_hint >= 0 makes it a top-N.
//   kLimit      limit, offset (expressions evaluated once).
//   kDistinct   first occurrence of each row, order kept.
//   kSetOp      UNION [ALL], INTERSECT, EXCEPT of children[0], children[1].
//
// Modify nodes, the roots of INSERT / UPDATE / DELETE plans: they change
// `table` (its schema as bound; the rows are written to the catalog's
// current table of that name) and output one column, the number of rows
// changed. Each reads all of its input before it changes anything.
//   kInsert     children[0] (none for DEFAULT VALUES): the source rows, one
//               value per insert_columns entry; insert_defaults, conflict.
//   kUpdate     children[0]: the rows to change (the table's columns, then
//               the rowid); assignments over those rows.
//   kDelete     children[0]: the rows to delete (columns, then the rowid).
//
// A node's `outputs` is the layout of its result batches (one ColumnId per
// column). Nodes are immutable once planned and can be executed many times
// (subqueries) and from several threads later.
#ifndef SLUICE_SQL_PLAN_PLAN_H_
#define SLUICE_SQL_PLAN_PLAN_H_

#include <memory>
#include <string>
#include <vector>

#include "sluice/status.h"
#include "sql/ast/select.h"
#include "sql/ast/statement.h"
#include "sql/plan/bound_expr.h"
#include "sql/catalog/table.h"

namespace sluice::sql {

enum class PlanKind : uint8_t {
  kGet,
  kValues,
  kFilter,
  kProject,
  kJoin,
  kAggregate,
  kSort,
  kLimit,
  kDistinct,
  kSetOp,
  kInsert,
  kUpdate,
  kDelete,
};

enum class JoinType : uint8_t { kInner, kLeft, kCross };
enum class JoinAlgorithm : uint8_t { kNestedLoop, kHash };

struct SortKey {
  BoundExprPtr expr;
  bool descending = false;
  bool nulls_first = true;  // SQLite: NULLs first ascending, last descending
  Collation collation = Collation::kBinary;
};

struct PlanNode;
using PlanPtr = std::shared_ptr<PlanNode>;

// A generated column of a table and its expression, bound with slots over
// (table columns..., rowid); a table's list is in an order where each
// expression reads only columns computed before it (Binder::BindGenerated).
struct GeneratedColumn {
  int column = 0;
  BoundExprPtr expr;
};

// One ON CONFLICT clause of an INSERT: the uniqueness constraints it
// covers (-1: the rowid, else a position in the table's indexes) and what
// a row conflicting on one of them does instead of being inserted. DO
// UPDATE's expressions have slots over (table columns..., rowid, excluded
// columns..., excluded rowid): the conflicting row, then the row proposed.
struct UpsertAction {
  std::vector<int> constraints;
  bool do_update = false;
  // (table column, value); -2: the rowid of a table without an alias, -3:
  // superseded by a later assignment to the same column.
  std::vector<std::pair<int, BoundExprPtr>> assignments;
  BoundExprPtr where;  // may be null
};

struct PlanNode {
  explicit PlanNode(PlanKind k) : kind(k) {}

  PlanKind kind;
  std::vector<ColumnId> outputs;
  std::vector<PlanPtr> children;

  // kGet.
  TablePtr table;
  std::string alias;  // for EXPLAIN
  // After column pruning: the table columns the scan emits (-1: the rowid),
  // matching `outputs`; empty means all columns then the rowid.
  std::vector<int> scan_columns;
  int index = -1;                                      // index lookup: position in table->indexes
  bool rowid_lookup = false;                           // rowid lookup: each key one rowid expr
  std::vector<std::vector<BoundExprPtr>> lookup_keys;  // each: one expr per index column
  // INDEXED BY a partial index: its position (else -1), and whether the
  // planner found the query's WHERE to hold the index's WHERE as a term
  // (sqlite3's "no query solution" otherwise).
  int indexed_by_partial = -1;
  bool indexed_by_usable = false;

  // kValues.
  std::vector<std::vector<BoundExprPtr>> rows;

  // kFilter: predicate; kJoin: condition (residual after planning).
  BoundExprPtr predicate;

  // kProject.
  std::vector<BoundExprPtr> exprs;

  // kJoin.
  JoinType join_type = JoinType::kInner;
  JoinAlgorithm algorithm = JoinAlgorithm::kNestedLoop;
  std::vector<BoundExprPtr> left_keys;   // evaluated on the left input
  std::vector<BoundExprPtr> right_keys;  // evaluated on the right input
  std::vector<Affinity> key_affinity;    // comparison affinity per key pair
  std::vector<Collation> key_collation;
  // After column pruning: per output, whether an ancestor reads it (the
  // join's keys may be read by the join alone); empty means all.
  std::vector<uint8_t> output_read;

  // kAggregate.
  std::vector<BoundExprPtr> groups;
  std::vector<BoundExprPtr> aggregates;  // kind kAggregate
  std::vector<ColumnId> bare;            // input ids carried through
  int minmax_aggregate = -1;             // index into aggregates, or -1
  bool group_order_needed = true;        // false: groups may come in any order

  // kSort.
  std::vector<SortKey> sort_keys;
  int64_t limit_hint = -1;  // top-N: keep only the first limit_hint rows

  // kLimit.
  BoundExprPtr limit;
  BoundExprPtr offset;

  // kSetOp.
  CompoundOp set_op = CompoundOp::kUnion;

  // kInsert.
  std::vector<int> insert_columns;  // table column per source value; -1: the rowid
  // Per table column: its DEFAULT when the statement does not set it (null:
  // NULL; empty: no column has one); under OR REPLACE also those of NOT
  // NULL columns it sets. kUpdate: OR REPLACE's DEFAULTs of NOT NULL columns. Constant expressions, evaluated once
  // per run, not planned.
  std::vector<BoundExprPtr> insert_defaults;
  // A DEFAULT that failed to bind: the insert fails with this error when it
  // reaches that column's default (-1: none).
  int insert_default_error_column = -1;
  Status insert_default_error;
  ConflictResolution conflict = ConflictResolution::kDefault;
  // kInsert: its ON CONFLICT clauses in order (exec/ops/upsert.h).
  std::vector<UpsertAction> upserts;
  // kInsert, kUpdate, kDelete: the RETURNING expressions (slots over the
  // written row: table columns..., rowid) and their column names, as
  // sqlite3 names them (exec/ops/returning.h). Empty: no RETURNING.
  std::vector<BoundExprPtr> returning;
  std::vector<std::string> returning_names;
  // kInsert, kUpdate: the target's CHECK constraints (Binder::BindChecks),
  // slots already resolved over (table columns..., rowid); the planner
  // leaves them alone.
  std::vector<BoundExprPtr> checks;
  // kInsert, kUpdate: the target's generated columns, computed for every
  // row written (slots resolved like `checks`).
  std::vector<GeneratedColumn> generated;

  // kUpdate ... FROM: the id of the target's rowid among the child's
  // outputs (a join, whose column order the planner may change); each
  // target row is updated once, with the last of its matching rows. 0: a
  // plain UPDATE, whose child's last output is the rowid.
  ColumnId update_rowid = 0;
  // kUpdate: (table column, new value) in the order SQLite assigns them;
  // column -2 is the rowid of a table without an alias, -3 an assignment a
  // later one to the same column supersedes.
  std::vector<std::pair<int, BoundExprPtr>> assignments;

  // Whether the planner already ran on this node's tree.
  bool planned = false;
};

// Null when `node` has the shape its kind requires (its inputs and its
// kind's own fields; no field of another kind set), else what is wrong.
// The executor checks every node it instantiates (SLUICE_DCHECK).
const char* PlanNodeProblem(const PlanNode& node);

// EXPLAIN text: one line per node, children indented by two spaces.
std::vector<std::string> ExplainPlan(const PlanNode& root);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_PLAN_PLAN_H_

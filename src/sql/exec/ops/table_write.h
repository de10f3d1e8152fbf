// Row writes with SQLite's constraint checks, shared by the modify
// operators (insert.cc, update.cc, delete.cc) and the connection's
// Appender, and the interface through which a modify operator gets the
// table it changes.
//
// Messages are sqlite3's ("NOT NULL constraint failed: t.a", "CHECK
// constraint failed: x > 0", "UNIQUE constraint failed: t.a, t.b",
// "datatype mismatch").
#ifndef SLUICE_SQL_EXEC_OPS_TABLE_WRITE_H_
#define SLUICE_SQL_EXEC_OPS_TABLE_WRITE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sluice/result.h"
#include "sluice/result_code.h"
#include "sql/ast/statement.h"
#include "sql/catalog/table.h"
#include "sql/plan/bound_expr.h"
#include "sql/plan/plan.h"

namespace sluice::sql {

// Where modify operators find their target (ExecContext::tables): the
// connection's catalog, copy-on-write.
class TableWriteAccess {
 public:
  virtual ~TableWriteAccess() = default;
  // The table named `name` for writing in place: private to the running
  // statement (copied first when a transaction snapshot or another
  // statement shares it). Null when there is no such table. Valid until the
  // statement ends.
  virtual Table* Writable(const std::string& name) = 0;
};

class ExecContext;

// The CHECK constraints a write enforces: the table's TableSchema::checks
// bound (Binder::BindChecks) with slots over (table columns..., rowid), and
// the context they are evaluated in. No expressions: nothing to check.
struct RowChecks {
  const std::vector<BoundExprPtr>* exprs = nullptr;
  ExecContext* ctx = nullptr;
  // OR REPLACE: per column its DEFAULT value (NULL when none), which a NULL
  // in a NOT NULL column takes instead of failing (SQLite's REPLACE for NOT
  // NULL). Null: no replacement.
  const std::vector<Value>* defaults = nullptr;
  // The table's generated columns in evaluation order
  // (Binder::BindGenerated); null or empty: none.
  const std::vector<GeneratedColumn>* generated = nullptr;
  // INSERT ... ON CONFLICT (exec/ops/upsert.h): given a row that passed
  // its NOT NULL and CHECK constraints, before its uniqueness checks;
  // null: none.
  class UpsertHandler* upsert = nullptr;
};

// What an INSERT's ON CONFLICT clauses do with a row (exec/ops/upsert.h).
class UpsertHandler {
 public:
  virtual ~UpsertHandler() = default;
  // True when the row is dealt with instead of inserted (skipped, or a
  // conflicting row updated); false: insert it as usual.
  virtual Result<bool> Handle(Table& t, const std::vector<Value>& row, int64_t rowid) = 0;
};

// Computes the generated columns of `row` (stored under `rowid`) in place,
// with column affinity, from the other values of the row.
Status ComputeGenerated(const Table& table, const RowChecks& checks, std::vector<Value>* row, int64_t rowid);

// The errors a conflict clause (OR IGNORE / FAIL / REPLACE) resolves: NOT
// NULL, CHECK, UNIQUE / PRIMARY KEY / rowid conflicts. Type errors (STRICT,
// "datatype mismatch") always abort the statement.
bool IsResolvableConflict(const Status& st);

// OK when every CHECK of `table` holds for `row` stored under `rowid` (a
// NULL result holds, as in SQLite); else "CHECK constraint failed: <name>"
// (SQLITE_CONSTRAINT_CHECK) for the first that fails, in CREATE order.
Status CheckRow(const Table& table, const RowChecks& checks, const std::vector<Value>& row, int64_t rowid);

// STRICT tables: OK when `v` (column affinity applied) may be stored in
// column `c`, else "cannot store TEXT value in INT column t.x"
// (SQLITE_CONSTRAINT_DATATYPE). No conflict clause skips it, as in SQLite.
Status CheckStrictType(const Table& table, size_t c, const Value& v);

// Stores a row into `table` with the checks of an INSERT (affinity,
// generated columns computed, NOT NULL, STRICT types, CHECK, rowid, UNIQUE), honouring `conflict`: OR
// IGNORE skips a row that breaks a constraint; OR REPLACE gives a NULL in
// a NOT NULL column its DEFAULT (checks.defaults) and is ABORT for CHECK,
// as in SQLite; OR FAIL and ABORT fail alike here (the caller keeps or
// undoes the statement's earlier rows). `inserted` is false when the row
// was ignored. REPLACE deletes the conflicting rows; when `deleted`
// is given, each deleted row (values and rowid) is appended to it first, so
// that the caller can put it back (see InsertOp for how a statement stays
// atomic).
struct InsertedRow {
  bool inserted = false;
  int64_t rowid = 0;
};
struct DeletedRow {
  std::vector<Value> values;
  int64_t rowid = 0;
};
Result<InsertedRow> InsertRow(Table& table, std::vector<Value> row, const Value* explicit_rowid,
                              ConflictResolution conflict, std::vector<DeletedRow>* deleted = nullptr,
                              const RowChecks& checks = {});

// SQLite's extended result code for a duplicate key in `idx`
// (SQLITE_CONSTRAINT_PRIMARYKEY or _UNIQUE) and for a duplicate rowid of
// `table` (_PRIMARYKEY when a column is an alias of the rowid, else _ROWID).
inline ResultCode UniqueConflictCode(const IndexDef& idx) {
  return idx.primary_key ? ResultCode::kConstraintPrimaryKey : ResultCode::kConstraintUnique;
}
inline ResultCode RowidConflictCode(const TableSchema& table) {
  return table.rowid_alias >= 0 ? ResultCode::kConstraintPrimaryKey : ResultCode::kConstraintRowid;
}

// "UNIQUE constraint failed: t.a, t.b" for index `idx` of `table`.
std::string UniqueMessage(const Table& table, const IndexDef& idx);
// "t.x" for the INTEGER PRIMARY KEY x, else "t.rowid".
std::string RowidName(const Table& table);
// A value that must become a rowid (INTEGER affinity, then an integer), or
// "datatype mismatch".
Result<int64_t> RowidValue(const Value& v);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_EXEC_OPS_TABLE_WRITE_H_

// The statement runners of the connection: DDL (ddl.cc), DML (dml.cc),
// PRAGMAs (pragmas.cc).
// Each Check* function reports the errors SQLite gives at prepare time;
// each Run* function executes and returns the number of changed rows.
#ifndef SLUICE_SQL_CONNECTION_CONNECTION_INTERNAL_H_
#define SLUICE_SQL_CONNECTION_CONNECTION_INTERNAL_H_

#include <memory>

#include "sluice/result.h"
#include "sql/ast/statement.h"
#include "sql/binder/binder.h"  // the runners bind, plan and run statements
#include "sql/connection/database_impl.h"
#include "sql/exec/operator.h"

namespace sluice::sql {

// *error_offset: where the error points (see Binder::error_offset()).
Status CheckDdl(DatabaseImpl& db, const Statement& s, int64_t* error_offset = nullptr);
Result<int64_t> RunDdl(DatabaseImpl& db, const std::shared_ptr<Statement>& s);

// What CheckDml bound at prepare time; the run reuses it when the schema
// has not changed since (defined in dml.cc).
struct PreparedDml;
Status CheckDml(DatabaseImpl& db, const Statement& s, int64_t* error_offset = nullptr,
                std::shared_ptr<PreparedDml>* prepared = nullptr);
// PRAGMAs (pragmas.cc): those that return rows, their column names, the
// settings a PRAGMA with a value changes, and the rows of one that returns
// rows (after applying its setting).
bool PragmaHasRows(const PragmaStatement& p);
std::vector<std::string> PragmaColumnNames(const PragmaStatement& p);
Status ApplyPragmaSetting(DatabaseImpl& db, const PragmaStatement& p);
Result<std::vector<std::vector<Value>>> PragmaRows(DatabaseImpl& db, const PragmaStatement& p);

Result<int64_t> RunInsert(DatabaseImpl& db, const InsertStatement& s, PreparedDml* prepared = nullptr);
// Non-query statements that change the database (take the writer lock;
// statement_runner.cc).
bool IsWriteStatement(StatementKind kind);
Result<int64_t> RunUpdate(DatabaseImpl& db, const UpdateStatement& s);
Result<int64_t> RunDelete(DatabaseImpl& db, const DeleteStatement& s);

// Stores a row into `table` with the checks of an INSERT (affinity, NOT
// NULL, rowid, UNIQUE), honouring `conflict`. *inserted is false when the
// row was ignored. Used by INSERT and the Appender.
struct InsertedRow {
  bool inserted = false;
  int64_t rowid = 0;
};
Result<InsertedRow> InsertRow(Table& table, std::vector<Value> row, const Value* explicit_rowid,
                              ConflictResolution conflict);

// "UNIQUE constraint failed: t.a, t.b" for index `idx` of `table`.
std::string UniqueMessage(const Table& table, const IndexDef& idx);
// SQLite's extended result code for a duplicate key in `idx`
// (SQLITE_CONSTRAINT_PRIMARYKEY or _UNIQUE) and for a duplicate rowid of
// `table` (_PRIMARYKEY when a column is an alias of the rowid, else _ROWID).
inline ResultCode UniqueConflictCode(const IndexDef& idx) {
  return idx.primary_key ? ResultCode::kConstraintPrimaryKey : ResultCode::kConstraintUnique;
}
inline ResultCode RowidConflictCode(const Table& table) {
  return table.rowid_alias >= 0 ? ResultCode::kConstraintPrimaryKey : ResultCode::kConstraintRowid;
}

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_CONNECTION_INTERNAL_H_

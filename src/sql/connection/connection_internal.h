// The statement runners of the connection: DDL (ddl.cc), DML (dml.cc),
// PRAGMAs (pragmas.cc).
// Each Check* function reports the errors SQLite gives at prepare time;
// each Run* function executes and returns the number of changed rows.
#ifndef SLUICE_SQL_CONNECTION_CONNECTION_INTERNAL_H_
#define SLUICE_SQL_CONNECTION_CONNECTION_INTERNAL_H_

#include <memory>
#include <string>
#include <vector>

#include "sluice/result.h"
#include "sql/ast/statement.h"
#include "sql/binder/binder.h"  // the runners bind, plan and run statements
#include "sql/connection/database_impl.h"
#include "sql/exec/operator.h"
#include "sql/exec/ops/table_write.h"
#include "sql/exec/ops/trigger_writes.h"

namespace sluice::sql {

// *error_offset: where the error points (see Binder::error_offset()).
Status CheckDdl(DatabaseImpl& db, const Statement& s, int64_t* error_offset = nullptr);
Result<int64_t> RunDdl(DatabaseImpl& db, const std::shared_ptr<Statement>& s);
// The Table of a CREATE TABLE with a column list (no rows, rootpage or
// generation yet); `ast` owns `s`.
Result<TablePtr> BuildTableOf(const CreateTableStatement& s, const std::shared_ptr<Statement>& ast);
// ALTER TABLE (alter_table.cc).
Status CheckAlterTable(DatabaseImpl& db, const AlterTableStatement& s, int64_t* error_offset = nullptr);
Result<int64_t> RunAlterTable(DatabaseImpl& db, const AlterTableStatement& s);

// AUTOINCREMENT's schema side (autoincrement_schema.cc): the reserved
// sqlite_sequence name (CREATE) and table (DROP); sqlite_sequence made with
// the first AUTOINCREMENT table; a dropped table's counter deleted.
Status CheckAutoincrementDdl(DatabaseImpl& db, const Statement& s);
Status CreateSequenceTable(DatabaseImpl& db);
Status ForgetSequence(DatabaseImpl& db, const std::string& table);
// ALTER TABLE RENAME: an AUTOINCREMENT table's counter takes the new name.
Status RenameSequence(DatabaseImpl& db, const std::string& from, const std::string& to);

// What CheckDml bound at prepare time; the run reuses it when the schema
// has not changed since (defined in dml.cc). DML runs as a plan rooted at
// a modify node (binder/plan.h, exec/ops/insert.cc, update.cc, delete.cc).
struct PreparedDml;
// *returning_names: the statement's RETURNING column names (none: empty).
Status CheckDml(DatabaseImpl& db, const Statement& s, int64_t* error_offset = nullptr,
                std::shared_ptr<PreparedDml>* prepared = nullptr, std::vector<std::string>* returning_names = nullptr);
// PRAGMAs (pragmas.cc): those that return rows, their column names, the
// settings a PRAGMA with a value changes, and the rows of one that returns
// rows (after applying its setting).
bool PragmaHasRows(const PragmaStatement& p);
// PRAGMA user_version = N and application_id = N change the database: they
// run inside the write protocol like INSERT.
bool IsWritingPragma(const PragmaStatement& p);
std::vector<std::string> PragmaColumnNames(const PragmaStatement& p);
Status ApplyPragmaSetting(DatabaseImpl& db, const PragmaStatement& p);
Result<std::vector<std::vector<Value>>> PragmaRows(DatabaseImpl& db, const PragmaStatement& p);

// RETURNING rows go to *returning (when given), only complete when the
// statement succeeded.
using ReturnedRows = std::vector<std::vector<Value>>;
Result<int64_t> RunInsert(DatabaseImpl& db, const InsertStatement& s, PreparedDml* prepared = nullptr,
                          ReturnedRows* returning = nullptr);
// Plans and runs a bound modify plan (dml.cc), its operator firing
// `triggers` for each row when given (triggers.cc), its RETURNING rows to
// *returning when given; returns the number of rows it changed.
Result<int64_t> RunModifyPlan(DatabaseImpl& db, PlanPtr plan, RowTriggers* triggers, ReturnedRows* returning = nullptr);
// Non-query statements that change the database (take the writer lock;
// statement_runner.cc).
bool IsWriteStatement(StatementKind kind);
Result<int64_t> RunUpdate(DatabaseImpl& db, const UpdateStatement& s, ReturnedRows* returning = nullptr);
Result<int64_t> RunDelete(DatabaseImpl& db, const DeleteStatement& s, ReturnedRows* returning = nullptr);

// InsertRow (used by the Appender) and UniqueMessage (CREATE UNIQUE INDEX)
// are in sql/exec/ops/table_write.h.

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_CONNECTION_INTERNAL_H_

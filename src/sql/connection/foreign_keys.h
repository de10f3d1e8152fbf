// Foreign key enforcement of a connection, as sqlite3 3.40 does it with
// PRAGMA foreign_keys=ON: the checks of INSERT / UPDATE / DELETE / REPLACE
// on both sides of each key, the ON DELETE / ON UPDATE actions, deferred
// constraints checked at COMMIT, DROP TABLE's implicit DELETE, and the
// PRAGMAs foreign_keys, defer_foreign_keys, foreign_key_check and
// foreign_key_list.
//
// How a statement is checked: the modify operator writes first; then the
// rows it changed are examined (ForeignKeyStatement::Finish). A plain
// INSERT only adds rows at the end of its table, so those rows are the
// change and an immediate violation truncates them again (no copy of
// anything: a 100k-row insert stays linear). A DELETE reports the rows it
// deleted, an INSERT OR REPLACE the rows it stored and deleted, and an
// UPDATE the rows it matched as they were, and the actions
// note what they change, so that a failure puts all back (a point delete
// or update stays one). UPDATE OR REPLACE and an INSERT with DO UPDATE
// (UPSERT) keep a
// Catalog copy from before the write (tables shared, copied on their first
// write as for a savepoint) and finds the changed rows by comparing the
// written tables with it. Then the actions are applied (which may change
// further tables, and so on) and the changed rows checked: a child row
// whose key has no parent row, or a parent key removed while child rows
// still hold it. An immediate violation (or a RESTRICT one) undoes the
// statement and fails with
// "FOREIGN KEY constraint failed" (SQLITE_CONSTRAINT_FOREIGNKEY); a
// deferred one inside a transaction is remembered and checked again at
// COMMIT, which fails (the transaction stays open) while any still holds.
//
// Parent lookups use the parent's rowid or PRIMARY KEY / UNIQUE index;
// child lookups use an index on the child columns that compares as the
// parent key does, else a scan.
//
// Difference from sqlite3 (whose counter is kept row by row): the check
// is made on the state at the end of the statement, so a RESTRICT parent
// whose child rows the same statement deletes is not an error here.
#ifndef SLUICE_SQL_CONNECTION_FOREIGN_KEYS_H_
#define SLUICE_SQL_CONNECTION_FOREIGN_KEYS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sluice/result.h"
#include "sql/ast/statement.h"
#include "sql/catalog/catalog.h"
#include "sql/plan/plan.h"

namespace sluice::sql {

class DatabaseImpl;
class ExecContext;

// Per connection (DatabaseImpl::foreign_keys()).
struct ForeignKeyState {
  bool enabled = false;    // PRAGMA foreign_keys
  bool defer_all = false;  // PRAGMA defer_foreign_keys (reset at COMMIT / ROLLBACK)
  // Deferred violations seen in the open transaction, checked again at
  // COMMIT: a child row (by rowid) of a key, or a parent key value that
  // child rows of a key held when it went away.
  struct Child {
    std::string table;
    int fk_id = 0;
    int64_t rowid = 0;
  };
  struct Parent {
    std::string child_table;
    int fk_id = 0;
    std::vector<Value> key;  // parent key values, in foreign key order
  };
  std::vector<Child> children;
  std::vector<Parent> parents;
};

// Prepare-time errors of a modify plan: "no such table: main.p" for a
// parent that does not exist, "foreign key mismatch ..." for a key the
// statement would need. Nothing when foreign keys are off.
Status CheckForeignKeysResolve(DatabaseImpl& db, const PlanNode& plan);

// Brackets the run of one modify plan (dml.cc).
class ForeignKeyStatement {
 public:
  // Before the write: what the plan changes, and a copy of the catalog
  // when the check may need it.
  ForeignKeyStatement(DatabaseImpl& db, const PlanNode& plan);
  // After the write (its result `ran`): checks and actions; on a failure
  // the statement's writes are undone.
  Result<int64_t> Finish(Result<int64_t> ran);
  // Asks the write to report what the check needs: the rows a DELETE
  // deletes (ExecContext::deleted), the rowids an UPDATE changes
  // (renumbered) and the rows it matched when it assigns child key columns
  // (matched: each is checked even when its key kept its value, as
  // sqlite3 does).
  void Attach(ExecContext* ctx);

 private:
  DatabaseImpl& db_;
  bool active_ = false;
  bool is_insert_ = false;
  bool plain_insert_ = false;
  bool replace_ = false;  // OR REPLACE
  std::string table_;
  size_t rows_before_ = 0;
  std::optional<Catalog> before_;
  std::vector<std::pair<int64_t, int64_t>> renumbered_;
  std::vector<int> assigned_fks_;  // ids of the target's keys whose child columns an UPDATE assigns
  std::vector<int64_t> matched_;
  // DELETE: the rows it deleted; INSERT OR REPLACE: the rows it stored and
  // those it deleted; UPDATE (but OR REPLACE, which may delete rows): the
  // rows it matched as they were. No catalog copy: all is put back on a
  // failure.
  bool journal_ = false;
  std::vector<std::pair<int64_t, std::vector<Value>>> deleted_;
  std::vector<std::pair<int64_t, std::vector<Value>>> updated_;
  std::vector<int64_t> new_rowids_;
  std::vector<int64_t>
      inserted_;  // INSERT OR REPLACE: the rowids it stored  // per updated_ row: its rowid after the write
};

// The Appender's rows: the child side of rows [from, end) of `table`
// (OK when foreign keys are off). The caller removes them on an error.
Status CheckInsertedRows(DatabaseImpl& db, const std::string& table, size_t from);

// DROP TABLE with foreign keys on: the implicit DELETE FROM of a parent
// table (its actions and checks), before the table goes.
Status DropTableForeignKeys(DatabaseImpl& db, const std::string& table);

// COMMIT: "FOREIGN KEY constraint failed" while a deferred violation
// remains (the transaction stays open).
Status CheckDeferredForeignKeys(DatabaseImpl& db);
// The transaction ended (committed or rolled back).
void EndForeignKeyTransaction(DatabaseImpl& db);

// PRAGMA foreign_keys / defer_foreign_keys / foreign_key_check /
// foreign_key_list. CheckForeignKeyPragma: the prepare-time errors of
// foreign_key_check ("no such table: x", a foreign key mismatch).
bool IsForeignKeyPragma(const std::string& lower_name);
Status CheckForeignKeyPragma(DatabaseImpl& db, const PragmaStatement& p);
bool ForeignKeyPragmaHasRows(const std::string& lower_name, const PragmaStatement& p);
std::vector<std::string> ForeignKeyPragmaColumns(const std::string& lower_name);
Status ApplyForeignKeyPragma(DatabaseImpl& db, const std::string& lower_name, const PragmaStatement& p);
Result<std::vector<std::vector<Value>>> ForeignKeyPragmaRows(DatabaseImpl& db, const std::string& lower_name,
                                                             const PragmaStatement& p);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_FOREIGN_KEYS_H_

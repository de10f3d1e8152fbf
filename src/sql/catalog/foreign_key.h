// Foreign keys of a table, as SQLite sees them: the FOREIGN KEY / REFERENCES
// clauses of its CREATE TABLE (kept in TableSchema::create_ast, which the
// schema text rebuilds on reopen), numbered as sqlite3 numbers them, and
// the parent key each one refers to (sqlite3FkLocateIndex's rules).
//
// Plain functions over schemas; enforcement is the connection's
// (sql/connection/foreign_keys.cc).
#ifndef SLUICE_SQL_CATALOG_FOREIGN_KEY_H_
#define SLUICE_SQL_CATALOG_FOREIGN_KEY_H_

#include <string>
#include <vector>

#include "sluice/result.h"
#include "sql/catalog/table_schema.h"

namespace sluice::sql {

struct ForeignKeyDef {
  // sqlite3's id (PRAGMA foreign_key_list, foreign_key_check): the clause
  // declared last is 0.
  int id = 0;
  std::string parent;  // the parent table's name as written
  std::vector<int> child_columns;
  // As written; empty: the parent's PRIMARY KEY.
  std::vector<std::string> parent_columns;
  ForeignKeyAction on_delete = ForeignKeyAction::kNoAction;
  ForeignKeyAction on_update = ForeignKeyAction::kNoAction;
  // DEFERRABLE INITIALLY DEFERRED (any other deferral clause is immediate).
  bool deferred = false;
};

// The foreign keys of `t` in id order. Child columns that `t` lacks are
// refused at CREATE TABLE (ValidateForeignKeys), so every one is a column.
std::vector<ForeignKeyDef> ForeignKeysOf(const TableSchema& t);

// CREATE TABLE's checks, with sqlite3's messages: "unknown column "y" in
// foreign key definition", "foreign key on x should reference only one
// column of table p", "number of columns in foreign key does not match the
// number of columns in the referenced table".
Status ValidateForeignKeys(const CreateTableStatement& s);

// The parent key a foreign key refers to: the rowid (an INTEGER PRIMARY
// KEY) or a PRIMARY KEY / UNIQUE index of the parent.
struct ParentKey {
  bool rowid = false;
  int index = -1;  // position in parent.indexes when !rowid
  // Parent columns, in the order of the foreign key's child columns.
  std::vector<int> columns;
  // index_order[k]: which key value (in foreign key order) is the k-th
  // column of the index.
  std::vector<int> index_order;
};

// Locates the parent key of `fk` (a key of `child`) in `parent`, or the
// error sqlite3 gives: `foreign key mismatch - "c" referencing "p"` when
// the columns are not a PRIMARY KEY or UNIQUE key of the parent (with the
// columns' own collations) or the column counts differ.
Result<ParentKey> LocateParentKey(const TableSchema& child, const ForeignKeyDef& fk, const TableSchema& parent);

// "ON DELETE" text of an action for PRAGMA foreign_key_list: "NO ACTION",
// "CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT".
const char* ForeignKeyActionName(ForeignKeyAction a);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CATALOG_FOREIGN_KEY_H_

// DumpColumns: which columns `.dump` copies out of a table, and under what
// name it can copy the rowid.
//
// Role: sqlite3 3.40's tableColumnList() reads PRAGMA table_info (and, for
// --preserve-rowids, pragma_index_list and sqlite3_table_column_metadata).
// The engine reaches the shell only through include/sluice/database.h, so
// the same facts are taken from the table's CREATE TABLE text as stored in
// sqlite_schema, parsed with the SQL front end (sluice_sql_parser):
//   - the columns are the declared ones in order, without generated
//     columns (PRAGMA table_info leaves those out, and an INSERT may not
//     name them);
//   - with --preserve-rowids, a rowid table whose rowid is not an alias
//     (no INTEGER PRIMARY KEY; `INTEGER PRIMARY KEY DESC` on the column is
//     not an alias, `PRIMARY KEY(x DESC)` is) gets the first of rowid,
//     _rowid_, oid that no column is called (case-insensitively), or
//     nothing when all three are taken. WITHOUT ROWID tables never get one.
#ifndef SLUICE_SHELL_DUMP_COLUMNS_H_
#define SLUICE_SHELL_DUMP_COLUMNS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::shell {

struct DumpColumns {
  std::vector<std::string> names;  // as declared (unquoted), in order
  std::string rowid;               // empty: no rowid column in the dump
};

// The columns of the table created by `create_table_sql`. Returns nullopt
// when the text is not a CREATE TABLE with a column list that the parser
// accepts (the caller then falls back to the columns of SELECT *).
std::optional<DumpColumns> DumpColumnsOf(std::string_view create_table_sql, bool preserve_rowids);

// sqlite3's INSERT target and SELECT for one table of the dump:
//   INSERT INTO <name>[(<rowid>,<col>,...)]      (names quoted when needed)
//   SELECT [<rowid>,]<col>,... FROM <name>
// The column list after the INSERT target is written only with a rowid.
std::string DumpInsertTarget(std::string_view table, const DumpColumns& columns);
std::string DumpSelect(std::string_view table, const DumpColumns& columns);

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_DUMP_COLUMNS_H_

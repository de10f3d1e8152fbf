// DumpColumns: which columns `.dump` copies out of a table, and under what
// name it can copy the rowid.
//
// Role: sqlite3 3.40's tableColumnList(), computed from what it reads (the
// shell runs the queries, dump_command.cc):
//   - PRAGMA table_info: the columns in order (generated columns are not
//     listed, and an INSERT may not name them), and the PRIMARY KEY;
//   - with --preserve-rowids, when the PRIMARY KEY is one column of type
//     INTEGER it may be the rowid: PRAGMA index_list says it is not when
//     it lists an index of origin 'pk' (INTEGER PRIMARY KEY DESC, WITHOUT
//     ROWID);
//   - the rowid then gets the first of rowid, _rowid_, oid that no column
//     is called (case-insensitively); if that one is no name of the rowid
//     (a WITHOUT ROWID table: PRAGMA table_list's wr), or all three are
//     taken, nothing.
#ifndef SLUICE_SHELL_DUMP_COLUMNS_H_
#define SLUICE_SHELL_DUMP_COLUMNS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::shell {

struct DumpColumns {
  std::vector<std::string> names;  // as declared (unquoted), in order
  std::string rowid;               // empty: no rowid column in the dump
};

// One row of PRAGMA table_info (the columns tableColumnList uses).
struct TableInfoColumn {
  std::string name;
  std::string type;  // as declared
  int64_t pk = 0;    // place in the PRIMARY KEY, 0 outside it
};

// The columns of a table whose PRAGMA table_info rows are `columns`.
// `has_pk_index`: PRAGMA index_list has a row of origin 'pk';
// `without_rowid`: the table is WITHOUT ROWID (both are looked at only
// with `preserve_rowids`).
DumpColumns DumpColumnsFrom(const std::vector<TableInfoColumn>& columns, bool preserve_rowids, bool has_pk_index,
                            bool without_rowid);

// sqlite3's INSERT target and SELECT for one table of the dump:
//   INSERT INTO <name>[(<rowid>,<col>,...)]      (names quoted when needed)
//   SELECT [<rowid>,]<col>,... FROM <name>
// The column list after the INSERT target is written only with a rowid.
std::string DumpInsertTarget(std::string_view table, const DumpColumns& columns);
std::string DumpSelect(std::string_view table, const DumpColumns& columns);

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_DUMP_COLUMNS_H_

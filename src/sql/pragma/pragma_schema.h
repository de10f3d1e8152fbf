// The schema PRAGMAs with sqlite3 3.40's columns and values (what its
// shell's .dump and ORMs read), as rows functions for pragma_table.h:
//
//   table_info(T)   cid|name|type|notnull|dflt_value|pk: the declared
//                   columns in order, without generated ones (cid counts
//                   the columns shown); type as declared; notnull 1 for NOT
//                   NULL (and the PRIMARY KEY columns of a WITHOUT ROWID
//                   table); dflt_value the DEFAULT's text as written (NULL
//                   without one); pk the column's 1-based place in the
//                   PRIMARY KEY, 0 outside it. A view's columns have the
//                   declared types of what they select, nothing else.
//   table_xinfo(T)  the same with every column and `hidden`: 0, or 2 for a
//                   VIRTUAL and 3 for a STORED generated column.
//   index_list(T)   seq|name|unique|origin|partial: T's indexes, the most
//                   recent first; origin "c" (CREATE INDEX), "u" (UNIQUE
//                   constraint) or "pk" (PRIMARY KEY that is not the rowid).
//   index_info(I)   seqno|cid|name: the key columns of index I (cid -2 and
//                   name NULL for an expression); I may also name a WITHOUT
//                   ROWID table (its PRIMARY KEY index).
//   index_xinfo(I)  seqno|cid|name|desc|coll|key: the key columns (key 1),
//                   then what the index stores besides: the rowid (cid -1)
//                   or, in a WITHOUT ROWID table, the PRIMARY KEY columns
//                   (the other columns for the PRIMARY KEY index); coll the
//                   key column's collation as written (BINARY by default,
//                   and for the columns after the key).
//   table_list[(T)] schema|name|type|ncol|wr|strict: T, or every table and
//                   view (the most recent first, as sqlite3 lists up to ten
//                   of them; its hash order beyond that is not reproduced)
//                   and then sqlite_schema and temp's sqlite_temp_schema.
//
// An unknown T or I (or none where one is needed) gives no rows, as in
// sqlite3. A table's facts come from the CREATE TABLE it was made by (its
// create_ast); a table made by CREATE TABLE ... AS SELECT has only its
// column names and types.
#ifndef SLUICE_SQL_PRAGMA_PRAGMA_SCHEMA_H_
#define SLUICE_SQL_PRAGMA_PRAGMA_SCHEMA_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/catalog/catalog.h"
#include "sql/pragma/pragma_table.h"

namespace sluice::sql {

PragmaRowSet TableInfoRows(const PragmaContext& ctx, const std::optional<std::string>& arg);
PragmaRowSet TableXinfoRows(const PragmaContext& ctx, const std::optional<std::string>& arg);
PragmaRowSet IndexListRows(const PragmaContext& ctx, const std::optional<std::string>& arg);
PragmaRowSet TableListRows(const PragmaContext& ctx, const std::optional<std::string>& arg);
PragmaRowSet IndexInfoRows(const PragmaContext& ctx, const std::optional<std::string>& arg);   // pragma_index_info.cc
PragmaRowSet IndexXinfoRows(const PragmaContext& ctx, const std::optional<std::string>& arg);  // pragma_index_info.cc

// Shared with pragma_index_info.cc.
// The CREATE TABLE that made `t` with its column list, or null (CREATE
// TABLE ... AS SELECT, tables without an AST).
const CreateTableStatement* CreateOf(const Table& t);
bool HasConstraint(const ColumnDef& column, ColumnConstraint::Kind kind);
// The column a PRIMARY KEY(...) or index term names (under any COLLATE),
// or "" for an expression.
std::string_view TermColumn(const IndexedColumn& term);
// The PRIMARY KEY's columns (positions in create.columns), in key order.
std::vector<int> PrimaryKeyColumns(const CreateTableStatement& create);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_PRAGMA_PRAGMA_SCHEMA_H_

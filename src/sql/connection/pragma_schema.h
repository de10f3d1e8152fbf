// The schema PRAGMAs: table_info(T), index_list(T) and table_list(T), with
// sqlite3 3.40's columns and values (what its shell's .dump reads).
//
//   table_info(T)  cid|name|type|notnull|dflt_value|pk: the declared
//                  columns in order, without generated ones (cid counts
//                  the columns shown); type as declared; notnull 1 for NOT
//                  NULL (and the PRIMARY KEY columns of a WITHOUT ROWID
//                  table); dflt_value the DEFAULT's text as written (NULL
//                  without one); pk the column's 1-based place in the
//                  PRIMARY KEY, 0 outside it.
//   index_list(T)  seq|name|unique|origin|partial: T's indexes, the most
//                  recent first; origin "c" (CREATE INDEX), "u" (UNIQUE
//                  constraint) or "pk" (PRIMARY KEY that is not the rowid).
//   table_list(T)  schema|name|type|ncol|wr|strict for table T ("main",
//                  ncol counting generated columns, wr 1 WITHOUT ROWID).
//
// An unknown T (or no argument) gives no rows, as in sqlite3. Not done:
// views (sqlite3 reports their columns), sqlite_schema itself, table_list
// without an argument, index_info/index_xinfo/table_xinfo.
#ifndef SLUICE_SQL_CONNECTION_PRAGMA_SCHEMA_H_
#define SLUICE_SQL_CONNECTION_PRAGMA_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/catalog/catalog.h"

namespace sluice::sql {

// `name` in lower case.
bool IsSchemaPragma(std::string_view name);
// REQUIRES: IsSchemaPragma(name).
std::vector<std::string> SchemaPragmaColumns(std::string_view name);
// REQUIRES: IsSchemaPragma(lower case p.name). One vector per row.
std::vector<std::vector<Value>> SchemaPragmaRows(const Catalog& catalog, const PragmaStatement& p);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_PRAGMA_SCHEMA_H_

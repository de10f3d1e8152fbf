// The PRAGMAs that are answered from the schema alone, each as a table:
// its column names and a function making its rows. Both forms read them —
// the statement `PRAGMA name[(arg)]` (sql/connection) and the table-valued
// function `pragma_name[(arg[, schema])]` in FROM (sql/binder), which for
// a pragma that takes an argument has the hidden columns `arg` and (but
// for table_list) `schema` besides, as in sqlite3.
//
// To add a pragma, give it a row in the table of pragma_table.cc (its rows
// function may live in a file of its own).
#ifndef SLUICE_SQL_PRAGMA_PRAGMA_TABLE_H_
#define SLUICE_SQL_PRAGMA_PRAGMA_TABLE_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/result.h"
#include "sql/catalog/catalog.h"
#include "sql/value/value.h"

namespace sluice::sql {

// A view's result columns: name and declared type ("" for an expression).
struct ViewColumn {
  std::string name;
  std::string type;
};

// What a pragma's rows are made from. `view_columns` binds a view (the
// caller owns a binder); an error (a view over a dropped table) leaves the
// view out.
struct PragmaContext {
  const Catalog& catalog;
  std::function<Result<std::vector<ViewColumn>>(const ViewInfo&)> view_columns;
};

using PragmaRowSet = std::vector<std::vector<Value>>;
// `arg`: the argument as written (quotes removed), nullopt without one.
using PragmaRowsFunction = PragmaRowSet (*)(const PragmaContext& ctx, const std::optional<std::string>& arg);

struct PragmaTableDef {
  std::string_view name;  // lower case, without "pragma_"
  std::vector<std::string> columns;
  bool takes_arg;  // PRAGMA name(arg); the table form has a hidden `arg` column
  // The table form takes a schema after the argument, in a hidden `schema`
  // column (all but table_list, as in sqlite3).
  bool takes_schema;
  PragmaRowsFunction rows;
};

// The definition of `name` (any case), or null.
const PragmaTableDef* FindPragmaTable(std::string_view name);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_PRAGMA_PRAGMA_TABLE_H_

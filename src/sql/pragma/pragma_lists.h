// The PRAGMAs that list what this build and database have, as rows
// functions for pragma_table.h:
//
//   user_version, application_id  the database's two integers (Catalog).
//   collation_list   seq|name: RTRIM, NOCASE, BINARY (sqlite3's order; its
//                    shell adds the decimal and uint collations, which
//                    sluice does not have).
//   function_list    name|builtin|type|enc|narg|flags: sluice's functions
//                    (FunctionRegistry), one row per argument count (-1:
//                    any), type s (scalar) or w (aggregate: sqlite3's
//                    aggregates are window functions too), enc utf8, flags
//                    SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC as sqlite3
//                    reports them; ordered by name and narg (sqlite3 lists
//                    them in its hash order).
//   compile_options  the limits and choices sluice is built with, in
//                    sqlite3's words (COMPILER=..., MAX_LENGTH=...).
#ifndef SLUICE_SQL_PRAGMA_PRAGMA_LISTS_H_
#define SLUICE_SQL_PRAGMA_PRAGMA_LISTS_H_

#include <optional>
#include <string>

#include "sql/pragma/pragma_table.h"

namespace sluice::sql {

PragmaRowSet UserVersionRows(const PragmaContext& ctx, const std::optional<std::string>& arg);
PragmaRowSet ApplicationIdRows(const PragmaContext& ctx, const std::optional<std::string>& arg);
PragmaRowSet CollationListRows(const PragmaContext& ctx, const std::optional<std::string>& arg);
PragmaRowSet FunctionListRows(const PragmaContext& ctx, const std::optional<std::string>& arg);
PragmaRowSet CompileOptionsRows(const PragmaContext& ctx, const std::optional<std::string>& arg);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_PRAGMA_PRAGMA_LISTS_H_

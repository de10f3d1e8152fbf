// Schema-qualified names (schema.name) in statements, checked before a
// statement binds (schema_names.cc).
#ifndef SLUICE_SQL_CONNECTION_SCHEMA_NAMES_H_
#define SLUICE_SQL_CONNECTION_SCHEMA_NAMES_H_

#include <cstdint>

#include "sluice/status.h"
#include "sql/ast/statement.h"

namespace sluice::sql {

// A statement runs in one database (an ATTACHed one's qualifiers are
// removed when Prepare routes the statement to it, attach.h) and there
// are no `temp` objects (TEMP tables, views and triggers are refused). So
// here a schema-qualified name must say main, or it names nothing, with
// sqlite3's errors: CREATE, PRAGMA, REINDEX and ANALYZE in another schema are
// "unknown database X" (*error_offset at X); INSERT/UPDATE/DELETE and DROP
// of X.t are "no such table: X.t" (view, index, trigger), and DROP ... IF
// EXISTS X.t is OK (DropNamesNothing then tells the run to do nothing);
// CREATE TEMP ... and CREATE ... temp.x are refused ("TEMP tables, views
// and triggers are not supported"). Names in queries (FROM, column
// references) are the binder's ("no such table: X.t").
Status CheckSchemaNames(const Statement& s, int64_t* error_offset);

// DROP [IF EXISTS] X.name with X not main: it drops nothing.
bool DropNamesNothing(const DropStatement& d);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_SCHEMA_NAMES_H_

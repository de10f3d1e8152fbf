// Schema-qualified names (schema.name) in statements, checked before a
// statement binds (schema_names.cc).
#ifndef SLUICE_SQL_CONNECTION_SCHEMA_NAMES_H_
#define SLUICE_SQL_CONNECTION_SCHEMA_NAMES_H_

#include <cstdint>

#include "sluice/status.h"
#include "sql/ast/statement.h"
#include "sql/catalog/catalog.h"

namespace sluice::sql {

// A statement runs in one database (an ATTACHed one's qualifiers are
// removed when Prepare routes the statement to it, attach.h); `temp`
// names the TEMP schema, whose objects live in main's catalog (flagged
// temp, catalog.h). So here a schema-qualified name must say main or temp
// and name an object of that schema, with sqlite3's errors: CREATE,
// PRAGMA, REINDEX and ANALYZE in another schema are "unknown database X"
// (*error_offset at X); INSERT/UPDATE/DELETE and DROP of X.t are "no such
// table: X.t" (view, index, trigger), and DROP ... IF EXISTS X.t is OK
// (DropNamesNothing then tells the run to do nothing); CREATE TEMP ...
// main.x is "temporary table name must be unqualified". A TEMP object may
// not take the name of a main one, nor the reverse (refused: the catalog
// holds one object per name). Names in queries (FROM, column references)
// are the binder's ("no such table: X.t").
Status CheckSchemaNames(const Catalog& catalog, const Statement& s, int64_t* error_offset);

// DROP [IF EXISTS] X.name where X.name is not an object: it drops nothing.
bool DropNamesNothing(const Catalog& catalog, const DropStatement& d);

// Whether CREATE statement `s` makes a TEMP object: CREATE TEMP, CREATE
// ... temp.x, a trigger on a TEMP table, an index on a TEMP table.
bool CreatesTemp(const Catalog& catalog, const Statement& s);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_SCHEMA_NAMES_H_

// The PragmaContext (sql/pragma/pragma_table.h) of a catalog: its views'
// columns come from binding each view's SELECT, as sqlite3 reports them
// (names, and the declared types of the columns they select).
#ifndef SLUICE_SQL_BINDER_PRAGMA_CONTEXT_H_
#define SLUICE_SQL_BINDER_PRAGMA_CONTEXT_H_

#include "sql/catalog/catalog.h"
#include "sql/pragma/pragma_table.h"

namespace sluice::sql {

// REQUIRES: `catalog` outlives the context.
PragmaContext MakePragmaContext(const Catalog& catalog);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_BINDER_PRAGMA_CONTEXT_H_

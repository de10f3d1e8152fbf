// Partial indexes (CREATE INDEX ... WHERE expr): the IndexFilter
// (catalog/table_schema.h) that evaluates the WHERE over a row, bound
// against the indexed table as sqlite3 binds it — the table's columns
// only, no subqueries, parameters or non-deterministic functions
// ("... prohibited in partial index WHERE clauses").
#ifndef SLUICE_SQL_CONNECTION_PARTIAL_INDEX_H_
#define SLUICE_SQL_CONNECTION_PARTIAL_INDEX_H_

#include <memory>

#include "sluice/result.h"
#include "sql/ast/statement.h"
#include "sql/catalog/catalog.h"

namespace sluice::sql {

// The filter of CREATE INDEX `create` (which must have a WHERE) on
// `table`. `create` is kept alive by the filter. *error_offset, when
// given: where a binding error points.
Result<std::shared_ptr<const IndexFilter>> MakeIndexFilter(const Catalog& catalog, const TableSchema& table,
                                                           std::shared_ptr<const Statement> create,
                                                           int64_t* error_offset = nullptr);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_PARTIAL_INDEX_H_

// The expressions of an index: a partial index's WHERE (IndexFilter) and
// indexed expressions (IndexKeyExpr), both in catalog/table_schema.h,
// bound against the indexed table as sqlite3 binds them — the table's
// columns only, no subqueries, parameters or non-deterministic functions
// ("... prohibited in partial index WHERE clauses" / "... in index
// expressions") — and evaluated per row.
#ifndef SLUICE_SQL_CONNECTION_INDEX_EXPRESSIONS_H_
#define SLUICE_SQL_CONNECTION_INDEX_EXPRESSIONS_H_

#include <memory>

#include "sluice/result.h"
#include "sql/ast/statement.h"
#include "sql/catalog/catalog.h"

namespace sluice::sql {

// Sets def->filter from the WHERE of CREATE INDEX `create` on `table`
// (when it has one) and def->key_exprs for the key columns that are
// IndexDef::kExpressionColumn (their expressions are create's columns,
// in order). `create` is kept alive by what is bound. *error_offset, when
// given: where a binding error points.
Status BindIndexExpressions(const Catalog& catalog, const TableSchema& table, std::shared_ptr<const Statement> create,
                            IndexDef* def, int64_t* error_offset = nullptr);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_INDEX_EXPRESSIONS_H_

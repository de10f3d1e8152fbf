// UPDATE ... FROM in the update operator (update.cc): the rows to change
// come from a join, so a target row may match several FROM rows; it is
// updated once, as in sqlite3, with the values computed from the last of
// its matching rows (sqlite3's nested-loop order gives the last one in the
// common case), in the order of its first match.
#ifndef SLUICE_SQL_EXEC_OPS_UPDATE_FROM_H_
#define SLUICE_SQL_EXEC_OPS_UPDATE_FROM_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sql/plan/plan.h"
#include "sql/value/value.h"

namespace sluice::sql {

// The position of the target's rowid `id` in the join's `layout`.
size_t UpdateFromRowidSlot(const std::vector<ColumnId>& layout, ColumnId id);

// Collapses the matched rows (their rowids, and per assignment the values
// computed for each) to one per rowid.
void KeepOneMatchPerRow(std::vector<int64_t>* rowids, std::vector<std::vector<Value>>* values);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_EXEC_OPS_UPDATE_FROM_H_

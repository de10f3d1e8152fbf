// RowRef: one input row as an expression sees it — a position in one or two
// column sets (a join's residual condition reads the probe row and a build
// row as one row: slots below `left_width` come from `left`). Column sets
// are arrays of per-column value pointers (DataChunk/RowStore::column_pointers).
#ifndef SLUICE_SQL_EXEC_ROW_REF_H_
#define SLUICE_SQL_EXEC_ROW_REF_H_

#include <cstddef>

#include "sql/value/value.h"

namespace sluice::sql {

struct RowRef {
  const Value* const* left = nullptr;
  size_t left_row = 0;
  size_t left_width = 0;
  const Value* const* right = nullptr;
  size_t right_row = 0;

  const Value& at(size_t slot) const {
    if (slot < left_width) return left[slot][left_row];
    return right[slot - left_width][right_row];
  }
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_EXEC_ROW_REF_H_

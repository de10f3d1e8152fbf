// ExecCursor's RETURNING (statement_impl.h): INSERT, UPDATE and DELETE
// with a RETURNING clause run to completion on the first Step, as in
// sqlite3, collecting the rows they return (exec/ops/returning.h); that
// Step and the following ones then hand the rows out one at a time. A
// statement that fails returns none.
#include "sql/connection/statement_impl.h"

namespace sluice::sql {

Result<bool> ExecCursor::StartReturned() {
  returning_ = true;
  chunk_.Reset(names_.size());
  for (std::vector<Value>& row : returned_) {
    for (size_t c = 0; c < row.size() && c < names_.size(); ++c) chunk_.column(c).push_back(std::move(row[c]));
  }
  chunk_.SetSize(returned_.size());
  returned_.clear();
  row_ = 0;
  return row_ < chunk_.size();
}

Result<bool> ExecCursor::NextReturned() {
  if (row_ >= chunk_.size()) return false;
  ++row_;
  return row_ < chunk_.size();
}

}  // namespace sluice::sql

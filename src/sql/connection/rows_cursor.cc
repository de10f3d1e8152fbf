// RowsCursor (statement_impl.h): a PRAGMA that returns rows. The first Step
// applies the PRAGMA and makes all its rows (PragmaRows, pragmas.cc); each
// Step hands out the next one.
#include "sql/connection/connection_internal.h"
#include "sql/connection/foreign_keys.h"
#include "sql/connection/statement_impl.h"

namespace sluice::sql {

Status RowsCursor::Prepare() {
  names_ = PragmaColumnNames(ast_->As<PragmaStatement>());
  return CheckForeignKeyPragma(*db_, ast_->As<PragmaStatement>());
}

Result<bool> RowsCursor::Step() {
  if (finished_) return false;
  if (!started_) {
    started_ = true;
    SLUICE_ASSIGN_OR_RETURN(std::vector<std::vector<Value>> rows, PragmaRows(*db_, ast_->As<PragmaStatement>()));
    chunk_.Reset(names_.size());
    for (auto& row : rows) {
      for (size_t c = 0; c < row.size() && c < names_.size(); ++c) chunk_.column(c).push_back(std::move(row[c]));
    }
    chunk_.SetSize(rows.size());
    row_ = 0;
  } else {
    ++row_;
  }
  if (row_ >= chunk_.size()) {
    finished_ = true;
    return false;
  }
  return true;
}

}  // namespace sluice::sql

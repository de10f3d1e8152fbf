// AUTOINCREMENT bookkeeping of one INSERT statement: the table's counter in
// sqlite_sequence(name, seq), as SQLite keeps it. The counter is read when
// the statement starts (the first row whose name is the table's; none: 0,
// a non-integer seq counts as CAST(seq AS INTEGER)), raised to every rowid
// the statement gives a row (explicit ones too, even for rows a conflict
// clause then skips), and written back when the statement succeeds (that
// row updated, or a new row appended), even when it inserted nothing.
// A row without a rowid gets max(largest rowid, counter) + 1, so rowids of
// deleted rows are never reused; past INT64_MAX the insert fails with
// SQLITE_FULL, as sqlite3.
#ifndef SLUICE_SQL_EXEC_OPS_AUTOINCREMENT_H_
#define SLUICE_SQL_EXEC_OPS_AUTOINCREMENT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sluice/result.h"
#include "sql/catalog/table.h"
#include "sql/exec/ops/table_write.h"

namespace sluice::sql {

// The name of SQLite's AUTOINCREMENT counter table.
inline constexpr const char* kSequenceTable = "sqlite_sequence";

class AutoincrementCounter {
 public:
  // Reads the counter of `table` from sqlite_sequence through `tables`.
  // REQUIRES: table.autoincrement.
  static Result<AutoincrementCounter> Start(TableWriteAccess* tables, const Table& table);

  // The rowid of a row inserted without one into `data`; counts it.
  Result<int64_t> NextRowid(const TableData& data);
  // A rowid given explicitly.
  void Note(int64_t rowid) {
    if (rowid > seq_) seq_ = rowid;
  }
  // Writes the counter back to sqlite_sequence.
  Status Finish(TableWriteAccess* tables);

 private:
  std::string name_;
  int64_t seq_ = 0;
  int64_t row_ = -1;  // rowid of the table's row in sqlite_sequence, -1: none
};

// Counts the rowid `row` (a row for `t`, before affinity) gives in its
// INTEGER PRIMARY KEY, or, when it gives none, sets *rowid to the
// counter's next one and returns true (pass it to InsertRow).
Result<bool> AutoincrementRowid(const Table& t, AutoincrementCounter* counter, const std::vector<Value>& row,
                                Value* rowid);

// The rowid of the first sqlite_sequence row named `name`, -1 if none.
int64_t FindSequenceRow(const Table& sequence, const std::string& name);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_EXEC_OPS_AUTOINCREMENT_H_

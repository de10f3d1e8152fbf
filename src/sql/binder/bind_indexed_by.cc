// INDEXED BY checks, as sqlite3IndexedByLookup(): the index named must be
// one of the table's (an explicit index or a constraint's automatic one),
// else the statement fails with "no such index: name". The planner picks
// its access paths itself, so a named index that exists changes nothing
// in the results (sqlite3 3.40 can use any index of the table for a scan,
// so it never refuses one that exists either). NOT INDEXED needs no check.
#include "sql/binder/binder_internal.h"

namespace sluice::sql {

Status CheckIndexedBy(const Table* table, const std::string& index) {
  if (index.empty() || table == nullptr) return Status::OK();
  for (const IndexDef& idx : table->indexes) {
    if (NameEqualsNoCase(idx.name, index)) return Status::OK();
  }
  return Status::InvalidArgument("no such index: " + index);
}

}  // namespace sluice::sql

// UPSERT's DO NOTHING conflict test (see upsert.h).
#include "sql/exec/ops/upsert.h"

#include "sql/catalog/index.h"

namespace sluice::sql {

bool UpsertConflicts(const Table& t, const std::vector<int>& constraints, const std::vector<Value>& row,
                     int64_t rowid) {
  for (int c : constraints) {
    if (c < 0) {
      if (t.data.FindRowid(rowid) >= 0) return true;
      continue;
    }
    const IndexDef& idx = t.indexes[static_cast<size_t>(c)];
    std::vector<Value> key;
    bool has_null = false;
    for (int col : idx.columns) {
      has_null |= row[static_cast<size_t>(col)].is_null();
      key.push_back(row[static_cast<size_t>(col)]);
    }
    if (has_null) continue;  // NULLs are distinct in UNIQUE
    if (!t.Index(static_cast<size_t>(c)).Lookup(key).empty()) return true;
  }
  return false;
}

}  // namespace sluice::sql

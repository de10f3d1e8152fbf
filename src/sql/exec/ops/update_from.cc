// UPDATE ... FROM: one update per target row (see update_from.h).
#include "sql/exec/ops/update_from.h"

#include <unordered_map>

#include "base/check.h"

namespace sluice::sql {

size_t UpdateFromRowidSlot(const std::vector<ColumnId>& layout, ColumnId id) {
  for (size_t i = 0; i < layout.size(); ++i) {
    if (layout[i] == id) return i;
  }
  SLUICE_CHECK(false);  // the binder puts the target's rowid in the join
  return layout.size() - 1;
}

void KeepOneMatchPerRow(std::vector<int64_t>* rowids, std::vector<std::vector<Value>>* values) {
  std::unordered_map<int64_t, size_t> last;  // rowid -> its last match
  for (size_t r = 0; r < rowids->size(); ++r) last[(*rowids)[r]] = r;
  if (last.size() == rowids->size()) return;
  std::vector<int64_t> kept_rowids;
  std::vector<std::vector<Value>> kept(values->size());
  for (size_t r = 0; r < rowids->size(); ++r) {
    auto it = last.find((*rowids)[r]);
    if (it == last.end()) continue;  // kept already, at its first match
    for (size_t a = 0; a < values->size(); ++a) kept[a].push_back(std::move((*values)[a][it->second]));
    kept_rowids.push_back(it->first);
    last.erase(it);
  }
  *rowids = std::move(kept_rowids);
  *values = std::move(kept);
}

}  // namespace sluice::sql

// HashIndex: hash of the key columns -> row positions (see index.h).
#include "sql/catalog/index.h"

#include "sql/value/value_hash.h"

namespace sluice::sql {

HashIndex::HashIndex(const TableData& rows, const IndexDef& def) : rows_(rows), def_(def) {
  std::vector<Value> key(def.columns.size());
  for (size_t pos = 0; pos < rows.row_count(); ++pos) {
    bool has_null = false;
    for (size_t k = 0; k < def.columns.size(); ++k) {
      key[k] = rows.value(static_cast<size_t>(def.columns[k]), pos);
      has_null |= key[k].is_null();
    }
    if (has_null) continue;
    std::vector<uint32_t>& bucket = map_[HashKey(key)];
    if (def.unique && !has_duplicate_) {
      for (uint32_t other : bucket) {
        if (KeyEquals(other, key)) {
          has_duplicate_ = true;
          break;
        }
      }
    }
    bucket.push_back(static_cast<uint32_t>(pos));
  }
}

uint64_t HashIndex::HashKey(std::span<const Value> key) const {
  uint64_t h = 0x12345;
  for (size_t k = 0; k < key.size(); ++k) h = h * 31 + HashValue(key[k], def_.collations[k]);
  return h;
}

bool HashIndex::KeyEquals(uint32_t pos, std::span<const Value> key) const {
  for (size_t k = 0; k < key.size(); ++k) {
    if (CompareValues(rows_.value(static_cast<size_t>(def_.columns[k]), pos), key[k], def_.collations[k]) != 0)
      return false;
  }
  return true;
}

std::vector<uint32_t> HashIndex::Lookup(std::span<const Value> key) const {
  std::vector<uint32_t> out;
  for (const Value& v : key) {
    if (v.is_null()) return out;
  }
  auto it = map_.find(HashKey(key));
  if (it == map_.end()) return out;
  for (uint32_t pos : it->second) {
    if (KeyEquals(pos, key)) out.push_back(pos);
  }
  return out;
}

}  // namespace sluice::sql

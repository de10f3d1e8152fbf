// KeyTable (key_table.h): linear probing over {hash tag, id} slots.
#include "sql/exec/key_table.h"

#include "sql/value/value_hash.h"

namespace sluice::sql {

namespace {

inline uint64_t HashOne(const Value& v, Collation collation) {
  if (v.is_integer()) return HashInt64(v.integer());
  return HashValue(v, collation);
}

inline bool KeyValuesEqual(const Value& a, const Value& b, Collation collation) {
  if (a.is_integer() && b.is_integer()) return a.integer() == b.integer();
  if (collation == Collation::kBinary && a.is_text() && b.is_text()) return a.bytes() == b.bytes();
  return CompareValues(a, b, collation) == 0;
}

}  // namespace

KeyTable::KeyTable(std::vector<Collation> collations) : collations_(std::move(collations)), keys_(collations_.size()) {
  slots_.assign(16, Slot{0, 0});
  mask_ = slots_.size() - 1;
}

void KeyTable::Hash(const ColumnView* keys, size_t n, uint64_t* hashes) const {
  if (collations_.empty()) {
    for (size_t i = 0; i < n; ++i) hashes[i] = 0;
    return;
  }
  const ColumnView& first = keys[0];
  Collation c0 = collations_[0];
  for (size_t i = 0; i < n; ++i) hashes[i] = HashOne(first[i], c0);
  for (size_t k = 1; k < collations_.size(); ++k) {
    for (size_t i = 0; i < n; ++i) {
      hashes[i] = (hashes[i] ^ (hashes[i] >> 29)) * 0x9e3779b97f4a7c15ULL + HashOne(keys[k][i], collations_[k]);
    }
  }
}

bool KeyTable::Equal(uint32_t id, const ColumnView* keys, size_t row) const {
  for (size_t k = 0; k < collations_.size(); ++k) {
    if (!KeyValuesEqual(keys_[k][id], keys[k][row], collations_[k])) return false;
  }
  return true;
}

uint32_t KeyTable::FindOrInsert(const ColumnView* keys, size_t row, uint64_t h, bool* inserted) {
  uint32_t tag = static_cast<uint32_t>(h >> 32);
  for (uint64_t pos = h & mask_;; pos = (pos + 1) & mask_) {
    Slot& s = slots_[pos];
    if (s.id == 0) {
      uint32_t id = static_cast<uint32_t>(hashes_.size());
      s = Slot{tag, id + 1};
      hashes_.push_back(h);
      for (size_t k = 0; k < collations_.size(); ++k) keys_[k].push_back(keys[k][row].Owned());
      *inserted = true;
      if (hashes_.size() * 2 > slots_.size()) Grow();
      return id;
    }
    if (s.tag == tag && Equal(s.id - 1, keys, row)) {
      *inserted = false;
      return s.id - 1;
    }
  }
}

int64_t KeyTable::Find(const ColumnView* keys, size_t row, uint64_t h) const {
  uint32_t tag = static_cast<uint32_t>(h >> 32);
  for (uint64_t pos = h & mask_;; pos = (pos + 1) & mask_) {
    const Slot& s = slots_[pos];
    if (s.id == 0) return -1;
    if (s.tag == tag && Equal(s.id - 1, keys, row)) return s.id - 1;
  }
}

void KeyTable::Grow() {
  std::vector<Slot> bigger(slots_.size() * 2, Slot{0, 0});
  uint64_t mask = bigger.size() - 1;
  for (uint32_t id = 0; id < hashes_.size(); ++id) {
    uint64_t h = hashes_[id];
    uint64_t pos = h & mask;
    while (bigger[pos].id != 0) pos = (pos + 1) & mask;
    bigger[pos] = Slot{static_cast<uint32_t>(h >> 32), id + 1};
  }
  slots_ = std::move(bigger);
  mask_ = mask;
}

}  // namespace sluice::sql

// HashIndex: hash of the key columns -> chains of row positions (see index.h).
#include "sql/catalog/index.h"

#include <algorithm>

#include "sql/value/value_hash.h"

namespace sluice::sql {

HashIndex::HashIndex(const TableData& rows, const IndexDef& def) : rows_(rows), def_(def) {
  size_t n = rows.row_count();
  chains_.reserve(n);
  for (size_t pos = 0; pos < n; ++pos) {
    if (rows.is_dead(pos)) continue;
    Add(pos);
    if (def.unique && !has_duplicate_ && HasOtherWithKeyOf(pos)) has_duplicate_ = true;
  }
}

uint64_t HashIndex::HashKey(std::span<const Value> key) const {
  uint64_t h = 0x12345;
  for (size_t k = 0; k < key.size(); ++k) h = h * 31 + HashValue(key[k], def_.collations[k]);
  return h;
}

std::vector<Value> IndexKeyOfRow(const IndexDef& def, const std::vector<Value>& row, int64_t rowid) {
  std::vector<Value> key;
  key.reserve(def.columns.size());
  for (size_t k = 0; k < def.columns.size(); ++k) {
    int c = def.columns[k];
    if (c >= 0) {
      key.push_back(row[static_cast<size_t>(c)]);
    } else {
      key.push_back(def.key_exprs[k]->Eval(row, rowid));
    }
  }
  return key;
}

std::vector<Value> HashIndex::ComputedKey(size_t pos) const {
  std::vector<Value> row(rows_.column_count());
  for (size_t c = 0; c < row.size(); ++c) row[c] = rows_.value(c, pos);
  return IndexKeyOfRow(def_, row, rows_.rowid(pos));
}

bool HashIndex::HashRow(size_t pos, uint64_t* hash) const {
  if (def_.filter != nullptr && !RowCovered(pos)) return false;
  if (!def_.key_exprs.empty()) {
    std::vector<Value> key = ComputedKey(pos);
    for (const Value& v : key) {
      if (v.is_null()) return false;
    }
    *hash = HashKey(key);
    return true;
  }
  uint64_t h = 0x12345;
  for (size_t k = 0; k < def_.columns.size(); ++k) {
    const Value& v = rows_.value(static_cast<size_t>(def_.columns[k]), pos);
    if (v.is_null()) return false;
    h = h * 31 + HashValue(v, def_.collations[k]);
  }
  *hash = h;
  return true;
}

bool HashIndex::KeyEquals(uint32_t pos, std::span<const Value> key) const {
  if (!def_.key_exprs.empty()) {
    std::vector<Value> mine = ComputedKey(pos);
    for (size_t k = 0; k < key.size(); ++k) {
      if (CompareValues(mine[k], key[k], def_.collations[k]) != 0) return false;
    }
    return true;
  }
  for (size_t k = 0; k < key.size(); ++k) {
    if (CompareValues(rows_.value(static_cast<size_t>(def_.columns[k]), pos), key[k], def_.collations[k]) != 0)
      return false;
  }
  return true;
}

bool HashIndex::RowKeysEqual(uint32_t a, uint32_t b) const {
  if (!def_.key_exprs.empty()) {
    std::vector<Value> ka = ComputedKey(a), kb = ComputedKey(b);
    for (size_t k = 0; k < ka.size(); ++k) {
      if (CompareValues(ka[k], kb[k], def_.collations[k]) != 0) return false;
    }
    return true;
  }
  for (size_t k = 0; k < def_.columns.size(); ++k) {
    size_t c = static_cast<size_t>(def_.columns[k]);
    if (CompareValues(rows_.value(c, a), rows_.value(c, b), def_.collations[k]) != 0) return false;
  }
  return true;
}

bool HashIndex::RowCovered(size_t pos) const {
  std::vector<Value> row(rows_.column_count());
  for (size_t c = 0; c < row.size(); ++c) row[c] = rows_.value(c, pos);
  return def_.filter->Covers(row, rows_.rowid(pos));
}

bool HashIndex::Covers(size_t c) const {
  // A partial index's membership and an indexed expression may depend on
  // any column.
  if (def_.filter != nullptr || !def_.key_exprs.empty()) return true;
  return std::find(def_.columns.begin(), def_.columns.end(), static_cast<int>(c)) != def_.columns.end();
}

void HashIndex::Add(size_t pos) {
  if (pos >= member_.size()) {
    size_t n = std::max(pos + 1, rows_.row_count());
    next_.resize(n, kNone);
    prev_.resize(n, kNone);
    member_.resize(n, 0);
  }
  SLUICE_DCHECK_MSG(!member_[pos], "HashIndex::Add of a position already in the index");
  uint64_t h;
  if (!HashRow(pos, &h)) return;
  uint32_t p = static_cast<uint32_t>(pos);
  auto [it, fresh] = chains_.try_emplace(h, Chain{p, p});
  if (fresh) {
    prev_[p] = kNone;
  } else {
    next_[it->second.tail] = p;
    prev_[p] = it->second.tail;
    it->second.tail = p;
  }
  next_[p] = kNone;
  member_[p] = 1;
}

void HashIndex::Remove(size_t pos) {
  if (pos >= member_.size() || !member_[pos]) return;
  uint64_t h;
  bool hashed = HashRow(pos, &h);
  SLUICE_DCHECK_MSG(hashed, "HashIndex::Remove after the row's key changed");
  if (!hashed) return;
  auto it = chains_.find(h);
  SLUICE_DCHECK(it != chains_.end());
  uint32_t p = static_cast<uint32_t>(pos);
  uint32_t before = prev_[p], after = next_[p];
  if (before == kNone) {
    it->second.head = after;
  } else {
    next_[before] = after;
  }
  if (after == kNone) {
    it->second.tail = before;
  } else {
    prev_[after] = before;
  }
  if (it->second.head == kNone) chains_.erase(it);
  next_[p] = prev_[p] = kNone;
  member_[p] = 0;
}

void HashIndex::Renumber(const std::vector<uint32_t>& to, size_t new_count) {
  for (size_t pos = 0; pos < member_.size(); ++pos) {
    if (member_[pos] && (pos >= to.size() || to[pos] == kNone)) Remove(pos);
  }
  auto map = [&](uint32_t p) { return p == kNone ? kNone : to[p]; };
  std::vector<uint32_t> next(new_count, kNone), prev(new_count, kNone);
  std::vector<uint8_t> member(new_count, 0);
  for (size_t pos = 0; pos < member_.size(); ++pos) {
    if (!member_[pos]) continue;
    uint32_t moved = to[pos];
    next[moved] = map(next_[pos]);
    prev[moved] = map(prev_[pos]);
    member[moved] = 1;
  }
  next_ = std::move(next);
  prev_ = std::move(prev);
  member_ = std::move(member);
  for (auto& [hash, chain] : chains_) {
    chain.head = to[chain.head];
    chain.tail = to[chain.tail];
  }
}

std::vector<uint32_t> HashIndex::Lookup(std::span<const Value> key) const {
  std::vector<uint32_t> out;
  for (const Value& v : key) {
    if (v.is_null()) return out;
  }
  auto it = chains_.find(HashKey(key));
  if (it == chains_.end()) return out;
  for (uint32_t pos = it->second.head; pos != kNone; pos = next_[pos]) {
    if (KeyEquals(pos, key)) out.push_back(pos);
  }
  return out;
}

bool HashIndex::HasOtherWithKeyOf(size_t pos) const {
  uint64_t h;
  if (!HashRow(pos, &h)) return false;
  auto it = chains_.find(h);
  if (it == chains_.end()) return false;
  for (uint32_t other = it->second.head; other != kNone; other = next_[other]) {
    if (other != pos && RowKeysEqual(other, static_cast<uint32_t>(pos))) return true;
  }
  return false;
}

}  // namespace sluice::sql

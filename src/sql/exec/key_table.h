// KeyTable: an open-addressing hash table that numbers composite keys —
// one Value per key column — densely (0, 1, 2, ... in first-seen order).
// It is the lookup structure of hash aggregation (groups), of DISTINCT
// aggregates (group id + value) and of duplicate elimination.
//
// Equality is SQLite's grouping equality: CompareValues() == 0 under each
// column's collation, with NULL equal to NULL (value_hash.h hashes
// consistently with it). Keys are stored as owning copies, column by
// column, so callers may look up with Values borrowed from a batch.
//
// Cost: one probe of an 8-byte slot array (part of the hash is kept in the
// slot, so most mismatches never touch the stored keys); the table doubles
// at half load. Not thread-safe; parallel workers each keep their own.
#ifndef SLUICE_SQL_EXEC_KEY_TABLE_H_
#define SLUICE_SQL_EXEC_KEY_TABLE_H_

#include <cstdint>
#include <vector>

#include "sql/exec/expr_eval.h"
#include "sql/value/compare.h"
#include "sql/value/value.h"

namespace sluice::sql {

class KeyTable {
 public:
  explicit KeyTable(std::vector<Collation> collations);

  size_t size() const { return hashes_.size(); }
  size_t key_count() const { return collations_.size(); }
  // The stored keys: column k of key id i is key_column(k)[i].
  const std::vector<Value>& key_column(size_t k) const { return keys_[k]; }
  std::vector<Value>& mutable_key_column(size_t k) { return keys_[k]; }

  // Hashes of `n` rows of the key columns `keys` (one view per key column).
  void Hash(const ColumnView* keys, size_t n, uint64_t* hashes) const;
  // The id of row `row` of `keys` (hash `h`), inserting the key if new;
  // *inserted tells which.
  uint32_t FindOrInsert(const ColumnView* keys, size_t row, uint64_t h, bool* inserted);
  // The id of the key, or -1 when absent.
  int64_t Find(const ColumnView* keys, size_t row, uint64_t h) const;
  // Hints that the slot of hash `h` is probed soon: callers probing a batch
  // of known hashes issue it a few rows ahead, so that the cache misses of
  // a large table overlap instead of queueing one behind the other.
  void Prefetch(uint64_t h) const { __builtin_prefetch(&slots_[h & mask_]); }

 private:
  struct Slot {
    uint32_t tag;  // high bits of the hash
    uint32_t id;   // key id + 1; 0 = empty
  };
  bool Equal(uint32_t id, const ColumnView* keys, size_t row) const;
  void Grow();

  std::vector<Collation> collations_;
  std::vector<std::vector<Value>> keys_;
  std::vector<uint64_t> hashes_;  // per key id
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_EXEC_KEY_TABLE_H_

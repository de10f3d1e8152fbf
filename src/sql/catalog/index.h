// HashIndex: the lookup structure of an index (IndexDef in table_schema.h): from a
// key (the values of the index columns) to the positions of the rows that
// hold it. Keys compare as SQLite's index does: CompareValues under each
// column's collation, 1 == 1.0. Rows with a NULL in the key are kept out
// (they never match `=` and never conflict under UNIQUE), and so are the
// rows a partial index's filter does not cover.
//
// Derived data, kept current as rows change: TableData builds it on first
// use and then updates it row by row — Add for an appended row, Remove and
// Add around a changed key — so an insert or a key update costs O(1)
// expected, not a rebuild. Deletes and re-sorting renumber the positions
// it holds (Renumber); only a change of the indexes themselves drops it.
//
// Layout: a hash map from the key's 64-bit hash to a chain of positions,
// linked through per-position `next_`/`prev_` arrays (O(1) removal; keys
// with equal hashes share a chain and are told apart by KeyEquals).
//
// REQUIRES: every key column of `rows` loaded; `rows` and `def` outlive it.
#ifndef SLUICE_SQL_CATALOG_INDEX_H_
#define SLUICE_SQL_CATALOG_INDEX_H_

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "sql/catalog/table_data.h"

namespace sluice::sql {

// The key of `def` for a row given as values (every column, then the
// rowid): the key columns' values, indexed expressions computed.
std::vector<Value> IndexKeyOfRow(const IndexDef& def, const std::vector<Value>& row, int64_t rowid);

class HashIndex {
 public:
  HashIndex(const TableData& rows, const IndexDef& def);

  // Positions of rows whose key equals `key` (one Value per index column),
  // in no particular order. Empty when the key holds a NULL.
  std::vector<uint32_t> Lookup(std::span<const Value> key) const;
  // True when a row other than `pos` holds row `pos`'s key (false when the
  // key holds a NULL): a UNIQUE conflict of row `pos`.
  bool HasOtherWithKeyOf(size_t pos) const;
  // For a UNIQUE index: true when two rows shared a non-NULL key when the
  // index was built (CREATE UNIQUE INDEX over existing rows).
  bool has_duplicate() const { return has_duplicate_; }
  // True when row `pos` is in the index (a partial index holds only the
  // rows its filter covers; no index holds a row whose key has a NULL).
  bool Contains(size_t pos) const { return pos < member_.size() && member_[pos] != 0; }
  // Row `pos`'s key, indexed expressions computed (IndexKeyOfRow).
  std::vector<Value> ComputedKey(size_t pos) const;
  // True when column `c` is one of the key columns (for a partial index:
  // any column, since its filter may read it).
  bool Covers(size_t c) const;

  // Row `pos`'s current key goes in / out. REQUIRES for Add: `pos` not in
  // the index; for Remove: the row's key columns unchanged since its Add.
  void Add(size_t pos);
  void Remove(size_t pos);
  // Follows rows that move: the row at position p goes to to[p], or is
  // dropped when to[p] == kNone; `new_count` rows remain. O(n) integer
  // work, no key hashed again (deletes and re-sorts keep the index).
  // REQUIRES: called before the rows move; to.size() == the row count.
  void Renumber(const std::vector<uint32_t>& to, size_t new_count);
  static constexpr uint32_t kNone = UINT32_MAX;

 private:
  struct Chain {
    uint32_t head;
    uint32_t tail;
  };

  uint64_t HashKey(std::span<const Value> key) const;
  // The hash of row `pos`'s key; false when the key holds a NULL.
  bool HashRow(size_t pos, uint64_t* hash) const;
  // Partial index: whether its filter covers row `pos`.
  bool RowCovered(size_t pos) const;
  bool KeyEquals(uint32_t pos, std::span<const Value> key) const;
  bool RowKeysEqual(uint32_t a, uint32_t b) const;

  const TableData& rows_;
  const IndexDef& def_;
  std::unordered_map<uint64_t, Chain> chains_;
  std::vector<uint32_t> next_;  // per position; kNone ends a chain
  std::vector<uint32_t> prev_;
  std::vector<uint8_t> member_;  // per position: in a chain (key without NULL)
  bool has_duplicate_ = false;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CATALOG_INDEX_H_

// HashIndex: the lookup structure of an index (IndexDef in table_schema.h): from a
// key (the values of the index columns) to the positions of the rows that
// hold it, in ascending position (= rowid) order. Keys compare as SQLite's
// index does: CompareValues under each column's collation, 1 == 1.0.
// Rows with a NULL in the key are kept out of the map (they never match
// `=` and never conflict under UNIQUE).
//
// Derived data: TableData builds it on demand and drops it on changes.
// REQUIRES: every key column of `rows` loaded.
#ifndef SLUICE_SQL_CATALOG_INDEX_H_
#define SLUICE_SQL_CATALOG_INDEX_H_

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "sql/catalog/table_data.h"

namespace sluice::sql {

class HashIndex {
 public:
  HashIndex(const TableData& rows, const IndexDef& def);

  // Positions of rows whose key equals `key` (one Value per index column).
  // Empty when the key holds a NULL.
  std::vector<uint32_t> Lookup(std::span<const Value> key) const;
  // For a UNIQUE index: true when two rows share a non-NULL key.
  bool has_duplicate() const { return has_duplicate_; }

 private:
  uint64_t HashKey(std::span<const Value> key) const;
  bool KeyEquals(uint32_t pos, std::span<const Value> key) const;

  const TableData& rows_;
  const IndexDef& def_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> map_;
  bool has_duplicate_ = false;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CATALOG_INDEX_H_

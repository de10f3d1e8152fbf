// DataChunk: the batch operators exchange — up to kChunkSize rows stored
// column by column. Each column is a run of Values (the dynamic-typing
// representation; the kernels of vector_eval.cc specialise on the storage
// class of each element). A column either owns its Values (column(c), a
// vector the producing operator fills) or references Values owned by
// someone else (Reference(): a table scan points at the table's own column
// storage, so scanning copies nothing).
//
// Lifetime of referenced columns: a chunk an operator returns from Next()
// is valid until the next call of that operator's Next(); so referenced
// Values must stay unchanged until then. A projection references its
// input chunk's columns (replaced only on its own next pull); a scan
// references table storage, which no statement changes while reading it (a
// statement that changes a table reads its input first and writes a copy
// or appends after it). Anything kept longer is copied (RowStore::Append,
// Materialize, Value::Owned).
#ifndef SLUICE_SQL_EXEC_DATA_CHUNK_H_
#define SLUICE_SQL_EXEC_DATA_CHUNK_H_

#include <cstddef>
#include <vector>

#include "sql/value/value.h"

namespace sluice::sql {

inline constexpr size_t kChunkSize = 2048;

class DataChunk {
 public:
  DataChunk() = default;
  explicit DataChunk(size_t column_count) { Reset(column_count); }

  // Empties the chunk and gives it `column_count` owned, empty columns.
  void Reset(size_t column_count) {
    columns_.resize(column_count);
    for (auto& c : columns_) c.clear();
    external_.assign(column_count, nullptr);
    size_ = 0;
  }
  size_t size() const { return size_; }
  size_t column_count() const { return columns_.size(); }
  bool empty() const { return size_ == 0; }
  bool full() const { return size_ >= kChunkSize; }

  // The values of column c (size() of them).
  const Value* data(size_t c) const { return external_[c] != nullptr ? external_[c] : columns_[c].data(); }
  const Value& at(size_t c, size_t row) const { return data(c)[row]; }
  // Writable storage of column c. REQUIRES: column c is not referenced.
  std::vector<Value>& column(size_t c) { return columns_[c]; }
  // Makes column c show `values[0, size())`, owned elsewhere (see above).
  void Reference(size_t c, const Value* values) {
    columns_[c].clear();
    external_[c] = values;
  }
  bool is_referenced(size_t c) const { return external_[c] != nullptr; }
  // Replaces referenced columns by owning copies (borrowed bytes included),
  // so the chunk no longer depends on anyone else's storage.
  void Materialize() {
    for (size_t c = 0; c < columns_.size(); ++c) {
      if (external_[c] != nullptr) {
        columns_[c].assign(external_[c], external_[c] + size_);
        external_[c] = nullptr;
      }
      for (Value& v : columns_[c]) v.MakeOwned();
    }
  }
  // Pointers to every column's values (for RowRef); valid until the chunk
  // changes.
  const Value* const* column_pointers() const {
    pointers_.resize(columns_.size());
    for (size_t c = 0; c < columns_.size(); ++c) pointers_[c] = data(c);
    return pointers_.data();
  }

  // After filling every owned column with the same number of values (and
  // before or after referencing the others).
  void SetSize(size_t n) { size_ = n; }

  // Appends a copy of row `row` of `src` (all its columns) to the owned
  // columns of this chunk.
  void AppendRow(const DataChunk& src, size_t row) {
    for (size_t c = 0; c < src.column_count(); ++c) columns_[c].push_back(src.at(c, row));
    ++size_;
  }
  // Moves column c's values into `dst` (copies when referenced).
  void MoveColumnTo(size_t c, std::vector<Value>* dst) {
    if (external_[c] != nullptr) {
      dst->insert(dst->end(), external_[c], external_[c] + size_);
    } else {
      dst->insert(dst->end(), std::make_move_iterator(columns_[c].begin()),
                  std::make_move_iterator(columns_[c].begin() + static_cast<std::ptrdiff_t>(size_)));
    }
  }

 private:
  std::vector<std::vector<Value>> columns_;
  std::vector<const Value*> external_;  // null: owned
  mutable std::vector<const Value*> pointers_;
  size_t size_ = 0;
};

// kChunkSize NULLs, never freed: what operators show in the columns no
// ancestor reads (PlanNode::output_read) instead of copying them.
inline const Value* NullColumn() {
  static const std::vector<Value>* nulls = new std::vector<Value>(kChunkSize);
  return nulls->data();
}

// Rows kept by a blocking operator (hash-join build side, sort, set ops):
// columns of Values, appended a chunk at a time.
struct RowStore {
  std::vector<std::vector<Value>> columns;
  size_t size = 0;

  void Init(size_t column_count) { columns.assign(column_count, {}); }
  void Append(DataChunk& chunk) {
    for (size_t c = 0; c < columns.size(); ++c) chunk.MoveColumnTo(c, &columns[c]);
    size += chunk.size();
  }
  // Pointers to every column's values (for RowRef); valid until it changes.
  const Value* const* column_pointers() const {
    pointers_.resize(columns.size());
    for (size_t c = 0; c < columns.size(); ++c) pointers_[c] = columns[c].data();
    return pointers_.data();
  }

 private:
  mutable std::vector<const Value*> pointers_;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_EXEC_DATA_CHUNK_H_

// DataChunk: the batch operators exchange — up to kChunkSize rows stored
// column by column. Each column is a vector of Values (the dynamic-typing
// fallback representation); typed int64/double/string vectors can be added
// per column later without changing the operator interface, which only
// moves whole chunks and reads columns through this class.
//
// Values in a chunk own their bytes (or borrow from storage that outlives
// the chunk's consumer: none do yet).
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

  // Empties the chunk and gives it `column_count` columns.
  void Reset(size_t column_count) {
    columns_.resize(column_count);
    for (auto& c : columns_) c.clear();
    size_ = 0;
  }
  size_t size() const { return size_; }
  size_t column_count() const { return columns_.size(); }
  bool empty() const { return size_ == 0; }
  bool full() const { return size_ >= kChunkSize; }

  std::vector<Value>& column(size_t c) { return columns_[c]; }
  const std::vector<Value>& column(size_t c) const { return columns_[c]; }
  const Value& at(size_t c, size_t row) const { return columns_[c][row]; }
  const std::vector<std::vector<Value>>& columns() const { return columns_; }

  // After filling every column with the same number of values.
  void SetSize(size_t n) { size_ = n; }

  // Appends one row from `src` (all its columns).
  void AppendRow(const DataChunk& src, size_t row) {
    for (size_t c = 0; c < src.column_count(); ++c) columns_[c].push_back(src.columns_[c][row]);
    ++size_;
  }

 private:
  std::vector<std::vector<Value>> columns_;
  size_t size_ = 0;
};

// Rows kept by a blocking operator (hash-join build side, sort, set ops):
// columns of Values, appended a chunk at a time.
struct RowStore {
  std::vector<std::vector<Value>> columns;
  size_t size = 0;

  void Init(size_t column_count) { columns.assign(column_count, {}); }
  void Append(DataChunk& chunk) {
    for (size_t c = 0; c < columns.size(); ++c) {
      auto& src = chunk.column(c);
      columns[c].insert(columns[c].end(), std::make_move_iterator(src.begin()), std::make_move_iterator(src.end()));
    }
    size += chunk.size();
  }
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_EXEC_DATA_CHUNK_H_

// SortBuffer: records in a bounded amount of memory, sorted in place.
//
// Records are copied into an arena of fixed-size chunks (so growth never
// overshoots the budget by doubling) and indexed by 32-byte entries. Sort()
// orders entries by (partition, key, arrival), with an 8-byte big-endian
// key prefix held in each entry: in unsigned byte order, a stable radix
// sort on (partition, prefix) and a comparison sort only among entries
// whose prefixes tie.
//
// Memory: bytes_used() counts arena chunks, index capacity and the sort's
// scratch (one entry per record); TryAdd refuses
// a record that would take it past the budget — except into an empty
// buffer, so a single record larger than the budget still goes through (the
// caller spills it alone).
#ifndef SLUICE_EXTSORT_SORT_BUFFER_H_
#define SLUICE_EXTSORT_SORT_BUFFER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "extsort/record.h"

namespace sluice::extsort {

class SortBuffer {
 public:
  struct Entry {
    std::uint64_t prefix;  // first 8 key bytes, big-endian, zero-padded
    const char* data;      // key bytes, then value bytes
    std::uint32_t key_size;
    std::uint32_t value_size;
    std::uint32_t partition;
    std::uint32_t seq;  // arrival number: the tie-break that makes the sort stable
    std::string_view key() const { return {data, key_size}; }
    std::string_view value() const { return {data + key_size, value_size}; }
  };

  explicit SortBuffer(std::size_t budget_bytes);

  // False (nothing stored) if the record does not fit the budget and the
  // buffer is not empty. Keys and values are limited to 4 GiB - 1 each.
  bool TryAdd(std::uint32_t partition, std::string_view key, std::string_view value);

  // Sorts by (partition, key under `cmp`, arrival).
  void Sort(const KeyComparator& cmp);

  const std::vector<Entry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }
  // Arena chunks, index capacity and the index-sized scratch that Sort
  // needs, so that sorting stays within the budget too.
  std::size_t bytes_used() const { return arena_bytes_ + (entries_.capacity() + entries_.size()) * sizeof(Entry); }
  std::size_t budget() const { return budget_; }

  // Drops every record; keeps one arena chunk for reuse.
  void Clear();

 private:
  // Arena chunks are 1/16 of the budget (4 KiB to 1 MiB): small enough that
  // the last, partly used chunk wastes little of a small budget.
  std::size_t chunk_bytes_;

  char* Allocate(std::size_t n);
  void RadixSort();

  std::size_t budget_;
  std::vector<Entry> entries_;
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::vector<std::size_t> chunk_sizes_;
  std::size_t chunk_used_ = 0;   // bytes used in chunks_.back()
  std::size_t arena_bytes_ = 0;  // sum of chunk_sizes_
};

// Reads the entries of one partition of a sorted buffer as a RecordSource.
class SortBufferSource final : public RecordSource {
 public:
  SortBufferSource(const SortBuffer::Entry* begin, const SortBuffer::Entry* end) : next_(begin), end_(end) {}
  bool Next() override {
    if (next_ == end_) return false;
    cur_ = next_++;
    return true;
  }
  std::string_view key() const override { return cur_->key(); }
  std::string_view value() const override { return cur_->value(); }
  Status status() const override { return Status::OK(); }

 private:
  const SortBuffer::Entry* next_;
  const SortBuffer::Entry* end_;
  const SortBuffer::Entry* cur_ = nullptr;
};

}  // namespace sluice::extsort

#endif  // SLUICE_EXTSORT_SORT_BUFFER_H_

// HashCombiner: map-side pre-aggregation for native jobs with a combiner.
//
// Instead of sending every emitted pair to the sort buffer, a native map
// task with a combiner collects each key's values in a hash table and runs
// the combiner on a key's values whenever it has `batch` of them (replacing
// them by the combiner's output), and on everything when the table reaches
// its memory budget or the task ends. Only the combined pairs are sorted
// and spilled (where the combiner runs once more on each sorted run).
//
// This is the combiner contract Hadoop states — it may run any number of
// times, on any subset of a key's values — used to avoid sorting tens of
// millions of pairs that a word count collapses to thousands. Output equals
// the plain path's for combiners that are semantic no-ops (sums, counts,
// max, ...), which MapReduce requires of combiners anyway.
#ifndef SLUICE_MAPREDUCE_HASH_COMBINER_H_
#define SLUICE_MAPREDUCE_HASH_COMBINER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <memory>
#include <vector>

#include "extsort/record.h"
#include "sluice/mapreduce.h"

namespace sluice::mapreduce {

class HashCombiner final : public Emitter {
 public:
  HashCombiner(const ReduceFunction& combine, extsort::RecordSink& out, std::size_t memory_bytes,
               std::size_t batch = 64);

  void emit(std::string_view key, std::string_view value) override;
  // Combines and sends everything held, in first-seen key order; call at
  // the end of the task.
  Status Flush();
  const Status& status() const { return status_; }
  std::uint64_t emitted() const { return emitted_; }

 private:
  // One key: its bytes live in arena_; its values are packed as
  // (varint length, bytes) in `values`.
  struct Entry {
    std::string_view key;
    std::string values;
    std::uint32_t count = 0;
  };

  std::uint32_t FindOrInsert(std::string_view key, std::uint64_t hash);
  void Grow();
  // Runs the combiner on the entry's values; output for the same key
  // replaces them, unless to_sink (then everything goes to the sink).
  void Combine(Entry& e, bool to_sink);
  void SendValues(Entry& e);
  std::size_t Bytes() const { return arena_bytes_ + value_bytes_ + entries_.capacity() * sizeof(Entry) + slots_.capacity() * sizeof(std::uint64_t) * 2; }

  const ReduceFunction& combine_;
  extsort::RecordSink& out_;
  const std::size_t budget_;
  const std::size_t batch_;
  const std::size_t arena_chunk_;  // 1/16 of the budget, so a small budget is not one chunk
  // Open addressing, linear probing: slot = (hash, entry index + 1), 0 = empty.
  std::vector<std::uint64_t> slot_hash_;
  std::vector<std::uint32_t> slots_;
  std::vector<Entry> entries_;
  std::vector<std::unique_ptr<char[]>> arena_;
  std::size_t arena_used_ = 0, arena_cap_ = 0, arena_bytes_ = 0;
  std::size_t value_bytes_ = 0;
  std::uint64_t emitted_ = 0;
  Status status_;
};

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_HASH_COMBINER_H_

// HashCombiner: map-side pre-aggregation for native jobs with a combiner.
//
// Instead of sending every emitted pair to the sort buffer, a native map
// task with a combiner collects each key's values in a hash table and runs
// the combiner on a key's values whenever they outgrow a few bytes (or
// number 64), replacing them by the combiner's output, and on everything
// when the table reaches its memory budget or the task ends. Only the combined pairs are sorted
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
  HashCombiner(const ReduceFunction& combine, extsort::RecordSink& out, std::size_t memory_bytes);

  void emit(std::string_view key, std::string_view value) override;
  // Combines and sends everything held; call at the end of the task.
  Status Flush();
  const Status& status() const { return status_; }
  std::uint64_t emitted() const { return emitted_; }

 private:
  // One cache line per key: open addressing with the entries in the slots,
  // keys of up to 16 bytes inline, values packed as (varint length, bytes)
  // in a std::string that stays within its inline buffer for small counts
  // (the combiner runs before it would spill to the heap). So a word-count
  // emit touches one line of memory.
  struct Slot {
    std::uint64_t hash = 0;  // 0: empty (real hashes have bit 0 set)
    std::uint32_t key_size = 0;
    std::uint32_t count = 0;
    union {
      char inline_key[16];
      const char* key_ptr;  // in arena_, when key_size > 16
    };
    std::string values;
    std::string_view key() const { return {key_size <= 16 ? inline_key : key_ptr, key_size}; }
  };

  Slot& FindOrInsert(std::string_view key, std::uint64_t hash);
  void Grow();
  // Runs the combiner on the slot's values; output for the same key
  // replaces them, unless to_sink (then everything goes to the sink).
  void Combine(Slot& s, bool to_sink);
  void SendValues(Slot& s);
  std::size_t Bytes() const { return slots_.size() * sizeof(Slot) + arena_bytes_ + heap_bytes_; }

  const ReduceFunction& combine_;
  extsort::RecordSink& out_;
  const std::size_t budget_;
  const std::size_t arena_chunk_;  // 1/16 of the budget, so a small budget is not one chunk
  std::vector<Slot> slots_;
  std::size_t used_ = 0;
  std::vector<std::unique_ptr<char[]>> arena_;
  std::size_t arena_used_ = 0, arena_cap_ = 0, arena_bytes_ = 0;
  std::size_t heap_bytes_ = 0;  // values strings beyond their inline buffer
  std::uint64_t emitted_ = 0;
  Status status_;
};

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_HASH_COMBINER_H_

// HashCombiner: map-side pre-aggregation for native jobs with a combiner.
//
// Instead of sending every emitted pair to the sort buffer, a native map
// task with a combiner collects each key's values in a hash table and runs
// the combiner on a key's values whenever they fill the key's small value
// buffer, keeping the combiner's output for that key in the buffer, and on
// everything when the table reaches its memory budget or the task ends.
// Only the combined pairs are sorted and spilled.
//
// This is the combiner contract Hadoop states — it may run any number of
// times, on any subset of a key's values — used to avoid sorting tens of
// millions of pairs that a word count collapses to thousands. Output equals
// the plain path's for combiners that are semantic no-ops (sums, counts,
// max, ...), which MapReduce requires of combiners anyway. A key's values
// reach the sink in emission order (the sort after it is stable).
//
// With LongSum (include/sluice/mapreduce.h) as the combiner, an entry keeps
// a running 64-bit sum instead of values, and the combiner is never called.
//
// Layout, chosen for the word-count shape (tens of millions of emits,
// thousands of hot keys, a long tail): open addressing over 64-byte
// entries, one cache line each (short key inline, values or the sum
// inline), probed linearly at load <= 1/2 from the top bits of a
// multiplicative hash. A lookup touches one line; a control array in front
// would double the lines a hot key keeps in cache and put a dependent miss
// before every entry. Emits are batched twice over: an emit hashes its key
// and prefetches its entry's line, and a batch is added to the table only
// when the batch after it has filled, so the misses of the tail overlap
// instead of queueing. The per-emit path is kept to a few dozen
// instructions (bench/mr: the native word count).
#ifndef SLUICE_MAPREDUCE_HASH_COMBINER_H_
#define SLUICE_MAPREDUCE_HASH_COMBINER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extsort/record.h"
#include "sluice/parallel/mutex.h"
#include "sluice/mapreduce.h"

namespace sluice::mapreduce {

class HashCombiner final : public Emitter {
  class Slots;

 public:
  // Emptied tables kept between the map tasks of a job, so that a task
  // starts with the table the one before it grew to, without mapping,
  // faulting in and rehashing it again. Thread-safe.
  class TablePool {
   public:
    TablePool();
    ~TablePool();
    // Frees the pooled tables (when the map phase is over, so that they do
    // not hold memory the reducers' budget counts on).
    void Release();

   private:
    friend class HashCombiner;
    parallel::Mutex mu_;
    std::vector<Slots> tables_ GUARDED_BY(mu_);
  };

  // memory_bytes bounds the table (entries and long keys); when it is full,
  // everything held is combined and sent to `out`. `combine` and `out` are
  // kept by reference and must outlive the combiner; so must `pool`, which
  // may be null.
  HashCombiner(const ReduceFunction& combine, extsort::RecordSink& out, std::size_t memory_bytes,
               TablePool* pool = nullptr);
  HashCombiner(ReduceFunction&& combine, extsort::RecordSink& out, std::size_t memory_bytes,
               TablePool* pool = nullptr) = delete;
  ~HashCombiner() override;

  void emit(std::string_view key, std::string_view value) override;
  // The same as *this, with the combiner's kind fixed: map functions call it
  // tens of millions of times.
  Emitter& fast_emitter() { return long_sum_ ? static_cast<Emitter&>(sum_front_) : values_front_; }
  // Combines and sends everything held; call at the end of the task.
  Status Flush();
  const Status& status() const { return status_; }
  std::uint64_t emitted() const { return emitted_; }

  // Bytes of values an entry holds inline (each value costs its size + 1).
  static constexpr std::size_t kValueBytes = 32;
  static constexpr std::size_t kInlineKey = 16;

 private:
  struct Entry {
    std::uint64_t hash;  // 0: an empty slot (real hashes are odd)
    std::uint32_t key_size;
    std::uint8_t value_bytes;  // used bytes of values[]
    std::uint8_t value_count;  // with LongSum: 1 (sum holds the key's sum)
    std::uint16_t unused;
    union {
      std::uint64_t key_words[2];   // zero-padded, when key_size <= kInlineKey
      char inline_key[kInlineKey];  // the same bytes
      const char* key_ptr;          // in arena_, otherwise
    };
    union {
      char values[kValueBytes];  // (1-byte length, bytes) per value
      std::int64_t sum;          // with LongSum
    };
    std::string_view key() const { return {key_size <= kInlineKey ? inline_key : key_ptr, key_size}; }
  };
  static_assert(sizeof(Entry) == 64, "one cache line per key");

  // A key and its hash; a short key is held as two zero-padded words (its
  // bytes need not outlive the emit), a long one by pointer.
  struct Probe {
    const char* data;  // set for long keys only
    std::uint64_t size;
    std::uint64_t w0, w1;
    std::uint64_t hash;
    std::string_view key() const { return {data, size}; }
    bool Matches(const Entry& e) const;
  };
  static void MakeShortProbe(std::string_view key, Probe* probe);
  static void LoadShortKeyAtPageEnd(std::string_view key, Probe* probe);
  static Probe MakeProbe(std::string_view key);

  // An emit waiting in a batch: a short key, and its value as a word or,
  // with LongSum, as the parsed number.
  static constexpr std::size_t kBatch = 16;
  static constexpr std::size_t kMaxPendingValue = 8;
  struct Pending {
    Probe probe;
    std::uint64_t value;  // the bytes, or the number with LongSum
    std::uint64_t value_size;
  };

  template <bool kLongSum>
  class Front final : public Emitter {
   public:
    explicit Front(HashCombiner& hc) : hc_(hc) {}
    void emit(std::string_view key, std::string_view value) override;

   private:
    HashCombiner& hc_;
  };
  template <bool kLongSum>
  void Emit(std::string_view key, std::string_view value);
  // Batches a short key and its value (bytes or number).
  void Stage(std::string_view key, std::uint64_t value);
  // LongSum's emit for anything but one digit.
  void EmitOtherNumber(std::string_view key, std::string_view value);

  std::size_t SlotOf(std::uint64_t hash) const { return static_cast<std::size_t>(hash >> shift_); }
  // The key's entry, inserted if new; nullptr only on error (a full table
  // is flushed first).
  Entry* FindOrInsert(const Probe& probe);
  Entry* InsertOrFlush(const Probe& probe);
  // Inserts into a free slot; nullptr when the table is at its budget.
  Entry* Insert(const Probe& probe);
  bool Grow();
  const char* StoreLongKey(std::string_view key);
  // Parses a LongSum value (the key names it in the error).
  bool ParseNumber(std::string_view key, std::string_view value, std::int64_t* n);
  bool ParseOtherNumber(std::string_view key, std::string_view value, std::int64_t* n);
  void AddNumber(Entry& e, std::int64_t n);
  void AddValue(Entry& e, std::string_view value);
  // emit() for a long key or value, or after an error: adds the pair at
  // once, after the batches.
  void EmitNow(std::string_view key, std::string_view value);
  // The filling batch is full: adds the older one, which becomes the next to fill.
  void BatchFull();
  // Adds emits to the table, in order.
  void AddBatch(const Pending* batch, std::size_t n);
  template <bool kLongSum>
  void AddBatchOf(const Pending* batch, std::size_t n);
  // Adds every batched emit to the table, in order.
  void Drain();
  // Runs the combiner on the entry's values: output for its key goes back
  // into the entry while it fits (unless to_sink), everything else to the sink.
  void Combine(Entry& e, bool to_sink);
  void SendValues(Entry& e);
  // Combines and sends every entry, then empties the table.
  void FlushTable();
  std::size_t Bytes() const { return slots_.size() * sizeof(Entry) + arena_bytes_; }

  const ReduceFunction& combine_;
  const bool long_sum_;  // combine_ is LongSum
  extsort::RecordSink& out_;
  const std::size_t budget_;
  const std::size_t arena_chunk_;  // 1/16 of the budget, so a small budget is not one chunk
  // The zeroed slots. Tables of 2 MiB and more are mapped on huge pages
  // where the kernel allows (madvise): a random lookup in 4 KiB pages
  // misses the TLB, and perf showed the prefetches stalling on page walks.
  class Slots {
   public:
    explicit Slots(std::size_t n);
    Slots(Slots&& other) noexcept : data_(other.data_), size_(other.size_), mapped_(other.mapped_) {
      other.data_ = nullptr;
      other.size_ = other.mapped_ = 0;
    }
    Slots& operator=(Slots&& other) noexcept;
    ~Slots();
    Entry* data() { return data_; }
    std::size_t size() const { return size_; }
    Entry& operator[](std::size_t i) { return data_[i]; }
    Entry* begin() { return data_; }
    Entry* end() { return data_ + size_; }

   private:
    Entry* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t mapped_ = 0;  // bytes mapped with mmap (from data_), or 0 for the heap
  };
  static Slots TakeTable(TablePool* pool, std::size_t budget);

  TablePool* const pool_;
  Slots slots_;
  unsigned shift_;  // 64 - log2(slots_.size())
  std::size_t used_ = 0;
  std::vector<std::unique_ptr<char[]>> arena_;
  std::size_t arena_used_ = 0, arena_cap_ = 0, arena_bytes_ = 0;
  Pending pending_[2][kBatch];
  int filling_ = 0;              // the batch that emits go to
  Pending* next_ = pending_[0];  // its next free place
  Pending* batch_end_ = pending_[0] + kBatch;
  std::size_t older_size_ = 0;  // emits in the other batch (added before the filling one)
  Front<true> sum_front_{*this};
  Front<false> values_front_{*this};
  std::string scratch_;  // a combiner's output for the key being combined
  std::uint64_t emitted_ = 0;
  Status status_;
};

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_HASH_COMBINER_H_

#include "mapreduce/hash_combiner.h"

#include <algorithm>
#include <cstring>

namespace sluice::mapreduce {
namespace {


// A fast 64-bit hash of short strings (8 bytes at a time, multiply-mix).
std::uint64_t HashKey(std::string_view s) {
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ s.size();
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
    p += 8;
    n -= 8;
  }
  std::uint64_t w = 0;
  std::memcpy(&w, p, n);
  // murmur3's 64-bit finalizer: every input bit reaches the low bits that
  // pick the slot.
  h ^= w;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

void PutVarint(std::string& out, std::size_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// Reads the packed values of an entry.
class PackedValues final : public ValueIterator {
 public:
  explicit PackedValues(std::string_view packed) : p_(packed.data()), end_(packed.data() + packed.size()) {}
  bool next(std::string_view* value) override {
    if (p_ == end_) return false;
    std::size_t len = 0;
    int shift = 0;
    while (true) {
      auto b = static_cast<unsigned char>(*p_++);
      len |= static_cast<std::size_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) break;
      shift += 7;
    }
    *value = std::string_view(p_, len);
    p_ += len;
    return true;
  }

 private:
  const char* p_;
  const char* end_;
};

// Collects a combiner's output: values for `key` are packed into `keep`
// (unless to_sink), anything else goes straight to the sink.
class Collector final : public Emitter {
 public:
  Collector(std::string_view key, std::string& keep, std::uint32_t& count, extsort::RecordSink& sink, bool to_sink,
            Status& st)
      : key_(key), keep_(keep), count_(count), sink_(sink), to_sink_(to_sink), status_(st) {}
  void emit(std::string_view key, std::string_view value) override {
    if (!to_sink_ && key == key_) {
      PutVarint(keep_, value.size());
      keep_.append(value);
      ++count_;
    } else if (status_.ok()) {
      status_ = sink_.Add(key, value);
    }
  }

 private:
  std::string_view key_;
  std::string& keep_;
  std::uint32_t& count_;
  extsort::RecordSink& sink_;
  bool to_sink_;
  Status& status_;
};

}  // namespace

namespace {

constexpr std::size_t kInitialSlots = 1024;

// Heap bytes of a values string (0 while it fits its inline buffer).
std::size_t HeapBytes(const std::string& s) { return s.capacity() > 15 ? s.capacity() : 0; }

}  // namespace

HashCombiner::HashCombiner(const ReduceFunction& combine, extsort::RecordSink& out, std::size_t memory_bytes)
    : combine_(combine),
      out_(out),
      budget_(memory_bytes),
      arena_chunk_(std::clamp<std::size_t>(memory_bytes / 16, 4096, 256 * 1024)),
      slots_(kInitialSlots) {}

void HashCombiner::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (Slot& s : old) {
    if (s.hash == 0) continue;
    std::size_t j = (s.hash >> 1) & mask;
    while (slots_[j].hash != 0) j = (j + 1) & mask;
    slots_[j] = std::move(s);
  }
}

HashCombiner::Slot& HashCombiner::FindOrInsert(std::string_view key, std::uint64_t hash) {
  std::size_t mask = slots_.size() - 1;
  std::size_t i = (hash >> 1) & mask;
  while (slots_[i].hash != 0) {
    if (slots_[i].hash == hash && slots_[i].key() == key) return slots_[i];
    i = (i + 1) & mask;
  }
  if ((used_ + 1) * 2 > slots_.size()) {  // keep the load factor under 1/2
    Grow();
    mask = slots_.size() - 1;
    i = (hash >> 1) & mask;
    while (slots_[i].hash != 0) i = (i + 1) & mask;
  }
  Slot& s = slots_[i];
  s.hash = hash;
  s.key_size = static_cast<std::uint32_t>(key.size());
  if (key.size() <= 16) {
    if (!key.empty()) std::memcpy(s.inline_key, key.data(), key.size());
  } else {
    if (arena_cap_ - arena_used_ < key.size()) {
      const std::size_t size = std::max(arena_chunk_, key.size());
      arena_.push_back(std::make_unique<char[]>(size));
      arena_cap_ = size;
      arena_used_ = 0;
      arena_bytes_ += size;
    }
    char* p = arena_.back().get() + arena_used_;
    std::memcpy(p, key.data(), key.size());
    arena_used_ += key.size();
    s.key_ptr = p;
  }
  ++used_;
  return s;
}

void HashCombiner::Combine(Slot& s, bool to_sink) {
  std::string input = std::move(s.values);
  heap_bytes_ -= HeapBytes(input);
  s.values = std::string();
  s.count = 0;
  PackedValues values(input);
  Collector collect(s.key(), s.values, s.count, out_, to_sink, status_);
  combine_(s.key(), values, collect);
  heap_bytes_ += HeapBytes(s.values);
}

void HashCombiner::SendValues(Slot& s) {
  PackedValues values(s.values);
  std::string_view v;
  while (status_.ok() && values.next(&v)) status_ = out_.Add(s.key(), v);
  heap_bytes_ -= HeapBytes(s.values);
  s.values = std::string();
  s.count = 0;
}

void HashCombiner::emit(std::string_view key, std::string_view value) {
  if (!status_.ok()) return;
  ++emitted_;
  Slot& s = FindOrInsert(key, HashKey(key) | 1);
  const std::size_t before = HeapBytes(s.values);
  PutVarint(s.values, value.size());
  s.values.append(value);
  ++s.count;
  heap_bytes_ += HeapBytes(s.values) - before;
  // Combine while the values still (nearly) fit the string's inline buffer,
  // or after 64 values of any size.
  if ((s.values.size() > 12 && s.count >= 4) || s.count >= 64) {
    Combine(s, false);
    // A combiner that hardly reduces would be re-run on every emit: pass
    // its output on instead.
    if (s.values.size() > 12 && s.count >= 4) SendValues(s);
  }
  if (Bytes() > budget_) status_ = Flush();
}

Status HashCombiner::Flush() {
  for (Slot& s : slots_) {
    if (s.hash == 0 || !status_.ok()) continue;
    if (s.count > 1) Combine(s, true);
    else SendValues(s);
  }
  slots_ = std::vector<Slot>(kInitialSlots);
  used_ = 0;
  arena_.clear();
  arena_used_ = arena_cap_ = arena_bytes_ = 0;
  heap_bytes_ = 0;
  return status_;
}

}  // namespace sluice::mapreduce

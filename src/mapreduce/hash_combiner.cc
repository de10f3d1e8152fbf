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
  h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 29;
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

HashCombiner::HashCombiner(const ReduceFunction& combine, extsort::RecordSink& out, std::size_t memory_bytes,
                           std::size_t batch)
    : combine_(combine),
      out_(out),
      budget_(memory_bytes),
      batch_(batch),
      arena_chunk_(std::clamp<std::size_t>(memory_bytes / 16, 4096, 256 * 1024)) {
  slot_hash_.assign(1024, 0);
  slots_.assign(1024, 0);
}

void HashCombiner::Grow() {
  const std::size_t n = slots_.size() * 2;
  std::vector<std::uint64_t> hashes(n, 0);
  std::vector<std::uint32_t> slots(n, 0);
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i] == 0) continue;
    std::size_t j = slot_hash_[i] & (n - 1);
    while (slots[j] != 0) j = (j + 1) & (n - 1);
    slots[j] = slots_[i];
    hashes[j] = slot_hash_[i];
  }
  slot_hash_.swap(hashes);
  slots_.swap(slots);
}

std::uint32_t HashCombiner::FindOrInsert(std::string_view key, std::uint64_t hash) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  while (slots_[i] != 0) {
    if (slot_hash_[i] == hash && entries_[slots_[i] - 1].key == key) return slots_[i] - 1;
    i = (i + 1) & mask;
  }
  // New key: copy it into the arena.
  if (arena_cap_ - arena_used_ < key.size()) {
    const std::size_t size = std::max(arena_chunk_, key.size());
    arena_.push_back(std::make_unique<char[]>(size));
    arena_cap_ = size;
    arena_used_ = 0;
    arena_bytes_ += size;
  }
  char* p = arena_.back().get() + arena_used_;
  if (!key.empty()) std::memcpy(p, key.data(), key.size());
  arena_used_ += key.size();
  entries_.push_back(Entry{std::string_view(p, key.size()), std::string(), 0});
  const auto index = static_cast<std::uint32_t>(entries_.size());
  slots_[i] = index;
  slot_hash_[i] = hash;
  if (entries_.size() * 2 > slots_.size()) Grow();
  return index - 1;
}

void HashCombiner::Combine(Entry& e, bool to_sink) {
  std::string input = std::move(e.values);
  value_bytes_ -= input.capacity();
  e.values = std::string();
  e.count = 0;
  PackedValues values(input);
  Collector collect(e.key, e.values, e.count, out_, to_sink, status_);
  combine_(e.key, values, collect);
  value_bytes_ += e.values.capacity();
}

void HashCombiner::SendValues(Entry& e) {
  PackedValues values(e.values);
  std::string_view v;
  while (status_.ok() && values.next(&v)) status_ = out_.Add(e.key, v);
  value_bytes_ -= e.values.capacity();
  e.values = std::string();
  e.count = 0;
}

void HashCombiner::emit(std::string_view key, std::string_view value) {
  if (!status_.ok()) return;
  ++emitted_;
  Entry& e = entries_[FindOrInsert(key, HashKey(key))];
  const std::size_t before = e.values.capacity();
  PutVarint(e.values, value.size());
  e.values.append(value);
  value_bytes_ += e.values.capacity() - before;
  if (++e.count >= batch_) {
    Combine(e, false);
    // A combiner that hardly reduces would be re-run on every emit: pass
    // its output on instead.
    if (e.count >= batch_ / 2) SendValues(e);
  }
  if (Bytes() > budget_) status_ = Flush();
}

Status HashCombiner::Flush() {
  for (Entry& e : entries_) {
    if (!status_.ok()) break;
    if (e.count > 1) Combine(e, true);
    else SendValues(e);
  }
  entries_.clear();
  entries_.shrink_to_fit();
  arena_.clear();
  arena_used_ = arena_cap_ = arena_bytes_ = 0;
  value_bytes_ = 0;
  slot_hash_.assign(1024, 0);
  slots_.assign(1024, 0);
  slot_hash_.shrink_to_fit();
  slots_.shrink_to_fit();
  return status_;
}

}  // namespace sluice::mapreduce

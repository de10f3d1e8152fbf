#include "extsort/sort_buffer.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace sluice::extsort {
namespace {

std::uint64_t KeyPrefix(std::string_view key) {
  unsigned char bytes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  std::memcpy(bytes, key.data(), key.size() < 8 ? key.size() : 8);
  std::uint64_t p = 0;
  for (unsigned char b : bytes) p = (p << 8) | b;
  return p;
}

}  // namespace

SortBuffer::SortBuffer(std::size_t budget_bytes)
    : chunk_bytes_(std::clamp<std::size_t>(budget_bytes / 16, 4096, std::size_t{1} << 20)), budget_(budget_bytes) {}

char* SortBuffer::Allocate(std::size_t n) {
  if (chunks_.empty() || chunk_sizes_.back() - chunk_used_ < n) {
    std::size_t size = std::max(n, chunk_bytes_);
    chunks_.push_back(std::make_unique<char[]>(size));
    chunk_sizes_.push_back(size);
    arena_bytes_ += size;
    chunk_used_ = 0;
  }
  char* p = chunks_.back().get() + chunk_used_;
  chunk_used_ += n;
  return p;
}

bool SortBuffer::TryAdd(std::uint32_t partition, std::string_view key, std::string_view value) {
  const std::size_t n = key.size() + value.size();
  if (!entries_.empty()) {
    // What this record would add: a new chunk if it does not fit the current
    // one, and a bigger index if the vector must grow.
    std::size_t extra = 0;
    if (chunks_.empty() || chunk_sizes_.back() - chunk_used_ < n) extra += std::max(n, chunk_bytes_);
    if (entries_.size() == entries_.capacity()) extra += entries_.capacity() * sizeof(Entry);
    extra += sizeof(Entry);  // the sort's scratch
    if (bytes_used() + extra > budget_) return false;
  }
  char* p = Allocate(n);
  if (!key.empty()) std::memcpy(p, key.data(), key.size());
  if (!value.empty()) std::memcpy(p + key.size(), value.data(), value.size());
  if (entries_.size() == entries_.capacity()) {
    entries_.reserve(std::max<std::size_t>(1024, entries_.capacity() * 2));
  }
  entries_.push_back(Entry{KeyPrefix(key), p, static_cast<std::uint32_t>(key.size()),
                           static_cast<std::uint32_t>(value.size()), partition,
                           static_cast<std::uint32_t>(entries_.size())});
  return true;
}

namespace {

// Byte k (0: least significant) of the radix key (partition, prefix).
inline unsigned RadixByte(const SortBuffer::Entry& e, int k) {
  return k < 8 ? static_cast<unsigned>(e.prefix >> (8 * k)) & 0xff
               : static_cast<unsigned>(e.partition >> (8 * (k - 8))) & 0xff;
}

// Byte order of (partition, key), then arrival: the default comparison.
bool ByteOrderLess(const SortBuffer::Entry& a, const SortBuffer::Entry& b) {
  if (a.partition != b.partition) return a.partition < b.partition;
  if (a.prefix != b.prefix) return a.prefix < b.prefix;
  // Equal prefixes: both keys share their first min(8, len) bytes.
  if (a.key_size > 8 || b.key_size > 8 || a.key_size != b.key_size) {
    int c = CompareBytes(a.key(), b.key());
    if (c != 0) return c < 0;
  }
  return a.seq < b.seq;
}

}  // namespace

void SortBuffer::Sort(const KeyComparator& cmp) {
  if (cmp) {
    std::sort(entries_.begin(), entries_.end(), [&cmp](const Entry& a, const Entry& b) {
      if (a.partition != b.partition) return a.partition < b.partition;
      int c = cmp(a.key(), b.key());
      return c != 0 ? c < 0 : a.seq < b.seq;
    });
    return;
  }
  if (entries_.size() < 1024) {
    std::sort(entries_.begin(), entries_.end(), ByteOrderLess);
    return;
  }
  RadixSort();
}

// A stable LSD radix sort on (partition, 8-byte key prefix), skipping the
// bytes all entries share; entries arrive in seq order, so equal keys stay
// in arrival order. Then each run of equal (partition, prefix) whose keys
// may still differ (a key longer than 8 bytes, or different lengths) is
// sorted by the whole key, stably. perf showed std::sort's mispredicted
// comparisons dominating spills of many records with few distinct keys.
void SortBuffer::RadixSort() {
  const std::size_t n = entries_.size();
  std::vector<std::array<std::uint32_t, 256>> counts(12);
  for (auto& c : counts) c.fill(0);
  for (const Entry& e : entries_) {
    for (int k = 0; k < 12; ++k) ++counts[k][RadixByte(e, k)];
  }
  auto scratch = std::make_unique_for_overwrite<Entry[]>(n);  // counted by bytes_used()
  Entry* src = entries_.data();
  Entry* dst = scratch.get();
  for (int k = 0; k < 12; ++k) {
    if (counts[k][RadixByte(src[0], k)] == n) continue;  // one value: order unchanged
    std::array<std::size_t, 256> next;
    std::size_t sum = 0;
    for (int b = 0; b < 256; ++b) {
      next[b] = sum;
      sum += counts[k][b];
    }
    for (std::size_t i = 0; i < n; ++i) dst[next[RadixByte(src[i], k)]++] = src[i];
    std::swap(src, dst);
  }
  if (src != entries_.data()) std::copy(src, src + n, entries_.data());
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    bool ties_may_differ = entries_[i].key_size > 8;
    while (j < n && entries_[j].partition == entries_[i].partition && entries_[j].prefix == entries_[i].prefix) {
      ties_may_differ |= entries_[j].key_size != entries_[i].key_size || entries_[j].key_size > 8;
      ++j;
    }
    if (ties_may_differ) std::sort(entries_.begin() + i, entries_.begin() + j, ByteOrderLess);
    i = j;
  }
}

void SortBuffer::Clear() {
  entries_.clear();
  if (chunks_.size() > 1 || (!chunks_.empty() && chunk_sizes_[0] != chunk_bytes_)) {
    chunks_.clear();
    chunk_sizes_.clear();
    arena_bytes_ = 0;
  }
  chunk_used_ = 0;
}

}  // namespace sluice::extsort

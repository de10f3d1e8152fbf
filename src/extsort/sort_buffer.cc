#include "extsort/sort_buffer.h"

#include <algorithm>
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

void SortBuffer::Sort(const KeyComparator& cmp) {
  if (cmp) {
    std::sort(entries_.begin(), entries_.end(), [&cmp](const Entry& a, const Entry& b) {
      if (a.partition != b.partition) return a.partition < b.partition;
      int c = cmp(a.key(), b.key());
      return c != 0 ? c < 0 : a.seq < b.seq;
    });
    return;
  }
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    if (a.partition != b.partition) return a.partition < b.partition;
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    // Equal prefixes: both keys share their first min(8, len) bytes.
    if (a.key_size > 8 || b.key_size > 8 || a.key_size != b.key_size) {
      int c = CompareBytes(a.key(), b.key());
      if (c != 0) return c < 0;
    }
    return a.seq < b.seq;
  });
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

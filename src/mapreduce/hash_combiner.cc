#include "mapreduce/hash_combiner.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstring>
#include <new>
#include <utility>

#include <sys/mman.h>

#include "mapreduce/long_sum.h"

namespace sluice::mapreduce {
namespace {

// Keys and values are held as little-endian words (inline keys are written
// back as bytes from them).
static_assert(std::endian::native == std::endian::little);

// The table starts at 1/8 of its budget, up to 4 MiB: growing it from a
// few slots to a word count's 256K would rehash each entry twice on average.
std::size_t InitialSlots(std::size_t budget) {
  return std::bit_floor(std::clamp<std::size_t>(budget / 8 / 64, 256, 65536));
}

// Multiplicative hashing: slots come from the top bits of the product,
// which depend on every bit of the key words.
constexpr std::uint64_t kMul0 = 0x9e3779b97f4a7c15ull;
constexpr std::uint64_t kMul1 = 0xc2b2ae3d27d4eb4full;

inline std::uint64_t HashWords(std::uint64_t w0, std::uint64_t w1, std::uint64_t n) {
  return ((w0 ^ (w1 * kMul1 + n)) * kMul0) | 1;  // odd: 0 marks an empty slot
}

// The n <= 8 bytes at p as a zero-padded little-endian word, by
// overlapping loads (a copy into a padded buffer would stall the reload on
// store forwarding).
std::uint64_t LoadShort(const char* p, std::size_t n) {
  if (n >= 4) {
    std::uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    return lo | static_cast<std::uint64_t>(hi) << (8 * (n - 4));
  }
  if (n == 0) return 0;
  const auto byte = [p](std::size_t i) { return static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])); };
  return byte(0) | byte(n / 2) << (8 * (n / 2)) | byte(n - 1) << (8 * (n - 1));
}

// The inline values of an entry: (1-byte length, bytes) each.
class InlineValues final : public ValueIterator {
 public:
  InlineValues(const char* p, std::size_t n) : p_(p), end_(p + n) {}
  bool next(std::string_view* value) override {
    if (p_ == end_) return false;
    const auto len = static_cast<unsigned char>(*p_++);
    *value = std::string_view(p_, len);
    p_ += len;
    return true;
  }

 private:
  const char* p_;
  const char* end_;
};

void Pack(std::string& out, std::string_view value) {
  out.push_back(static_cast<char>(value.size()));
  out.append(value);
}

// Collects a combiner's output. Values for `key` are packed into `keep`
// while they fit an entry (unless to_sink); once one does not, what was
// kept and everything after it goes to the sink, in order. Other keys go
// straight to the sink.
class Collector final : public Emitter {
 public:
  Collector(std::string_view key, std::string& keep, extsort::RecordSink& sink, bool to_sink, Status& status)
      : key_(key), keep_(keep), sink_(sink), overflow_(to_sink), status_(status) {}
  void emit(std::string_view key, std::string_view value) override {
    if (key == key_ && !overflow_) {
      if (value.size() < 256 && keep_.size() + 1 + value.size() <= HashCombiner::kValueBytes && count_ < 255) {
        Pack(keep_, value);
        ++count_;
        return;
      }
      overflow_ = true;
      InlineValues kept(keep_.data(), keep_.size());
      std::string_view v;
      while (status_.ok() && kept.next(&v)) status_ = sink_.Add(key_, v);
      keep_.clear();
      count_ = 0;
    }
    if (status_.ok()) status_ = sink_.Add(key, value);
  }
  std::uint8_t count() const { return static_cast<std::uint8_t>(count_); }

 private:
  std::string_view key_;
  std::string& keep_;
  extsort::RecordSink& sink_;
  bool overflow_;
  unsigned count_ = 0;
  Status& status_;
};

// Bytes [0, n) of each word: kKeyMask[n] for the two words of a key of n <= 16 bytes.
constexpr auto kKeyMask = [] {
  std::array<std::array<std::uint64_t, 2>, 17> m{};
  for (std::size_t n = 0; n <= 16; ++n) {
    m[n][0] = n >= 8 ? ~std::uint64_t{0} : ~(~std::uint64_t{0} << (8 * n));
    m[n][1] = n <= 8 ? 0 : n == 16 ? ~std::uint64_t{0} : ~(~std::uint64_t{0} << (8 * (n - 8)));
  }
  return m;
}();

using UnalignedWord [[gnu::may_alias, gnu::aligned(1)]] = std::uint64_t;

// The 8 bytes at p, which must lie in p's page: a load inside a mapped
// page cannot fault, even past the end of the object at p (the caller masks
// those bytes off), so it is hidden from the sanitizers.
__attribute__((no_sanitize_address, no_sanitize("thread"))) inline std::uint64_t LoadWordInPage(const char* p) {
  return *reinterpret_cast<const UnalignedWord*>(p);
}

}  // namespace

inline void HashCombiner::MakeShortProbe(std::string_view key, Probe* probe) {
  probe->size = key.size();  // data is not kept: the words are the key
  // One branch that is nearly always taken, instead of branching on the
  // length (which mispredicts at random in text). The page holds a byte of
  // the key (an empty key's pointer may be one past the end of a page).
  constexpr std::uintptr_t kPage = 4096;
  if ((reinterpret_cast<std::uintptr_t>(key.data()) & (kPage - 1)) <= kPage - 16 && !key.empty()) [[likely]] {
    probe->w0 = LoadWordInPage(key.data()) & kKeyMask[key.size()][0];
    probe->w1 = LoadWordInPage(key.data() + 8) & kKeyMask[key.size()][1];
  } else {
    LoadShortKeyAtPageEnd(key, probe);
  }
  probe->hash = HashWords(probe->w0, probe->w1, key.size());
}

void HashCombiner::LoadShortKeyAtPageEnd(std::string_view key, Probe* probe) {
  const char* p = key.data();
  const std::size_t n = key.size();
  if (n > 8) {
    std::memcpy(&probe->w0, p, 8);
    std::memcpy(&probe->w1, p + n - 8, 8);  // overlaps w0's bytes; shifted out
    probe->w1 >>= 8 * (16 - n);
  } else {
    probe->w0 = LoadShort(p, n);
    probe->w1 = 0;
  }
}

HashCombiner::Probe HashCombiner::MakeProbe(std::string_view key) {
  Probe probe;
  probe.data = key.data();
  if (key.size() <= kInlineKey) {
    MakeShortProbe(key, &probe);
    return probe;
  }
  probe.size = key.size();
  probe.w0 = probe.w1 = 0;
  std::uint64_t h = key.size();
  const char* p = key.data();
  std::size_t left = key.size();
  for (; left >= 8; p += 8, left -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * kMul1;
    h ^= h >> 29;
  }
  probe.hash = HashWords(h, LoadShort(p, left), key.size());
  return probe;
}

inline bool HashCombiner::Probe::Matches(const Entry& e) const {
  if (size <= kInlineKey) {  // a long key's entry differs in key_size
    return ((e.key_size ^ size) | (e.key_words[0] ^ w0) | (e.key_words[1] ^ w1)) == 0;
  }
  return e.key_size == size && std::memcmp(e.key_ptr, data, size) == 0;
}

HashCombiner::Slots::Slots(std::size_t n) : size_(n) {
  constexpr std::size_t kHuge = std::size_t{2} << 20;
  const std::size_t bytes = n * sizeof(Entry);
  if (bytes >= kHuge) {
    // Map one huge page more than needed and use the aligned part.
    void* p = ::mmap(nullptr, bytes + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p != MAP_FAILED) {
      const auto base = reinterpret_cast<std::uintptr_t>(p);
      const std::uintptr_t aligned = (base + kHuge - 1) & ~(kHuge - 1);
      if (aligned > base) ::munmap(p, aligned - base);
      const std::size_t tail = base + bytes + kHuge - (aligned + bytes);
      if (tail > 0) ::munmap(reinterpret_cast<void*>(aligned + bytes), tail);
      ::madvise(reinterpret_cast<void*>(aligned), bytes, MADV_HUGEPAGE);  // a hint: failure is fine
      data_ = reinterpret_cast<Entry*>(aligned);
      mapped_ = bytes;
      return;
    }
  }
  data_ = new Entry[n]();
}

HashCombiner::Slots& HashCombiner::Slots::operator=(Slots&& other) noexcept {
  std::swap(data_, other.data_);
  std::swap(size_, other.size_);
  std::swap(mapped_, other.mapped_);
  return *this;
}

HashCombiner::Slots::~Slots() {
  if (mapped_ != 0)
    ::munmap(data_, mapped_);
  else
    delete[] data_;
}

HashCombiner::TablePool::TablePool() = default;
HashCombiner::TablePool::~TablePool() = default;

void HashCombiner::TablePool::Release() {
  std::vector<Slots> tables;
  {
    parallel::MutexLock lock(mu_);
    tables.swap(tables_);
  }
}

HashCombiner::Slots HashCombiner::TakeTable(TablePool* pool, std::size_t budget) {
  if (pool != nullptr) {
    parallel::MutexLock lock(pool->mu_);
    auto& tables = pool->tables_;
    // The largest table the budget allows.
    auto best = tables.end();
    for (auto it = tables.begin(); it != tables.end(); ++it) {
      if (it->size() * sizeof(Entry) <= budget && (best == tables.end() || it->size() > best->size())) best = it;
    }
    if (best != tables.end()) {
      Slots table = std::move(*best);
      tables.erase(best);
      return table;
    }
  }
  return Slots(InitialSlots(budget));
}

HashCombiner::HashCombiner(const ReduceFunction& combine, extsort::RecordSink& out, std::size_t memory_bytes,
                           TablePool* pool)
    : combine_(combine),
      long_sum_(combine.target<LongSum>() != nullptr),
      out_(out),
      budget_(memory_bytes),
      arena_chunk_(std::clamp<std::size_t>(memory_bytes / 16, 4096, 256 * 1024)),
      pool_(pool),
      slots_(TakeTable(pool, memory_bytes)),
      shift_(64 - static_cast<unsigned>(std::countr_zero(slots_.size()))) {}

HashCombiner::~HashCombiner() {
  if (pool_ == nullptr) return;
  if (used_ > 0) {  // not flushed (the task failed): empty it for the next one
    for (Entry& e : slots_) e.hash = 0;
  }
  parallel::MutexLock lock(pool_->mu_);
  pool_->tables_.push_back(std::move(slots_));
}

bool HashCombiner::Grow() {
  if (Bytes() + slots_.size() * sizeof(Entry) > budget_ && used_ > 0) return false;
  Slots old(slots_.size() * 2);
  std::swap(old, slots_);
  --shift_;
  const std::size_t mask = slots_.size() - 1;
  for (const Entry& e : old) {
    if (e.hash == 0) continue;
    std::size_t i = SlotOf(e.hash);
    while (slots_[i].hash != 0) i = (i + 1) & mask;
    slots_[i] = e;
  }
  return true;
}

const char* HashCombiner::StoreLongKey(std::string_view key) {
  if (arena_cap_ - arena_used_ < key.size()) {
    const std::size_t size = std::max(arena_chunk_, key.size());
    if (Bytes() + size > budget_ && used_ > 0) return nullptr;
    arena_.push_back(std::make_unique<char[]>(size));
    arena_cap_ = size;
    arena_used_ = 0;
    arena_bytes_ += size;
  }
  char* p = arena_.back().get() + arena_used_;
  std::memcpy(p, key.data(), key.size());
  arena_used_ += key.size();
  return p;
}

HashCombiner::Entry* HashCombiner::Insert(const Probe& probe) {
  if ((used_ + 1) * 2 > slots_.size() && !Grow()) return nullptr;
  const char* long_key = nullptr;
  if (probe.size > kInlineKey && (long_key = StoreLongKey(probe.key())) == nullptr) return nullptr;
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = SlotOf(probe.hash);
  while (slots_[i].hash != 0) i = (i + 1) & mask;
  Entry& e = slots_[i];
  std::memset(&e, 0, sizeof e);
  e.hash = probe.hash;
  e.key_size = static_cast<std::uint32_t>(probe.size);
  if (long_key != nullptr) {
    e.key_ptr = long_key;
  } else {
    e.key_words[0] = probe.w0;
    e.key_words[1] = probe.w1;
  }
  if (long_sum_) e.value_count = 1;  // the sum, 0 so far
  ++used_;
  return &e;
}

HashCombiner::Entry* HashCombiner::InsertOrFlush(const Probe& probe) {
  Entry* e = Insert(probe);
  if (e == nullptr) {  // the table is at its budget
    FlushTable();
    if (!status_.ok()) return nullptr;
    e = Insert(probe);  // into the emptied table: always succeeds
  }
  return e;
}

inline HashCombiner::Entry* HashCombiner::FindOrInsert(const Probe& probe) {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = SlotOf(probe.hash);; i = (i + 1) & mask) {
    Entry& e = slots_[i];
    if (e.hash == probe.hash && probe.Matches(e)) [[likely]]
      return &e;
    if (e.hash == 0) return InsertOrFlush(probe);
  }
}

void HashCombiner::Combine(Entry& e, bool to_sink) {
  scratch_.clear();
  InlineValues values(e.values, e.value_bytes);
  Collector collect(e.key(), scratch_, out_, to_sink, status_);
  combine_(e.key(), values, collect);
  std::memcpy(e.values, scratch_.data(), scratch_.size());
  e.value_bytes = static_cast<std::uint8_t>(scratch_.size());
  e.value_count = collect.count();
}

void HashCombiner::SendValues(Entry& e) {
  if (long_sum_) {
    if (e.value_count != 0 && status_.ok()) {
      char buf[24];
      const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, e.sum);
      status_ = out_.Add(e.key(), std::string_view(buf, static_cast<std::size_t>(end - buf)));
    }
    e.value_count = 0;
    return;
  }
  InlineValues values(e.values, e.value_bytes);
  std::string_view v;
  while (status_.ok() && values.next(&v)) status_ = out_.Add(e.key(), v);
  e.value_bytes = e.value_count = 0;
}

inline bool HashCombiner::ParseNumber(std::string_view key, std::string_view value, std::int64_t* n) {
  if (value.size() == 1 && static_cast<unsigned char>(value[0] - '0') <= 9) [[likely]] {
    *n = value[0] - '0';
    return true;
  }
  return ParseOtherNumber(key, value, n);
}

bool HashCombiner::ParseOtherNumber(std::string_view key, std::string_view value, std::int64_t* n) {
  if (ParseLongSumValue(value, n)) return true;
  status_ = Status::InvalidArgument(LongSumValueError(key, value));
  return false;
}

inline void HashCombiner::AddNumber(Entry& e, std::int64_t n) {
  if (!AddLongSum(&e.sum, n)) [[unlikely]]
    status_ = Status::InvalidArgument(LongSumOverflowError(e.key()));
}

void HashCombiner::AddValue(Entry& e, std::string_view value) {
  const std::size_t need = value.size() + 1;
  if (need > kValueBytes - e.value_bytes || e.value_count == 255) {
    if (e.value_count > 1) {
      Combine(e, false);
      // A combiner that hardly reduces would run again at once: pass its
      // output on instead.
      if (e.value_bytes > kValueBytes / 2) SendValues(e);
    }
    if (need > kValueBytes - e.value_bytes) {
      SendValues(e);
      if (need > kValueBytes) {
        if (status_.ok()) status_ = out_.Add(e.key(), value);
        return;
      }
    }
  }
  e.values[e.value_bytes] = static_cast<char>(value.size());
  std::memcpy(e.values + e.value_bytes + 1, value.data(), value.size());
  e.value_bytes = static_cast<std::uint8_t>(e.value_bytes + need);
  ++e.value_count;
}

void HashCombiner::EmitNow(std::string_view key, std::string_view value) {
  Drain();
  if (!status_.ok()) return;
  ++emitted_;
  // A key that would take an eighth of the table does not enter it at all
  // (so its values stay in order too).
  if (key.size() > budget_ / 8) {
    status_ = out_.Add(key, value);
    return;
  }
  std::int64_t n = 0;
  if (long_sum_ && !ParseNumber(key, value, &n)) return;
  Entry* e = FindOrInsert(MakeProbe(key));
  if (e == nullptr) return;
  if (long_sum_)
    AddNumber(*e, n);
  else
    AddValue(*e, value);
}

template <bool kLongSum>
inline void HashCombiner::Emit(std::string_view key, std::string_view value) {
  // Only tail calls leave the common path, so it needs no stack frame.
  // After an error, emits may still be batched: batches are then dropped.
  if constexpr (kLongSum) {
    const auto digit = static_cast<unsigned char>(value.empty() ? 0 : value[0] - '0');
    if (key.size() > kInlineKey || value.size() != 1 || digit > 9) [[unlikely]]
      return EmitOtherNumber(key, value);
    Stage(key, digit);
  } else {
    if (key.size() > kInlineKey || value.size() > kMaxPendingValue) [[unlikely]]
      return EmitNow(key, value);
    next_->value_size = value.size();
    Stage(key, LoadShort(value.data(), value.size()));
  }
}

inline void HashCombiner::Stage(std::string_view key, std::uint64_t value) {
  Pending* p = next_;
  p->value = value;
  MakeShortProbe(key, &p->probe);
  __builtin_prefetch(&slots_[SlotOf(p->probe.hash)]);
  if (++next_ == batch_end_) BatchFull();
}

void HashCombiner::EmitOtherNumber(std::string_view key, std::string_view value) {
  std::int64_t n;
  if (key.size() <= kInlineKey && ParseLongSumValue(value, &n)) {
    Stage(key, static_cast<std::uint64_t>(n));
  } else {
    EmitNow(key, value);  // a long key, or an error to report
  }
}

template <bool kLongSum>
void HashCombiner::Front<kLongSum>::emit(std::string_view key, std::string_view value) {
  hc_.Emit<kLongSum>(key, value);
}

template class HashCombiner::Front<true>;
template class HashCombiner::Front<false>;

void HashCombiner::emit(std::string_view key, std::string_view value) { fast_emitter().emit(key, value); }

void HashCombiner::BatchFull() {
  filling_ ^= 1;
  AddBatch(pending_[filling_], older_size_);  // its lines were prefetched a batch ago
  older_size_ = kBatch;
  next_ = pending_[filling_];
  batch_end_ = next_ + kBatch;
}

template <bool kLongSum>
void HashCombiner::AddBatchOf(const Pending* batch, std::size_t n) {
  emitted_ += n;
  // The table's shape in locals: it changes only when a key is inserted.
  Entry* slots = slots_.data();
  std::size_t mask = slots_.size() - 1;
  unsigned shift = shift_;
  for (std::size_t k = 0; k < n; ++k) {
    const Probe& probe = batch[k].probe;  // a short key
    Entry* e;
    for (std::size_t i = probe.hash >> shift;; i = (i + 1) & mask) {
      e = &slots[i];
      if (e->hash == probe.hash &&
          ((e->key_size ^ probe.size) | (e->key_words[0] ^ probe.w0) | (e->key_words[1] ^ probe.w1)) == 0) [[likely]] {
        break;
      }
      if (e->hash == 0) {
        e = InsertOrFlush(probe);
        if (e == nullptr) return;
        slots = slots_.data();
        mask = slots_.size() - 1;
        shift = shift_;
        break;
      }
    }
    if constexpr (kLongSum) {
      if (!AddLongSum(&e->sum, static_cast<std::int64_t>(batch[k].value))) [[unlikely]] {
        status_ = Status::InvalidArgument(LongSumOverflowError(e->key()));
        return;
      }
    } else if (e->value_bytes + 1 + sizeof(std::uint64_t) <= kValueBytes && e->value_count < 255) {
      // Room for the whole word: one store, whatever the value's size.
      e->values[e->value_bytes] = static_cast<char>(batch[k].value_size);
      std::memcpy(e->values + e->value_bytes + 1, &batch[k].value, sizeof(std::uint64_t));
      e->value_bytes = static_cast<std::uint8_t>(e->value_bytes + 1 + batch[k].value_size);
      ++e->value_count;
    } else {
      AddValue(*e, std::string_view(reinterpret_cast<const char*>(&batch[k].value), batch[k].value_size));
      if (!status_.ok()) return;
    }
  }
}

void HashCombiner::AddBatch(const Pending* batch, std::size_t n) {
  if (!status_.ok()) return;
  if (long_sum_)
    AddBatchOf<true>(batch, n);
  else
    AddBatchOf<false>(batch, n);
}

void HashCombiner::Drain() {
  AddBatch(pending_[filling_ ^ 1], older_size_);
  older_size_ = 0;
  AddBatch(pending_[filling_], static_cast<std::size_t>(next_ - pending_[filling_]));
  next_ = pending_[filling_];
  batch_end_ = next_ + kBatch;
}

void HashCombiner::FlushTable() {
  for (Entry& e : slots_) {
    if (e.hash == 0) continue;
    if (!status_.ok()) break;
    if (e.value_count > 1 && !long_sum_)
      Combine(e, true);
    else
      SendValues(e);
  }
  for (Entry& e : slots_) e.hash = 0;
  used_ = 0;
  arena_.clear();
  arena_used_ = arena_cap_ = arena_bytes_ = 0;
}

Status HashCombiner::Flush() {
  Drain();
  FlushTable();
  return status_;
}

}  // namespace sluice::mapreduce

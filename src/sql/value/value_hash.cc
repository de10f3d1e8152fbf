// Hashing consistent with SQLite's value equality (see value_hash.h).
#include "sql/value/value_hash.h"

#include <cstring>

namespace sluice::sql {
namespace {

constexpr uint64_t kNullHash = 0x9ae16a3b2f90404fULL;
constexpr uint64_t kBlobSalt = 0xc3a5c85c97cb3127ULL;

inline uint64_t Mix(uint64_t x) {  // splitmix64 finalizer
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

uint64_t HashBytes(const unsigned char* p, size_t n, uint64_t seed, bool fold) {
  uint64_t h = seed ^ (n * 0x9e3779b97f4a7c15ULL);
  if (!fold) {
    // Eight bytes per step (the tail zero-padded; the length is in h).
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      h = (h ^ w) * 0x9fb21c651e98df25ULL;
      h ^= h >> 32;
    }
    if (i < n) {
      uint64_t w = 0;
      std::memcpy(&w, p + i, n - i);
      h = (h ^ w) * 0x9fb21c651e98df25ULL;
      h ^= h >> 32;
    }
    return Mix(h);
  }
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = p[i];
    if (fold && c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
    h = (h ^ c) * 0x100000001b3ULL;  // FNV-1a step
  }
  return Mix(h);
}

}  // namespace

uint64_t HashInt64(int64_t v) { return Mix(static_cast<uint64_t>(v)); }

uint64_t HashDouble(double v) {
  if (v >= -9223372036854775808.0 && v < 9223372036854775808.0) {
    int64_t i = static_cast<int64_t>(v);
    if (static_cast<double>(i) == v) return HashInt64(i);  // also folds -0.0 into 0
  }
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof(bits));
  return Mix(bits ^ 0x5851f42d4c957f2dULL);
}

uint64_t HashText(std::string_view bytes, Collation collation) {
  if (collation == Collation::kRtrim) {
    while (!bytes.empty() && bytes.back() == ' ') bytes.remove_suffix(1);
  }
  if (collation == Collation::kNoCase) {
    // NOCASE compares (folded) up to the first NUL, then the lengths: hash
    // exactly that.
    size_t n = bytes.find('\0');
    if (n == std::string_view::npos) n = bytes.size();
    return HashBytes(reinterpret_cast<const unsigned char*>(bytes.data()), n, bytes.size(), true);
  }
  return HashBytes(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), 0, false);
}

uint64_t HashBlob(std::string_view bytes) {
  return HashBytes(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), kBlobSalt, false);
}

uint64_t HashValue(const Value& v, Collation collation) {
  switch (v.type()) {
    case StorageClass::kNull: return kNullHash;
    case StorageClass::kInteger: return HashInt64(v.integer());
    case StorageClass::kReal: return HashDouble(v.real());
    case StorageClass::kText: return HashText(v.bytes(), collation);
    case StorageClass::kBlob: return HashBlob(v.bytes());
  }
  return kNullHash;
}

}  // namespace sluice::sql

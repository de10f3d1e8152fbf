// ForEachWord: the words of a text, for map functions and compiled
// streaming mappers. Header-only and standalone (no other sluice header),
// like mapreduce_streaming.h.
//
//   sluice::mapreduce::ForEachWord(line, [&](std::string_view word) { out.emit(word, "1"); });
//
// A word is a maximal run of bytes that are not ASCII white space (space,
// \t, \n, \v, \f, \r — C's isspace in the "C" locale); other bytes,
// punctuation and UTF-8 included, belong to words. Words are found 64
// bytes at a time from a bit mask of white space (SSE2 where available), so
// the branches follow the mask rather than each byte: a byte loop
// mispredicts at nearly every word end of real text. A short text's bytes
// are read 64 at a time when they lie in one page, past their end if need
// be (that cannot fault; the extra bytes are ignored).
#ifndef SLUICE_MAPREDUCE_WORDS_H_
#define SLUICE_MAPREDUCE_WORDS_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sluice::mapreduce {
namespace words_internal {

inline bool IsSpace(unsigned char c) { return c == ' ' || static_cast<unsigned char>(c - '\t') < 5; }

#if defined(__SSE2__)
// Bit i set when byte i of x is white space.
inline std::uint64_t SpaceBits16(__m128i x) {
  const __m128i d = _mm_sub_epi8(x, _mm_set1_epi8('\t'));                    // \t..\r -> 0..4
  const __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(4)), d);  // d <= 4, unsigned
  const __m128i is_space = _mm_or_si128(low, _mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));
  return static_cast<std::uint16_t>(_mm_movemask_epi8(is_space));
}
#endif

// Bit i set when p[i] is white space, for 64 readable bytes at p.
inline std::uint64_t SpaceMask64(const char* p) {
#if defined(__SSE2__)
  const auto* v = reinterpret_cast<const __m128i*>(p);
  return SpaceBits16(_mm_loadu_si128(v)) | SpaceBits16(_mm_loadu_si128(v + 1)) << 16 |
         SpaceBits16(_mm_loadu_si128(v + 2)) << 32 | SpaceBits16(_mm_loadu_si128(v + 3)) << 48;
#else
  std::uint64_t mask = 0;
  for (int i = 0; i < 64; ++i) mask |= static_cast<std::uint64_t>(IsSpace(static_cast<unsigned char>(p[i]))) << i;
  return mask;
#endif
}

// True if the 64 bytes at p lie in p's (4 KiB) page, so reading them
// cannot fault even past the end of the object at p.
inline bool ReadableInPage(const char* p) {
#if defined(__SSE2__)
  return (reinterpret_cast<std::uintptr_t>(p) & 4095) <= 4096 - 64;
#else
  (void)p;
  return false;
#endif
}

#if defined(__SSE2__)
// SpaceMask64 of 64 bytes that ReadableInPage allows, some of them past the
// end of the object at p: legal for the hardware, so hidden from the
// sanitizers (the caller ignores those bytes).
__attribute__((no_sanitize_address, no_sanitize("thread"))) inline std::uint64_t SpaceMask64InPage(const char* p) {
  const auto* v = reinterpret_cast<const __m128i*>(p);
  return SpaceBits16(_mm_loadu_si128(v)) | SpaceBits16(_mm_loadu_si128(v + 1)) << 16 |
         SpaceBits16(_mm_loadu_si128(v + 2)) << 32 | SpaceBits16(_mm_loadu_si128(v + 3)) << 48;
}
#else
inline std::uint64_t SpaceMask64InPage(const char* p) { return SpaceMask64(p); }
#endif

}  // namespace words_internal

// Calls fn(word) for each word of `text`, in order.
template <typename Fn>
void ForEachWord(std::string_view text, Fn&& fn) {
  const char* p = text.data();
  const std::size_t n = text.size();
  bool open = false;      // a word runs into the next chunk
  std::size_t begin = 0;  // where it started
  for (std::size_t base = 0; base < n; base += 64) {
    const std::size_t left = n - base;
    std::uint64_t space;
    if (left >= 64) {
      space = words_internal::SpaceMask64(p + base);
    } else if (words_internal::ReadableInPage(p + base)) {
      // Bytes past the end are read (they cannot fault) and count as space.
      space = words_internal::SpaceMask64InPage(p + base) | ~std::uint64_t{0} << left;
    } else {
      char tail[64];
      std::memset(tail, ' ', sizeof tail);
      std::memcpy(tail, p + base, left);
      space = words_internal::SpaceMask64(tail);
    }
    // Bit i of `before`: byte i-1 is space (for i = 0, the previous chunk's end).
    const std::uint64_t before = space << 1 | (open ? 0 : 1);
    std::uint64_t starts = ~space & before;
    std::uint64_t ends = space & ~before;
    if (open && ends != 0) {
      fn(std::string_view(p + begin, base + static_cast<std::size_t>(__builtin_ctzll(ends)) - begin));
      ends &= ends - 1;
      open = false;
    }
    // One pass per word: its start, then the first end after it.
    while (starts != 0) {
      const std::size_t s = base + static_cast<std::size_t>(__builtin_ctzll(starts));
      starts &= starts - 1;
      if (ends == 0) {
        begin = s;
        open = true;
        break;
      }
      const std::size_t e = base + static_cast<std::size_t>(__builtin_ctzll(ends));
      ends &= ends - 1;
      fn(std::string_view(p + s, e - s));
    }
  }
  if (open) fn(std::string_view(p + begin, n - begin));
}

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_WORDS_H_

// Work division: the chapter's divide_items. n items go to `parts`
// contiguous blocks; the first n mod parts blocks get one item more.
//
//   n = 9, parts = 3: [0,3) [3,6) [6,9);  n = 8, parts = 3: [0,3) [3,6) [6,8)
#ifndef SLUICE_PARTICLES_BLOCKS_H_
#define SLUICE_PARTICLES_BLOCKS_H_

#include <cstddef>

namespace sluice::particles {

struct Block {
  std::size_t begin;
  std::size_t end;
  std::size_t size() const { return end - begin; }
};

// REQUIRES: parts >= 1, part < parts.
inline Block BlockOf(std::size_t n, std::size_t parts, std::size_t part) {
  const std::size_t base = n / parts;
  const std::size_t rem = n % parts;
  const std::size_t begin = base * part + (part < rem ? part : rem);
  return {begin, begin + base + (part < rem ? 1 : 0)};
}

// The block that holds item k. REQUIRES: k < n, parts >= 1.
inline std::size_t OwnerOf(std::size_t n, std::size_t parts, std::size_t k) {
  const std::size_t base = n / parts;
  const std::size_t rem = n % parts;
  const std::size_t big = (base + 1) * rem;  // items in the larger blocks
  return k < big ? k / (base + 1) : rem + (k - big) / base;
}

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_BLOCKS_H_

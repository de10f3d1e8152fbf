// PyRandom: CPython's `random` module generator (MT19937), bit for bit.
//
// Role: the chapter's simulator starts from `random.seed(1000)`, a
// `random.shuffle` of the particle list and `random()` velocities. To check
// our results against the chapter's program (and its reference
// numbers) the initial state must be the same doubles, so this reproduces
// exactly what CPython does (Modules/_randommodule.c, Lib/random.py):
//
//   seed(int s)        init_by_array(key) where key is |s| split into 32-bit
//                      words, least significant first (key = [0] for s = 0)
//   random()           a = genrand()>>5, b = genrand()>>6,
//                      (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
//   getrandbits(k)     k <= 32: genrand() >> (32 - k); larger k: 32-bit words
//                      least significant first, the last one shifted down
//   randbelow(n)       k = bit_length(n); r = getrandbits(k) until r < n
//   shuffle(x)         for i = len-1 down to 1: swap x[i], x[randbelow(i+1)]
//
// Thread safety: none (one generator per thread, as in CPython's module).
#ifndef SLUICE_PARTICLES_PY_RANDOM_H_
#define SLUICE_PARTICLES_PY_RANDOM_H_

#include <array>
#include <cstdint>
#include <span>
#include <utility>

namespace sluice::particles {

class PyRandom {
 public:
  // random.seed(seed) for an int seed (CPython uses its absolute value).
  explicit PyRandom(std::int64_t seed);

  // random.random(): a double in [0, 1) with 53 random bits.
  double random();

  // random.getrandbits(k). REQUIRES: 0 <= k <= 64.
  std::uint64_t getrandbits(int k);

  // random._randbelow(n) (the getrandbits method). REQUIRES: n >= 1.
  std::uint64_t randbelow(std::uint64_t n);

  // random.shuffle(items): the same permutation CPython produces.
  template <typename T>
  void shuffle(std::span<T> items) {
    for (std::size_t i = items.size(); i-- > 1;) {
      std::size_t j = static_cast<std::size_t>(randbelow(i + 1));
      std::swap(items[i], items[j]);
    }
  }

  // The next raw 32-bit output of MT19937 (genrand_uint32).
  std::uint32_t genrand_uint32();

 private:
  static constexpr int kN = 624;
  void init_genrand(std::uint32_t s);
  void init_by_array(std::span<const std::uint32_t> key);

  std::array<std::uint32_t, kN> mt_{};
  int mti_ = kN + 1;
};

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_PY_RANDOM_H_

// PyRandom against CPython: hard numbers taken from CPython 3.11, and, when
// python3 is on the PATH, a live comparison of longer sequences.
#include "particles/py_random.h"
#include "particles/physics.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <numeric>
#include <string>
#include <vector>

namespace sluice::particles {
namespace {

std::string Repr(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

TEST(PyRandomTest, RandomMatchesCPythonForSeed1000) {
  PyRandom rng(1000);
  EXPECT_EQ(rng.random(), 0.7773566427005639);
  EXPECT_EQ(rng.random(), 0.6698255595592497);
  EXPECT_EQ(rng.random(), 0.09913960392481702);
}

TEST(PyRandomTest, SeedsUseTheAbsoluteValueAndAllWords) {
  EXPECT_EQ(PyRandom(0).random(), 0.8444218515250481);
  EXPECT_EQ(PyRandom(-5).random(), 0.6229016948897019);
  EXPECT_EQ(PyRandom(5).random(), 0.6229016948897019);
  EXPECT_EQ(PyRandom((std::int64_t{1} << 40) + 3).random(), 0.21978710637116716);  // two key words
}

TEST(PyRandomTest, GetrandbitsMatchesCPython) {
  PyRandom rng(7);
  EXPECT_EQ(rng.getrandbits(40), 1040772936760u);
  EXPECT_EQ(rng.getrandbits(32), 647892279u);
  EXPECT_EQ(rng.getrandbits(1), 0u);
  EXPECT_EQ(rng.getrandbits(64), 890727360438182992u);
}

TEST(PyRandomTest, ShuffleMatchesCPython) {
  PyRandom rng(1000);
  std::vector<int> items(20);
  std::iota(items.begin(), items.end(), 0);
  rng.shuffle(std::span<int>(items));
  EXPECT_EQ(items, (std::vector<int>{16, 4, 0, 10, 1, 17, 14, 5, 9, 18, 19, 6, 8, 15, 7, 2, 11, 12, 3, 13}));

  PyRandom rng42(42);
  std::vector<int> big(1000);
  std::iota(big.begin(), big.end(), 0);
  rng42.shuffle(std::span<int>(big));
  EXPECT_EQ(std::vector<int>(big.begin(), big.begin() + 10),
            (std::vector<int>{776, 507, 895, 922, 33, 483, 85, 750, 354, 523}));
}

// Python's v ** 2 is the C library's pow(v, 2.0), which differs from v * v
// in the last bit for about 1 velocity in 1000; this is one of them.
TEST(PythonSquareTest, IsPowNotMultiplication) {
  const double v = -0.9261120045793674;
  EXPECT_EQ(PythonSquare(v), 0.8576834450260141);  // Python: v ** 2
  EXPECT_EQ(v * v, 0.8576834450260142);            // Python: v * v
}

// The shortcut in PythonSquare (return v * v when pow provably agrees) must
// never disagree with pow itself.
TEST(PythonSquareTest, AgreesWithPowEverywhere) {
  volatile double two = 2.0;
  std::mt19937_64 gen(42);
  std::uniform_real_distribution<double> unit(-1, 1);
  std::uniform_int_distribution<int> exponent(-1100, 1100);
  std::uniform_int_distribution<std::uint64_t> any_bits;
  std::size_t differs_from_product = 0;
  auto check = [&](double v) {
    const double want = std::pow(v, two);
    const double got = PythonSquare(v);
    ASSERT_TRUE(std::memcmp(&want, &got, sizeof want) == 0 || (std::isnan(want) && std::isnan(got)))
        << "v = " << Repr(v) << ": pow " << Repr(want) << ", ours " << Repr(got);
    differs_from_product += want != v * v;
  };
  for (int i = 0; i < 2'000'000; ++i) check(unit(gen));                           // velocities
  for (int i = 0; i < 300'000; ++i) check(std::ldexp(unit(gen), exponent(gen)));  // every scale
  for (int i = 0; i < 300'000; ++i) check(std::bit_cast<double>(any_bits(gen)));  // any bits
  for (double v :
       {0.0, -0.0, 1.0, -2.0, 0.5, 3.0, 1e-320, 1e200, 1e160, -1e155, std::numeric_limits<double>::infinity(),
        std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::denorm_min(),
        std::numeric_limits<double>::max(), std::numeric_limits<double>::min()}) {
    check(v);
  }
  EXPECT_GT(differs_from_product, 100u) << "the sample must include squares where pow != v * v";
  // The batch version (AVX2 on this CPU), on values that mix easy and hard cases.
  std::vector<double> in(400'003), out(in.size());  // not a multiple of 4: the tail too
  for (std::size_t i = 0; i < in.size(); ++i) in[i] = i % 3 ? unit(gen) : std::ldexp(unit(gen), exponent(gen));
  in[3] = -0.9261120045793674;
  in[500] = std::numeric_limits<double>::infinity();
  PythonSquares(in.data(), out.data(), in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const double want = std::pow(in[i], two);
    ASSERT_EQ(std::memcmp(&want, &out[i], sizeof want), 0) << i;
  }
}

// Runs python3 (when present) and compares a shuffle of 5000 items
// followed by 2000 random() values, for several seeds.
TEST(PyRandomTest, MatchesLivePython) {
  if (std::system("python3 -c 'import random' >/dev/null 2>&1") != 0) GTEST_SKIP() << "python3 not available";
  for (std::int64_t seed : {1000LL, 1LL, -77LL, 123456789012345LL}) {
    const std::string cmd = "python3 -c 'import random\nrandom.seed(" + std::to_string(seed) +
                            ")\nl=list(range(5000))\nrandom.shuffle(l)\nprint(*l)\n"
                            "print(*[repr(random.random()) for _ in range(2000)])'";
    std::FILE* p = popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::string out;
    char buf[4096];
    while (std::size_t got = std::fread(buf, 1, sizeof buf, p)) out.append(buf, got);
    ASSERT_EQ(pclose(p), 0);

    PyRandom rng(seed);
    std::vector<int> items(5000);
    std::iota(items.begin(), items.end(), 0);
    rng.shuffle(std::span<int>(items));
    std::string want;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) want += ' ';
      want += std::to_string(items[i]);
    }
    want += "\n";
    const std::size_t newline = out.find('\n');
    ASSERT_NE(newline, std::string::npos);
    EXPECT_EQ(out.substr(0, newline + 1), want) << "seed " << seed;
    // Python's repr is the shortest round-trip form: strtod reads it back exactly.
    const char* cursor = out.c_str() + newline + 1;
    for (int i = 0; i < 2000; ++i) {
      char* end = nullptr;
      const double python = std::strtod(cursor, &end);
      ASSERT_NE(end, cursor) << "seed " << seed << " value " << i;
      cursor = end;
      const double ours = rng.random();
      ASSERT_EQ(ours, python) << "seed " << seed << " value " << i << ": " << Repr(ours);
    }
  }
}

}  // namespace
}  // namespace sluice::particles

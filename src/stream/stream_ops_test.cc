// Tests of the Stream helpers (stream_ops.h): laziness (how many elements
// each helper computes), boundaries (empty and short streams, k = 0), and
// primes() against two naive references: trial division, and the chapter's
// own nested filter_stream sieve.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "sluice/stream.h"

namespace sluice {
namespace {

// 0, 1, 2, ... counting how many nodes have been computed.
Stream<int> Counting(int n, int* computes) {
  return Stream<int>(n, [n, computes] {
    ++*computes;
    return Counting(n + 1, computes);
  });
}

// A finite stream holding the values of v.
Stream<int> FromShared(std::shared_ptr<const std::vector<int>> v, std::size_t i) {
  if (i == v->size()) return Stream<int>();
  const int x = (*v)[i];
  return Stream<int>(x, [v = std::move(v), i] { return FromShared(v, i + 1); });
}
Stream<int> FromVector(std::vector<int> v) {
  return FromShared(std::make_shared<const std::vector<int>>(std::move(v)), 0);
}

TEST(StreamOps, IntegersFrom) {
  EXPECT_EQ(first_k(integers_from(-2), 4), (std::vector<int>{-2, -1, 0, 1}));
  EXPECT_EQ(first_k(integers_from<std::int64_t>(5'000'000'000), 2),
            (std::vector<std::int64_t>{5'000'000'000, 5'000'000'001}));
}

TEST(StreamOps, FirstKComputesExactlyK) {
  int computes = 0;
  auto s = Counting(0, &computes);
  EXPECT_EQ(first_k(s, 5), (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(computes, 4);  // 5 elements = the head + 4 computed rests
  EXPECT_TRUE(first_k(s, 0).empty());
  EXPECT_TRUE(first_k(Stream<int>(), 3).empty());
  EXPECT_EQ(first_k(Stream<int>(7), 3), (std::vector<int>{7}));  // shorter than k
}

TEST(StreamOps, MapChangesTypeAndIsLazy) {
  int computes = 0;
  auto m = map([](int x) { return std::to_string(x) + "!"; }, Counting(1, &computes));
  static_assert(std::is_same_v<decltype(m), Stream<std::string>>);
  EXPECT_EQ(m.first(), "1!");
  EXPECT_EQ(computes, 0);
  EXPECT_EQ(first_k(m, 3), (std::vector<std::string>{"1!", "2!", "3!"}));
  EXPECT_EQ(computes, 2);
  EXPECT_TRUE(map([](int x) { return x; }, Stream<int>()).is_empty());
}

TEST(StreamOps, MapCallsFOncePerElement) {
  int calls = 0;
  auto m = map(
      [&calls](int x) {
        ++calls;
        return x * 10;
      },
      integers_from(0));
  EXPECT_EQ(calls, 1);  // the first element, as the chapter's map_stream
  first_k(m, 4);
  first_k(m, 4);  // memoised: no new calls
  EXPECT_EQ(calls, 4);
}

TEST(StreamOps, Filter) {
  const std::vector<int> v = {5, 2, 8, 1, 4, 7};
  auto even = [](int x) { return x % 2 == 0; };
  EXPECT_EQ(first_k(filter(even, FromVector(v)), 10), (std::vector<int>{2, 8, 4}));
  EXPECT_TRUE(filter(even, FromVector({1, 3, 5})).is_empty());
  EXPECT_TRUE(filter(even, Stream<int>()).is_empty());
}

TEST(StreamOps, TakeNeverComputesPastK) {
  int computes = 0;
  auto t = take(Counting(0, &computes), 3);
  EXPECT_EQ(first_k(t, 100), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(computes, 2);
  EXPECT_TRUE(take(Counting(0, &computes), 0).is_empty());
  EXPECT_TRUE(take(Stream<int>(), 2).is_empty());
  EXPECT_EQ(first_k(take(FromVector({1, 2}), 5), 5), (std::vector<int>{1, 2}));
  std::vector<int> walked;
  for (int x : take(integers_from(10), 3)) walked.push_back(x);
  EXPECT_EQ(walked, (std::vector<int>{10, 11, 12}));
}

TEST(StreamOps, ZipStopsAtTheShorter) {
  auto z = zip(integers_from(0),
               map([](int x) { return std::string(static_cast<std::size_t>(x), 'a'); }, FromVector({1, 2, 3})));
  auto got = first_k(z, 10);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[2], (std::pair<int, std::string>{2, "aaa"}));
  EXPECT_EQ(z.to_string(), "Stream((0, 'a'), <...>)");
  EXPECT_TRUE(zip(Stream<int>(), integers_from(0)).is_empty());
}

TEST(StreamOps, ZipWith) {
  auto sums = zip_with([](int a, int b) { return a + b; }, integers_from(0), integers_from(100));
  EXPECT_EQ(first_k(sums, 3), (std::vector<int>{100, 102, 104}));
}

// The chapter's sieve, transcribed literally: nested filter streams.
Stream<int> ChapterPrimes(Stream<int> pos_stream) {
  auto not_divisible = [p = pos_stream.first()](int x) { return x % p != 0; };
  return Stream<int>(pos_stream.first(),
                     [pos_stream, not_divisible] { return ChapterPrimes(filter(not_divisible, pos_stream.rest())); });
}

std::vector<int> TrialDivisionPrimes(std::size_t count) {
  std::vector<int> out;
  for (int n = 2; out.size() < count; ++n) {
    bool prime = true;
    for (int d = 2; d * d <= n && prime; ++d) prime = n % d != 0;
    if (prime) out.push_back(n);
  }
  return out;
}

TEST(StreamOps, PrimesMatchChapterSieve) {
  // The chapter's version nests one filter per prime, so keep it shallow.
  EXPECT_EQ(first_k(primes(integers_from(2)), 60), first_k(ChapterPrimes(integers_from(2)), 60));
}

TEST(StreamOps, PrimesMatchTrialDivision) {
  EXPECT_EQ(first_k(primes(integers_from(2)), 2'000), TrialDivisionPrimes(2'000));
}

TEST(StreamOps, PrimesOfOtherStreams) {
  // The sieve removes multiples of each first element, whatever the input.
  EXPECT_EQ(first_k(primes(FromVector({4, 6, 8, 9, 10, 12, 15, 25})), 10), (std::vector<int>{4, 6, 9, 10, 15, 25}));
  EXPECT_TRUE(primes(Stream<int>()).is_empty());
}

}  // namespace
}  // namespace sluice

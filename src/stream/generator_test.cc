// Tests of Generator<T> (generator.h): call order (the body runs only as
// elements are requested), frame lifetime (destroyed with the Generator, also
// when abandoned early), exception propagation, move-only ownership, and
// composition with sluice::views.
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "sluice/generator.h"
#include "sluice/stream.h"
#include "stream/stream_test_util.h"

namespace sluice {
namespace {

using views::to_vector;

static_assert(std::ranges::input_range<Generator<int>>);
static_assert(std::ranges::view<Generator<int>>);
static_assert(!std::copy_constructible<Generator<int>>);
static_assert(std::movable<Generator<int>>);
static_assert(std::is_same_v<std::ranges::range_reference_t<Generator<int>>, int&>);

Generator<int> Range(int lo, int hi) {
  for (int i = lo; i < hi; ++i) co_yield i;
}

Generator<long> Naturals() {
  for (long n = 0;; ++n) co_yield n;
}

// Sets *flag when destroyed: observes when the coroutine frame dies.
struct Guard {
  bool* flag;
  ~Guard() { *flag = true; }
};

Generator<int> Guarded(bool* destroyed, int* produced) {
  Guard guard{destroyed};
  for (int i = 0;; ++i) {
    ++*produced;
    co_yield i;
  }
}

TEST(StreamGenerator, YieldsInOrder) {
  std::vector<int> got;
  for (int x : Range(3, 7)) got.push_back(x);
  EXPECT_EQ(got, (std::vector<int>{3, 4, 5, 6}));
  EXPECT_TRUE(to_vector(Range(5, 5)).empty());
}

TEST(StreamGenerator, BodyRunsOnlyAsElementsAreRequested) {
  std::vector<std::string> log;
  // Coroutine lambdas take state as parameters (copied into the frame), not
  // captures: the closure object is gone once the call expression ends.
  auto gen = [](std::vector<std::string>* out) -> Generator<int> {
    out->push_back("start");
    for (int i = 0; i < 3; ++i) {
      out->push_back("yield " + std::to_string(i));
      co_yield i;
    }
    out->push_back("end");
  }(&log);
  EXPECT_TRUE(log.empty());  // creating the generator runs nothing
  auto it = gen.begin();
  EXPECT_EQ(log, (std::vector<std::string>{"start", "yield 0"}));
  EXPECT_EQ(*it, 0);
  ++it;
  EXPECT_EQ(log.back(), "yield 1");
  ++it;
  ++it;
  EXPECT_EQ(log.back(), "end");
  EXPECT_TRUE(it == gen.end());
}

TEST(StreamGenerator, InfiniteWithTake) {
  EXPECT_EQ(Naturals() | views::take(5) | to_vector, (std::vector<long>{0, 1, 2, 3, 4}));
  auto evens_squared = Naturals() | views::filter([](long x) { return x % 2 == 0; }) |
                       views::map([](long x) { return x * x; }) | views::take(3);
  EXPECT_EQ(to_vector(evens_squared), (std::vector<long>{0, 4, 16}));
}

TEST(StreamGenerator, TakePullsExactlyNElements) {
  bool destroyed = false;
  int produced = 0;
  EXPECT_EQ(Guarded(&destroyed, &produced) | views::take(4) | to_vector, (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(produced, 4);
  EXPECT_TRUE(destroyed);  // the temporary pipeline (and frame) is gone

  produced = 0;
  destroyed = false;
  EXPECT_TRUE((Guarded(&destroyed, &produced) | views::take(0) | to_vector).empty());
  EXPECT_EQ(produced, 0);  // take(0) never started the body
}

TEST(StreamGenerator, FrameDestroyedWhenAbandonedEarly) {
  bool destroyed = false;
  int produced = 0;
  {
    Generator<int> gen = Guarded(&destroyed, &produced);
    auto it = gen.begin();
    ++it;
    EXPECT_EQ(*it, 1);
    EXPECT_FALSE(destroyed);
  }
  EXPECT_TRUE(destroyed);
  EXPECT_EQ(produced, 2);
}

TEST(StreamGenerator, FrameDestroyedEvenIfNeverStarted) {
  bool destroyed = false;
  int produced = 0;
  { Generator<int> gen = Guarded(&destroyed, &produced); }
  // The body never ran, so the guard was never constructed: nothing to
  // destroy, but the frame itself is freed (ASan checks for the leak).
  EXPECT_FALSE(destroyed);
  EXPECT_EQ(produced, 0);
}

TEST(StreamGenerator, FrameDestroyedAfterBreakInRangeFor) {
  bool destroyed = false;
  int produced = 0;
  for (int x : Guarded(&destroyed, &produced)) {
    if (x == 2) break;
  }
  EXPECT_TRUE(destroyed);
}

TEST(StreamGenerator, MoveOnlyOwnership) {
  bool destroyed = false;
  int produced = 0;
  Generator<int> a = Guarded(&destroyed, &produced);
  auto it = a.begin();
  Generator<int> b = std::move(a);  // the frame moves; iterators stay valid
  ++it;
  EXPECT_EQ(*it, 1);
  Generator<int> c;
  c = std::move(b);
  EXPECT_FALSE(destroyed);
  c = Generator<int>();  // move-assigning destroys the old frame
  EXPECT_TRUE(destroyed);
}

Generator<int> ThrowsAfter(int n) {
  for (int i = 0; i < n; ++i) co_yield i;
  throw std::runtime_error("boom after " + std::to_string(n));
}

TEST(StreamGenerator, ExceptionPropagatesFromIncrement) {
  Generator<int> gen = ThrowsAfter(2);
  auto it = gen.begin();
  EXPECT_EQ(*it, 0);
  ++it;
  EXPECT_EQ(*it, 1);
  try {
    ++it;
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "boom after 2");
  }
  EXPECT_TRUE(it == gen.end());  // finished after the exception
}

TEST(StreamGenerator, ExceptionPropagatesFromBegin) {
  Generator<int> gen = ThrowsAfter(0);
  EXPECT_THROW(gen.begin(), std::runtime_error);
}

TEST(StreamGenerator, ExceptionPropagatesThroughAdaptors) {
  std::vector<int> seen;
  EXPECT_THROW(
      {
        for (int x : ThrowsAfter(3) | views::map([](int v) { return v * 10; })) seen.push_back(x);
      },
      std::runtime_error);
  EXPECT_EQ(seen, (std::vector<int>{0, 10, 20}));
}

TEST(StreamGenerator, ExceptionDestroysLocals) {
  bool destroyed = false;
  auto gen = [](bool* flag) -> Generator<int> {
    Guard guard{flag};
    co_yield 1;
    throw std::logic_error("x");
  }(&destroyed);
  auto it = gen.begin();
  EXPECT_THROW(++it, std::logic_error);
  EXPECT_TRUE(destroyed);
}

TEST(StreamGenerator, YieldsLvaluesRvaluesAndConstLvalues) {
  auto gen = []() -> Generator<std::string> {
    std::string local = "lvalue";
    co_yield local;
    co_yield std::string("rvalue");
    const std::string constant = "const";
    co_yield constant;  // copied
    co_yield "converted";
  }();
  std::vector<std::string> got;
  for (std::string& s : gen) got.push_back(std::move(s));  // consumer may move out
  EXPECT_EQ(got, (std::vector<std::string>{"lvalue", "rvalue", "const", "converted"}));
}

TEST(StreamGenerator, YieldsReferencesIntoCallerData) {
  std::vector<int> data = {1, 2, 3};
  auto refs = [](std::vector<int>& v) -> Generator<int&> {
    for (int& x : v) co_yield x;
  }(data);
  for (int& x : refs) x *= 2;
  EXPECT_EQ(data, (std::vector<int>{2, 4, 6}));
}

TEST(StreamGenerator, ChainsGeneratorsLazily) {
  bool second_started = false;
  auto second = [](bool* started) -> Generator<int> {
    *started = true;
    co_yield 100;
  }(&second_started);
  auto c = views::chain(Range(0, 2), std::move(second));
  auto it = c.begin();
  EXPECT_EQ(*it, 0);
  ++it;
  EXPECT_EQ(*it, 1);
  EXPECT_FALSE(second_started);  // its turn has not come
  ++it;
  EXPECT_TRUE(second_started);
  EXPECT_EQ(*it, 100);
}

TEST(StreamGenerator, ZipEnumerateChunk) {
  std::vector<std::pair<std::ptrdiff_t, long>> enumerated;
  for (auto [i, x] : Naturals() | views::map([](long x) { return x * 3; }) | views::enumerate | views::take(3)) {
    enumerated.emplace_back(i, x);
  }
  EXPECT_EQ(enumerated, (std::vector<std::pair<std::ptrdiff_t, long>>{{0, 0}, {1, 3}, {2, 6}}));

  std::vector<std::vector<int>> chunks;
  for (auto& c : Range(0, 5) | views::chunk(2)) chunks.push_back(c);
  EXPECT_EQ(chunks, (std::vector<std::vector<int>>{{0, 1}, {2, 3}, {4}}));

  std::vector<long> sums;
  for (auto [a, b] : views::zip(Range(0, 3), Naturals())) sums.push_back(a + b);
  EXPECT_EQ(sums, (std::vector<long>{0, 2, 4}));
}

TEST(StreamGenerator, GeneratorOverStream) {
  auto gen = [](Stream<int> s) -> Generator<int> {
    for (int x : drain(std::move(s))) co_yield x;
  }(primes(integers_from(2)));
  EXPECT_EQ(gen | views::take(5) | to_vector, (std::vector<int>{2, 3, 5, 7, 11}));
}

}  // namespace
}  // namespace sluice

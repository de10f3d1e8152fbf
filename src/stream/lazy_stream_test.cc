// Tests of Stream<T> itself (lazy_stream.h): construction, memoisation,
// printing, iteration, exceptions from compute_rest, and the regressions the
// design guards against -- recursive destruction of long memoised chains and
// derived streams that keep their source alive.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <memory>
#include <ranges>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "sluice/stream.h"
#include "stream/stream_test_util.h"

namespace sluice {
namespace {

using stream_test::Counted;
using stream_test::RunOnSmallStack;

static_assert(std::ranges::forward_range<Stream<int>>);
static_assert(std::ranges::view<Stream<int>>);
static_assert(std::forward_iterator<Stream<int>::iterator>);
static_assert(std::ranges::input_range<StreamDrain<int>>);
static_assert(sizeof(Stream<long>) == sizeof(void*));

// A stream of Counted(n), Counted(n+1), ... whose compute_rest calls are counted.
Stream<Counted> CountedFrom(long n, int* computes = nullptr) {
  return Stream<Counted>(Counted(n), [n, computes] {
    if (computes != nullptr) ++*computes;
    return CountedFrom(n + 1, computes);
  });
}

TEST(StreamCore, DefaultIsEmpty) {
  Stream<int> s;
  EXPECT_TRUE(s.is_empty());
  EXPECT_TRUE(Stream<int>::empty().is_empty());
  EXPECT_EQ(s.begin(), s.end());
  EXPECT_EQ(std::ranges::distance(s), 0);
  // The static factory empty() does not confuse std::ranges::empty.
  EXPECT_TRUE(std::ranges::empty(s));
  EXPECT_FALSE(std::ranges::empty(Stream<int>(1)));
}

TEST(StreamCore, SingleElementHasEmptyRest) {
  Stream<int> s(9);
  EXPECT_FALSE(s.is_empty());
  EXPECT_EQ(s.first(), 9);
  EXPECT_TRUE(s.rest_computed());
  EXPECT_TRUE(s.rest().is_empty());
}

TEST(StreamCore, RestIsMemoisedAndShared) {
  int computes = 0;
  auto s = CountedFrom(0, &computes);
  const Counted* a = &s.rest().first();
  const Counted* b = &s.rest().first();
  EXPECT_EQ(a, b);  // the same node
  EXPECT_EQ(computes, 1);
  Stream<Counted> copy = s;  // copies share nodes
  EXPECT_EQ(&copy.rest().first(), a);
  EXPECT_EQ(computes, 1);
}

TEST(StreamCore, NothingComputedUntilAsked) {
  int computes = 0;
  auto s = CountedFrom(0, &computes);
  EXPECT_EQ(computes, 0);
  EXPECT_FALSE(s.rest_computed());
  auto it = s.begin();
  EXPECT_EQ(it->v, 0);
  EXPECT_EQ(computes, 0);
  ++it;
  EXPECT_EQ(computes, 1);
  EXPECT_TRUE(s.rest_computed());
}

TEST(StreamCore, ComputeRestIsDestroyedAfterItRuns) {
  auto token = std::make_shared<int>(7);
  std::weak_ptr<int> watch = token;
  Stream<int> s(1, [token = std::move(token)] { return Stream<int>(*token); });
  EXPECT_FALSE(watch.expired());  // held by the pending compute_rest
  EXPECT_EQ(s.rest().first(), 7);
  EXPECT_TRUE(watch.expired());  // discarded once run (chapter: _compute_rest = None)
}

TEST(StreamCore, UnrunComputeRestIsDestroyedWithTheNode) {
  auto token = std::make_shared<int>(7);
  std::weak_ptr<int> watch = token;
  {
    Stream<int> s(1, [token = std::move(token)] { return Stream<int>(*token); });
  }
  EXPECT_TRUE(watch.expired());
}

TEST(StreamCore, ThrowingComputeRestPropagatesAndIsRetried) {
  int calls = 0;
  Stream<int> s(1, [&calls] {
    if (++calls == 1) throw std::runtime_error("transient");
    return Stream<int>(2);
  });
  EXPECT_THROW(s.rest(), std::runtime_error);
  EXPECT_FALSE(s.rest_computed());
  EXPECT_EQ(s.rest().first(), 2);
  EXPECT_EQ(s.rest().first(), 2);
  EXPECT_EQ(calls, 2);
}

TEST(StreamCore, ComputeRestMayOverwriteTheHandleItWasCalledOn) {
  Stream<int> s;
  s = Stream<int>(1, [&s] {
    s = Stream<int>();  // drops the caller's only handle mid-compute
    return Stream<int>(2);
  });
  Stream<int> rest = s.rest();  // must not touch a freed node
  EXPECT_TRUE(s.is_empty());
  EXPECT_EQ(rest.first(), 2);
}

TEST(StreamCore, ComputeRestMayDropItsNodeAndThrow) {
  Stream<int> s;
  s = Stream<int>(1, [&s]() -> Stream<int> {
    s = Stream<int>();  // the node is orphaned...
    throw std::runtime_error("...and compute_rest fails");
  });
  EXPECT_THROW(s.rest(), std::runtime_error);  // the computing thread frees it (ASan: no leak)
  EXPECT_TRUE(s.is_empty());
}

TEST(StreamCore, ConsumingRestFreesAnUnsharedNode) {
  Counted::live = 0;
  auto s = CountedFrom(0);
  EXPECT_EQ(s.rest().first().v, 1);  // memoise node 1
  EXPECT_EQ(Counted::live.load(), 2);
  s = std::move(s).rest();  // node 0 had one handle: freed, rest moved out
  EXPECT_EQ(s.first().v, 1);
  EXPECT_EQ(Counted::live.load(), 1);

  Stream<Counted> other = s;  // shared now: consuming s must not free node 1
  s = std::move(s).rest();
  EXPECT_EQ(s.first().v, 2);
  EXPECT_EQ(other.first().v, 1);
  EXPECT_EQ(&other.rest().first(), &s.first());
  EXPECT_EQ(Counted::live.load(), 2);
}

TEST(StreamCore, ClassTemplateArgumentDeduction) {
  auto s = Stream(1, [] { return Stream(2); });
  static_assert(std::is_same_v<decltype(s), Stream<int>>);
  auto t = Stream(std::string("a"));
  static_assert(std::is_same_v<decltype(t), Stream<std::string>>);
  Stream<int> copy(s);  // the copy constructor, not Stream<Stream<int>>
  static_assert(std::is_same_v<decltype(copy), Stream<int>>);
}

TEST(StreamCore, ReprLikePython) {
  EXPECT_EQ(Stream<int>(1).to_string(), "Stream(1, <...>)");
  EXPECT_EQ(Stream<int>(-3).to_string(), "Stream(-3, <...>)");
  EXPECT_EQ(Stream<std::string>("hi").to_string(), "Stream('hi', <...>)");
  EXPECT_EQ(Stream<std::string>("it's").to_string(), "Stream(\"it's\", <...>)");
  EXPECT_EQ(Stream<std::string>("a\nb\\").to_string(), "Stream('a\\nb\\\\', <...>)");
  EXPECT_EQ(Stream<double>(1.0).to_string(), "Stream(1.0, <...>)");
  EXPECT_EQ(Stream<double>(0.5).to_string(), "Stream(0.5, <...>)");
  EXPECT_EQ(Stream<bool>(true).to_string(), "Stream(True, <...>)");
  EXPECT_EQ(Stream<char>('x').to_string(), "Stream('x', <...>)");
  EXPECT_EQ((Stream<std::pair<int, std::string>>({1, "a"}).to_string()), "Stream((1, 'a'), <...>)");
  EXPECT_EQ((Stream<std::vector<int>>(std::vector<int>{1, 2}).to_string()), "Stream([1, 2], <...>)");
  EXPECT_EQ(Stream<Stream<int>>(Stream<int>(4)).to_string(), "Stream(Stream(4, <...>), <...>)");
  std::ostringstream os;
  os << Stream<int>() << " " << Stream<int>(2);
  EXPECT_EQ(os.str(), "Stream.empty Stream(2, <...>)");
}

TEST(StreamCore, RangeForAndStdAlgorithms) {
  auto s = take(integers_from(0), 5);
  std::vector<int> seen;
  for (int x : s) seen.push_back(x);
  EXPECT_EQ(seen, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(std::ranges::distance(s), 5);  // multi-pass: memoised
  EXPECT_EQ(*std::ranges::find(s, 3), 3);
  EXPECT_EQ(std::ranges::count_if(s, [](int x) { return x % 2 == 0; }), 3);
  auto it = s.begin();
  auto old = it++;
  EXPECT_EQ(*old, 0);
  EXPECT_EQ(*it, 1);
  EXPECT_EQ(it.stream().first(), 1);
}

// Regression (the classic bug): a memoised chain destroyed through nested
// shared-pointer destructors recurses once per node and overflows the stack.
TEST(StreamLongChain, WalkTenMillionKeepingHeadThenDropHead) {
  constexpr std::int64_t kN = 10'000'000;
  auto head = integers_from<std::int64_t>(0);
  Stream<std::int64_t> s = head;
  for (std::int64_t i = 0; i < kN; ++i) s = s.rest();
  EXPECT_EQ(s.first(), kN);
  s = Stream<std::int64_t>();     // the walker lets go first...
  head = Stream<std::int64_t>();  // ...then dropping the head frees 10^7 nodes
  EXPECT_TRUE(head.is_empty());
}

TEST(StreamLongChain, DropHeadWhileWalkerStillHoldsTheTail) {
  constexpr std::int64_t kN = 10'000'000;
  auto head = integers_from<std::int64_t>(0);
  Stream<std::int64_t> s = head;
  for (std::int64_t i = 0; i < kN; ++i) s = s.rest();
  head = Stream<std::int64_t>();  // frees nodes 0..kN-1; stops at the shared one
  EXPECT_EQ(s.first(), kN);
  EXPECT_EQ(s.rest().first(), kN + 1);
}

TEST(StreamLongChain, IteratorWalkTenMillion) {
  constexpr std::int64_t kN = 10'000'000;
  std::int64_t last = -1;
  {
    auto head = integers_from<std::int64_t>(0);
    for (std::int64_t x : head) {
      last = x;
      if (x == kN) break;
    }
  }  // head (and the 10^7 memoised nodes) destroyed here
  EXPECT_EQ(last, kN);
}

TEST(StreamLongChain, DestroyMillionNodeChainOnSmallStack) {
  // 256 KiB of stack: recursive destruction would need ~10^6 frames.
  RunOnSmallStack(256 * 1024, [] {
    auto head = integers_from<std::int64_t>(0);
    Stream<std::int64_t> s = head;
    for (int i = 0; i < 1'000'000; ++i) s = s.rest();
    s = Stream<std::int64_t>();
    head = Stream<std::int64_t>();
  });
}

TEST(StreamLongChain, FilterLongRejectedRunOnSmallStack) {
  RunOnSmallStack(256 * 1024, [] {
    auto s = filter([](std::int64_t x) { return x % 1'000'000 == 999'999; }, integers_from<std::int64_t>(0));
    EXPECT_EQ(s.first(), 999'999);
    EXPECT_EQ(s.rest().first(), 1'999'999);
  });
}

TEST(StreamLongChain, WalkingWithoutHeadReleasesNodes) {
  Counted::live = 0;
  {
    auto s = CountedFrom(0);
    for (int i = 0; i < 100'000; ++i) s = s.rest();
    EXPECT_LE(Counted::live.load(), 2);  // only the current node (and no history)
  }
  EXPECT_EQ(Counted::live.load(), 0);
}

TEST(StreamLongChain, DrainReleasesNodesAsItGoes) {
  Counted::live = 0;
  long seen = 0;
  for (const Counted& c : drain(CountedFrom(0))) {
    EXPECT_LE(Counted::live.load(), 2);
    if (++seen == 100'000) {
      EXPECT_EQ(c.v, 99'999);
      break;
    }
  }
  EXPECT_EQ(Counted::live.load(), 0);
}

// A derived stream's pending compute_rest holds the source only at the
// position reached; walking the derived stream (head kept) must therefore
// keep O(1) source nodes alive, not the whole walked source prefix.
TEST(StreamLongChain, MapDoesNotKeepSourceAlive) {
  Counted::live = 0;
  {
    auto m = map([](const Counted& c) { return c.v * 2; }, CountedFrom(0));
    Stream<long> w = m;
    for (int i = 0; i < 10'000; ++i) w = w.rest();
    EXPECT_EQ(w.first(), 20'000);
    EXPECT_LE(Counted::live.load(), 2);  // 10'001 if map held its source head
  }
  EXPECT_EQ(Counted::live.load(), 0);
}

TEST(StreamLongChain, FilterDoesNotKeepSourceAlive) {
  Counted::live = 0;
  {
    auto f = filter([](const Counted& c) { return c.v % 3 == 0; }, CountedFrom(0));
    Stream<Counted> w = f;
    for (int i = 0; i < 1'000; ++i) w = w.rest();
    EXPECT_EQ(w.first().v, 3'000);
    EXPECT_LE(Counted::live.load(), 1'001 + 2);  // f's own nodes + O(1)
  }
  EXPECT_EQ(Counted::live.load(), 0);
}

TEST(StreamLongChain, TakeAndZipDoNotKeepSourceAlive) {
  Counted::live = 0;
  {
    auto t = take(CountedFrom(0), 1'000'000);
    Stream<Counted> w = t;
    for (int i = 0; i < 1'000; ++i) w = w.rest();
    EXPECT_LE(Counted::live.load(), 1'001 + 2);
  }
  EXPECT_EQ(Counted::live.load(), 0);
  {
    auto z = zip(CountedFrom(0), integers_from(0));
    auto w = z;
    for (int i = 0; i < 1'000; ++i) w = w.rest();
    EXPECT_EQ(w.first().second, 1'000);
    EXPECT_LE(Counted::live.load(), 1'001 + 2);
  }
  EXPECT_EQ(Counted::live.load(), 0);
}

}  // namespace
}  // namespace sluice

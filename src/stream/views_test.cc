// Tests of the lazy range adaptors (sluice::views): laziness, boundaries
// (empty inputs, short inputs, ragged chunks), composition by pipes, with
// Streams, with std containers, std::ranges algorithms and std::views.
#include <algorithm>
#include <array>
#include <deque>
#include <forward_list>
#include <iterator>
#include <list>
#include <memory>
#include <ranges>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "sluice/stream.h"
#include "stream/stream_test_util.h"

namespace sluice {
namespace {

using views::to_vector;

const auto kSquare = [](int x) { return x * x; };
const auto kIsEven = [](int x) { return x % 2 == 0; };

// ---- concepts ----

using Vec = std::vector<int>;
using MapOverVec = decltype(std::declval<Vec&>() | views::map(kSquare));
using FilterOverVec = decltype(std::declval<Vec&>() | views::filter(kIsEven));
static_assert(std::ranges::view<MapOverVec> && std::ranges::forward_range<MapOverVec>);
static_assert(std::ranges::view<FilterOverVec> && std::ranges::forward_range<FilterOverVec>);
static_assert(std::ranges::forward_range<decltype(views::take(std::declval<Vec&>(), 1))>);
static_assert(std::ranges::forward_range<decltype(views::take_while(kIsEven, std::declval<Vec&>()))>);
static_assert(std::ranges::forward_range<decltype(views::zip(std::declval<Vec&>(), std::declval<Vec&>()))>);
static_assert(std::ranges::forward_range<decltype(views::chain(std::declval<Vec&>(), std::declval<Vec&>()))>);
static_assert(std::ranges::forward_range<decltype(views::enumerate(std::declval<Vec&>()))>);
static_assert(std::ranges::input_range<decltype(views::chunk(std::declval<Vec&>(), 2))>);
static_assert(std::ranges::random_access_range<views::RangeView<int>>);
static_assert(std::ranges::sized_range<views::RangeView<int>>);
static_assert(std::ranges::forward_range<decltype(integers_from(0) | views::map(kSquare))>);
static_assert(!std::ranges::forward_range<decltype(std::declval<Generator<int>>() | views::map(kSquare))>);
static_assert(std::ranges::input_range<decltype(std::declval<Generator<int>>() | views::map(kSquare))>);

// ---- map / filter ----

TEST(StreamViews, MapCallsFOnlyWhenAnElementIsRequested) {
  int calls = 0;
  auto f = [&calls](int x) {
    ++calls;
    return x + 1;
  };
  Vec v = {1, 2, 3};
  auto m = v | views::map(f);
  EXPECT_EQ(calls, 0);
  auto it = m.begin();
  EXPECT_EQ(calls, 0);
  ++it;
  EXPECT_EQ(calls, 0);  // stepping over an element does not compute it
  EXPECT_EQ(*it, 3);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(to_vector(m), (Vec{2, 3, 4}));
  EXPECT_EQ(calls, 4);
}

TEST(StreamViews, MapCallOrderAndTypeChange) {
  Vec v = {1, 2, 3};
  auto strs = views::map([](int x) { return std::string(static_cast<std::size_t>(x), '*'); }, v);
  EXPECT_EQ(to_vector(strs), (std::vector<std::string>{"*", "**", "***"}));
}

TEST(StreamViews, FilterThenMap) {
  Vec v = {1, 2, 3, 4, 5, 6};
  EXPECT_EQ(v | views::filter(kIsEven) | views::map(kSquare) | to_vector, (Vec{4, 16, 36}));
  EXPECT_EQ(to_vector(views::filter(kIsEven, v)), (Vec{2, 4, 6}));
}

TEST(StreamViews, FilterSkipsLongRejectedRunsWithoutRecursion) {
  stream_test::RunOnSmallStack(256 * 1024, [] {
    auto r = views::range(0, 10'000'000) | views::filter([](int x) { return x > 9'999'997; });
    EXPECT_EQ(to_vector(r), (Vec{9'999'998, 9'999'999}));
  });
}

TEST(StreamViews, ComposedClosuresApplyLeftToRight) {
  auto pipeline = views::filter(kIsEven) | views::map(kSquare) | views::take(2);
  Vec v = {1, 2, 3, 4, 5, 6};
  EXPECT_EQ(v | pipeline | to_vector, (Vec{4, 16}));
  EXPECT_EQ(views::range(10) | pipeline | to_vector, (Vec{0, 4}));
}

TEST(StreamViews, MutableFunctionObjects) {
  Vec v = {5, 5, 5};
  auto running = v | views::map([sum = 0](int x) mutable { return sum += x; });
  EXPECT_EQ(to_vector(running), (Vec{5, 10, 15}));
}

// ---- take / take_while ----

TEST(StreamViews, Take) {
  Vec v = {1, 2, 3};
  EXPECT_EQ(v | views::take(2) | to_vector, (Vec{1, 2}));
  EXPECT_EQ(v | views::take(3) | to_vector, (Vec{1, 2, 3}));
  EXPECT_EQ(v | views::take(10) | to_vector, (Vec{1, 2, 3}));
  EXPECT_TRUE((v | views::take(0) | to_vector).empty());
  EXPECT_EQ(views::take(views::range(100, 1'000'000'000), 3) | to_vector, (Vec{100, 101, 102}));
}

TEST(StreamViews, TakeDoesNotStepPastTheLastElement) {
  int computes = 0;
  Stream<int> s = Stream<int>(0, [&computes] {
    ++computes;
    return Stream<int>(1, [&computes] {
      ++computes;
      return Stream<int>(2);
    });
  });
  EXPECT_EQ(s | views::take(2) | to_vector, (Vec{0, 1}));
  EXPECT_EQ(computes, 1);  // std::views::take would have computed the third node
}

TEST(StreamViews, TakeWhile) {
  Vec v = {2, 4, 5, 6};
  EXPECT_EQ(v | views::take_while(kIsEven) | to_vector, (Vec{2, 4}));
  EXPECT_TRUE((views::take_while(kIsEven, Vec{1, 2}) | to_vector).empty());
  EXPECT_EQ(views::take_while(kIsEven, Vec{2, 4}) | to_vector, (Vec{2, 4}));
  EXPECT_EQ(integers_from(1) | views::take_while([](int x) { return x * x < 50; }) | to_vector,
            (Vec{1, 2, 3, 4, 5, 6, 7}));
}

TEST(StreamViews, TakeWhileCallsPredOncePerElement) {
  int calls = 0;
  Vec v = {1, 2, 3, 10, 4};
  auto r = v | views::take_while([&calls](int x) {
             ++calls;
             return x < 5;
           });
  EXPECT_EQ(to_vector(r), (Vec{1, 2, 3}));
  EXPECT_EQ(calls, 4);  // 1, 2, 3 accepted; 10 rejected; 4 never looked at
}

// ---- zip ----

TEST(StreamViews, ZipStopsAtTheShorter) {
  Vec a = {1, 2, 3, 4};
  std::list<std::string> b = {"one", "two"};
  std::vector<std::tuple<int, std::string>> got;
  for (auto [x, s] : views::zip(a, b)) got.emplace_back(x, s);
  EXPECT_EQ(got, (std::vector<std::tuple<int, std::string>>{{1, "one"}, {2, "two"}}));
  EXPECT_EQ(std::ranges::distance(views::zip(b, a)), 2);
}

TEST(StreamViews, ZipThreeRangesAndInfiniteOnes) {
  Vec a = {1, 2, 3};
  auto z = views::zip(a, integers_from(10), views::range(100, 200) | views::map(kSquare));
  std::vector<int> sums;
  for (auto [x, y, w] : z) sums.push_back(x + y + w);
  EXPECT_EQ(sums, (Vec{1 + 10 + 10000, 2 + 11 + 10201, 3 + 12 + 10404}));
}

TEST(StreamViews, ZipYieldsReferencesIntoContainers) {
  Vec a = {1, 2, 3};
  Vec b = {10, 20, 30};
  for (auto [x, y] : views::zip(a, b)) x += y;
  EXPECT_EQ(a, (Vec{11, 22, 33}));
}

TEST(StreamViews, ZipWithEmpty) {
  Vec a = {1, 2, 3};
  Vec none;
  EXPECT_EQ(std::ranges::distance(views::zip(a, none)), 0);
  EXPECT_EQ(std::ranges::distance(views::zip(none, integers_from(0))), 0);
}

// ---- chain ----

TEST(StreamViews, ChainOfDifferentRanges) {
  Vec v = {1, 2};
  std::list<int> l = {3};
  std::array<int, 2> arr = {4, 5};
  Vec none;
  auto c = views::chain(v, none, l, views::range(6, 8), arr, take(integers_from(8), 2), none);
  EXPECT_EQ(to_vector(c), (Vec{1, 2, 3, 6, 7, 4, 5, 8, 9}));
  EXPECT_EQ(std::ranges::distance(c), 9);  // forward: a second pass works
}

TEST(StreamViews, ChainEmptyAndSingle) {
  Vec none;
  EXPECT_EQ(std::ranges::distance(views::chain(none, none)), 0);
  EXPECT_EQ(views::chain(Vec{1, 2}) | to_vector, (Vec{1, 2}));
  EXPECT_EQ(views::chain(none, Vec{7}) | to_vector, (Vec{7}));
}

TEST(StreamViews, ChainYieldsCommonReferences) {
  Vec a = {1};
  Vec b = {2};
  for (int& x : views::chain(a, b)) x *= 10;  // both int&: assignable
  EXPECT_EQ(a[0] + b[0], 30);
  auto mixed = views::chain(a, views::range(0, 2));  // int& and int: int
  static_assert(std::is_same_v<std::ranges::range_reference_t<decltype(mixed)>, int>);
  EXPECT_EQ(to_vector(mixed), (Vec{10, 0, 1}));
}

// ---- enumerate ----

TEST(StreamViews, EnumerateIndices) {
  std::vector<std::string> v = {"a", "b", "c"};
  std::vector<std::pair<std::ptrdiff_t, std::string>> got;
  for (auto [i, s] : v | views::enumerate) got.emplace_back(i, s);
  EXPECT_EQ(got, (std::vector<std::pair<std::ptrdiff_t, std::string>>{{0, "a"}, {1, "b"}, {2, "c"}}));

  std::vector<std::ptrdiff_t> from_one;
  for (auto [i, s] : views::enumerate(v, 1)) from_one.push_back(i);
  EXPECT_EQ(from_one, (std::vector<std::ptrdiff_t>{1, 2, 3}));

  for (auto [i, s] : views::enumerate(v)) s += std::to_string(i);  // references
  EXPECT_EQ(v, (std::vector<std::string>{"a0", "b1", "c2"}));

  EXPECT_EQ(std::ranges::distance(Vec{} | views::enumerate), 0);
}

TEST(StreamViews, EnumerateInfinite) {
  auto e = integers_from(100) | views::enumerate | views::take(3);
  std::vector<std::pair<std::ptrdiff_t, int>> got;
  for (auto [i, x] : e) got.emplace_back(i, x);
  EXPECT_EQ(got, (std::vector<std::pair<std::ptrdiff_t, int>>{{0, 100}, {1, 101}, {2, 102}}));
}

// ---- chunk ----

TEST(StreamViews, ChunkWithRaggedLastChunk) {
  Vec v = {1, 2, 3, 4, 5, 6, 7};
  std::vector<Vec> got;
  for (Vec& c : v | views::chunk(3)) got.push_back(c);
  EXPECT_EQ(got, (std::vector<Vec>{{1, 2, 3}, {4, 5, 6}, {7}}));
}

TEST(StreamViews, ChunkBoundaries) {
  std::vector<Vec> got;
  for (Vec& c : Vec{1, 2, 3, 4} | views::chunk(2)) got.push_back(c);
  EXPECT_EQ(got, (std::vector<Vec>{{1, 2}, {3, 4}}));  // exact: no empty tail chunk
  got.clear();
  for (Vec& c : views::chunk(Vec{1, 2}, 5)) got.push_back(c);
  EXPECT_EQ(got, (std::vector<Vec>{{1, 2}}));  // larger than the input
  got.clear();
  for (Vec& c : views::chunk(Vec{}, 3)) got.push_back(c);
  EXPECT_TRUE(got.empty());
  got.clear();
  for (Vec& c : Vec{1, 2, 3} | views::chunk(1)) got.push_back(c);
  EXPECT_EQ(got, (std::vector<Vec>{{1}, {2}, {3}}));
}

TEST(StreamViews, ChunkOfInfiniteRangeAndMovingBatchesOut) {
  std::vector<std::vector<std::string>> got;
  auto words = integers_from(0) | views::map([](int i) { return std::string(1, static_cast<char>('a' + i)); });
  for (auto& batch : words | views::chunk(2) | views::take(2)) got.push_back(std::move(batch));
  EXPECT_EQ(got, (std::vector<std::vector<std::string>>{{"a", "b"}, {"c", "d"}}));
}

TEST(StreamViews, ChunkPullsNoElementPastItsBatches) {
  int computes = 0;
  auto counting = Stream<int>(0, [&computes] {
    ++computes;
    return take(integers_from(1), 100);
  });
  auto first_batch = counting | views::chunk(1) | views::take(1) | to_vector;
  EXPECT_EQ(first_batch, (std::vector<Vec>{{0}}));
  EXPECT_EQ(computes, 0);
}

// ---- range ----

TEST(StreamViews, RangeLikePython) {
  EXPECT_EQ(views::range(5) | to_vector, (Vec{0, 1, 2, 3, 4}));
  EXPECT_EQ(views::range(2, 5) | to_vector, (Vec{2, 3, 4}));
  EXPECT_EQ(views::range(0, 10, 3) | to_vector, (Vec{0, 3, 6, 9}));
  EXPECT_EQ(views::range(10, 0, -3) | to_vector, (Vec{10, 7, 4, 1}));
  EXPECT_TRUE(views::range(5, 5).empty());
  EXPECT_TRUE(views::range(5, 2).empty());
  EXPECT_TRUE(views::range(2, 5, -1).empty());
  auto r = views::range(10, 0, -3);
  EXPECT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0], 10);
  EXPECT_EQ(r[-1], 1);
  auto it = r.begin();
  EXPECT_EQ(it[2], 4);
  EXPECT_EQ(*(it + 3), 1);
  EXPECT_EQ(r.end() - r.begin(), 4);
  EXPECT_TRUE(r.begin() < r.end());
  EXPECT_EQ(std::ranges::distance(r), 4);
}

// ---- other sources and ownership ----

TEST(StreamViews, OwnsRvalueContainers) {
  auto r = std::vector<int>{3, 1, 2} | views::map(kSquare);  // the vector lives in r
  EXPECT_EQ(to_vector(r), (Vec{9, 1, 4}));
}

TEST(StreamViews, OverStreamsAndForwardLists) {
  EXPECT_EQ(primes(integers_from(2)) | views::map(kSquare) | views::take(4) | to_vector, (Vec{4, 9, 25, 49}));
  std::forward_list<int> fl = {1, 2, 3};
  EXPECT_EQ(fl | views::filter(kIsEven) | to_vector, (Vec{2}));
}

TEST(StreamViews, EmptyInputsEverywhere) {
  Vec none;
  EXPECT_TRUE((none | views::map(kSquare) | to_vector).empty());
  EXPECT_TRUE((none | views::filter(kIsEven) | to_vector).empty());
  EXPECT_TRUE((none | views::take(3) | to_vector).empty());
  EXPECT_TRUE((none | views::take_while(kIsEven) | to_vector).empty());
  EXPECT_EQ(std::ranges::distance(views::zip(none, none)), 0);
  EXPECT_EQ(std::ranges::distance(views::chain(none, none)), 0);
  EXPECT_EQ(std::ranges::distance(none | views::enumerate), 0);
  EXPECT_EQ(std::ranges::distance(none | views::chunk(4)), 0);
  EXPECT_TRUE((Stream<int>() | views::map(kSquare) | to_vector).empty());
  EXPECT_TRUE((views::range(0) | views::map(kSquare) | to_vector).empty());
}

TEST(StreamViews, StdRangesAlgorithms) {
  Vec v = {5, 3, 8, 1};
  auto m = v | views::map(kSquare);
  EXPECT_EQ(std::ranges::count_if(m, [](int x) { return x > 10; }), 2);
  EXPECT_EQ(*std::ranges::find(m, 64), 64);
  EXPECT_TRUE(std::ranges::equal(views::range(1, 4) | views::map(kSquare), Vec{1, 4, 9}));
  EXPECT_EQ(*std::ranges::max_element(m), 64);
  EXPECT_TRUE(std::ranges::any_of(views::zip(v, integers_from(0)), [](auto t) { return std::get<1>(t) == 3; }));
}

#if SLUICE_TEST_STD_VIEWS
TEST(StreamViews, ComposeWithStdViews) {
  Vec v = {1, 2, 3, 4, 5, 6, 7, 8};
  // std first, then ours.
  auto a = v | std::views::filter(kIsEven) | views::map(kSquare);
  EXPECT_EQ(to_vector(a), (Vec{4, 16, 36, 64}));
  // ours first, then std.
  auto b = v | views::map(kSquare) | std::views::filter(kIsEven) | std::views::take(2);
  EXPECT_EQ(to_vector(b), (Vec{4, 16}));
  // Streams and infinite std::views::iota.
  auto c = integers_from(1) | std::views::transform(kSquare) | views::take_while([](int x) { return x < 30; });
  EXPECT_EQ(to_vector(c), (Vec{1, 4, 9, 16, 25}));
  auto d = views::zip(std::views::iota(0), v | std::views::reverse) | views::take(2);
  std::vector<std::tuple<int, int>> got;
  for (auto t : d) got.push_back(t);
  EXPECT_EQ(got, (std::vector<std::tuple<int, int>>{{0, 8}, {1, 7}}));
  auto e = views::chunk(std::views::iota(0, 5), 2) | std::views::transform([](const Vec& c) { return c.size(); });
  std::vector<std::size_t> sizes;
  for (auto n : e) sizes.push_back(n);
  EXPECT_EQ(sizes, (std::vector<std::size_t>{2, 2, 1}));
  EXPECT_EQ(std::ranges::distance(views::enumerate(v) | std::views::drop(3)), 5);
}
#endif

}  // namespace
}  // namespace sluice

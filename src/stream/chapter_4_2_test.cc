// The examples of chapter 4.2 ("implicit sequences"), in the chapter's order,
// each checked against the output the chapter shows.
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "sluice/stream.h"
#include "stream/stream_test_util.h"

#if SLUICE_TEST_STD_VIEWS
#include <ranges>
#endif

namespace sluice {
namespace {

using stream_test::Next;
using stream_test::StopIteration;

// >>> r = range(10000, 1000000000)
// >>> r[45006230]
// 45016230
TEST(StreamChapter42, RangeComputesElementsOnDemand) {
  auto r = views::range(10000, 1000000000);
  EXPECT_EQ(r[45006230], 45016230);
  EXPECT_EQ(r.size(), 999990000u);
  EXPECT_EQ(r[-1], 999999999);  // Python's negative index
  // Only the end points (and step, size) are stored, not 999,990,000 ints.
  EXPECT_LE(sizeof(r), 3 * sizeof(std::int64_t));
#if SLUICE_TEST_STD_VIEWS
  // The standard library's lazy integer range does the same.
  auto iota = std::views::iota(10000, 1000000000);
  EXPECT_EQ(iota[45006230], 45016230);
#endif
}

// >>> counts = [1, 2, 3]
// >>> for item in counts:
//         print(item)
TEST(StreamChapter42, ForStatement) {
  const std::vector<int> counts = {1, 2, 3};
  std::ostringstream out;
  for (int item : counts) out << item << "\n";
  EXPECT_EQ(out.str(), "1\n2\n3\n");
}

// >>> items = iter(counts)
// >>> try:
//         while True:
//             item = next(items)
//             print(item)
//     except StopIteration:
//         pass
TEST(StreamChapter42, ForStatementAsWhileIterNext) {
  const std::vector<int> counts = {1, 2, 3};
  std::ostringstream out;
  auto items = counts.begin();
  try {
    while (true) {
      int item = Next(items, counts.end());
      out << item << "\n";
    }
  } catch (const StopIteration&) {
  }
  EXPECT_EQ(out.str(), "1\n2\n3\n");
}

// >>> def double_and_print(x):
//         print('***', x, '=>', 2*x, '***')
//         return 2*x
// >>> s = range(3, 7)
// >>> doubled = map(double_and_print, s)  # double_and_print not yet called
// >>> next(doubled)                       # double_and_print called once
// *** 3 => 6 ***
// 6
// >>> next(doubled)                       # double_and_print called again
// *** 4 => 8 ***
// 8
// >>> list(doubled)                       # double_and_print called twice more
// *** 5 => 10 ***
// *** 6 => 12 ***
// [10, 12]
TEST(StreamChapter42, MapIsLazy) {
  std::ostringstream printed;
  auto double_and_print = [&printed](int x) {
    printed << "*** " << x << " => " << 2 * x << " ***\n";
    return 2 * x;
  };
  auto s = views::range(3, 7);
  auto doubled = views::map(double_and_print, s);
  EXPECT_EQ(printed.str(), "");  // double_and_print not yet called
  auto it = doubled.begin();
  EXPECT_EQ(printed.str(), "");  // nor by asking for an iterator

  EXPECT_EQ(Next(it, doubled.end()), 6);
  EXPECT_EQ(printed.str(), "*** 3 => 6 ***\n");
  printed.str("");

  EXPECT_EQ(Next(it, doubled.end()), 8);
  EXPECT_EQ(printed.str(), "*** 4 => 8 ***\n");
  printed.str("");

  std::vector<int> rest;
  for (; it != doubled.end(); ++it) rest.push_back(*it);  // list(doubled)
  EXPECT_EQ(rest, (std::vector<int>{10, 12}));
  EXPECT_EQ(printed.str(), "*** 5 => 10 ***\n*** 6 => 12 ***\n");
}

// >>> s = Stream(1, lambda: Stream(2+3, lambda: Stream(9)))
// The 5 is computed on demand, the first time it is requested, and each
// compute_rest function is called only once.
TEST(StreamChapter42, NestedStreamComputesRestOnceOnDemand) {
  int outer_calls = 0;
  int inner_calls = 0;
  auto s = Stream(1, [&] {
    ++outer_calls;
    return Stream(2 + 3, [&] {
      ++inner_calls;
      return Stream(9);
    });
  });
  EXPECT_EQ(s.first(), 1);
  EXPECT_EQ(outer_calls, 0);
  EXPECT_FALSE(s.rest_computed());

  EXPECT_EQ(s.rest().first(), 5);
  EXPECT_EQ(outer_calls, 1);
  EXPECT_EQ(s.rest().first(), 5);  // memoised
  EXPECT_EQ(outer_calls, 1);
  EXPECT_EQ(inner_calls, 0);

  EXPECT_EQ(s.rest().rest().first(), 9);
  EXPECT_EQ(s.rest().rest().first(), 9);
  EXPECT_EQ(inner_calls, 1);
  EXPECT_TRUE(s.rest().rest().rest().is_empty());  // the default compute_rest: empty

  std::vector<int> walked;
  for (int x : s) walked.push_back(x);
  EXPECT_EQ(walked, (std::vector<int>{1, 5, 9}));
  EXPECT_EQ(outer_calls, 1);
  EXPECT_EQ(inner_calls, 1);
}

// >>> def integer_stream(first):
//         def compute_rest():
//             return integer_stream(first+1)
//         return Stream(first, compute_rest)
Stream<int> integer_stream(int first) {
  auto compute_rest = [first] { return integer_stream(first + 1); };
  return Stream<int>(first, compute_rest);
}

// >>> positives = integer_stream(1)
// >>> positives
// Stream(1, <...>)
// >>> positives.first
// 1
TEST(StreamChapter42, Positives) {
  auto positives = integer_stream(1);
  EXPECT_EQ(positives.to_string(), "Stream(1, <...>)");
  EXPECT_EQ(positives.first(), 1);

  auto library = integers_from(1);
  std::ostringstream os;
  os << library;
  EXPECT_EQ(os.str(), "Stream(1, <...>)");
  EXPECT_EQ(library.first(), 1);
  EXPECT_EQ(first_k(positives, 4), first_k(library, 4));
}

// >>> Stream.empty
// Stream.empty
TEST(StreamChapter42, EmptyRepr) {
  EXPECT_EQ(Stream<int>::empty().to_string(), "Stream.empty");
  EXPECT_TRUE(Stream<int>::empty().is_empty());
}

// >>> m = map_stream(lambda x: x*x, integer_stream(3))
// >>> first_k(m, 5)
// [9, 16, 25, 36, 49]
TEST(StreamChapter42, MapStream) {
  auto square = [](int x) { return x * x; };
  EXPECT_EQ(first_k(map(square, integers_from(3)), 5), (std::vector<int>{9, 16, 25, 36, 49}));
  EXPECT_EQ(first_k(map(square, integer_stream(3)), 5), (std::vector<int>{9, 16, 25, 36, 49}));
}

// >>> first_k(filter_stream(lambda x: x % 2 == 0, integer_stream(1)), 5)
// [2, 4, 6, 8, 10]
TEST(StreamChapter42, FilterStream) {
  auto even = [](int x) { return x % 2 == 0; };
  EXPECT_EQ(first_k(filter(even, integers_from(1)), 5), (std::vector<int>{2, 4, 6, 8, 10}));
}

// >>> p1 = primes(integer_stream(2))
// >>> first_k(p1, 7)
// [2, 3, 5, 7, 11, 13, 17]
TEST(StreamChapter42, Primes) {
  auto p1 = primes(integers_from(2));
  EXPECT_EQ(first_k(p1, 7), (std::vector<int>{2, 3, 5, 7, 11, 13, 17}));
  EXPECT_EQ(p1.to_string(), "Stream(2, <...>)");
}

}  // namespace
}  // namespace sluice

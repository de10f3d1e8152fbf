#include "extsort/sort_buffer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>

namespace sluice::extsort {
namespace {

std::vector<std::string> Keys(const SortBuffer& b) {
  std::vector<std::string> out;
  for (const auto& e : b.entries()) out.emplace_back(std::string(e.key()) + "=" + std::string(e.value()));
  return out;
}

TEST(SortBufferTest, SortsByUnsignedBytesThenArrival) {
  SortBuffer b(1 << 22);
  for (std::string k : {std::string("b"), std::string("\xc3\xa9"), std::string("a"), std::string("ab"),
                        std::string("a\0", 2), std::string("abcdefghij"), std::string("abcdefghi"), std::string("b")}) {
    ASSERT_TRUE(b.TryAdd(0, k, std::to_string(b.entries().size())));
  }
  b.Sort(nullptr);
  EXPECT_EQ(Keys(b), (std::vector<std::string>{"a=2", std::string("a\0=4", 4), "ab=3", "abcdefghi=6", "abcdefghij=5",
                                               "b=0", "b=7", "\xc3\xa9=1"}));
}

TEST(SortBufferTest, PartitionsComeFirstAndCustomComparatorIsUsed) {
  SortBuffer b(1 << 22);
  ASSERT_TRUE(b.TryAdd(1, "a", "x"));
  ASSERT_TRUE(b.TryAdd(0, "a", "y"));
  ASSERT_TRUE(b.TryAdd(0, "c", "z"));
  ASSERT_TRUE(b.TryAdd(0, "b", "w"));
  b.Sort([](std::string_view a, std::string_view c) { return -CompareBytes(a, c); });  // descending
  EXPECT_EQ(Keys(b), (std::vector<std::string>{"c=z", "b=w", "a=y", "a=x"}));
  EXPECT_EQ(b.entries().back().partition, 1u);
}

TEST(SortBufferTest, RefusesRecordsBeyondTheBudgetButTakesOneHugeRecordWhenEmpty) {
  SortBuffer b(3 << 20);
  std::string value(100000, 'v');
  int added = 0;
  while (b.TryAdd(0, "k", value)) ++added;
  EXPECT_GT(added, 10);
  EXPECT_LE(b.bytes_used(), b.budget());
  b.Clear();
  EXPECT_TRUE(b.empty());
  std::string huge(5 << 20, 'h');
  EXPECT_TRUE(b.TryAdd(0, huge, ""));
  EXPECT_FALSE(b.TryAdd(0, "x", ""));
  EXPECT_EQ(b.entries()[0].key().size(), huge.size());
}

// Large buffers take the radix path; it must give exactly the order of a
// stable sort by (partition, unsigned bytes): few distinct keys, keys that
// share 8-byte prefixes, zero bytes, bytes >= 0x80, several partitions.
TEST(SortBufferTest, RadixSortEqualsAStableSortByPartitionAndKey) {
  for (int round = 0; round < 4; ++round) {
    std::mt19937 rng(static_cast<unsigned>(round));
    std::vector<std::string> keys;
    const int distinct = round % 2 == 0 ? 5 : 5000;
    for (int i = 0; i < distinct; ++i) {
      std::string k;
      const int len = static_cast<int>(rng() % 14);
      for (int j = 0; j < len; ++j) k.push_back(static_cast<char>("\0ab\x80\xff"[rng() % 5]));
      if (rng() % 3 == 0) k = "commonprefix" + k;  // ties on the prefix
      keys.push_back(k);
    }
    SortBuffer b(std::size_t{64} << 20);
    std::vector<std::tuple<std::uint32_t, std::string, std::uint32_t>> want;
    for (std::uint32_t seq = 0; seq < 20000; ++seq) {
      const std::uint32_t part = round >= 2 ? static_cast<std::uint32_t>(rng() % 300) : 0;  // > 1 byte
      const std::string& key = keys[rng() % keys.size()];
      ASSERT_TRUE(b.TryAdd(part, key, std::to_string(seq)));
      want.emplace_back(part, key, seq);
    }
    std::stable_sort(want.begin(), want.end(), [](const auto& x, const auto& y) {
      if (std::get<0>(x) != std::get<0>(y)) return std::get<0>(x) < std::get<0>(y);
      return CompareBytes(std::get<1>(x), std::get<1>(y)) < 0;
    });
    b.Sort(nullptr);
    ASSERT_EQ(b.entries().size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      const auto& e = b.entries()[i];
      ASSERT_EQ(e.partition, std::get<0>(want[i])) << "round " << round << " at " << i;
      ASSERT_EQ(e.key(), std::get<1>(want[i])) << "round " << round << " at " << i;
      ASSERT_EQ(e.value(), std::to_string(std::get<2>(want[i]))) << "round " << round << " at " << i;
    }
  }
}

}  // namespace
}  // namespace sluice::extsort

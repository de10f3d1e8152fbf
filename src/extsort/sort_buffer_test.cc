#include "extsort/sort_buffer.h"

#include <gtest/gtest.h>

#include <string>

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
                        std::string("a\0", 2), std::string("abcdefghij"), std::string("abcdefghi"),
                        std::string("b")}) {
    ASSERT_TRUE(b.TryAdd(0, k, std::to_string(b.entries().size())));
  }
  b.Sort(nullptr);
  EXPECT_EQ(Keys(b), (std::vector<std::string>{"a=2", std::string("a\0=4", 4), "ab=3", "abcdefghi=6",
                                               "abcdefghij=5", "b=0", "b=7", "\xc3\xa9=1"}));
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

}  // namespace
}  // namespace sluice::extsort

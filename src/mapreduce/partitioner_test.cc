#include "mapreduce/partitioner.h"

#include <gtest/gtest.h>

#include "mapreduce/key_value.h"

namespace sluice::mapreduce {
namespace {

// Expected values follow Java's int arithmetic on signed bytes
// (WritableComparator.hashBytes, seeded with 1), computed independently.
TEST(PartitionerTest, MatchesHadoopTextHashCode) {
  EXPECT_EQ(HadoopTextHash(""), 1);
  EXPECT_EQ(HadoopTextHash("a"), 128);
  EXPECT_EQ(HadoopTextHash("hello"), 127791473);
  EXPECT_EQ(HadoopTextHash("\xc3\xa9"), -1017);  // bytes >= 0x80 are negative in Java
  EXPECT_EQ(HadoopTextHash("the quick brown fox jumps over the lazy dog"), 1187454674);  // wraps around
}

TEST(PartitionerTest, HashPartitionerMasksTheSignBit) {
  EXPECT_EQ(HadoopPartition("", 7), 1u);
  EXPECT_EQ(HadoopPartition("a", 7), 2u);
  EXPECT_EQ(HadoopPartition("hello", 7), 5u);
  EXPECT_EQ(HadoopPartition("\xc3\xa9", 7), 0u);  // (-1017 & 0x7fffffff) % 7
  EXPECT_EQ(HadoopPartition("'a'", 7), 1u);
  EXPECT_EQ(HadoopPartition("anything", 1), 0u);
}

TEST(KeyValueTest, SplitsAtTheFirstTab) {
  EXPECT_EQ(SplitKeyValue("k\tv\tw"), std::make_pair(std::string_view("k"), std::string_view("v\tw")));
  EXPECT_EQ(SplitKeyValue("no tab"), std::make_pair(std::string_view("no tab"), std::string_view()));
  EXPECT_EQ(SplitKeyValue("\tv"), std::make_pair(std::string_view(), std::string_view("v")));
  EXPECT_EQ(SplitKeyValue(""), std::make_pair(std::string_view(), std::string_view()));
  std::string line;
  AppendKeyValueLine(line, "foo", "");
  EXPECT_EQ(line, "foo\t\n");
}

}  // namespace
}  // namespace sluice::mapreduce

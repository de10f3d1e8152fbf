#include "extsort/external_sorter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "extsort/test_util.h"

namespace sluice::extsort {
namespace {

using testing::Drain;
using testing::Pairs;
using testing::ScratchDir;

Pairs RandomPairs(int n, unsigned seed) {
  std::mt19937 rng(seed);
  Pairs out;
  for (int i = 0; i < n; ++i) {
    std::string key(1 + rng() % 12, 'a');
    for (char& c : key) c = static_cast<char>(rng() % 256);  // bytes >= 0x80 too
    out.emplace_back(key, std::to_string(i));
  }
  return out;
}

SorterOptions Opts(std::size_t memory, const std::string& dir) {
  SorterOptions o;
  o.memory_bytes = memory;
  o.temp_dir = dir;
  return o;
}

Pairs StableSorted(Pairs p) {
  std::stable_sort(p.begin(), p.end(), [](auto& a, auto& b) { return CompareBytes(a.first, b.first) < 0; });
  return p;
}

TEST(ExternalSorterTest, InMemoryWhenItFits) {
  ScratchDir dir;
  ExternalSorter sorter(Opts(8 << 20, dir.path()));
  Pairs in = RandomPairs(1000, 1);
  for (auto& [k, v] : in) ASSERT_TRUE(sorter.Add(k, v).ok());
  auto out = sorter.Finish();
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(Drain(**out), StableSorted(in));
  EXPECT_EQ(sorter.stats().spills, 0u);
  EXPECT_EQ(dir.FileCount(), 0u);
}

TEST(ExternalSorterTest, SpillsAndMergesStablyWithinTheBudget) {
  ScratchDir dir;
  SorterOptions options = Opts(2 << 20, dir.path());
  Pairs in = RandomPairs(200000, 2);
  for (auto& p : in) p.second += std::string(20, 'v');
  {
    ExternalSorter sorter(options);
    for (auto& [k, v] : in) ASSERT_TRUE(sorter.Add(k, v).ok());
    auto out = sorter.Finish();
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(Drain(**out), StableSorted(in));
    EXPECT_GT(sorter.stats().spills, 3u);
    EXPECT_LE(sorter.stats().peak_buffer_bytes, options.memory_bytes);
  }
  EXPECT_EQ(dir.FileCount(), 0u);  // the sorter cleans up its runs
}

TEST(ExternalSorterTest, PartitionedRunsAndCombiner) {
  ScratchDir dir;
  // Sums decimal values per key, like a word-count combiner.
  Combiner sum = [](RecordSource& in, RecordSink& out) -> Status {
    std::string key;
    long total = 0;
    bool have = false;
    while (in.Next()) {
      if (have && in.key() != key) {
        SLUICE_RETURN_IF_ERROR(out.Add(key, std::to_string(total)));
        total = 0;
      }
      key.assign(in.key());
      total += std::stol(std::string(in.value()));
      have = true;
    }
    if (have) return out.Add(key, std::to_string(total));
    return Status::OK();
  };
  SorterOptions options = Opts(1 << 20, dir.path());
  options.partitions = 3;
  options.combiner = sum;
  ExternalSorter sorter(options);
  std::map<std::string, long> want;
  std::mt19937 rng(3);
  for (int i = 0; i < 100000; ++i) {
    std::string k = "w" + std::to_string(rng() % 1000);
    want[k] += 1;
    ASSERT_TRUE(sorter.Add(static_cast<std::uint32_t>(std::hash<std::string>()(k) % 3), k, "1").ok());
  }
  EXPECT_FALSE(sorter.Add(3, "x", "1").ok());
  auto runs = sorter.FinishRuns();
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 3u);
  std::map<std::string, long> got;
  for (std::uint32_t p = 0; p < 3; ++p) {
    MergeOptions mo;
    mo.temp_dir = dir.path();
    auto m = MergeRuns((*runs)[p], mo);
    ASSERT_TRUE(m.ok());
    std::string prev;
    while ((*m)->Next()) {
      EXPECT_EQ(std::hash<std::string>()(std::string((*m)->key())) % 3, p);
      EXPECT_GE(std::string((*m)->key()), prev);
      prev = (*m)->key();
      got[prev] += std::stol(std::string((*m)->value()));
    }
    for (auto& r : (*runs)[p]) std::remove(r.path.c_str());
  }
  EXPECT_EQ(got, want);
  EXPECT_GT(sorter.stats().combine_in, sorter.stats().combine_out);
}

TEST(ExternalSorterTest, CombinerThatChangesKeyOrderIsReported) {
  ScratchDir dir;
  Combiner reverse = [](RecordSource& in, RecordSink& out) -> Status {
    Pairs all = Drain(in);
    for (auto it = all.rbegin(); it != all.rend(); ++it) SLUICE_RETURN_IF_ERROR(out.Add(it->first, it->second));
    return Status::OK();
  };
  SorterOptions options = Opts(1 << 20, dir.path());
  options.combiner = reverse;
  ExternalSorter sorter(options);
  ASSERT_TRUE(sorter.Add("a", "1").ok());
  ASSERT_TRUE(sorter.Add("b", "1").ok());
  Status s = sorter.Spill();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("not sorted"), std::string::npos);
}

TEST(ExternalSorterTest, OneHugeRecordLargerThanTheBudget) {
  ScratchDir dir;
  ExternalSorter sorter(Opts(1 << 20, dir.path()));
  std::string huge(3 << 20, 'k');
  ASSERT_TRUE(sorter.Add("b", "small").ok());
  ASSERT_TRUE(sorter.Add(huge, "v").ok());
  ASSERT_TRUE(sorter.Add("a", "small").ok());
  auto out = sorter.Finish();
  ASSERT_TRUE(out.ok());
  Pairs got = Drain(**out);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].first, "a");
  EXPECT_EQ(got[1].first, "b");
  EXPECT_EQ(got[2].first, huge);
}

TEST(ExternalSorterTest, CustomComparator) {
  ScratchDir dir;
  auto by_number = [](std::string_view a, std::string_view b) {
    long x = std::stol(std::string(a)), y = std::stol(std::string(b));
    return x < y ? -1 : (x > y ? 1 : 0);
  };
  SorterOptions options = Opts(1 << 20, dir.path());
  options.compare = by_number;
  ExternalSorter sorter(options);
  std::vector<long> want;
  std::mt19937 rng(4);
  for (int i = 0; i < 60000; ++i) {
    long n = static_cast<long>(rng() % 100000);
    want.push_back(n);
    ASSERT_TRUE(sorter.Add(std::to_string(n), std::string(30, 'x')).ok());
  }
  std::sort(want.begin(), want.end());
  auto out = sorter.Finish();
  ASSERT_TRUE(out.ok());
  std::vector<long> got;
  while ((*out)->Next()) got.push_back(std::stol(std::string((*out)->key())));
  EXPECT_EQ(got, want);
  EXPECT_GT(sorter.stats().spills, 0u);
}

}  // namespace
}  // namespace sluice::extsort

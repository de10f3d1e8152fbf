#include "extsort/merge.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "extsort/test_util.h"

namespace sluice::extsort {
namespace {

using testing::Drain;
using testing::Pairs;
using testing::ScratchDir;

RunFile WriteRun(const std::string& path, const Pairs& pairs) {
  auto w = RunWriter::Create(path);
  EXPECT_TRUE(w.ok());
  for (auto& [k, v] : pairs) EXPECT_TRUE((*w)->Add(k, v).ok());
  return *(*w)->Finish();
}

TEST(MergeTest, EqualKeysComeInRunOrder) {
  ScratchDir dir;
  std::vector<RunFile> runs = {
      WriteRun(dir.path() + "/0", {{"a", "0"}, {"b", "0"}, {"d", "0"}}),
      WriteRun(dir.path() + "/1", {{"a", "1"}, {"c", "1"}}),
      WriteRun(dir.path() + "/2", {}),
      WriteRun(dir.path() + "/3", {{"a", "3"}, {"d", "3"}, {"e", "3"}}),
  };
  MergeOptions options;
  options.temp_dir = dir.path();
  auto m = MergeRuns(runs, options);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(Drain(**m),
            (Pairs{{"a", "0"}, {"a", "1"}, {"a", "3"}, {"b", "0"}, {"c", "1"}, {"d", "0"}, {"d", "3"}, {"e", "3"}}));
}

TEST(MergeTest, MultiPassMergeWithinATinyBudgetIsStableAndCleansUp) {
  ScratchDir dir;
  std::mt19937 rng(7);
  std::vector<RunFile> runs;
  Pairs all;
  for (int r = 0; r < 23; ++r) {
    Pairs run;
    for (int i = 0; i < 200; ++i)
      run.emplace_back(std::to_string(rng() % 50), std::to_string(r) + ":" + std::to_string(i));
    std::stable_sort(run.begin(), run.end(), [](auto& a, auto& b) { return a.first < b.first; });
    all.insert(all.end(), run.begin(), run.end());
    runs.push_back(WriteRun(dir.path() + "/in" + std::to_string(r), run));
  }
  std::stable_sort(all.begin(), all.end(), [](auto& a, auto& b) { return a.first < b.first; });
  MergeOptions options;
  options.temp_dir = dir.path();
  options.format.block_bytes = 4096;
  options.memory_bytes = 3 * (2 * 4096 + (128 << 10));  // room for three readers
  ASSERT_EQ(MaxMergeFanIn(options), 3u);
  {
    auto m = MergeRuns(runs, options);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    EXPECT_EQ(Drain(**m), all);
    EXPECT_TRUE((*m)->status().ok());
    EXPECT_GT(dir.FileCount(), runs.size());  // intermediate runs exist while merging
  }
  EXPECT_EQ(dir.FileCount(), runs.size());  // ...and are gone afterwards
}

TEST(MergeTest, CorruptRunStopsTheMergeWithItsStatus) {
  ScratchDir dir;
  RunFile good = WriteRun(dir.path() + "/good", {{"a", "1"}});
  RunFile bad{dir.path() + "/bad", 1, 1, 1};
  {
    FILE* f = std::fopen(bad.path.c_str(), "w");
    std::fputs("garbage!", f);
    std::fclose(f);
  }
  MergeOptions options;
  options.temp_dir = dir.path();
  auto m = MergeRuns({good, bad}, options);
  ASSERT_TRUE(m.ok());
  Drain(**m);
  EXPECT_EQ((*m)->status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace sluice::extsort

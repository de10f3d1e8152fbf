// Spill files under injected I/O faults (base/fault_injection_env.h): every
// mutating file operation of a sort that spills and merges in several
// passes is failed in turn. A failed write must surface as the sort's error
// and leave no run file behind; a failed removal must not change the result.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "base/fault_injection_env.h"
#include "extsort/external_sorter.h"
#include "extsort/test_util.h"

namespace sluice::extsort {
namespace {

using testing::Drain;
using testing::Pairs;
using testing::ScratchDir;

Pairs Input() {
  std::mt19937 rng(7);
  Pairs out;
  for (int i = 0; i < 4000; ++i) out.emplace_back(std::to_string(rng() % 100000), std::string(24, 'v'));
  return out;
}

// Sorts `in` in 64 KiB with 4 KiB blocks: several spills, and more runs
// than one merge pass may open, so intermediate runs are written too.
Status SortAll(Env* env, const std::string& dir, const Pairs& in, Pairs* out, SorterStats* stats) {
  SorterOptions options;
  options.memory_bytes = 64 << 10;
  options.temp_dir = dir;
  options.format.block_bytes = 4096;
  options.env = env;
  ExternalSorter sorter(options);
  for (const auto& [k, v] : in) SLUICE_RETURN_IF_ERROR(sorter.Add(k, v));
  SLUICE_ASSIGN_OR_RETURN(auto sorted, sorter.Finish());
  *out = Drain(*sorted);
  *stats = sorter.stats();
  return sorted->status();
}

TEST(SpillFaultTest, EveryFailedSpillOperationIsAnErrorAndLeavesNoRunFile) {
  const Pairs in = Input();
  ScratchDir dir;
  FaultInjectionEnv env(Env::Default());
  Pairs expected;
  SorterStats stats;
  ASSERT_TRUE(SortAll(&env, dir.path(), in, &expected, &stats).ok());
  MergeOptions merge;
  merge.memory_bytes = 64 << 10;
  merge.format.block_bytes = 4096;
  ASSERT_GT(stats.spills, MaxMergeFanIn(merge));  // a multi-pass merge
  EXPECT_EQ(dir.FileCount(), 0u);
  const uint64_t ops = env.operation_count();

  int failures = 0;
  for (FaultKind kind : {FaultKind::kError, FaultKind::kShortWrite}) {
    for (uint64_t n = 0; n < ops; ++n) {
      SCOPED_TRACE("operation " + std::to_string(n));
      env.FailAt(n, kind);
      Pairs out;
      Status st = SortAll(&env, dir.path(), in, &out, &stats);
      ASSERT_TRUE(env.fault_fired());
      env.ClearFaults();
      if (st.ok()) {
        // Only a removal of a finished run may fail unnoticed: the result stands.
        EXPECT_EQ(out, expected);
        std::filesystem::remove_all(dir.path());
        std::filesystem::create_directory(dir.path());
        continue;
      }
      ++failures;
      EXPECT_NE(st.message().find("injected fault"), std::string::npos) << st.ToString();
      for (const auto& e : std::filesystem::directory_iterator(dir.path())) ADD_FAILURE() << "left " << e.path();
    }
  }
  EXPECT_GT(failures, 0);
}

}  // namespace
}  // namespace sluice::extsort

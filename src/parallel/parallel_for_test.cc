// Tests of parallel_for / parallel_for_chunks (parallel_for.h): coverage,
// chunk shape, exceptions, nesting without deadlock, shut-down pools.
#include "sluice/parallel/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "parallel/test_util.h"
#include "sluice/parallel/latch.h"

namespace sluice::parallel {
namespace {

using namespace std::chrono_literals;

// Each index of [begin, end) hit exactly once, nothing outside.
void ExpectEachIndexOnce(ThreadPool& pool, std::size_t begin, std::size_t end, std::size_t chunk) {
  std::vector<std::atomic<int>> hits(end + 2);
  parallel_for(
      pool, begin, end, [&](std::size_t i) { hits[i].fetch_add(1, std::memory_order_relaxed); }, chunk);
  for (std::size_t i = 0; i < hits.size(); ++i) {
    ASSERT_EQ(hits[i].load(), (i >= begin && i < end) ? 1 : 0)
        << "index " << i << " of [" << begin << ", " << end << ") chunk " << chunk;
  }
}

TEST(ParallelForTest, CoversEachIndexExactlyOnce) {
  for (std::size_t threads : {1, 2, 3, 8}) {
    ThreadPool pool(threads);
    for (std::size_t n : {0, 1, 2, 3, 7, 64, 1000, 10007}) {
      for (std::size_t chunk : {0, 1, 3, 1000, 100000}) {
        ExpectEachIndexOnce(pool, 0, n, chunk);
        ExpectEachIndexOnce(pool, 5, 5 + n, chunk);
      }
    }
  }
}

TEST(ParallelForTest, EmptyAndReversedRangesDoNothing) {
  ThreadPool pool(2);
  int calls = 0;
  parallel_for(pool, 5, 5, [&](std::size_t) { ++calls; });
  parallel_for(pool, 9, 3, [&](std::size_t) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(ParallelForTest, ChunksAreContiguousDisjointAndSized) {
  ThreadPool pool(3);
  std::mutex mu;
  std::vector<std::pair<std::size_t, std::size_t>> chunks;
  parallel_for_chunks(
      pool, 10, 110,
      [&](std::size_t lo, std::size_t hi) {
        std::lock_guard<std::mutex> lock(mu);
        chunks.emplace_back(lo, hi);
      },
      7);
  std::sort(chunks.begin(), chunks.end());
  ASSERT_EQ(chunks.size(), 15u);  // ceil(100 / 7)
  std::size_t expected_lo = 10;
  for (const auto& [lo, hi] : chunks) {
    EXPECT_EQ(lo, expected_lo);
    EXPECT_EQ(hi - lo, std::min<std::size_t>(7, 110 - lo));
    expected_lo = hi;
  }
  EXPECT_EQ(expected_lo, 110u);
}

TEST(ParallelForTest, SpreadsWorkOverSeveralThreads) {
  ThreadPool pool(3);
  // Each chunk waits until 2 chunks are in progress at once: finishes only
  // if chunks really run in parallel (the caller plus at least one worker).
  Latch two_running(2);
  std::atomic<int> entered{0};
  parallel_for_chunks(
      pool, 0, 4,
      [&](std::size_t, std::size_t) {
        if (entered.fetch_add(1) < 2) {
          ASSERT_TRUE(two_running.count_down().ok());
        }
        EXPECT_TRUE(two_running.wait_for(testing::kGenerous)) << "chunks ran one at a time";
      },
      1);
}

TEST(ParallelForTest, RethrowsTheFirstExceptionAndStopsStartingChunks) {
  ThreadPool pool(2);
  std::atomic<int> chunks_run{0};
  try {
    parallel_for_chunks(
        pool, 0, 10000,
        [&](std::size_t lo, std::size_t) {
          chunks_run.fetch_add(1);
          if (lo == 0) throw std::runtime_error("chunk 0 failed");
          // Slow chunks: without stopping, the 9,999 others would take about
          // half a second on two threads — far longer than even a sanitized
          // throw needs — so "fewer than all ran" cannot pass by luck or
          // fail by a slow unwind.
          std::this_thread::sleep_for(std::chrono::microseconds(100));
        },
        1);
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "chunk 0 failed");
  }
  EXPECT_LT(chunks_run.load(), 10000) << "chunks kept starting after the failure";
  // The pool is still usable.
  ExpectEachIndexOnce(pool, 0, 100, 0);
}

TEST(ParallelForTest, OnlyOneOfManyExceptionsIsRethrown) {
  ThreadPool pool(4);
  EXPECT_THROW(parallel_for(pool, 0, 1000, [](std::size_t) { throw std::logic_error("every index"); }),
               std::logic_error);
}

TEST(ParallelForTest, NestedCallsDoNotDeadlock) {
  // Pool sizes 1 and 2: every worker can be busy in an outer chunk while the
  // inner loops run; the callers must run the inner chunks themselves.
  for (std::size_t threads : {1, 2}) {
    ThreadPool pool(threads);
    std::atomic<long> sum{0};
    parallel_for(
        pool, 0, 8,
        [&](std::size_t i) {
          parallel_for(
              pool, 0, 8,
              [&](std::size_t j) {
                parallel_for(
                    pool, 0, 8, [&](std::size_t k) { sum.fetch_add(static_cast<long>(i * 64 + j * 8 + k)); }, 1);
              },
              1);
        },
        1);
    EXPECT_EQ(sum.load(), 511L * 512 / 2) << threads << " threads";
  }
}

TEST(ParallelForTest, CalledFromInsidePoolTasksDoesNotDeadlock) {
  ThreadPool pool(2);
  // More outer tasks than workers, each fanning out over the same pool.
  std::vector<std::future<long>> results;
  for (int t = 0; t < 6; ++t) {
    results.push_back(pool.submit([&pool] {
      std::atomic<long> sum{0};
      parallel_for(pool, 0, 1000, [&](std::size_t i) { sum.fetch_add(static_cast<long>(i)); });
      return sum.load();
    }));
  }
  for (auto& f : results) {
    ASSERT_EQ(f.wait_for(testing::kGenerous), std::future_status::ready) << "deadlock";
    EXPECT_EQ(f.get(), 999L * 1000 / 2);
  }
}

TEST(ParallelForTest, RunsInlineOnAShutDownPool) {
  ThreadPool pool(2);
  pool.shutdown();
  ExpectEachIndexOnce(pool, 0, 500, 0);
}

TEST(ParallelForTest, WritesAreVisibleAfterReturn) {
  ThreadPool pool(4);
  std::vector<int> out(100000, 0);  // plain ints: each index written by one thread
  parallel_for(pool, 0, out.size(), [&](std::size_t i) { out[i] = static_cast<int>(i % 7); });
  long sum = std::accumulate(out.begin(), out.end(), 0L);
  long expected = 0;
  for (std::size_t i = 0; i < out.size(); ++i) expected += static_cast<long>(i % 7);
  EXPECT_EQ(sum, expected);
}

}  // namespace
}  // namespace sluice::parallel

// Tests of Barrier (barrier.h), including the chapter's two-barrier
// read/write program.
#include "sluice/parallel/barrier.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "parallel/test_util.h"

namespace sluice::parallel {
namespace {

using testing::kShortWhile;

TEST(BarrierTest, SinglePartyNeverWaits) {
  Barrier barrier(1);
  for (std::uint64_t i = 0; i < 3; ++i) {
    Result<Barrier::Arrival> a = barrier.arrive_and_wait();
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a->phase, i);
    EXPECT_TRUE(a->is_last);
  }
  EXPECT_EQ(barrier.phase(), 3u);
}

TEST(BarrierTest, NobodyPassesUntilAllArrive) {
  Barrier barrier(2);
  std::atomic<bool> passed{false};
  std::thread first([&] {
    ASSERT_TRUE(barrier.arrive_and_wait().ok());
    passed = true;
  });
  std::this_thread::sleep_for(kShortWhile);
  EXPECT_FALSE(passed.load());
  ASSERT_TRUE(barrier.arrive_and_wait().ok());
  first.join();
  EXPECT_TRUE(passed.load());
}

// The barrier is reused for 1000 phases by 4 threads. In each phase every
// thread writes its own slot, then (after the barrier) checks all slots:
// a barrier that let a thread through early would show a stale slot.
TEST(BarrierTest, ReusedForAThousandPhases) {
  constexpr int kThreads = 4;
  constexpr int kPhases = 1000;
  std::atomic<int> completions{0};
  Barrier barrier(kThreads, [&] { completions.fetch_add(1, std::memory_order_relaxed); });
  std::vector<int> slots(kThreads, -1);  // written in a phase, read after the barrier
  std::vector<std::atomic<int>> last_count(kPhases);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int phase = 0; phase < kPhases; ++phase) {
        slots[t] = phase;
        Result<Barrier::Arrival> a = barrier.arrive_and_wait();
        ASSERT_TRUE(a.ok());
        ASSERT_EQ(a->phase, static_cast<std::uint64_t>(2 * phase));
        if (a->is_last) last_count[phase].fetch_add(1);
        for (int other = 0; other < kThreads; ++other) ASSERT_EQ(slots[other], phase);
        // Second barrier: nobody overwrites a slot while others still read.
        ASSERT_TRUE(barrier.arrive_and_wait().ok());
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(completions.load(), 2 * kPhases);
  EXPECT_EQ(barrier.phase(), static_cast<std::uint64_t>(2 * kPhases));
  for (int phase = 0; phase < kPhases; ++phase) ASSERT_EQ(last_count[phase].load(), 1) << "phase " << phase;
}

TEST(BarrierTest, CompletionRunsBeforeAnyoneIsReleased) {
  constexpr int kThreads = 3;
  int completed_phases = 0;  // written only by the completion function
  Barrier barrier(kThreads, [&] { ++completed_phases; });
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int phase = 1; phase <= 50; ++phase) {
        ASSERT_TRUE(barrier.arrive_and_wait().ok());
        ASSERT_EQ(completed_phases, 2 * phase - 1);
        ASSERT_TRUE(barrier.arrive_and_wait().ok());
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(completed_phases, 100);
}

// The chapter's program: counters = [0, 0], two threads, steps = 10.
TEST(BarrierTest, ChapterTwoBarrierCountersReachTen) {
  for (int run = 0; run < 20; ++run) {
    int counters[2] = {0, 0};
    Barrier barrier(2);
    auto count = [&](int thread_num, int steps) {
      for (int i = 0; i < steps; ++i) {
        const int other = counters[1 - thread_num];
        ASSERT_TRUE(barrier.arrive_and_wait().ok());  // wait for reads to complete
        counters[thread_num] = other + 1;
        ASSERT_TRUE(barrier.arrive_and_wait().ok());  // wait for writes to complete
      }
    };
    std::thread other(count, 1, 10);
    count(0, 10);
    other.join();
    EXPECT_EQ(counters[0], 10);
    EXPECT_EQ(counters[1], 10);
  }
}

TEST(BarrierTest, AbortWakesWaitersWithCancelled) {
  Barrier barrier(3);
  std::vector<std::thread> threads;
  std::atomic<int> cancelled{0};
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&] {
      Result<Barrier::Arrival> a = barrier.arrive_and_wait();
      if (!a.ok() && a.status().code() == StatusCode::kCancelled) cancelled.fetch_add(1);
    });
  }
  std::this_thread::sleep_for(kShortWhile);
  barrier.abort();
  for (auto& t : threads) t.join();
  EXPECT_EQ(cancelled.load(), 2);
  EXPECT_TRUE(barrier.aborted());
  EXPECT_EQ(barrier.arrive_and_wait().status().code(), StatusCode::kCancelled);
  EXPECT_EQ(barrier.arrive_and_drop().code(), StatusCode::kCancelled);
}

TEST(BarrierTest, ArriveAndDropShrinksLaterPhases) {
  Barrier barrier(3);
  std::thread leaver([&] { ASSERT_TRUE(barrier.arrive_and_drop().ok()); });
  std::thread stayer([&] {
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(barrier.arrive_and_wait().ok());
  });
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(barrier.arrive_and_wait().ok());
  leaver.join();
  stayer.join();
  EXPECT_EQ(barrier.parties(), 2u);
  EXPECT_EQ(barrier.phase(), 5u);
}

TEST(BarrierTest, DroppingEveryPartyIsReported) {
  Barrier barrier(1);
  ASSERT_TRUE(barrier.arrive_and_drop().ok());
  EXPECT_EQ(barrier.parties(), 0u);
  EXPECT_EQ(barrier.arrive_and_drop().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(barrier.arrive_and_wait().status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sluice::parallel

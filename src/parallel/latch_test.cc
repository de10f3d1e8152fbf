// Tests of Latch (latch.h).
#include "sluice/parallel/latch.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "parallel/test_util.h"

namespace sluice::parallel {
namespace {

using namespace std::chrono_literals;
using testing::kShortWhile;

TEST(LatchTest, ZeroCountIsOpenFromTheStart) {
  Latch latch(0);
  EXPECT_TRUE(latch.try_wait());
  latch.wait();  // must not block
  EXPECT_TRUE(latch.wait_for(0ms));
}

TEST(LatchTest, OpensWhenCountReachesZero) {
  Latch latch(3);
  EXPECT_FALSE(latch.try_wait());
  ASSERT_TRUE(latch.count_down().ok());
  ASSERT_TRUE(latch.count_down(2).ok());
  EXPECT_EQ(latch.count(), 0u);
  EXPECT_TRUE(latch.try_wait());
}

TEST(LatchTest, CountingDownTooFarIsReportedAndChangesNothing) {
  Latch latch(2);
  const Status s = latch.count_down(3);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "Latch::count_down(3) with only 2 left");
  EXPECT_EQ(latch.count(), 2u);
  ASSERT_TRUE(latch.count_down(2).ok());
  EXPECT_EQ(latch.count_down().code(), StatusCode::kInvalidArgument);
}

TEST(LatchTest, WaitForTimesOutWhileClosed) {
  Latch latch(1);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(latch.wait_for(20ms));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 20ms);
}

TEST(LatchTest, WaitersAreReleasedByTheLastCountDown) {
  constexpr int kWaiters = 4;
  Latch start(1);
  Latch all_woken(kWaiters);
  std::atomic<int> released{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kWaiters; ++i) {
    threads.emplace_back([&] {
      start.wait();
      released.fetch_add(1);
      ASSERT_TRUE(all_woken.count_down().ok());
    });
  }
  std::this_thread::sleep_for(kShortWhile);
  EXPECT_EQ(released.load(), 0) << "a waiter passed a closed latch";
  ASSERT_TRUE(start.count_down().ok());
  EXPECT_TRUE(all_woken.wait_for(testing::kGenerous));
  EXPECT_EQ(released.load(), kWaiters);
  for (auto& t : threads) t.join();
}

TEST(LatchTest, ArriveAndWaitIsARendezvous) {
  constexpr int kThreads = 3;
  Latch latch(kThreads);
  std::atomic<int> arrived{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      arrived.fetch_add(1);
      ASSERT_TRUE(latch.arrive_and_wait().ok());
      // Everyone arrived before anyone left.
      EXPECT_EQ(arrived.load(), kThreads);
    });
  }
  for (auto& t : threads) t.join();
}

}  // namespace
}  // namespace sluice::parallel

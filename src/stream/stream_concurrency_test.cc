// Concurrency tests of Stream<T>: memoisation under contention (compute_rest
// runs once however many threads ask), the waiting and retry paths of the
// node state machine, and reference counting across threads. Built into its
// own binary, labelled "tsan", so that it also runs under ThreadSanitizer.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <latch>
#include <stdexcept>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "sluice/stream.h"

namespace sluice {
namespace {

constexpr int kThreads = 8;

// Runs body(t) on kThreads threads released at the same moment.
template <typename Body>
void RunTogether(Body body) {
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&start, &body, t] {
      start.arrive_and_wait();
      body(t);
    });
  }
  for (auto& th : threads) th.join();
}

TEST(StreamConcurrency, EightThreadsCallRestAtOnceComputeOnce) {
  for (int round = 0; round < 200; ++round) {
    std::atomic<int> calls{0};
    const bool slow = round % 4 == 0;  // slow rounds make the others wait
    Stream<int> s(1, [&calls, slow] {
      calls.fetch_add(1, std::memory_order_relaxed);
      if (slow) std::this_thread::sleep_for(std::chrono::milliseconds(2));
      return Stream<int>(2, [] { return Stream<int>(3); });
    });
    std::vector<const int*> seen(kThreads, nullptr);
    RunTogether([&](int t) { seen[static_cast<std::size_t>(t)] = &s.rest().first(); });
    ASSERT_EQ(calls.load(), 1) << "round " << round;
    for (const int* p : seen) {
      ASSERT_EQ(p, seen[0]);  // every thread got the same memoised node
      ASSERT_EQ(*p, 2);
    }
  }
}

TEST(StreamConcurrency, ThrowingComputeRestIsRetriedByAWaiter) {
  for (int round = 0; round < 50; ++round) {
    std::atomic<int> calls{0};
    Stream<int> s(1, [&calls] {
      if (calls.fetch_add(1) == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        throw std::runtime_error("first attempt fails");
      }
      return Stream<int>(2);
    });
    std::atomic<int> failures{0};
    std::atomic<int> values{0};
    RunTogether([&](int) {
      try {
        if (s.rest().first() == 2) values.fetch_add(1);
      } catch (const std::runtime_error&) {
        failures.fetch_add(1);
      }
    });
    ASSERT_EQ(failures.load(), 1);
    ASSERT_EQ(values.load(), kThreads - 1);
    ASSERT_EQ(calls.load(), 2);
  }
}

TEST(StreamConcurrency, ConcurrentWalkersComputeEachNodeOnce) {
  constexpr int kLength = 20'000;
  std::atomic<int> computes{0};
  std::atomic<int> mapped{0};
  struct Maker {
    std::atomic<int>* computes;
    Stream<std::int64_t> operator()(std::int64_t n) const {
      return Stream<std::int64_t>(n, [this, n] {
        computes->fetch_add(1, std::memory_order_relaxed);
        return (*this)(n + 1);
      });
    }
  };
  const Maker make{&computes};
  auto head = map(
      [&mapped](std::int64_t x) {
        mapped.fetch_add(1, std::memory_order_relaxed);
        return x * 2;
      },
      make(0));
  std::vector<std::int64_t> sums(kThreads, 0);
  RunTogether([&](int t) {
    Stream<std::int64_t> s = head;
    std::int64_t sum = 0;
    for (int i = 0; i < kLength; ++i) {
      sum += s.first();
      s = s.rest();
    }
    sums[static_cast<std::size_t>(t)] = sum;
  });
  const std::int64_t expected = std::int64_t{kLength} * (kLength - 1);  // 2 * (0 + ... + kLength-1)
  for (std::int64_t sum : sums) EXPECT_EQ(sum, expected);
  EXPECT_EQ(computes.load(), kLength);  // nodes 1..kLength of the source, once each
  EXPECT_EQ(mapped.load(), kLength + 1);
}

TEST(StreamConcurrency, SharedChainsReleasedFromManyThreads) {
  for (int round = 0; round < 20; ++round) {
    auto head = integers_from<std::int64_t>(0);
    {
      // Memoise a chain, then let every thread hold a different suffix.
      Stream<std::int64_t> s = head;
      for (int i = 0; i < 5'000; ++i) s = s.rest();
    }
    RunTogether([&head](int t) {
      Stream<std::int64_t> mine = head;
      for (int i = 0; i < 500 * t; ++i) mine = mine.rest();
      Stream<std::int64_t> copy = mine;
      for (int i = 0; i < 1'000; ++i) {
        // Half the threads consume their handle (rest() &&), which frees
        // nodes nobody else holds and must leave shared ones alone.
        copy = (t % 2 == 0) ? std::move(copy).rest() : copy.rest();
      }
      EXPECT_EQ(copy.first(), 500 * t + 1'000);
      std::int64_t expected = copy.first();
      for (std::int64_t x : drain(std::move(copy)) | views::take(6'000)) ASSERT_EQ(x, expected++);
    });  // each thread drops its handles: refcounts fall concurrently
    head = Stream<std::int64_t>();
  }
}

TEST(StreamConcurrency, HeadDroppedWhileOtherThreadsStillWalk) {
  auto head = std::make_unique<Stream<std::int64_t>>(integers_from<std::int64_t>(0));
  const Stream<std::int64_t> start = *head;
  std::latch go(kThreads + 1);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&go, start] {
      Stream<std::int64_t> s = start;
      go.arrive_and_wait();
      for (int i = 0; i < 10'000; ++i) s = s.rest();
      EXPECT_EQ(s.first(), 10'000);
    });
  }
  go.arrive_and_wait();
  head.reset();  // the main thread lets go while the walkers race ahead
  for (auto& th : threads) th.join();
}

}  // namespace
}  // namespace sluice

// Tests of ThreadPool (thread_pool.h): results and exceptions through
// futures, and the drain / cancel / submit-after-shutdown semantics.
#include "sluice/parallel/thread_pool.h"

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "parallel/test_util.h"
#include "sluice/parallel/latch.h"

namespace sluice::parallel {
namespace {

using namespace std::chrono_literals;
using testing::Eventually;
using testing::kGenerous;

// True if `future` failed because its task never ran.
template <typename R>
bool IsBrokenPromise(std::future<R>& future) {
  try {
    future.get();
  } catch (const std::future_error& e) {
    return e.code() == std::future_errc::broken_promise;
  }
  return false;
}

TEST(ThreadPoolTest, DefaultSizeIsHardwareConcurrencyAtLeastOne) {
  ThreadPool pool;
  const unsigned hw = std::thread::hardware_concurrency();
  EXPECT_EQ(pool.size(), hw == 0 ? 1u : hw);
  ThreadPool three(3);
  EXPECT_EQ(three.size(), 3u);
}

TEST(ThreadPoolTest, SubmitReturnsTheResult) {
  ThreadPool pool(2);
  std::future<int> sum = pool.submit([](int a, int b) { return a + b; }, 2, 40);
  std::future<std::string> text = pool.submit([] { return std::string("done"); });
  std::future<void> nothing = pool.submit([] {});
  EXPECT_EQ(sum.get(), 42);
  EXPECT_EQ(text.get(), "done");
  nothing.get();
}

TEST(ThreadPoolTest, SubmitAcceptsMoveOnlyFunctionsAndArguments) {
  ThreadPool pool(1);
  auto owned = std::make_unique<int>(7);
  std::future<int> f =
      pool.submit([p = std::move(owned)](std::unique_ptr<int> q) { return *p + *q; }, std::make_unique<int>(3));
  EXPECT_EQ(f.get(), 10);
}

TEST(ThreadPoolTest, ExceptionsPropagateThroughTheFuture) {
  ThreadPool pool(1);
  std::future<int> f = pool.submit([]() -> int { throw std::runtime_error("task failed"); });
  // The worker survived the exception and ran the next task. Waiting for it
  // first also means the worker has dropped its reference to the failed
  // task's state: otherwise the worker might free the exception object after
  // we read it, synchronized only by the reference count inside the
  // (uninstrumented) libstdc++, which ThreadSanitizer reports as a race.
  EXPECT_EQ(pool.submit([] { return 1; }).get(), 1);
  try {
    f.get();
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "task failed");
  }
}

TEST(ThreadPoolTest, TasksRunOnWorkerThreads) {
  ThreadPool pool(2);
  EXPECT_FALSE(pool.is_worker_thread());
  EXPECT_EQ(ThreadPool::current(), nullptr);
  EXPECT_TRUE(pool.submit([&] { return pool.is_worker_thread(); }).get());
  EXPECT_EQ(pool.submit([] { return ThreadPool::current(); }).get(), &pool);
  ThreadPool other(1);
  EXPECT_FALSE(other.submit([&] { return pool.is_worker_thread(); }).get());
}

TEST(ThreadPoolTest, WorkerIndicesAreDistinctAndInRange) {
  constexpr int kThreads = 3;
  ThreadPool pool(kThreads);
  EXPECT_EQ(ThreadPool::current_worker_index(), std::nullopt);
  Latch all_started(kThreads);
  std::vector<std::future<std::optional<std::size_t>>> indices;
  for (int i = 0; i < kThreads; ++i) {
    indices.push_back(pool.submit([&] {
      EXPECT_TRUE(all_started.arrive_and_wait().ok());  // one task per worker
      return ThreadPool::current_worker_index();
    }));
  }
  std::set<std::size_t> distinct;
  for (auto& f : indices) {
    std::optional<std::size_t> index = f.get();
    ASSERT_TRUE(index.has_value());
    EXPECT_LT(*index, static_cast<std::size_t>(kThreads));
    distinct.insert(*index);
  }
  EXPECT_EQ(distinct.size(), static_cast<std::size_t>(kThreads));
}

TEST(ThreadPoolTest, AllThreadsRunTasksConcurrently) {
  constexpr int kThreads = 4;
  ThreadPool pool(kThreads);
  // Every task waits for all others to start: only completes if kThreads
  // tasks really run at the same time.
  Latch all_started(kThreads);
  std::vector<std::future<std::thread::id>> ids;
  for (int i = 0; i < kThreads; ++i) {
    ids.push_back(pool.submit([&] {
      EXPECT_TRUE(all_started.arrive_and_wait().ok());
      return std::this_thread::get_id();
    }));
  }
  std::set<std::thread::id> distinct;
  for (auto& f : ids) {
    ASSERT_EQ(f.wait_for(kGenerous), std::future_status::ready);
    distinct.insert(f.get());
  }
  EXPECT_EQ(distinct.size(), static_cast<std::size_t>(kThreads));
}

TEST(ThreadPoolTest, ScheduleRunsFireAndForgetTasks) {
  ThreadPool pool(2);
  Latch done(10);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(pool.schedule([&] { ASSERT_TRUE(done.count_down().ok()); }).ok());
  EXPECT_TRUE(done.wait_for(kGenerous));
}

// One worker, blocked by the first task: the rest stay queued.
struct BlockedPool {
  ThreadPool pool{1};
  Latch running{1};
  Latch release{1};
  std::future<int> blocker = pool.submit([this] {
    EXPECT_TRUE(running.count_down().ok());
    release.wait();
    return -1;
  });
  BlockedPool() { running.wait(); }
  // If a test failed before releasing the blocker, release it now, so the
  // pool can stop before the latches it uses are destroyed.
  ~BlockedPool() {
    if (!release.try_wait()) static_cast<void>(release.count_down());
    pool.shutdown(ShutdownMode::kCancel);
  }
};

TEST(ThreadPoolTest, DrainRunsEveryQueuedTask) {
  BlockedPool b;
  std::atomic<int> ran{0};
  std::vector<std::future<int>> queued;
  for (int i = 0; i < 10; ++i) {
    queued.push_back(b.pool.submit([&ran, i] {
      ran.fetch_add(1);
      return i;
    }));
  }
  EXPECT_EQ(b.pool.queued(), 10u);
  std::thread stopper([&] { b.pool.shutdown(ShutdownMode::kDrain); });
  ASSERT_TRUE(Eventually([&] { return b.pool.is_shut_down(); }));
  ASSERT_TRUE(b.release.count_down().ok());
  stopper.join();
  EXPECT_EQ(ran.load(), 10);
  EXPECT_EQ(b.blocker.get(), -1);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(queued[i].get(), i);
}

TEST(ThreadPoolTest, CancelDropsQueuedTasksAndWaitsForRunningOnes) {
  BlockedPool b;
  std::atomic<int> ran{0};
  std::vector<std::future<void>> queued;
  for (int i = 0; i < 10; ++i) queued.push_back(b.pool.submit([&] { ran.fetch_add(1); }));

  std::atomic<bool> shutdown_returned{false};
  std::thread stopper([&] {
    b.pool.shutdown(ShutdownMode::kCancel);
    shutdown_returned = true;
  });
  // The dropped tasks' futures fail while the running task still runs...
  for (auto& f : queued) ASSERT_EQ(f.wait_for(kGenerous), std::future_status::ready);
  // ...and shutdown() waits for it.
  std::this_thread::sleep_for(testing::kShortWhile);
  EXPECT_FALSE(shutdown_returned.load());
  ASSERT_TRUE(b.release.count_down().ok());
  stopper.join();
  EXPECT_TRUE(shutdown_returned.load());
  EXPECT_EQ(b.blocker.get(), -1) << "the running task must complete";
  EXPECT_EQ(ran.load(), 0);
  for (auto& f : queued) EXPECT_TRUE(IsBrokenPromise(f));
}

TEST(ThreadPoolTest, CancelDuringADrainDropsWhatIsLeft) {
  BlockedPool b;
  std::atomic<int> ran{0};
  std::vector<std::future<void>> queued;
  for (int i = 0; i < 5; ++i) queued.push_back(b.pool.submit([&] { ran.fetch_add(1); }));
  std::thread drainer([&] { b.pool.shutdown(ShutdownMode::kDrain); });
  ASSERT_TRUE(Eventually([&] { return b.pool.is_shut_down(); }));
  std::thread canceller([&] { b.pool.shutdown(ShutdownMode::kCancel); });
  ASSERT_TRUE(Eventually([&] { return b.pool.queued() == 0; }));
  ASSERT_TRUE(b.release.count_down().ok());
  drainer.join();
  canceller.join();
  EXPECT_EQ(ran.load(), 0);
  for (auto& f : queued) EXPECT_TRUE(IsBrokenPromise(f));
}

TEST(ThreadPoolTest, SubmitAfterShutdownFailsTheFuture) {
  ThreadPool pool(2);
  pool.shutdown();
  EXPECT_TRUE(pool.is_shut_down());
  std::atomic<bool> ran{false};
  std::future<int> f = pool.submit([&] {
    ran = true;
    return 1;
  });
  EXPECT_TRUE(IsBrokenPromise(f));
  const Status s = pool.schedule([&] { ran = true; });
  EXPECT_EQ(s.code(), StatusCode::kClosed);
  EXPECT_EQ(s.message(), "thread pool is shut down");
  EXPECT_FALSE(ran.load());
  pool.shutdown(ShutdownMode::kCancel);  // idempotent
}

TEST(ThreadPoolTest, TasksSubmittedDuringADrainAreRefused) {
  BlockedPool b;
  std::future<std::future<int>> outer = b.pool.submit([&] { return b.pool.submit([] { return 1; }); });
  std::thread stopper([&] { b.pool.shutdown(ShutdownMode::kDrain); });
  ASSERT_TRUE(Eventually([&] { return b.pool.is_shut_down(); }));
  ASSERT_TRUE(b.release.count_down().ok());
  stopper.join();
  std::future<int> inner = outer.get();  // the outer task ran (drain)...
  EXPECT_TRUE(IsBrokenPromise(inner));   // ...but its own submission was refused
}

TEST(ThreadPoolTest, DestructorDrains) {
  std::atomic<int> ran{0};
  {
    ThreadPool pool(2);
    for (int i = 0; i < 100; ++i) ASSERT_TRUE(pool.schedule([&] { ran.fetch_add(1); }).ok());
  }
  EXPECT_EQ(ran.load(), 100);
}

TEST(ThreadPoolTest, ManySubmittersAtOnce) {
  ThreadPool pool(3);
  constexpr int kSubmitters = 4;
  constexpr int kEach = testing::kUnderTsan ? 200 : 2000;
  std::atomic<long> total{0};
  std::vector<std::thread> submitters;
  for (int s = 0; s < kSubmitters; ++s) {
    submitters.emplace_back([&] {
      std::vector<std::future<int>> fs;
      for (int i = 0; i < kEach; ++i) fs.push_back(pool.submit([i] { return i; }));
      long local = 0;
      for (auto& f : fs) local += f.get();
      total.fetch_add(local);
    });
  }
  for (auto& t : submitters) t.join();
  EXPECT_EQ(total.load(), static_cast<long>(kSubmitters) * kEach * (kEach - 1) / 2);
}

TEST(ThreadPoolDeathTest, ShutdownFromOwnWorkerAborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        ThreadPool pool(1);
        pool.submit([&] { pool.shutdown(); }).get();
      },
      "called from one of its own workers");
}

}  // namespace
}  // namespace sluice::parallel

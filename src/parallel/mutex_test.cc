// Tests of Mutex, MutexLock, CondVar and deadline_after (mutex.h).
#include "sluice/parallel/mutex.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "parallel/test_util.h"

namespace sluice::parallel {
namespace {

using namespace std::chrono_literals;
using testing::Eventually;
using testing::kShortWhile;

class GuardedCounter {
 public:
  void Add(int n) EXCLUDES(mu_) {
    MutexLock lock(mu_);
    // A non-atomic read-modify-write: only correct under the lock.
    const int old = value_;
    value_ = old + n;
  }
  int Get() const EXCLUDES(mu_) {
    MutexLock lock(mu_);
    return value_;
  }

 private:
  mutable Mutex mu_;
  int value_ GUARDED_BY(mu_) = 0;
};

TEST(MutexTest, MutexLockMakesReadModifyWriteAtomic) {
  GuardedCounter counter;
  constexpr int kThreads = 4;
  constexpr int kAdds = testing::kUnderTsan ? 2000 : 50000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kAdds; ++i) counter.Add(1);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(counter.Get(), kThreads * kAdds);
}

TEST(MutexTest, TryLockFailsWhileHeldElsewhere) {
  Mutex mu;
  mu.lock();
  bool acquired = true;
  std::thread other([&] {
    // The analysis follows try_lock() only when it is tested directly.
    if (mu.try_lock()) {
      mu.unlock();
    } else {
      acquired = false;
    }
  });
  other.join();
  EXPECT_FALSE(acquired);
  mu.unlock();
  if (mu.try_lock()) {
    mu.unlock();
  } else {
    ADD_FAILURE() << "try_lock() failed on a free mutex";
  }
}

TEST(CondVarTest, WaitReturnsAfterNotify) {
  Mutex mu;
  CondVar cv;
  bool ready = false;  // guarded by mu (a local: cannot be annotated)
  std::thread setter([&] {
    std::this_thread::sleep_for(5ms);
    MutexLock lock(mu);
    ready = true;
    cv.notify_all();
  });
  {
    MutexLock lock(mu);
    while (!ready) cv.wait(mu);
    EXPECT_TRUE(ready);
  }
  setter.join();
}

TEST(CondVarTest, WaitForTimesOutWithoutNotify) {
  Mutex mu;
  CondVar cv;
  MutexLock lock(mu);
  const auto start = std::chrono::steady_clock::now();
  bool notified = true;
  // Spurious wake-ups are allowed: loop until the timeout is reported.
  while (notified) notified = cv.wait_for(mu, 20ms);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 20ms);
}

TEST(CondVarTest, NotifyOneWakesAWaiter) {
  Mutex mu;
  CondVar cv;
  int tokens = 0;
  std::atomic<int> woken{0};
  std::vector<std::thread> waiters;
  for (int i = 0; i < 3; ++i) {
    waiters.emplace_back([&] {
      MutexLock lock(mu);
      while (tokens == 0) cv.wait(mu);
      --tokens;
      woken.fetch_add(1);
    });
  }
  for (int i = 0; i < 3; ++i) {
    {
      MutexLock lock(mu);
      ++tokens;
    }
    cv.notify_one();
    EXPECT_TRUE(Eventually([&] { return woken.load() == i + 1; }));
  }
  for (auto& t : waiters) t.join();
}

TEST(DeadlineAfterTest, SaturatesInsteadOfOverflowing) {
  const auto now = std::chrono::steady_clock::now();
  EXPECT_EQ(deadline_after(std::chrono::hours::max()), std::chrono::steady_clock::time_point::max());
  EXPECT_EQ(deadline_after(std::chrono::nanoseconds::max()), std::chrono::steady_clock::time_point::max());
  const auto past = deadline_after(-5s);
  EXPECT_LE(past, std::chrono::steady_clock::now());
  EXPECT_GE(past, now);
  const auto soon = deadline_after(1s);
  EXPECT_GE(soon, now + 1s);
  EXPECT_LT(soon, now + 2s);
}

TEST(CondVarTest, WaitForWithHugeTimeoutStillWakesOnNotify) {
  Mutex mu;
  CondVar cv;
  bool ready = false;
  std::thread setter([&] {
    std::this_thread::sleep_for(kShortWhile);
    MutexLock lock(mu);
    ready = true;
    cv.notify_all();
  });
  {
    MutexLock lock(mu);
    while (!ready) cv.wait_for(mu, std::chrono::hours::max());
  }
  setter.join();
}

}  // namespace
}  // namespace sluice::parallel

// Mutex, MutexLock and CondVar: the annotated lock primitives of sluice.
//
// Role: every class in sluice that shares mutable state between threads
// protects it with a Mutex and declares that with GUARDED_BY, so clang's
// -Wthread-safety proves at compile time that no guarded member is touched
// without the lock (see thread_annotations.h). These are thin wrappers over
// std::mutex / std::condition_variable, which carry no annotations.
//
//   class Counter {
//    public:
//     void Add(int n) EXCLUDES(mu_) { MutexLock lock(mu_); total_ += n; }
//    private:
//     Mutex mu_;
//     int total_ GUARDED_BY(mu_) = 0;
//   };
//
// Waiting: write the loop out instead of passing a predicate lambda; the
// analysis cannot see that a lambda runs with the lock held.
//
//   MutexLock lock(mu_);
//   while (queue_.empty()) not_empty_.wait(mu_);
//
// Thread safety: all methods are safe to call concurrently (that is the
// point). None of these types can be copied or moved.
#ifndef SLUICE_PARALLEL_MUTEX_H_
#define SLUICE_PARALLEL_MUTEX_H_

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "sluice/parallel/thread_annotations.h"

namespace sluice::parallel {

class CondVar;

// now + timeout on the steady clock, saturating instead of overflowing, so
// that e.g. wait_for(std::chrono::hours::max()) means "for ever". A negative
// timeout means "now".
template <typename Rep, typename Period>
std::chrono::steady_clock::time_point deadline_after(std::chrono::duration<Rep, Period> timeout) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point now = Clock::now();
  if (timeout <= timeout.zero()) return now;
  // Compare in floating point to avoid overflowing while converting; the
  // factor 1/2 leaves room for rounding. Half the range is still > 100 years.
  const std::chrono::duration<double> headroom = Clock::time_point::max() - now;
  if (std::chrono::duration<double>(timeout) >= headroom / 2) return Clock::time_point::max();
  return now + std::chrono::ceil<Clock::duration>(timeout);
}

// A non-recursive exclusive lock. Satisfies the standard Lockable
// requirements, so std::scoped_lock works too (but is not annotated; prefer
// MutexLock).
class CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  // REQUIRES: the calling thread does not hold *this (not recursive).
  void lock() ACQUIRE() { mu_.lock(); }
  // REQUIRES: the calling thread holds *this.
  void unlock() RELEASE() { mu_.unlock(); }
  // Returns true and holds the lock, or returns false at once.
  bool try_lock() TRY_ACQUIRE(true) { return mu_.try_lock(); }

  // Tells the analysis the lock is held (e.g. in a callback documented to run
  // under it). Not checked at run time: std::mutex does not know its owner.
  void assert_held() const ASSERT_CAPABILITY(this) {}

 private:
  friend class CondVar;
  std::mutex mu_;
};

// Holds `mu` for the lifetime of the object (cf. std::lock_guard).
class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  ~MutexLock() RELEASE() { mu_.unlock(); }

  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
};

// A condition variable whose waits take a sluice Mutex. As with any
// condition variable, wake-ups may be spurious: always re-check the
// condition in a loop.
class CondVar {
 public:
  CondVar() = default;
  CondVar(const CondVar&) = delete;
  CondVar& operator=(const CondVar&) = delete;

  // Atomically releases `mu` and blocks until notified (or spuriously woken);
  // re-acquires `mu` before returning.
  // REQUIRES: the calling thread holds `mu`.
  void wait(Mutex& mu) REQUIRES(mu) {
    std::unique_lock<std::mutex> lock(mu.mu_, std::adopt_lock);
    cv_.wait(lock);
    lock.release();  // ownership stays with the caller
  }

  // Like wait(), but gives up at `deadline`. Returns false if the deadline
  // had passed on return (a timeout), true otherwise (notified or spurious).
  // REQUIRES: the calling thread holds `mu`.
  bool wait_until(Mutex& mu, std::chrono::steady_clock::time_point deadline) REQUIRES(mu) {
    std::unique_lock<std::mutex> lock(mu.mu_, std::adopt_lock);
    const std::cv_status status = cv_.wait_until(lock, deadline);
    lock.release();
    return status == std::cv_status::no_timeout;
  }

  // wait_until(now + timeout).
  // REQUIRES: the calling thread holds `mu`.
  template <typename Rep, typename Period>
  bool wait_for(Mutex& mu, std::chrono::duration<Rep, Period> timeout) REQUIRES(mu) {
    return wait_until(mu, deadline_after(timeout));
  }

  // Wakes one / all waiters. The mutex need not be held; notifying with it
  // held is what you want when the waiter may destroy the CondVar as soon as
  // it sees the condition (the object must outlive the notify call).
  void notify_one() noexcept { cv_.notify_one(); }
  void notify_all() noexcept { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
};

}  // namespace sluice::parallel

#endif  // SLUICE_PARALLEL_MUTEX_H_

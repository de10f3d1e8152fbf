// Latch: a single-use countdown; threads wait until it reaches zero.
//
// Role: "wait until N things have happened" — N workers started, N map tasks
// finished, both threads of the racy-counter example have read the counter.
// Unlike Barrier it is not reusable and the threads that count down need not
// wait. Same shape as std::latch, plus timed waits and a reported error for
// counting down too far (std::latch makes that undefined behaviour).
//
// Thread safety: all methods may be called concurrently. The latch must
// outlive every call on it.
#ifndef SLUICE_PARALLEL_LATCH_H_
#define SLUICE_PARALLEL_LATCH_H_

#include <chrono>
#include <cstddef>

#include "sluice/parallel/mutex.h"
#include "sluice/parallel/thread_annotations.h"
#include "sluice/status.h"

namespace sluice::parallel {

class Latch {
 public:
  // A latch with count 0 is open from the start.
  explicit Latch(std::size_t count) : count_(count) {}

  Latch(const Latch&) = delete;
  Latch& operator=(const Latch&) = delete;

  // Decrements the count by `n`, releasing all waiters when it reaches zero.
  // Returns InvalidArgument, and leaves the count unchanged, if `n` is larger
  // than the remaining count.
  Status count_down(std::size_t n = 1) EXCLUDES(mu_);

  // Blocks until the count is zero.
  void wait() const EXCLUDES(mu_);

  // True if the count is zero; never blocks.
  bool try_wait() const EXCLUDES(mu_);

  // Blocks until the count is zero or `deadline` passes; true if zero.
  bool wait_until(std::chrono::steady_clock::time_point deadline) const EXCLUDES(mu_);
  template <typename Rep, typename Period>
  bool wait_for(std::chrono::duration<Rep, Period> timeout) const EXCLUDES(mu_) {
    return wait_until(deadline_after(timeout));
  }

  // count_down(n) followed by wait(); on a count_down error does not wait.
  Status arrive_and_wait(std::size_t n = 1) EXCLUDES(mu_);

  // The remaining count (a snapshot).
  std::size_t count() const EXCLUDES(mu_);

 private:
  mutable Mutex mu_;
  mutable CondVar zero_;  // notified once, when count_ reaches 0
  std::size_t count_ GUARDED_BY(mu_);
};

}  // namespace sluice::parallel

#endif  // SLUICE_PARALLEL_LATCH_H_

// Barrier: a reusable rendezvous of a fixed number of threads (chapter 4.8,
// "barriers").
//
// Role: divides a computation into phases so that shared data is written in
// one phase and read in another, as in the chapter's counters program and
// the particle simulator:
//
//   for (int step = 0; step < steps; ++step) {
//     int other = counters[1 - me];        // read phase
//     (void)barrier.arrive_and_wait();     // wait for reads to complete
//     counters[me] = other + 1;            // write phase (disjoint writes)
//     (void)barrier.arrive_and_wait();     // wait for writes to complete
//   }
//
// Everything a thread did before arrive_and_wait() in phase k happens-before
// everything any thread does after its arrive_and_wait() of phase k returns.
// Phases are numbered 0, 1, 2, ...; the barrier resets itself after each
// one, so the same object serves any number of phases (MapReduce uses one
// to end the map phase).
//
// Completion function: optional; run exactly once per phase by the last
// thread to arrive, before any waiter is released, with the barrier's lock
// held. It must not call into the barrier and must not throw (a throw
// terminates the process).
//
// abort(): for failure handling (a map task died): every current and future
// arrive_and_wait() returns Cancelled instead of waiting for parties that
// will never come.
//
// Thread safety: all methods may be called concurrently. The barrier must
// outlive every call on it.
#ifndef SLUICE_PARALLEL_BARRIER_H_
#define SLUICE_PARALLEL_BARRIER_H_

#include <cstddef>
#include <cstdint>
#include <functional>

#include "sluice/parallel/mutex.h"
#include "sluice/parallel/thread_annotations.h"
#include "sluice/result.h"
#include "sluice/status.h"

namespace sluice::parallel {

class Barrier {
 public:
  // What arrive_and_wait() tells its caller.
  struct Arrival {
    std::uint64_t phase;  // the phase this thread arrived in (0-based)
    bool is_last;         // exactly one thread per phase: the one that
                          // arrived last and ran the completion function
  };

  // REQUIRES: parties >= 1 (0 is treated as 1).
  explicit Barrier(std::size_t parties, std::function<void()> on_completion = nullptr);

  Barrier(const Barrier&) = delete;
  Barrier& operator=(const Barrier&) = delete;

  // Arrives at the barrier and blocks until all parties of the current phase
  // have arrived. Returns Cancelled if the barrier is or gets aborted.
  Result<Arrival> arrive_and_wait() EXCLUDES(mu_);

  // Arrives in the current phase without waiting and leaves the barrier:
  // later phases expect one party fewer (std::barrier::arrive_and_drop).
  // Returns Cancelled if aborted, InvalidArgument if no party is left to drop.
  Status arrive_and_drop() EXCLUDES(mu_);

  // Breaks the barrier for good: wakes all waiters with Cancelled.
  void abort() EXCLUDES(mu_);

  // Snapshots.
  std::size_t parties() const EXCLUDES(mu_);
  std::uint64_t phase() const EXCLUDES(mu_);  // number of completed phases
  bool aborted() const EXCLUDES(mu_);

 private:
  // Ends the current phase: completion function, reset, wake everyone.
  void CompletePhaseLocked() REQUIRES(mu_);

  const std::function<void()> on_completion_;
  mutable Mutex mu_;
  CondVar phase_done_;
  std::size_t parties_ GUARDED_BY(mu_);
  std::size_t arrived_ GUARDED_BY(mu_) = 0;   // in the current phase
  std::size_t dropping_ GUARDED_BY(mu_) = 0;  // leave when the phase ends
  std::uint64_t phase_ GUARDED_BY(mu_) = 0;
  bool aborted_ GUARDED_BY(mu_) = false;
};

}  // namespace sluice::parallel

#endif  // SLUICE_PARALLEL_BARRIER_H_

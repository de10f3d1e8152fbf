// Barrier: a phase counter guarded by a Mutex; see sluice/parallel/barrier.h.
//
// A thread arriving in phase p increments arrived_; the last one
// (arrived_ == parties_) runs the completion function, resets arrived_,
// applies pending drops and advances phase_ to p + 1, then wakes everyone.
// Waiters sleep until phase_ != p, so a fast thread that already arrives in
// phase p + 1 cannot be confused with a slow one still leaving phase p.
#include "sluice/parallel/barrier.h"

#include <utility>

namespace sluice::parallel {

namespace {

// Calls the completion function; noexcept turns a throw into terminate(),
// as documented, instead of unwinding through a half-completed phase.
void RunCompletion(const std::function<void()>& fn) noexcept {
  if (fn) fn();
}

}  // namespace

Barrier::Barrier(std::size_t parties, std::function<void()> on_completion)
    : on_completion_(std::move(on_completion)), parties_(parties == 0 ? 1 : parties) {}

void Barrier::CompletePhaseLocked() {
  RunCompletion(on_completion_);
  parties_ -= dropping_;
  dropping_ = 0;
  arrived_ = 0;
  ++phase_;
  phase_done_.notify_all();
}

Result<Barrier::Arrival> Barrier::arrive_and_wait() {
  MutexLock lock(mu_);
  if (aborted_) return Status::Cancelled("barrier aborted");
  if (parties_ == 0) return Status::InvalidArgument("Barrier::arrive_and_wait: every party has dropped out");
  const std::uint64_t my_phase = phase_;
  if (++arrived_ == parties_) {
    CompletePhaseLocked();
    return Arrival{my_phase, true};
  }
  while (phase_ == my_phase && !aborted_) phase_done_.wait(mu_);
  if (phase_ == my_phase) return Status::Cancelled("barrier aborted");
  return Arrival{my_phase, false};
}

Status Barrier::arrive_and_drop() {
  MutexLock lock(mu_);
  if (aborted_) return Status::Cancelled("barrier aborted");
  if (parties_ - dropping_ == 0) return Status::InvalidArgument("Barrier::arrive_and_drop: no party left");
  ++dropping_;
  if (++arrived_ == parties_) CompletePhaseLocked();
  return Status::OK();
}

void Barrier::abort() {
  MutexLock lock(mu_);
  aborted_ = true;
  phase_done_.notify_all();
}

std::size_t Barrier::parties() const {
  MutexLock lock(mu_);
  return parties_;
}

std::uint64_t Barrier::phase() const {
  MutexLock lock(mu_);
  return phase_;
}

bool Barrier::aborted() const {
  MutexLock lock(mu_);
  return aborted_;
}

}  // namespace sluice::parallel

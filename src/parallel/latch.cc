// Latch: a countdown guarded by a Mutex; see sluice/parallel/latch.h.
#include "sluice/parallel/latch.h"

#include <string>

namespace sluice::parallel {

Status Latch::count_down(std::size_t n) {
  MutexLock lock(mu_);
  if (n > count_) {
    return Status::InvalidArgument("Latch::count_down(" + std::to_string(n) + ") with only " + std::to_string(count_) +
                                   " left");
  }
  count_ -= n;
  // Notify under the lock: a waiter may destroy the latch once it sees zero.
  if (count_ == 0 && n != 0) zero_.notify_all();
  return Status::OK();
}

void Latch::wait() const {
  MutexLock lock(mu_);
  while (count_ != 0) zero_.wait(mu_);
}

bool Latch::try_wait() const {
  MutexLock lock(mu_);
  return count_ == 0;
}

bool Latch::wait_until(std::chrono::steady_clock::time_point deadline) const {
  MutexLock lock(mu_);
  while (count_ != 0) {
    if (!zero_.wait_until(mu_, deadline)) return count_ == 0;
  }
  return true;
}

Status Latch::arrive_and_wait(std::size_t n) {
  SLUICE_RETURN_IF_ERROR(count_down(n));
  wait();
  return Status::OK();
}

std::size_t Latch::count() const {
  MutexLock lock(mu_);
  return count_;
}

}  // namespace sluice::parallel

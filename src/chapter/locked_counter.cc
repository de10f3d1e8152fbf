// Chapter 4.8, "locks": the racy counter again, but the read and the write
// happen under one Mutex, so no switch between them can lose an update.
// Always prints 2 (parallel_programs_test.cc runs it a thousand times).
//
// MutexLock plays the part of Python's `with seen_lock:`: the lock is
// released when the scope ends, however it ends. GUARDED_BY lets clang
// reject any access to value_ made without the lock.
#include <cstdio>
#include <thread>

#include "chapter/parallel_programs.h"
#include "sluice/parallel/mutex.h"

namespace sluice::chapter {

namespace {

class Counter {
 public:
  void Increment() EXCLUDES(mu_) {
    parallel::MutexLock lock(mu_);
    const int count = value_;   // read
    std::this_thread::yield();  // invite a switch: harmless under the lock
    value_ = count + 1;         // write
  }

  int Get() const EXCLUDES(mu_) {
    parallel::MutexLock lock(mu_);
    return value_;
  }

 private:
  mutable parallel::Mutex mu_;
  int value_ GUARDED_BY(mu_) = 0;
};

}  // namespace

int LockedCount() {
  Counter counter;
  std::thread other([&] { counter.Increment(); });
  counter.Increment();
  other.join();
  return counter.Get();
}

int RunLockedCounter(std::FILE* out) {
  std::fprintf(out, "count is now:  %d\n", LockedCount());
  return 0;
}

}  // namespace sluice::chapter

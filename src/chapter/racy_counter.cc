// Chapter 4.8, "the problem with shared state": two threads increment a
// shared counter with a separate read and write, and one update is lost.
//
//   def increment():
//       count = counter[0]
//       sleep(0) # try to force a switch to the other thread
//       counter[0] = count + 1
//
// In Python the sleep(0) only *tries* to force the bad interleaving. Here a
// Latch makes it certain — both threads read 0 before either writes — so
// the program prints 1 every time:
//
//   Thread 0                    Thread 1
//   read counter: 0
//                               read counter: 0
//   write 0 + 1 -> counter
//                               write 0 + 1 -> counter
//
// The counter is a std::atomic<int> accessed by separate relaxed load and
// store: the same lost update as the chapter's, without a C++ data race
// (which would be undefined behaviour, not merely a wrong count).
#include <atomic>
#include <cstdio>
#include <thread>

#include "chapter/parallel_programs.h"
#include "sluice/parallel/latch.h"

namespace sluice::chapter {

int RacyCount() {
  std::atomic<int> counter{0};
  parallel::Latch both_have_read(2);

  auto increment = [&] {
    const int count = counter.load(std::memory_order_relaxed);  // read
    // The chapter's sleep(0), made certain: wait until the other thread
    // has read too. (The latch cannot fail here: exactly two arrivals.)
    static_cast<void>(both_have_read.arrive_and_wait());
    counter.store(count + 1, std::memory_order_relaxed);  // write
  };

  std::thread other(increment);
  increment();
  other.join();
  return counter.load();
}

int RunRacyCounter(std::FILE* out) {
  std::fprintf(out, "count is now:  %d\n", RacyCount());
  return 0;
}

}  // namespace sluice::chapter

// Chapter 4.8, "barriers": reads and writes of shared counters happen in
// different phases, separated by a reusable barrier.
//
//   counters = [0, 0]
//   barrier = threading.Barrier(2)
//
//   def count(thread_num, steps):
//       for i in range(steps):
//           other = counters[1 - thread_num]
//           barrier.wait() # wait for reads to complete
//           counters[thread_num] = other + 1
//           barrier.wait() # wait for writes to complete
//
// The counters are plain ints: the barrier orders every access, so there is
// no data race. Always prints "counters: [10, 10]".
#include <cstdio>
#include <thread>

#include "chapter/parallel_programs.h"
#include "sluice/parallel/barrier.h"

namespace sluice::chapter {

int RunBarrierCounters(std::FILE* out) {
  int counters[2] = {0, 0};
  parallel::Barrier barrier(2);
  bool failed = false;  // set only by thread 0 (this thread)

  auto count = [&](int thread_num, int steps) {
    for (int i = 0; i < steps; ++i) {
      const int other = counters[1 - thread_num];
      // Cannot fail: nobody aborts this barrier. Checked anyway by thread 0.
      const bool read_ok = barrier.arrive_and_wait().ok();  // wait for reads to complete
      counters[thread_num] = other + 1;
      const bool write_ok = barrier.arrive_and_wait().ok();  // wait for writes to complete
      if (thread_num == 0 && !(read_ok && write_ok)) failed = true;
    }
  };

  std::thread other(count, 1, 10);
  count(0, 10);
  other.join();
  std::fprintf(out, "counters: [%d, %d]\n", counters[0], counters[1]);
  return failed ? 1 : 0;
}

}  // namespace sluice::chapter

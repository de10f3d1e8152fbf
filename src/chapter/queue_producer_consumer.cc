// Chapter 4.8, "synchronized data structures": a producer and a consumer
// thread share a synchronized queue.
//
//   def synchronized_consume():
//       while True:
//           print('got an item:', queue.get())
//           queue.task_done()
//
//   def synchronized_produce():
//       consumer = threading.Thread(target=synchronized_consume, args=())
//       consumer.daemon = True
//       consumer.start()
//       for i in range(10):
//           queue.put(i)
//       queue.join()
//
// C++ has no daemon threads: after join() the producer closes the queue,
// which ends the consumer's loop (get() returns nullopt), and joins it.
#include <cstdio>
#include <optional>
#include <thread>

#include "chapter/parallel_programs.h"
#include "sluice/parallel/sync_queue.h"

namespace sluice::chapter {

int RunQueueProducerConsumer(std::FILE* out) {
  parallel::SyncQueue<int> queue;

  std::thread consumer([&] {
    while (std::optional<int> item = queue.get()) {
      std::fprintf(out, "got an item: %d\n", *item);
      // Cannot fail: each task_done() matches one get().
      static_cast<void>(queue.task_done());
    }
  });

  for (int i = 0; i < 10; ++i) {
    if (!queue.put(i).ok()) return 1;  // not closed yet: cannot happen
  }
  queue.join();   // every item processed...
  queue.close();  // ...so end the consumer
  consumer.join();
  return 0;
}

}  // namespace sluice::chapter

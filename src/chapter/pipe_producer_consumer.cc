// Chapter 4.8, "message passing": a producer process sends items to a
// consumer process over a one-way pipe; a None message ends the stream.
//
//   def process_consume(in_pipe):
//       while True:
//           item = in_pipe.recv()
//           if item is None:
//               return
//           print('got an item:', item)
//
//   def process_produce():
//       pipe = multiprocessing.Pipe(False)
//       consumer = multiprocessing.Process(target=process_consume, args=(pipe[0],))
//       consumer.start()
//       for i in range(10):
//           pipe[1].send(i)
//       pipe[1].send(None) # done signal
//
// Items are 4-byte ints (send_value<int>); Python's None becomes an empty
// message. The processes share nothing but the pipe: the child prints.
#include <cstdio>
#include <cstring>
#include <optional>
#include <vector>

#include "chapter/parallel_programs.h"
#include "sluice/parallel/pipe.h"

namespace sluice::chapter {

namespace {

// Runs in the child. Exit code 0 after the done signal, 1 on any error.
int ProcessConsume(parallel::Pipe& in_pipe, std::FILE* out) {
  for (;;) {
    Result<std::optional<std::vector<std::byte>>> item = in_pipe.recv();
    if (!item.ok() || !item->has_value()) return 1;  // error, or EOF without the done signal
    const std::vector<std::byte>& bytes = **item;
    if (bytes.empty()) return 0;  // `if item is None: return`
    int value;
    if (bytes.size() != sizeof value) return 1;
    std::memcpy(&value, bytes.data(), sizeof value);
    std::fprintf(out, "got an item: %d\n", value);
  }
}

}  // namespace

int RunPipeProducerConsumer(std::FILE* out) {
  Result<parallel::Pipe> pipe = parallel::Pipe::create();
  if (!pipe.ok()) return 1;
  Result<parallel::ChildProcess> consumer = parallel::fork_child([&] {
    pipe->close_write();  // the consumer only reads
    return ProcessConsume(*pipe, out);
  });
  if (!consumer.ok()) return 1;
  pipe->close_read();  // the producer only writes

  for (int i = 0; i < 10; ++i) {
    if (!pipe->send_value(i).ok()) return 1;
  }
  if (!pipe->send(std::span<const std::byte>()).ok()) return 1;  // done signal
  pipe->close_write();

  Result<int> exit_code = consumer->wait();
  return exit_code.ok() ? *exit_code : 1;
}

}  // namespace sluice::chapter

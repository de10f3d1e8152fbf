// Pipe: a one-way channel of length-prefixed byte messages between two
// processes (chapter 4.8, "message passing"), plus fork helpers.
//
// Role: message passing between processes that share no memory — the
// chapter's producer/consumer across processes, MapReduce streaming workers.
// Create the Pipe BEFORE fork(); afterwards each process keeps one end and
// closes the other (close_read() in the writer, close_write() in the
// reader), otherwise the reader never sees end-of-file.
//
//   Result<Pipe> pipe = Pipe::create();
//   Result<ChildProcess> child = fork_child([&] {
//     pipe->close_write();
//     while (auto msg = pipe->recv_string(); msg.ok() && msg->has_value()) ...
//     return 0;
//   });
//   pipe->close_read();
//   (void)pipe->send_string("hello");
//   pipe->close_write();              // the child's recv then sees EOF
//   Result<int> exit_code = child->wait();
//
// Wire format: each message is an 8-byte unsigned length in host byte order
// (both ends run on one machine) followed by that many bytes; 0-byte
// messages are allowed. At most kMaxMessageBytes per message.
//
// Receive outcomes (recv, recv_for, recv_string, recv_value):
//   message             Result holding the bytes
//   end of stream       Result holding nullopt: the write end was closed (by
//                       every process holding it) at a message boundary
//   torn message        Corruption: EOF inside a header or a body
//   no message in time  TimedOut (recv_for only). Bytes of a partially
//                       received message are kept, so a later recv resumes
//                       it: a timeout never desynchronizes the stream.
//   OS error            IOError
// Send outcomes: OK; Closed when no process has the read end open any more
// (EPIPE); IOError otherwise. send() blocks while the pipe buffer (64 KiB
// on Linux) is full, so a message larger than that needs a concurrent
// reader.
//
// SIGPIPE: writing to a pipe without readers raises SIGPIPE, whose default
// action kills the process. send() blocks SIGPIPE in the calling thread for
// the duration of its write(s) (pthread_sigmask; SIGPIPE from a write is
// directed at the writing thread), turns EPIPE into Status::Closed, and
// consumes the SIGPIPE its own write raised (sigtimedwait with zero
// timeout) before restoring the mask. The process-wide disposition of
// SIGPIPE is left alone. (MSG_NOSIGNAL would do this, but only for sockets.)
//
// File descriptors are created with O_CLOEXEC (not leaked into exec'd
// programs) and closed by close_read()/close_write() or the destructor.
//
// Thread safety: none. Each end is used by one thread at a time (a reader
// thread and a writer thread may use the two ends of one Pipe concurrently).
#ifndef SLUICE_PARALLEL_PIPE_H_
#define SLUICE_PARALLEL_PIPE_H_

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sluice/result.h"
#include "sluice/status.h"

namespace sluice::parallel {

class Pipe {
 public:
  static constexpr std::size_t kHeaderBytes = 8;
  static constexpr std::uint64_t kMaxMessageBytes = std::uint64_t{1} << 30;  // 1 GiB

  // Creates the pipe (pipe2 with O_CLOEXEC). IOError if the OS refuses.
  static Result<Pipe> create();

  Pipe(Pipe&& other) noexcept;
  Pipe& operator=(Pipe&& other) noexcept;
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  // Closes whichever ends are still open.
  ~Pipe();

  // Sends one message. Closed if the write end was closed here or no reader
  // is left; InvalidArgument if larger than kMaxMessageBytes.
  Status send(std::span<const std::byte> message);
  Status send_string(std::string_view message);
  template <typename T>
  Status send_value(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>, "send_value<T> sends the bytes of T: T must be trivially copyable");
    return send(std::as_bytes(std::span<const T, 1>(&value, 1)));
  }

  // Receives one message, blocking until it is complete; see the outcomes
  // in the file comment. Closed if the read end was closed here.
  Result<std::optional<std::vector<std::byte>>> recv();
  Result<std::optional<std::string>> recv_string();
  // Corruption if the message is not exactly sizeof(T) bytes.
  template <typename T>
  Result<std::optional<T>> recv_value() {
    return DecodeValue<T>(recv());
  }

  // As above, but TimedOut if no complete message arrived within `timeout`.
  Result<std::optional<std::vector<std::byte>>> recv_for(std::chrono::nanoseconds timeout);
  Result<std::optional<std::string>> recv_string_for(std::chrono::nanoseconds timeout);
  template <typename T>
  Result<std::optional<T>> recv_value_for(std::chrono::nanoseconds timeout) {
    return DecodeValue<T>(recv_for(timeout));
  }

  // Close one end (idempotent). After fork, the writer closes the read end
  // and the reader the write end.
  void close_read();
  void close_write();

  // -1 once closed. For poll() loops and tests; the Pipe keeps ownership.
  int read_fd() const { return read_fd_; }
  int write_fd() const { return write_fd_; }

 private:
  using Clock = std::chrono::steady_clock;

  Pipe(int read_fd, int write_fd) : read_fd_(read_fd), write_fd_(write_fd) {}

  // Reads until buffer_ holds a whole message (true) or EOF (false, having
  // checked for a torn message), honouring `deadline` (nullopt: none).
  Result<bool> FillMessage(std::optional<Clock::time_point> deadline);
  // Moves the first message out of buffer_. REQUIRES: FillMessage said true.
  std::vector<std::byte> TakeMessage();
  Result<std::optional<std::vector<std::byte>>> Receive(std::optional<Clock::time_point> deadline);

  template <typename T>
  static Result<std::optional<T>> DecodeValue(Result<std::optional<std::vector<std::byte>>> bytes) {
    static_assert(std::is_trivially_copyable_v<T> && std::is_default_constructible_v<T>,
                  "recv_value<T> rebuilds T from bytes: T must be trivially copyable");
    if (!bytes.ok()) return bytes.status();
    if (!bytes->has_value()) return std::optional<T>();
    const std::vector<std::byte>& b = **bytes;
    if (b.size() != sizeof(T)) {
      return Status::Corruption("pipe: expected a " + std::to_string(sizeof(T)) + "-byte value, got " +
                                std::to_string(b.size()) + " bytes");
    }
    T value;
    std::memcpy(&value, b.data(), sizeof(T));
    return std::optional<T>(value);
  }

  int read_fd_ = -1;
  int write_fd_ = -1;
  // buffer_[buffer_start_, buffer_end_): bytes read but not yet returned —
  // whole messages read ahead and/or the start of the next one. The vector's
  // size is the room available for reads (grown, never zero-filled twice).
  std::vector<std::byte> buffer_;
  std::size_t buffer_start_ = 0;
  std::size_t buffer_end_ = 0;
};

// A forked child process. Waits for the child in the destructor if nobody
// did, so no zombie is left behind (which blocks if the child never exits).
class ChildProcess {
 public:
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  pid_t pid() const { return pid_; }

  // Waits for the child to exit and returns its exit status: the exit code,
  // or 128 + N if signal N killed it (the shell's convention). IOError if
  // waitpid fails; Closed if already waited for.
  Result<int> wait();

  // Sends `signal` to the child (e.g. SIGKILL to end a deadlock).
  Status kill(int signal);

 private:
  friend Result<ChildProcess> fork_child(std::function<int()> fn);
  explicit ChildProcess(pid_t pid) : pid_(pid) {}

  pid_t pid_ = -1;  // -1 once waited for
};

// Flushes all stdio streams (so buffered output is not written twice),
// forks, and runs fn() in the child, which then flushes stdio and _Exit()s
// with fn's return value — no atexit handlers or static destructors run in
// the child. An exception escaping fn terminates the child (SIGABRT, so
// wait() reports 134). Returns the child in the parent; IOError if fork
// fails.
//
// fork() in a multi-threaded process copies only the calling thread; POSIX
// then allows the child only async-signal-safe calls. glibc makes malloc
// and stdio safe in practice, but fork before starting threads when you can.
Result<ChildProcess> fork_child(std::function<int()> fn);

// fork_child(fn) and wait(): the child's exit status.
Result<int> run_in_child(std::function<int()> fn);

}  // namespace sluice::parallel

#endif  // SLUICE_PARALLEL_PIPE_H_

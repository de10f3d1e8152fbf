// Pipe and fork helpers over POSIX pipe2/writev/read/poll/fork/waitpid; see
// sluice/parallel/pipe.h for the wire format and the contract.
//
// Receiving is a small buffered state machine: buffer_[buffer_start_,
// buffer_end_) holds bytes read but not yet returned. FillMessage() reads until that
// range starts with a complete message (header + body) or the writer closed
// the pipe, so a time-out can interrupt a message at any byte and a later
// call resumes it. Without a known header it reads up to kReadChunk bytes at
// once, so a stream of small messages costs about one read() per 64 KiB.
#include "sluice/parallel/pipe.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "sluice/parallel/mutex.h"  // deadline_after

namespace sluice::parallel {

namespace {

constexpr std::size_t kReadChunk = 64 * 1024;  // the default Linux pipe buffer

// close(2), not retried on EINTR: on Linux the descriptor is released even
// then, and retrying could close a descriptor another thread just opened.
void CloseFd(int& fd) {
  if (fd >= 0) {
    ::close(fd);
    fd = -1;
  }
}

// Blocks SIGPIPE in the calling thread for its lifetime. SIGPIPE raised by a
// write() is thread-directed, so while blocked it stays pending on this
// thread instead of killing the process; ConsumeOwnSigpipe() then removes it
// (unless one was already pending before, which is not ours to eat).
class ScopedSigpipeBlock {
 public:
  ScopedSigpipeBlock() {
    sigemptyset(&sigpipe_);
    sigaddset(&sigpipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &sigpipe_, &old_mask_);
    sigset_t pending;
    sigemptyset(&pending);
    was_pending_ = sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;
  }
  ~ScopedSigpipeBlock() { pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr); }
  ScopedSigpipeBlock(const ScopedSigpipeBlock&) = delete;
  ScopedSigpipeBlock& operator=(const ScopedSigpipeBlock&) = delete;

  // After a write failed with EPIPE.
  void ConsumeOwnSigpipe() {
    if (was_pending_) return;
    const int saved_errno = errno;
    const timespec zero{0, 0};
    // EAGAIN if no SIGPIPE is pending (e.g. the process ignores SIGPIPE).
    while (sigtimedwait(&sigpipe_, nullptr, &zero) == -1 && errno == EINTR) {
    }
    errno = saved_errno;
  }

 private:
  sigset_t sigpipe_;
  sigset_t old_mask_;
  bool was_pending_ = false;
};

std::string Describe(std::size_t n) { return std::to_string(n); }

}  // namespace

// --- Pipe ------------------------------------------------------------------

Result<Pipe> Pipe::create() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Status::FromErrno("pipe2", errno);
  return Pipe(fds[0], fds[1]);
}

Pipe::Pipe(Pipe&& other) noexcept
    : read_fd_(std::exchange(other.read_fd_, -1)),
      write_fd_(std::exchange(other.write_fd_, -1)),
      buffer_(std::move(other.buffer_)),
      buffer_start_(std::exchange(other.buffer_start_, 0)),
      buffer_end_(std::exchange(other.buffer_end_, 0)) {
  other.buffer_.clear();
}

Pipe& Pipe::operator=(Pipe&& other) noexcept {
  if (this != &other) {
    CloseFd(read_fd_);
    CloseFd(write_fd_);
    read_fd_ = std::exchange(other.read_fd_, -1);
    write_fd_ = std::exchange(other.write_fd_, -1);
    buffer_ = std::move(other.buffer_);
    other.buffer_.clear();
    buffer_start_ = std::exchange(other.buffer_start_, 0);
    buffer_end_ = std::exchange(other.buffer_end_, 0);
  }
  return *this;
}

Pipe::~Pipe() {
  CloseFd(read_fd_);
  CloseFd(write_fd_);
}

void Pipe::close_read() {
  CloseFd(read_fd_);
  std::vector<std::byte>().swap(buffer_);
  buffer_start_ = buffer_end_ = 0;
}

void Pipe::close_write() { CloseFd(write_fd_); }

Status Pipe::send(std::span<const std::byte> message) {
  if (write_fd_ < 0) return Status::Closed("pipe: write end is closed");
  if (message.size() > kMaxMessageBytes) {
    return Status::InvalidArgument("pipe: message of " + Describe(message.size()) + " bytes exceeds the limit of " +
                                   Describe(kMaxMessageBytes));
  }
  const std::uint64_t length = message.size();
  std::byte header[kHeaderBytes];
  std::memcpy(header, &length, kHeaderBytes);
  iovec iov[2] = {
      {header, kHeaderBytes},
      {const_cast<std::byte*>(message.data()), message.size()},  // writev does not write through it
  };
  iovec* next = iov;
  int count = message.empty() ? 1 : 2;

  ScopedSigpipeBlock no_sigpipe;
  while (count > 0) {
    const ssize_t n = ::writev(write_fd_, next, count);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) {
        no_sigpipe.ConsumeOwnSigpipe();
        return Status::Closed("pipe: the reading end is closed (EPIPE)");
      }
      return Status::FromErrno("pipe: write", errno);
    }
    // Partial write: skip what went out.
    std::size_t written = static_cast<std::size_t>(n);
    while (count > 0 && written >= next->iov_len) {
      written -= next->iov_len;
      ++next;
      --count;
    }
    if (count > 0) {
      next->iov_base = static_cast<char*>(next->iov_base) + written;
      next->iov_len -= written;
    }
  }
  return Status::OK();
}

Status Pipe::send_string(std::string_view message) { return send(std::as_bytes(std::span(message))); }

Result<bool> Pipe::FillMessage(std::optional<Clock::time_point> deadline) {
  for (;;) {
    const std::size_t available = buffer_end_ - buffer_start_;
    std::size_t needed = kHeaderBytes;
    if (available >= kHeaderBytes) {
      std::uint64_t length;
      std::memcpy(&length, buffer_.data() + buffer_start_, kHeaderBytes);
      if (length > kMaxMessageBytes) {
        return Status::Corruption("pipe: message header announces " + Describe(length) + " bytes, over the limit of " +
                                  Describe(kMaxMessageBytes));
      }
      needed = kHeaderBytes + static_cast<std::size_t>(length);
      if (available >= needed) return true;
    }

    if (deadline) {
      const auto remaining = *deadline - Clock::now();
      const auto ms = std::chrono::ceil<std::chrono::milliseconds>(std::max(remaining, Clock::duration::zero()));
      pollfd pfd{read_fd_, POLLIN, 0};
      const int ready = ::poll(&pfd, 1, static_cast<int>(std::min<std::int64_t>(ms.count(), INT_MAX)));
      if (ready < 0) {
        if (errno == EINTR) continue;
        return Status::FromErrno("pipe: poll", errno);
      }
      if (ready == 0) {
        if (Clock::now() >= *deadline) return Status::TimedOut("pipe: no complete message before the deadline");
        continue;  // woke early (rounding): wait for the rest
      }
    }

    // Room for the rest of this message, and at least kReadChunk so that
    // small messages are read ahead in bulk. Compacting moves at most the
    // unreturned bytes (one partial message plus read-ahead).
    const std::size_t want = std::max(needed - available, kReadChunk);
    if (buffer_.size() - buffer_end_ < want) {
      if (buffer_start_ != 0) {
        std::memmove(buffer_.data(), buffer_.data() + buffer_start_, available);
        buffer_start_ = 0;
        buffer_end_ = available;
      }
      if (buffer_.size() - buffer_end_ < want) buffer_.resize(buffer_end_ + want);
    }
    const ssize_t n = ::read(read_fd_, buffer_.data() + buffer_end_, buffer_.size() - buffer_end_);
    if (n > 0) buffer_end_ += static_cast<std::size_t>(n);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::FromErrno("pipe: read", errno);
    }
    if (n == 0) {  // EOF: every write end is closed
      if (available == 0) return false;
      if (available < kHeaderBytes) {
        return Status::Corruption("pipe: EOF inside a message header (" + Describe(available) + " of " +
                                  Describe(kHeaderBytes) + " bytes)");
      }
      return Status::Corruption("pipe: EOF inside a message body (" + Describe(available - kHeaderBytes) + " of " +
                                Describe(needed - kHeaderBytes) + " bytes)");
    }
  }
}

std::vector<std::byte> Pipe::TakeMessage() {
  std::uint64_t length;
  std::memcpy(&length, buffer_.data() + buffer_start_, kHeaderBytes);
  const auto body = buffer_.begin() + static_cast<std::ptrdiff_t>(buffer_start_ + kHeaderBytes);
  std::vector<std::byte> message(body, body + static_cast<std::ptrdiff_t>(length));
  buffer_start_ += kHeaderBytes + static_cast<std::size_t>(length);
  if (buffer_start_ == buffer_end_) {
    buffer_start_ = buffer_end_ = 0;
    // Do not keep a huge buffer alive after one huge message.
    if (buffer_.size() > 4 * kReadChunk) std::vector<std::byte>().swap(buffer_);
  }
  return message;
}

Result<std::optional<std::vector<std::byte>>> Pipe::Receive(std::optional<Clock::time_point> deadline) {
  if (read_fd_ < 0) return Status::Closed("pipe: read end is closed");
  SLUICE_ASSIGN_OR_RETURN(const bool have_message, FillMessage(deadline));
  if (!have_message) return std::optional<std::vector<std::byte>>();
  return std::optional<std::vector<std::byte>>(TakeMessage());
}

Result<std::optional<std::vector<std::byte>>> Pipe::recv() { return Receive(std::nullopt); }

Result<std::optional<std::vector<std::byte>>> Pipe::recv_for(std::chrono::nanoseconds timeout) {
  return Receive(deadline_after(timeout));
}

namespace {

Result<std::optional<std::string>> BytesToString(Result<std::optional<std::vector<std::byte>>> bytes) {
  if (!bytes.ok()) return bytes.status();
  if (!bytes->has_value()) return std::optional<std::string>();
  const std::vector<std::byte>& b = **bytes;
  return std::optional<std::string>(std::string(reinterpret_cast<const char*>(b.data()), b.size()));
}

}  // namespace

Result<std::optional<std::string>> Pipe::recv_string() { return BytesToString(recv()); }

Result<std::optional<std::string>> Pipe::recv_string_for(std::chrono::nanoseconds timeout) {
  return BytesToString(recv_for(timeout));
}

// --- ChildProcess ----------------------------------------------------------

ChildProcess::ChildProcess(ChildProcess&& other) noexcept : pid_(std::exchange(other.pid_, -1)) {}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    if (pid_ > 0) static_cast<void>(wait());
    pid_ = std::exchange(other.pid_, -1);
  }
  return *this;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) static_cast<void>(wait());
}

Result<int> ChildProcess::wait() {
  if (pid_ <= 0) return Status::Closed("child process already waited for");
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0) {
    if (errno != EINTR) return Status::FromErrno("waitpid", errno);
  }
  pid_ = -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return Status::Internal("waitpid: child neither exited nor was killed");
}

Status ChildProcess::kill(int signal) {
  if (pid_ <= 0) return Status::Closed("child process already waited for");
  if (::kill(pid_, signal) != 0) return Status::FromErrno("kill", errno);
  return Status::OK();
}

Result<ChildProcess> fork_child(std::function<int()> fn) {
  std::fflush(nullptr);  // or the child would write the parent's buffered output again
  const pid_t pid = ::fork();
  if (pid < 0) return Status::FromErrno("fork", errno);
  if (pid == 0) {
    const int code = fn();
    std::fflush(nullptr);
    std::_Exit(code);
  }
  return ChildProcess(pid);
}

Result<int> run_in_child(std::function<int()> fn) {
  SLUICE_ASSIGN_OR_RETURN(ChildProcess child, fork_child(std::move(fn)));
  return child.wait();
}

}  // namespace sluice::parallel

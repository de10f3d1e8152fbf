// Tests of Pipe, fork_child and run_in_child (pipe.h): message framing,
// 0-byte and 1 MiB messages, EOF vs torn messages, timeouts, EPIPE without
// SIGPIPE, CLOEXEC, and real cross-process use.
#include "sluice/parallel/pipe.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "parallel/test_util.h"

namespace sluice::parallel {
namespace {

using namespace std::chrono_literals;

Pipe MakePipe() {
  Result<Pipe> p = Pipe::create();
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return std::move(p).value();
}

// Writes raw bytes, bypassing the framing (to forge torn messages).
void WriteRaw(Pipe& pipe, const void* data, std::size_t n) {
  ASSERT_EQ(::write(pipe.write_fd(), data, n), static_cast<ssize_t>(n));
}

std::string Pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + i / 4096) % 26);
  return s;
}

TEST(PipeTest, MessagesKeepTheirBoundariesAndOrder) {
  Pipe pipe = MakePipe();
  ASSERT_TRUE(pipe.send_string("hello").ok());
  ASSERT_TRUE(pipe.send_string("").ok());
  ASSERT_TRUE(pipe.send_string("world!").ok());
  EXPECT_EQ(*pipe.recv_string(), std::optional<std::string>("hello"));
  EXPECT_EQ(*pipe.recv_string(), std::optional<std::string>(""));
  EXPECT_EQ(*pipe.recv_string(), std::optional<std::string>("world!"));
}

TEST(PipeTest, ZeroByteMessageIsNotEndOfStream) {
  Pipe pipe = MakePipe();
  ASSERT_TRUE(pipe.send(std::span<const std::byte>()).ok());
  pipe.close_write();
  Result<std::optional<std::vector<std::byte>>> r = pipe.recv();
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->has_value());
  EXPECT_TRUE((*r)->empty());
  r = pipe.recv();
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->has_value()) << "after the last message: end of stream";
}

TEST(PipeTest, EndOfStreamWhenWriterClosesAtABoundary) {
  Pipe pipe = MakePipe();
  ASSERT_TRUE(pipe.send_string("last").ok());
  pipe.close_write();
  EXPECT_EQ(*pipe.recv_string(), std::optional<std::string>("last"));
  Result<std::optional<std::string>> r = pipe.recv_string();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, std::nullopt);
  r = pipe.recv_string();  // stays at end
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, std::nullopt);
}

TEST(PipeTest, OneMebibyteMessageNeedsAndGetsAConcurrentReader) {
  Pipe pipe = MakePipe();
  const std::string big = Pattern(1 << 20);  // 16x the 64 KiB pipe buffer
  std::thread writer([&] {
    ASSERT_TRUE(pipe.send_string(big).ok());
    ASSERT_TRUE(pipe.send_string("after").ok());
    pipe.close_write();
  });
  Result<std::optional<std::string>> r = pipe.recv_string();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->size(), big.size());
  EXPECT_TRUE(**r == big);
  EXPECT_EQ(*pipe.recv_string(), std::optional<std::string>("after"));
  EXPECT_EQ(*pipe.recv_string(), std::nullopt);
  writer.join();
}

TEST(PipeTest, ManySmallMessagesWithReadAhead) {
  Pipe pipe = MakePipe();
  constexpr int kMessages = 20000;
  std::thread writer([&] {
    for (int i = 0; i < kMessages; ++i) ASSERT_TRUE(pipe.send_value<std::int32_t>(i).ok());
    pipe.close_write();
  });
  for (int i = 0; i < kMessages; ++i) {
    Result<std::optional<std::int32_t>> r = pipe.recv_value<std::int32_t>();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(*r, std::optional<std::int32_t>(i));
  }
  EXPECT_EQ(*pipe.recv_value<std::int32_t>(), std::nullopt);
  writer.join();
}

TEST(PipeTest, TornBodyIsCorruption) {
  Pipe pipe = MakePipe();
  const std::uint64_t length = 100;
  WriteRaw(pipe, &length, sizeof length);
  WriteRaw(pipe, "0123456789", 10);
  pipe.close_write();
  Result<std::optional<std::string>> r = pipe.recv_string();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(r.status().message(), "pipe: EOF inside a message body (10 of 100 bytes)");
}

TEST(PipeTest, TornHeaderIsCorruption) {
  Pipe pipe = MakePipe();
  WriteRaw(pipe, "abc", 3);
  pipe.close_write();
  Result<std::optional<std::string>> r = pipe.recv_string();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(r.status().message(), "pipe: EOF inside a message header (3 of 8 bytes)");
}

TEST(PipeTest, AbsurdLengthIsCorruption) {
  Pipe pipe = MakePipe();
  const std::uint64_t length = ~std::uint64_t{0};
  WriteRaw(pipe, &length, sizeof length);
  Result<std::optional<std::string>> r = pipe.recv_string_for(1s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
}

TEST(PipeTest, RecvForTimesOutPromptlyWhenNothingArrives) {
  Pipe pipe = MakePipe();
  const auto start = std::chrono::steady_clock::now();
  Result<std::optional<std::string>> r = pipe.recv_string_for(50ms);
  const auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kTimedOut);
  EXPECT_GE(waited, 50ms);
  EXPECT_LT(waited, 2s);
  EXPECT_EQ(pipe.recv_string_for(0ms).status().code(), StatusCode::kTimedOut);
}

TEST(PipeTest, TimeoutInsideAMessageResumesLater) {
  Pipe pipe = MakePipe();
  const std::string body = "split message";
  const std::uint64_t length = body.size();
  WriteRaw(pipe, &length, 4);  // half of the header
  EXPECT_EQ(pipe.recv_string_for(10ms).status().code(), StatusCode::kTimedOut);
  WriteRaw(pipe, reinterpret_cast<const char*>(&length) + 4, 4);
  WriteRaw(pipe, body.data(), 5);  // part of the body
  EXPECT_EQ(pipe.recv_string_for(10ms).status().code(), StatusCode::kTimedOut);
  WriteRaw(pipe, body.data() + 5, body.size() - 5);
  ASSERT_TRUE(pipe.send_string("next").ok());
  EXPECT_EQ(*pipe.recv_string_for(1s), std::optional<std::string>(body));
  EXPECT_EQ(*pipe.recv_string(), std::optional<std::string>("next"));
}

TEST(PipeTest, RecvValueChecksTheSize) {
  Pipe pipe = MakePipe();
  struct Point {
    double x, y;
  };
  ASSERT_TRUE(pipe.send_value(Point{1.5, -2.0}).ok());
  ASSERT_TRUE(pipe.send_string("abc").ok());
  Result<std::optional<Point>> p = pipe.recv_value<Point>();
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->has_value());
  EXPECT_EQ((*p)->x, 1.5);
  EXPECT_EQ((*p)->y, -2.0);
  Result<std::optional<std::int64_t>> bad = pipe.recv_value<std::int64_t>();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(bad.status().message(), "pipe: expected a 8-byte value, got 3 bytes");
}

TEST(PipeTest, SendWithoutReaderIsClosedNotSigpipe) {
  // The default SIGPIPE action would kill the test binary here.
  struct sigaction current {};
  ASSERT_EQ(sigaction(SIGPIPE, nullptr, &current), 0);
  ASSERT_EQ(current.sa_handler, SIG_DFL);
  Pipe pipe = MakePipe();
  pipe.close_read();
  const Status s = pipe.send_string("nobody listens");
  EXPECT_EQ(s.code(), StatusCode::kClosed);
  EXPECT_EQ(s.message(), "pipe: the reading end is closed (EPIPE)");
  // No SIGPIPE left pending, and the signal mask was restored.
  sigset_t pending, mask;
  sigemptyset(&pending);
  ASSERT_EQ(sigpending(&pending), 0);
  EXPECT_EQ(sigismember(&pending, SIGPIPE), 0);
  ASSERT_EQ(pthread_sigmask(SIG_BLOCK, nullptr, &mask), 0);
  EXPECT_EQ(sigismember(&mask, SIGPIPE), 0);
}

TEST(PipeTest, ClosedEndsAreReported) {
  Pipe pipe = MakePipe();
  pipe.close_write();
  pipe.close_write();  // idempotent
  EXPECT_EQ(pipe.write_fd(), -1);
  EXPECT_EQ(pipe.send_string("x").code(), StatusCode::kClosed);
  pipe.close_read();
  EXPECT_EQ(pipe.recv_string().status().code(), StatusCode::kClosed);
}

TEST(PipeTest, DescriptorsAreCloexecAndClosedByTheDestructor) {
  int read_fd, write_fd;
  {
    Pipe pipe = MakePipe();
    read_fd = pipe.read_fd();
    write_fd = pipe.write_fd();
    EXPECT_TRUE(::fcntl(read_fd, F_GETFD) & FD_CLOEXEC);
    EXPECT_TRUE(::fcntl(write_fd, F_GETFD) & FD_CLOEXEC);
    Pipe moved = std::move(pipe);  // ownership moves; still one close each
    EXPECT_EQ(pipe.read_fd(), -1);
    EXPECT_EQ(moved.read_fd(), read_fd);
  }
  // Single-threaded here, so nobody can have reused the numbers.
  EXPECT_EQ(::fcntl(read_fd, F_GETFD), -1);
  EXPECT_EQ(::fcntl(write_fd, F_GETFD), -1);
}

TEST(ChildProcessTest, RunInChildReturnsTheExitCode) {
  Result<int> code = run_in_child([] { return 7; });
  ASSERT_TRUE(code.ok()) << code.status().ToString();
  EXPECT_EQ(*code, 7);
  code = run_in_child([] { return 0; });
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(*code, 0);
}

TEST(ChildProcessTest, KilledChildReports128PlusSignal) {
  Result<int> code = run_in_child([] {
    ::raise(SIGKILL);
    return 0;
  });
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(*code, 128 + SIGKILL);
}

TEST(ChildProcessTest, WaitTwiceIsClosed) {
  Result<ChildProcess> child = fork_child([] { return 3; });
  ASSERT_TRUE(child.ok());
  EXPECT_GT(child->pid(), 0);
  EXPECT_EQ(*child->wait(), 3);
  EXPECT_EQ(child->wait().status().code(), StatusCode::kClosed);
}

TEST(ChildProcessTest, CrossProcessMessagesAndEof) {
  Pipe to_child = MakePipe();
  Pipe from_child = MakePipe();
  Result<ChildProcess> child = fork_child([&] {
    to_child.close_write();
    from_child.close_read();
    // Echo every message back with its length, until end of stream.
    for (;;) {
      Result<std::optional<std::string>> msg = to_child.recv_string();
      if (!msg.ok()) return 2;
      if (!msg->has_value()) return 0;
      if (!from_child.send_string(std::to_string((*msg)->size()) + ":" + (*msg)->substr(0, 3)).ok()) return 3;
    }
  });
  ASSERT_TRUE(child.ok());
  to_child.close_read();
  from_child.close_write();
  const std::string big = Pattern(3 << 20);
  // The child answers each message before reading the next, and 3 MiB does
  // not fit in the pipe: this only completes if framing and partial writes
  // work across processes.
  ASSERT_TRUE(to_child.send_string(big).ok());
  EXPECT_EQ(*from_child.recv_string(), std::optional<std::string>("3145728:" + big.substr(0, 3)));
  ASSERT_TRUE(to_child.send_string("").ok());
  EXPECT_EQ(*from_child.recv_string(), std::optional<std::string>("0:"));
  to_child.close_write();
  EXPECT_EQ(*from_child.recv_string(), std::nullopt);  // child exited: its write end closed
  EXPECT_EQ(*child->wait(), 0);
}

TEST(ChildProcessTest, TornMessageFromACrashedChild) {
  Pipe pipe = MakePipe();
  Result<ChildProcess> child = fork_child([&] {
    pipe.close_read();
    const std::uint64_t length = 1000;
    if (::write(pipe.write_fd(), &length, sizeof length) != sizeof length) return 1;
    if (::write(pipe.write_fd(), "partial", 7) != 7) return 1;
    ::raise(SIGKILL);  // dies mid-message
    return 0;
  });
  ASSERT_TRUE(child.ok());
  pipe.close_write();
  Result<std::optional<std::string>> r = pipe.recv_string_for(testing::kGenerous);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(*child->wait(), 128 + SIGKILL);
}

}  // namespace
}  // namespace sluice::parallel

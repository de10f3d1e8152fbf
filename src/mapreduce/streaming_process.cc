// RunStreamingProcess (streaming_process.h): the spawn, the poll loop that
// feeds stdin and drains stdout and stderr, the end of the process group.
#include "mapreduce/streaming_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

#include "mapreduce/cannot_run.h"
#include "mapreduce/pipe_holders.h"
#include "mapreduce/stderr_log.h"

namespace sluice::mapreduce {
namespace {

using Clock = std::chrono::steady_clock;

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  Fd& operator=(Fd&& o) noexcept {
    reset();
    fd_ = std::exchange(o.fd_, -1);
    return *this;
  }
  ~Fd() { reset(); }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  int get() const { return fd_; }

 private:
  int fd_ = -1;
};

Status MakePipe(Fd* r, Fd* w) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Status::FromErrno("pipe", errno);
  *r = Fd(fds[0]);
  *w = Fd(fds[1]);
  return Status::OK();
}

void SetNonBlocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

std::string Seconds(std::chrono::milliseconds d) {
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.1f", static_cast<double>(d.count()) / 1000.0);
  return secs;
}

std::string DescribeExit(int wstatus) {
  if (WIFEXITED(wstatus)) return "exited with status " + std::to_string(WEXITSTATUS(wstatus));
  if (WIFSIGNALED(wstatus)) {
    int sig = WTERMSIG(wstatus);
    const char* name = ::sigdescr_np(sig);
    return "killed by signal " + std::to_string(sig) + (name ? std::string(" (") + name + ")" : "");
  }
  return "ended with wait status " + std::to_string(wstatus);
}

// Splits a stream of bytes into lines (stdout's: a line is a record, held
// whole however long).
class LineSplitter {
 public:
  template <typename F>
  Status Feed(const char* p, std::size_t n, F&& on_line) {
    const char* end = p + n;
    if (!carry_.empty()) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', n));
      if (nl == nullptr) {
        carry_.append(p, n);
        return Status::OK();
      }
      carry_.append(p, nl);
      SLUICE_RETURN_IF_ERROR(on_line(Chomp(carry_)));
      carry_.clear();
      p = nl + 1;
    }
    while (p < end) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      if (nl == nullptr) break;
      SLUICE_RETURN_IF_ERROR(on_line(Chomp(std::string_view(p, static_cast<std::size_t>(nl - p)))));
      p = nl + 1;
    }
    carry_.append(p, end);
    return Status::OK();
  }
  template <typename F>
  Status Finish(F&& on_line) {
    if (carry_.empty()) return Status::OK();
    Status s = on_line(Chomp(carry_));
    carry_.clear();
    return s;
  }

 private:
  static std::string_view Chomp(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  }
  std::string carry_;
};

// Bytes waiting in the pipe whose read end is `read_end`: on stdin's, what
// the program has not read yet (up to 1 MiB: bytes written alone would show
// a small job done at once); on stdout's, what we have not.
std::uint64_t Unread(int read_end) {
  int unread = 0;
  if (::ioctl(read_end, FIONREAD, &unread) != 0 || unread < 0) unread = 0;
  return static_cast<std::uint64_t>(unread);
}

}  // namespace

Status RunStreamingProcess(const StreamingCommand& cmd, ByteFeeder& input, LineConsumer& output,
                           StreamingReport& report, const std::atomic<bool>* cancel,
                           const std::function<void(std::uint64_t)>& on_progress) {
  Fd in_r, in_w, out_r, out_w, err_r, err_w;
  SLUICE_RETURN_IF_ERROR(MakePipe(&in_r, &in_w));
  SLUICE_RETURN_IF_ERROR(MakePipe(&out_r, &out_w));
  SLUICE_RETURN_IF_ERROR(MakePipe(&err_r, &err_w));

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_r.get(), 0);
  posix_spawn_file_actions_adddup2(&actions, out_w.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err_w.get(), 2);
  if (!cmd.working_dir.empty()) posix_spawn_file_actions_addchdir_np(&actions, cmd.working_dir.c_str());
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t empty, defaults;
  sigemptyset(&empty);
  posix_spawnattr_setsigmask(&attr, &empty);
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&defaults, sig);
  posix_spawnattr_setsigdefault(&attr, &defaults);

  std::vector<char*> envp;
  for (const std::string& e : cmd.environment) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  char sh[] = "sh", dash_c[] = "-c";
  char* argv[] = {sh, dash_c, const_cast<char*>(cmd.command.c_str()), nullptr};
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, "/bin/sh", &actions, &attr, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    // No /bin/sh, or no working directory: no attempt can do better. Lack
    // of memory or processes (EAGAIN, ENOMEM) may pass: those are retried.
    if (rc == ENOENT || rc == EACCES || rc == ENOTDIR || rc == ENOEXEC) report.cannot_run = true;
    return Status::FromErrno(
        "cannot start '" + cmd.command + "'" + (cmd.working_dir.empty() ? "" : " in " + cmd.working_dir), rc);
  }
  out_w.reset();
  err_w.reset();
  // in_r stays open here: the child's exit then never makes our writes fail
  // with EPIPE, and FIONREAD on it tells how much input was left unread.
  SetNonBlocking(in_w.get());
  SetNonBlocking(out_r.get());
  SetNonBlocking(err_r.get());
  // 1 MiB pipes instead of 64 KiB: each wake-up of this loop then moves up
  // to 16x more data, which matters when a program writes in small chunks
  // (Python flushes every 8 KiB). Best effort: the limit is
  // /proc/sys/fs/pipe-max-size.
  for (int fd : {in_w.get(), out_r.get()}) ::fcntl(fd, F_SETPIPE_SZ, 1 << 20);

  StderrLog err_log(cmd.log_path, cmd.log_limit, report);
  LineSplitter out_lines;
  auto consume_out = [&](std::string_view line) { return output.Line(line); };

  std::string_view pending;
  bool input_done = false;
  bool out_open = true, err_open = true;
  // The program's own process has exited. It is not reaped until the end:
  // as a zombie it keeps its pid, which is the process group's id, from
  // being reused, so killing the group can never hit a stranger.
  bool exited = false;
  bool lingerers_killed = false;
  // stdout bytes the program had left in the pipe when it exited, and those
  // read since: more than that were written by its descendants after it.
  std::uint64_t out_unread_at_exit = 0, out_after_exit = 0;
  Clock::time_point exited_at, drain_deadline;
  int wstatus = 0;
  Status failure;
  std::string kill_reason;
  auto last_progress = Clock::now();
  auto last_report = Clock::now();
  auto last_exit_check = Clock::now();
  std::unique_ptr<char[]> buf(new char[256 * 1024]);

  auto kill_group = [&] {
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);  // in case it left its group
  };
  // Descendants that left the group but hold stdout or stderr (setsid).
  auto kill_pipe_holders = [&] {
    for (const Fd* fd : {&out_r, &err_r}) {
      if (fd->get() < 0) continue;
      for (pid_t holder : PipeHolders(fd->get())) ::kill(holder, SIGKILL);
    }
  };

  while (out_open || err_open || !exited) {
    const auto now = Clock::now();
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
      failure = Status::Cancelled("interrupted");
      break;
    }
    if (cmd.timeout.count() > 0 && now - last_progress > cmd.timeout) {
      kill_reason = "timed out: no progress for " + Seconds(cmd.timeout) + " s (--task-timeout); killed";
      break;
    }
    if (exited && !lingerers_killed && now - exited_at >= cmd.linger) {
      // Descendants hold stdout or stderr open after the program exited.
      kill_group();
      kill_pipe_holders();
      lingerers_killed = true;
      drain_deadline = now + std::chrono::seconds(1);
      if (out_open && out_after_exit > out_unread_at_exit) {
        // They were writing records: what they had still to write is lost,
        // so the attempt must not pass for complete.
        kill_reason = "exited, but processes it started were still writing to its stdout " + Seconds(cmd.linger) +
                      " s later; killed them (their output was cut short: a program must wait for its children)";
        break;
      }
      err_log.Note("sluice: the program exited, but processes it started kept its stdout or stderr open; killed " +
                   Seconds(cmd.linger) + " s later");
    } else if (lingerers_killed && now >= drain_deadline) {
      err_log.Note(
          "sluice: its stdout or stderr was still open a second after its processes were killed; stopped reading");
      if (out_open) failure = out_lines.Finish(consume_out);  // a last line without a newline
      break;
    }
    // Fetch the next input chunk before polling, so POLLOUT is asked for
    // only while there is something to write (and someone to read it).
    if (pending.empty() && !input_done && in_w.get() >= 0 && !exited) {
      Result<std::string_view> chunk = input.Next();
      if (!chunk.ok()) {
        failure = chunk.status();
        break;
      }
      pending = *chunk;
      if (pending.empty()) {
        input_done = true;
        in_w.reset();  // EOF for the program
      }
    }
    pollfd fds[3];
    int nfds = 0;
    int in_idx = -1, out_idx = -1, err_idx = -1;
    if (!pending.empty() && in_w.get() >= 0) fds[in_idx = nfds++] = {in_w.get(), POLLOUT, 0};
    if (out_open) fds[out_idx = nfds++] = {out_r.get(), POLLIN, 0};
    if (err_open) fds[err_idx = nfds++] = {err_r.get(), POLLIN, 0};
    int timeout_ms = (out_open || err_open) ? 100 : 10;
    int n = ::poll(fds, static_cast<nfds_t>(nfds), timeout_ms);
    if (n < 0 && errno != EINTR) {
      failure = Status::FromErrno("poll", errno);
      break;
    }
    if (n > 0) {
      if (in_idx >= 0 && (fds[in_idx].revents & (POLLOUT | POLLERR))) {
        ssize_t w = ::write(in_w.get(), pending.data(), pending.size());
        if (w > 0) {
          pending.remove_prefix(static_cast<std::size_t>(w));
          report.bytes_fed += static_cast<std::uint64_t>(w);
          last_progress = Clock::now();
        } else if (w < 0 && errno != EAGAIN && errno != EINTR) {
          // The program closed its stdin (in_r is ours too, so only on odd
          // errors): stop feeding; the unread check below reports it.
          in_w.reset();
        }
      }
      if (out_idx >= 0 && (fds[out_idx].revents & (POLLIN | POLLHUP | POLLERR))) {
        ssize_t r = ::read(out_r.get(), buf.get(), 256 * 1024);
        if (r > 0) {
          if (exited) out_after_exit += static_cast<std::uint64_t>(r);
          last_progress = Clock::now();
          failure = out_lines.Feed(buf.get(), static_cast<std::size_t>(r), consume_out);
          last_progress = Clock::now();  // our own processing time is not the program's
        } else if (r == 0) {
          out_open = false;
          out_r.reset();
          failure = out_lines.Finish(consume_out);
        } else if (errno != EAGAIN && errno != EINTR) {
          failure = Status::FromErrno("read from task", errno);
        }
        if (!failure.ok()) break;
      }
      if (err_idx >= 0 && (fds[err_idx].revents & (POLLIN | POLLHUP | POLLERR))) {
        ssize_t r = ::read(err_r.get(), buf.get(), 256 * 1024);
        if (r > 0) {
          last_progress = Clock::now();
          err_log.Feed(std::string_view(buf.get(), static_cast<std::size_t>(r)));
          last_progress = Clock::now();
        } else if (r == 0) {
          err_open = false;
          err_r.reset();
        } else if (errno != EAGAIN && errno != EINTR) {
          failure = Status::FromErrno("read from task", errno);
          break;
        }
      }
    }
    if (on_progress && Clock::now() - last_report >= std::chrono::milliseconds(50)) {
      last_report = Clock::now();
      on_progress(report.bytes_fed - std::min(report.bytes_fed, Unread(in_r.get())));
    }
    // Look for the program's exit (without reaping it) once its output is
    // closed, on a quiet poll, or every 100 ms while descendants keep the
    // pipes busy: not a syscall per wake-up.
    if (!exited &&
        ((!out_open && !err_open) || n == 0 || Clock::now() - last_exit_check >= std::chrono::milliseconds(100))) {
      last_exit_check = Clock::now();
      siginfo_t info = {};
      if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0) {
        if (info.si_pid == pid) {
          exited = true;
          exited_at = Clock::now();
          if (out_open) out_unread_at_exit = Unread(out_r.get());
        }
      } else if (errno != EINTR) {
        failure = Status::FromErrno("waitid", errno);
        break;
      }
    }
  }
  // However the run ended, nothing it started may outlive it: kill the
  // whole group (a no-op on the zombie of a program that exited), and what
  // still holds its pipes, then reap.
  kill_group();
  if (out_open || err_open) kill_pipe_holders();
  while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  err_log.Finish();
  if (!failure.ok()) return failure;
  if (!kill_reason.empty()) return Status::IOError(kill_reason);
  if (!(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0)) {
    const std::string what = DescribeExit(wstatus);
    if (WIFEXITED(wstatus)) {
      std::optional<std::string> why =
          DiagnoseCannotRun(cmd.command, WEXITSTATUS(wstatus), report.stderr_tail, cmd.environment, cmd.working_dir);
      if (why) {
        report.cannot_run = true;
        return Status::IOError(what + "; the command cannot run: " + *why);
      }
    }
    return Status::IOError(what);
  }
  const std::uint64_t left = pending.size() + Unread(in_r.get());
  if (left > 0 || !input_done) {
    return Status::IOError(
        "exited with status 0 without reading all of its input (" +
        (input_done ? std::to_string(left) + " bytes" : std::string("at least ") + std::to_string(left) + " bytes") +
        " unread)");
  }
  return Status::OK();
}

}  // namespace sluice::mapreduce

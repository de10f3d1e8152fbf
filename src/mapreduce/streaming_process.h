// One run of a streaming program (a mapper, combiner or reducer command):
// feeds it bytes on stdin, hands its stdout lines to a consumer, turns its
// stderr "reporter:" lines into counters and status and streams the rest to
// a log file (stderr_log.h: capped, memory bounded) — and decides whether
// the run succeeded.
//
// A run FAILS when the program
//   - exits with a non-zero status or dies by a signal;
//   - exits without reading all of its input, even with status 0 (a mapper
//     that reads half its input would silently lose records);
//   - makes no progress (reads no input, writes no output or stderr) for
//     `timeout`;
// and is CANCELLED (Status::Cancelled) when *cancel becomes true (Ctrl-C,
// or the job stopping its other tasks). A failure that means the program
// cannot run at all (cannot_run.h: sh's status 127 or 126, a file without a
// #! line) says why and sets StreamingReport::cannot_run: retrying it is
// pointless.
//
// The program runs as `/bin/sh -c COMMAND` in its own process group, with
// `environment` as its whole environment and SIGPIPE/SIGINT/SIGTERM at
// their default actions. The run ENDS when the program's own process (sh,
// or what sh exec'd) has exited and its stdout and stderr are at EOF. Its
// descendants (`cmd &`, a daemon it started) may keep those pipes open
// after it exited: they get `linger` more to finish writing, then the
// group is killed. If they were still writing to stdout, the run FAILS
// (records were cut short); if they only held the pipes (a stray `&`), it
// ends with the program's own exit status (a note in the log says so).
// Hadoop waits for stdout EOF instead, which turns a forgotten `&` into a
// task timeout; the exit of the process sluice started is a surer end.
// Whatever the outcome — success, failure, timeout, cancel — the whole
// process group is killed with SIGKILL before the run returns, so no
// descendant outlives it; descendants that left the group (setsid) but
// hold its stdout or stderr are found by the pipe (pipe_holders.h) and
// killed too. Only one that leaves the group and lets go of those pipes (a
// daemon) is beyond reach.
#ifndef SLUICE_MAPREDUCE_STREAMING_PROCESS_H_
#define SLUICE_MAPREDUCE_STREAMING_PROCESS_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "mapreduce/counters.h"
#include "sluice/result.h"
#include "sluice/status.h"

namespace sluice::mapreduce {

struct StreamingCommand {
  std::string command;
  std::vector<std::string> environment;        // "NAME=value"
  std::string log_path;                        // created (with its directory) on the first byte to log
  std::uint64_t log_limit = kDefaultLogLimit;  // bytes of stderr kept in log_path; 0: no limit
  std::chrono::milliseconds timeout{0};        // 0: no limit
  std::string working_dir;                     // empty: ours
  // How long descendants may hold stdout/stderr open after the program exited.
  std::chrono::milliseconds linger{1000};

  static constexpr std::uint64_t kDefaultLogLimit = 16u << 20;
};

// The program's stdin: chunks, each valid until the next call; an empty
// chunk ends the input (stdin is then closed).
class ByteFeeder {
 public:
  virtual ~ByteFeeder() = default;
  virtual Result<std::string_view> Next() = 0;
};

// The program's stdout, one line at a time, without "\n" (or "\r\n"). A
// last line without a newline is delivered too. An error stops the run.
class LineConsumer {
 public:
  virtual ~LineConsumer() = default;
  virtual Status Line(std::string_view line) = 0;
};

struct StreamingReport {
  Counters counters;        // from reporter:counter: lines
  std::string last_status;  // from the last reporter:status: line
  std::string stderr_tail;  // the last plain stderr lines (for error messages)
  std::uint64_t bytes_fed = 0;
  bool cannot_run = false;  // the program could not run at all: do not retry it
  // Called with each reporter:status: message as it arrives (may be empty).
  std::function<void(const std::string&)> on_status;
};

// Runs the program to completion. `on_progress(bytes)` is told, every 50 ms
// or so, how many input bytes the program has read (may be null); `cancel`
// may be null.
Status RunStreamingProcess(const StreamingCommand& cmd, ByteFeeder& input, LineConsumer& output,
                           StreamingReport& report, const std::atomic<bool>* cancel,
                           const std::function<void(std::uint64_t)>& on_progress = {});

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_STREAMING_PROCESS_H_

// One run of a streaming program (a mapper, combiner or reducer command):
// feeds it bytes on stdin, hands its stdout lines to a consumer, turns its
// stderr "reporter:" lines into counters and status and appends the rest to
// a log file — and decides whether the run succeeded.
//
// A run FAILS when the program
//   - exits with a non-zero status or dies by a signal;
//   - exits without reading all of its input, even with status 0 (a mapper
//     that reads half its input would silently lose records);
//   - makes no progress (reads no input, writes no output or stderr) for
//     `timeout` — then its whole process group is killed;
// and is CANCELLED (Status::Cancelled) when *cancel becomes true (Ctrl-C):
// its process group is killed too. Either way nothing is left running.
//
// The program runs as `/bin/sh -c COMMAND` in its own process group (so a
// pipeline or an interpreter's children are killed with it), with
// `environment` as its whole environment and SIGPIPE/SIGINT/SIGTERM at
// their default actions.
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
  std::vector<std::string> environment;  // "NAME=value"
  std::string log_path;                  // created (with its directory) on the first plain stderr line
  std::chrono::milliseconds timeout{0};  // 0: no limit
  std::string working_dir;               // empty: ours
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

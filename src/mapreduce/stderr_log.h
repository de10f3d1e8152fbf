// StderrLog: what a streaming program writes on stderr, taken as it comes
// (streaming_process.cc feeds it every chunk read from the pipe):
//   - "reporter:counter:GROUP,NAME,AMOUNT" and "reporter:status:MESSAGE"
//     lines become counters and status (Hadoop Streaming's protocol);
//   - everything else is appended to the attempt's log file (created, with
//     its directory, on the first byte to log), up to `limit` bytes per file;
//     what is left out is counted, and the log then ends with
//     "... [truncated, N bytes dropped ...]";
//   - the last plain lines (their first 300 bytes) are kept for error
//     messages.
// Memory is bounded whatever the program writes, even one endless line
// without a newline: a line is held only while it may still be a reporter
// line (at most kMaxReporterLine bytes), plain bytes go straight to the file.
#ifndef SLUICE_MAPREDUCE_STDERR_LOG_H_
#define SLUICE_MAPREDUCE_STDERR_LOG_H_

#include <cstdint>
#include <cstdio>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "mapreduce/streaming_process.h"

namespace sluice::mapreduce {

class StderrLog {
 public:
  // A longer line starting "reporter:" is logged as a plain line.
  static constexpr std::size_t kMaxReporterLine = 64 * 1024;
  static constexpr std::size_t kTailLines = 10, kTailLineBytes = 300;

  // `log_path` empty: nothing is written. `limit` 0: no limit. The limit
  // counts what the file already holds (a combiner appends to its map
  // attempt's log).
  StderrLog(std::string log_path, std::uint64_t limit, StreamingReport& report);
  ~StderrLog();
  StderrLog(const StderrLog&) = delete;
  StderrLog& operator=(const StderrLog&) = delete;

  void Feed(std::string_view bytes);
  // The end of the stream: ends a last line without a newline, notes what
  // the limit dropped, fills report.stderr_tail. Idempotent.
  void Finish();
  // A line of sluice's own about the run ("sluice: ..."), logged after the
  // program's bytes (by Finish, whatever the limit), not part of the tail.
  void Note(std::string line);

 private:
  void EndPlainLine();  // a '\n' ends the current plain line
  bool TryReporterLine(std::string_view line);
  void Plain(std::string_view bytes);  // logs bytes of a plain line, keeps the tail's start of it
  void Log(std::string_view bytes);    // writes within the limit, counts the rest
  bool Open();

  const std::string log_path_;
  const std::uint64_t limit_;
  StreamingReport& report_;
  std::FILE* file_ = nullptr;
  bool open_failed_ = false;
  std::uint64_t written_ = 0;  // bytes in the file, ours included
  std::uint64_t dropped_ = 0;
  bool last_logged_newline_ = true;
  bool holding_ = true;    // the current line may still be a reporter line
  std::string held_;       // its bytes so far (while holding_)
  std::string tail_line_;  // the first kTailLineBytes of the current plain line
  std::deque<std::string> tail_;
  std::vector<std::string> notes_;
  bool finished_ = false;
};

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_STDERR_LOG_H_

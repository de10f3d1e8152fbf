// sluice MapReduce: run a MapReduce job on one machine, in parallel, with
// external sort, retries and progress (chapter 4.7).
//
// Two ways to write a job:
//   - streaming programs (any executable; Hadoop Streaming's contract) run
//     by `sluice mr run --mapper CMD --reducer CMD ...` (src/cli/commands/mr.cc);
//   - native C++ functions, run in-process on a thread pool by RunNativeJob
//     below — same splits, partitioning, sort order and output files.
//
//   sluice::mapreduce::NativeJob job;
//   job.map = [](std::string_view line, Emitter& out) {
//     ForEachWord(line, [&](std::string_view word) { out.emit(word, "1"); });  // mapreduce_words.h
//   };
//   job.reduce = [](std::string_view key, ValueIterator& values, Emitter& out) {
//     std::int64_t n = 0;
//     for (std::string_view v : values) n += std::stoll(std::string(v));
//     out.emit(key, std::to_string(n));
//   };
//   job.combine = job.reduce;  // or LongSum{} for both: the same sums, faster
//   JobOptions options;
//   options.inputs = {"corpus.txt"};
//   options.output = "counts";
//   Result<JobResult> r = RunNativeJob(job, options);
//
// Output: OUTPUT/part-00000 ... one per reducer (per map task when
// reducers == 0), lines "key<TAB>value", keys in unsigned byte order within
// a part file, keys assigned to parts by Hadoop's HashPartitioner, and
// OUTPUT/_SUCCESS. Byte-identical whatever `parallel`, and between runs.
#ifndef SLUICE_MAPREDUCE_H_
#define SLUICE_MAPREDUCE_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sluice/result.h"
#include "sluice/status.h"

namespace sluice {
class Env;  // src/base/env.h
}  // namespace sluice

namespace sluice::mapreduce {

enum class ProgressMode {
  kAuto,   // a live display on a terminal, a status line every few seconds elsewhere
  kLines,  // status lines only
  kQuiet,  // nothing, not even the final summary
};

// The limits RunJob enforces (and the command lines check first).
inline constexpr unsigned kMaxReducers = 100000;
inline constexpr unsigned kMaxParallel = 4096;

struct JobOptions {
  std::vector<std::string> inputs;                       // files, directories of files, or glob patterns
  std::string output;                                    // a directory that must not exist (unless overwrite)
  unsigned reducers = 1;                                 // 0: map-only job; at most kMaxReducers
  unsigned parallel = 0;                                 // tasks at once; 0: hardware threads; at most kMaxParallel
  unsigned max_attempts = 4;                             // per task
  std::uint64_t sort_memory = std::uint64_t{256} << 20;  // all sort buffers and merges together
  std::uint64_t split_size = std::uint64_t{64} << 20;
  std::chrono::milliseconds task_timeout{600'000};  // no progress for this long fails an attempt; 0: none
  bool overwrite = false;
  ProgressMode progress = ProgressMode::kAuto;
  std::chrono::milliseconds status_interval{5000};  // status lines (not on a terminal)
  // Set (e.g. from a SIGINT handler) to stop the job: children are killed,
  // partial output removed; the job then fails with Status::Cancelled.
  const std::atomic<bool>* cancel = nullptr;
  // Spills, part files, their commit renames and _SUCCESS go through this
  // Env (tests inject faults with base/fault_injection_env.h); null: the
  // POSIX one. Directories are made and removed directly.
  Env* env = nullptr;
};

struct JobResult {
  // OK, or why the job failed (task, attempt, exit status, stderr tail);
  // Cancelled if `cancel` stopped it.
  Status status;
  std::map<std::pair<std::string, std::string>, std::int64_t> counters;  // (group, name) -> value
  std::vector<std::string> part_files;
  double seconds = 0;
  std::int64_t counter(const std::string& group, const std::string& name) const {
    auto it = counters.find({group, name});
    return it == counters.end() ? 0 : it->second;
  }
};

// Receives a task's output pairs.
class Emitter {
 public:
  virtual ~Emitter() = default;
  virtual void emit(std::string_view key, std::string_view value) = 0;
};

// The values of one key, in order (map task, then emission order).
//   for (std::string_view v : values) ...
class ValueIterator {
 public:
  virtual ~ValueIterator() = default;
  // False when the key has no more values. *value stays valid until the next call.
  virtual bool next(std::string_view* value) = 0;

  class iterator {
   public:
    explicit iterator(ValueIterator* it) : it_(it) { advance(); }
    std::string_view operator*() const { return cur_; }
    iterator& operator++() {
      advance();
      return *this;
    }
    bool operator!=(const iterator& other) const { return it_ != other.it_; }

   private:
    void advance() {
      if (it_ != nullptr && !it_->next(&cur_)) it_ = nullptr;
    }
    ValueIterator* it_;
    std::string_view cur_;
  };
  iterator begin() { return iterator(this); }
  iterator end() { return iterator(nullptr); }
};

using MapFunction = std::function<void(std::string_view line, Emitter& out)>;
using ReduceFunction = std::function<void(std::string_view key, ValueIterator& values, Emitter& out)>;

// Hadoop's LongSumReducer for text values: emits (key, the sum of the
// key's values), each value a decimal integer ([+-]digits) and the sum in
// 64 bits; anything else throws std::invalid_argument (failing the
// attempt) naming the key and the value. Use it as reducer and combiner of
// counting jobs. As a combiner, the map side recognizes it and keeps one
// running sum per key instead of the values, so it is much faster than the
// same sum written as a lambda; the output is the same.
struct LongSum {
  void operator()(std::string_view key, ValueIterator& values, Emitter& out) const;
};

struct NativeJob {
  MapFunction map;         // called once per input line (without its newline)
  ReduceFunction combine;  // optional: runs on each sorted spill of a map task
  ReduceFunction reduce;   // required unless reducers == 0
};

// Runs the job. An error Result means it could not start (bad options,
// missing input, existing output): nothing was written. Otherwise the
// JobResult says whether it succeeded. A map or reduce function that throws
// fails its attempt, which is retried up to max_attempts times.
// Functions run concurrently on several threads: they must not share
// mutable state without synchronization.
Result<JobResult> RunNativeJob(const NativeJob& job, const JobOptions& options);

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_H_

// TaskLogic: what a job's map, combine and reduce steps DO, separated from
// how the runner (job_runner.h) schedules, retries, sorts and commits them.
// Streaming jobs implement it with processes (StreamingLogic in
// streaming_job.cc), native jobs with in-process functions (NativeLogic in
// native_job.cc).
#ifndef SLUICE_MAPREDUCE_TASK_LOGIC_H_
#define SLUICE_MAPREDUCE_TASK_LOGIC_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "extsort/record.h"
#include "mapreduce/counters.h"
#include "mapreduce/input_split.h"
#include "sluice/status.h"

namespace sluice::mapreduce {

// One attempt of one task, as the logic sees it.
struct TaskAttempt {
  bool is_map = true;
  unsigned task = 0;     // map: split index; reduce: partition
  unsigned attempt = 0;  // 0, 1, ... (Hadoop numbers attempts from 0)
  unsigned num_maps = 0;
  unsigned num_reduces = 0;
  std::string job_id;      // job_local_0001
  std::string task_id;     // task_local_0001_m_000003
  std::string attempt_id;  // attempt_local_0001_m_000003_0
  std::string log_path;    // where the attempt's stderr goes
  std::string work_dir;    // scratch space of this attempt
  std::chrono::milliseconds timeout{0};
  std::uint64_t map_side_memory = 0;  // for TaskLogic::MapSideMemory's own use
  // Set by a Map that combines before its sink: the pairs the map function
  // emitted (Hadoop's "Map output records", and the combiner's input).
  std::optional<std::uint64_t> map_function_records;
  const std::atomic<bool>* cancel = nullptr;  // stop as soon as possible when true
  // Progress for the display: input bytes consumed (map), records read (reduce).
  std::atomic<std::uint64_t>* progress = nullptr;
  // Reports a task's status message (reporter:status:) to the display.
  std::function<void(const std::string&)> on_status;
  Counters counters;        // the attempt's own counters (merged on success)
  std::string status;       // last status message of the task
  std::string stderr_tail;  // for the failure message
  // Set by the logic when the attempt failed because its program cannot run
  // at all (not found, not executable): the task then fails without retries.
  bool cannot_run = false;
};

class TaskLogic {
 public:
  virtual ~TaskLogic() = default;
  // Reads `split` and sends the map output to `out` (which partitions and
  // sorts it, or writes it out for a map-only job). Counts
  // "Map input records" into attempt.counters.
  virtual Status Map(const InputSplit& split, TaskAttempt& attempt, extsort::RecordSink& out) = 0;
  virtual bool HasCombiner() const = 0;
  // How much of a map task's memory share the logic uses itself (the rest
  // goes to the sort buffer); given to the attempt as map_side_memory.
  virtual std::uint64_t MapSideMemory(std::uint64_t /*share*/) const { return 0; }
  // Combines one sorted run (called from inside `out.Add` of Map).
  virtual Status Combine(extsort::RecordSource& sorted_run, TaskAttempt& attempt, extsort::RecordSink& out) = 0;
  // Reduces the merged, sorted records of one partition into `out`. Counts
  // "Reduce input groups" into attempt.counters.
  virtual Status Reduce(extsort::RecordSource& merged, TaskAttempt& attempt, extsort::RecordSink& out) = 0;
};

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_TASK_LOGIC_H_

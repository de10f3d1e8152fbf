// Progress of a running job, and its display.
//
// The runner updates JobProgress (atomics, cheap from any task thread); a
// ProgressMonitor thread renders it: on a terminal a live line rewritten in
// place (map and reduce %, records, MB/s, ETA, failed attempts, the latest
// task status), elsewhere one status line every status_interval.
#ifndef SLUICE_MAPREDUCE_PROGRESS_H_
#define SLUICE_MAPREDUCE_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "sluice/mapreduce.h"
#include "sluice/parallel/mutex.h"

namespace sluice::mapreduce {

struct JobProgress {
  using Clock = std::chrono::steady_clock;
  JobProgress(unsigned maps, unsigned reduces, std::uint64_t input_bytes);

  const unsigned maps;
  const unsigned reduces;
  const std::uint64_t input_bytes;
  const Clock::time_point start = Clock::now();
  std::atomic<int> phase{0};                                     // 0 map, 1 reduce, 2 done
  std::atomic<double> map_seconds{0};                            // the map phase's length, set before phase becomes 1
  std::unique_ptr<std::atomic<std::uint64_t>[]> map_bytes;       // per map task, current attempt
  std::unique_ptr<std::atomic<std::uint64_t>[]> reduce_records;  // per reduce task, current attempt
  std::atomic<std::uint64_t> reduce_input_records{0};            // known after the map phase
  std::atomic<std::uint64_t> map_output_records{0};
  std::atomic<unsigned> maps_done{0};
  std::atomic<unsigned> reduces_done{0};
  std::atomic<unsigned> failed_attempts{0};

  void SetStatus(const std::string& status);
  std::string CurrentStatus();
  // One line: "map 42% (3/8) reduce 0% (0/2) | 1.2M pairs | 85.3 MB/s | ETA 0:12 | 0:09":
  // the rate is the map input's in the map phase, the reducers' records in
  // the reduce phase; the ETA is the current phase's rate extrapolated.
  std::string Render();

 private:
  parallel::Mutex mu_;
  std::string status_ GUARDED_BY(mu_);
};

class ProgressMonitor {
 public:
  // Starts rendering to stderr (nothing for kQuiet).
  ProgressMonitor(JobProgress& progress, ProgressMode mode, std::chrono::milliseconds status_interval);
  ~ProgressMonitor();  // Stop()
  // Stops the thread and clears the live line.
  void Stop();
  // Prints a line without garbling the live display (e.g. "attempt ... failed").
  void Note(const std::string& line);

 private:
  void Loop();

  JobProgress& progress_;
  bool live_;
  bool enabled_;
  std::chrono::milliseconds interval_;
  parallel::Mutex mu_;
  parallel::CondVar cv_;
  bool stop_ GUARDED_BY(mu_) = false;
  bool line_shown_ GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_PROGRESS_H_

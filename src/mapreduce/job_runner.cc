#include "mapreduce/job_runner.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <future>
#include <thread>

#include "base/env.h"
#include "extsort/external_sorter.h"
#include "extsort/merge.h"
#include "mapreduce/input_split.h"
#include "mapreduce/part_writer.h"
#include "mapreduce/partitioner.h"
#include "mapreduce/progress.h"
#include "mapreduce/units.h"
#include "sluice/parallel/mutex.h"
#include "sluice/parallel/thread_pool.h"

namespace sluice::mapreduce {
namespace {

namespace fs = std::filesystem;
using extsort::RecordSink;
using extsort::RecordSource;
using extsort::RunFile;

constexpr const char* kJobId = "job_local_0001";

std::string PartName(unsigned i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "part-%05u", i);
  return buf;
}

// A hidden name beside `dir` ("out" -> ".out" + suffix), on the same file
// system so that a rename can replace `dir`.
fs::path SiblingPath(const fs::path& dir, const std::string& suffix) {
  fs::path p = dir.lexically_normal();
  if (p.filename().empty()) p = p.parent_path();  // "out/"
  return p.parent_path() / ("." + p.filename().string() + suffix);
}

// Renames through `env`; on failure, the reason without the Env's "cannot
// rename FROM to TO: " prefix, since the caller names the step itself
// ("Permission denied"; an injected fault keeps its whole message).
Status Rename(Env* env, const fs::path& from, const fs::path& to) {
  Status st = env->RenameFile(from.string(), to.string());
  if (st.ok()) return st;
  const std::string prefix = "cannot rename " + from.string() + " to " + to.string() + ": ";
  const std::string& m = st.message();
  return Status::IOError(m.rfind(prefix, 0) == 0 ? m.substr(prefix.size()) : m);
}

std::string TaskId(bool is_map, unsigned task) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "task_local_0001_%c_%06u", is_map ? 'm' : 'r', task);
  return buf;
}

// Counts map output and routes each pair to its partition of the sorter.
class PartitioningSink final : public RecordSink {
 public:
  PartitioningSink(extsort::ExternalSorter& sorter, unsigned reducers, TaskAttempt& att, JobProgress& progress)
      : sorter_(sorter), reducers_(reducers), att_(att), progress_(progress) {}
  ~PartitioningSink() override { Flush(); }
  Status Add(std::string_view key, std::string_view value) override {
    ++records_;
    bytes_ += key.size() + value.size();
    if ((records_ & 1023) == 0) progress_.map_output_records.fetch_add(1024, std::memory_order_relaxed);
    return sorter_.Add(HadoopPartition(key, reducers_), key, value);
  }
  void Flush() {
    progress_.map_output_records.fetch_add(records_ & 1023, std::memory_order_relaxed);  // Add counted whole 1024s
    // Records as Hadoop counts them, before any combining; bytes of what reached the sort.
    const std::uint64_t records = att_.map_function_records.value_or(records_);
    att_.counters.Add(kFrameworkGroup, "Map output records", static_cast<std::int64_t>(records));
    att_.counters.Add(kFrameworkGroup, "Map output bytes", static_cast<std::int64_t>(bytes_));
    records_ = bytes_ = 0;
  }

 private:
  extsort::ExternalSorter& sorter_;
  unsigned reducers_;
  TaskAttempt& att_;
  JobProgress& progress_;
  std::uint64_t records_ = 0, bytes_ = 0;
};

// Counts the records a reduce attempt reads, for counters and progress.
class CountingSource final : public RecordSource {
 public:
  CountingSource(RecordSource& inner, std::atomic<std::uint64_t>& progress) : inner_(inner), progress_(progress) {}
  bool Next() override {
    if (!inner_.Next()) {
      progress_.store(count_, std::memory_order_relaxed);
      return false;
    }
    if ((++count_ & 1023) == 0) progress_.store(count_, std::memory_order_relaxed);
    return true;
  }
  std::string_view key() const override { return inner_.key(); }
  std::string_view value() const override { return inner_.value(); }
  Status status() const override { return inner_.status(); }
  std::uint64_t count() const { return count_; }

 private:
  RecordSource& inner_;
  std::atomic<std::uint64_t>& progress_;
  std::uint64_t count_ = 0;
};

class Job {
 public:
  // Writes into `work_out`: the output directory itself, or (under
  // --overwrite of an existing one) a staging directory that replaces it
  // only when the job has succeeded.
  Job(TaskLogic& logic, const JobOptions& options, std::vector<InputSplit> splits, fs::path work_out)
      : logic_(logic),
        options_(options),
        splits_(std::move(splits)),
        reducers_(options.reducers),
        parallel_(options.parallel == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.parallel),
        env_(options.env != nullptr ? options.env : Env::Default()),
        final_(options.output),
        out_(std::move(work_out)),
        tmp_(out_ / "_temporary"),
        logs_(out_ / "_logs"),
        progress_(static_cast<unsigned>(splits_.size()), reducers_, TotalBytes(splits_)),
        map_runs_(splits_.size()) {
    task_memory_ = std::max<std::uint64_t>(std::uint64_t{1} << 20, options_.sort_memory / parallel_);
  }

  JobResult Run();

 private:
  static std::uint64_t TotalBytes(const std::vector<InputSplit>& splits) {
    std::uint64_t n = 0;
    for (const auto& s : splits) n += s.length;
    return n;
  }
  bool Stopping() const { return stop_.load(std::memory_order_relaxed); }
  TaskAttempt NewAttempt(bool is_map, unsigned task, unsigned attempt);
  Status RunTask(bool is_map, unsigned task);
  Status MapAttempt(TaskAttempt& att);
  Status ReduceAttempt(TaskAttempt& att);
  // Runs tasks [0, n) of a phase on the pool; the first failure stops the rest.
  Status RunPhase(parallel::ThreadPool& pool, bool is_map, unsigned n);
  // Renames a task's finished part file into _temporary.
  Status CommitTask(const std::string& file, unsigned task);
  Status Commit(JobResult& result);
  void Cleanup();
  void PrintSummary(const JobResult& result);

  TaskLogic& logic_;
  const JobOptions& options_;
  std::vector<InputSplit> splits_;
  const unsigned reducers_;
  const unsigned parallel_;
  Env* const env_;        // every file operation but making and removing directories
  const fs::path final_;  // the output directory the user named
  const fs::path out_, tmp_, logs_;
  std::uint64_t task_memory_;
  JobProgress progress_;
  std::unique_ptr<ProgressMonitor> monitor_;
  std::atomic<bool> stop_{false};
  // map_runs_[m][r]: map task m's runs of partition r (written by task m only).
  std::vector<std::vector<std::vector<RunFile>>> map_runs_;
  parallel::Mutex mu_;
  Counters counters_ GUARDED_BY(mu_);
  std::size_t peak_buffer_ GUARDED_BY(mu_) = 0;
  double map_seconds_ = 0, reduce_seconds_ = 0;
};

TaskAttempt Job::NewAttempt(bool is_map, unsigned task, unsigned attempt) {
  TaskAttempt att;
  att.is_map = is_map;
  att.task = task;
  att.attempt = attempt;
  att.num_maps = static_cast<unsigned>(splits_.size());
  att.num_reduces = reducers_;
  att.job_id = kJobId;
  att.task_id = TaskId(is_map, task);
  att.attempt_id = "attempt" + att.task_id.substr(4) + "_" + std::to_string(attempt);
  att.log_path = (logs_ / (att.attempt_id + ".log")).string();
  att.work_dir = (tmp_ / att.attempt_id).string();
  att.timeout = options_.task_timeout;
  att.cancel = &stop_;
  att.progress = is_map ? &progress_.map_bytes[task] : &progress_.reduce_records[task];
  // "m_000003: <status>": the task's short name, as Hadoop's web UI lists tasks.
  att.on_status = [this, id = att.task_id.substr(att.task_id.size() - 8)](const std::string& status) {
    progress_.SetStatus(id + ": " + status);
  };
  return att;
}

Status Job::MapAttempt(TaskAttempt& att) {
  const InputSplit& split = splits_[att.task];
  if (reducers_ == 0) {  // map-only: the map output is the job output
    const std::string file = att.work_dir + "/" + PartName(att.task);
    SLUICE_ASSIGN_OR_RETURN(auto writer, PartWriter::Create(file, env_));
    SLUICE_RETURN_IF_ERROR(logic_.Map(split, att, *writer));
    SLUICE_RETURN_IF_ERROR(writer->Close());
    att.counters.Add(kFrameworkGroup, "Map output records", static_cast<std::int64_t>(writer->records()));
    att.counters.Add(kFrameworkGroup, "Map output bytes",  // key + value bytes, as with reducers
                     static_cast<std::int64_t>(writer->bytes() - 2 * writer->records()));
    progress_.map_output_records.fetch_add(writer->records());
    return CommitTask(file, att.task);
  }
  extsort::SorterOptions so;
  att.map_side_memory = logic_.MapSideMemory(task_memory_);
  so.memory_bytes = task_memory_ - att.map_side_memory;
  so.temp_dir = att.work_dir;
  so.name_prefix = "spill";
  so.partitions = reducers_;
  so.env = env_;
  if (logic_.HasCombiner()) {
    so.combiner = [this, &att](RecordSource& run, RecordSink& out) { return logic_.Combine(run, att, out); };
  }
  extsort::ExternalSorter sorter(so);
  {
    PartitioningSink sink(sorter, reducers_, att, progress_);
    SLUICE_RETURN_IF_ERROR(logic_.Map(split, att, sink));
  }
  SLUICE_ASSIGN_OR_RETURN(auto runs, sorter.FinishRuns());
  const auto& st = sorter.stats();
  att.counters.Add(kFrameworkGroup, "Spilled Records", static_cast<std::int64_t>(st.spilled_records));
  att.counters.Add(kFrameworkGroup, "Spills", static_cast<std::int64_t>(st.spills));
  att.counters.Add(kFrameworkGroup, "Spill bytes (compressed)", static_cast<std::int64_t>(st.spilled_file_bytes));
  if (logic_.HasCombiner()) {
    // A map-side hash combine feeds the sort's combiner: one combine, from the map function's pairs.
    const std::uint64_t combine_in = att.map_function_records.value_or(st.combine_in);
    att.counters.Add(kFrameworkGroup, "Combine input records", static_cast<std::int64_t>(combine_in));
    att.counters.Add(kFrameworkGroup, "Combine output records", static_cast<std::int64_t>(st.combine_out));
  }
  {
    parallel::MutexLock lock(mu_);
    peak_buffer_ = std::max(peak_buffer_, st.peak_buffer_bytes);
  }
  map_runs_[att.task] = std::move(runs);
  return Status::OK();
}

Status Job::ReduceAttempt(TaskAttempt& att) {
  std::vector<RunFile> runs;
  for (const auto& per_map : map_runs_) {
    for (const RunFile& r : per_map[att.task]) runs.push_back(r);
  }
  extsort::MergeOptions mo;
  mo.memory_bytes = task_memory_;
  mo.temp_dir = att.work_dir;
  mo.env = env_;
  SLUICE_ASSIGN_OR_RETURN(auto merged, extsort::MergeRuns(runs, mo));
  CountingSource source(*merged, *att.progress);
  const std::string file = att.work_dir + "/" + PartName(att.task);
  SLUICE_ASSIGN_OR_RETURN(auto writer, PartWriter::Create(file, env_));
  SLUICE_RETURN_IF_ERROR(logic_.Reduce(source, att, *writer));
  SLUICE_RETURN_IF_ERROR(source.status());
  SLUICE_RETURN_IF_ERROR(writer->Close());
  att.counters.Add(kFrameworkGroup, "Reduce input records", static_cast<std::int64_t>(source.count()));
  att.counters.Add(kFrameworkGroup, "Reduce output records", static_cast<std::int64_t>(writer->records()));
  att.counters.Add(kFrameworkGroup, "Reduce output bytes", static_cast<std::int64_t>(writer->bytes()));
  std::uint64_t shuffle = 0;
  for (const RunFile& r : runs) shuffle += r.file_bytes;
  att.counters.Add(kFrameworkGroup, "Reduce shuffle bytes", static_cast<std::int64_t>(shuffle));
  return CommitTask(file, att.task);
}

Status Job::CommitTask(const std::string& file, unsigned task) {
  Status st = Rename(env_, file, tmp_ / PartName(task));
  if (!st.ok()) return Status::IOError("commit " + file + ": " + st.message());
  return Status::OK();
}

Status Job::RunTask(bool is_map, unsigned task) {
  std::string last_error;
  for (unsigned attempt = 0; attempt < std::max(1u, options_.max_attempts); ++attempt) {
    if (Stopping()) return Status::Cancelled("stopped");
    TaskAttempt att = NewAttempt(is_map, task, attempt);
    att.progress->store(0);
    std::error_code ec;
    fs::create_directories(att.work_dir, ec);
    if (ec) return Status::IOError("create " + att.work_dir + ": " + ec.message());
    Status st;
    try {
      st = is_map ? MapAttempt(att) : ReduceAttempt(att);
    } catch (const std::exception& e) {
      st = Status::IOError(std::string("threw: ") + e.what());
    }
    if (st.ok()) {
      if (is_map) {
        progress_.maps_done.fetch_add(1);
        progress_.map_bytes[task].store(splits_[task].length);
      } else {
        progress_.reduces_done.fetch_add(1);
      }
      // A map task with reducers keeps its directory: its runs live there
      // until the job ends. Otherwise only scratch (merge passes) is left.
      if (!is_map || reducers_ == 0) fs::remove_all(att.work_dir, ec);
      if (is_map) att.counters.Add(kFrameworkGroup, "Map input bytes", static_cast<std::int64_t>(splits_[task].length));
      att.counters.Add(kJobGroup, is_map ? "Launched map tasks" : "Launched reduce tasks", 1);
      att.counters.Add(kJobGroup, is_map ? "Failed map tasks" : "Failed reduce tasks", 0);
      parallel::MutexLock lock(mu_);
      counters_.Merge(att.counters);
      return Status::OK();
    }
    fs::remove_all(att.work_dir, ec);
    // A failed or killed attempt counts as launched, and as Hadoop counts it
    // (its other counters are dropped: its output is).
    const bool killed = st.code() == StatusCode::kCancelled || Stopping();
    {
      parallel::MutexLock lock(mu_);
      counters_.Add(kJobGroup, is_map ? "Launched map tasks" : "Launched reduce tasks", 1);
      counters_.Add(kJobGroup, std::string(killed ? "Killed" : "Failed") + (is_map ? " map tasks" : " reduce tasks"),
                    1);
    }
    if (killed) return Status::Cancelled("stopped");
    progress_.failed_attempts.fetch_add(1);
    last_error = att.attempt_id + " " + st.message();
    if (!att.stderr_tail.empty()) last_error += "\nlast lines of its stderr:\n" + att.stderr_tail;
    if (fs::exists(att.log_path))
      last_error += (att.stderr_tail.empty() ? "\n" : "") + std::string("log: ") + att.log_path;
    if (monitor_) monitor_->Note("attempt " + att.attempt_id + " failed: " + st.message());
    // Another attempt would fail the same way, and a job of many tasks would
    // run them all max_attempts times before saying so.
    if (att.cannot_run) return Status::IOError("task " + TaskId(is_map, task) + " failed (not retried); " + last_error);
  }
  return Status::IOError("task " + TaskId(is_map, task) + " failed after " +
                         std::to_string(std::max(1u, options_.max_attempts)) + " attempt(s); the last one, " +
                         last_error);
}

Status Job::RunPhase(parallel::ThreadPool& pool, bool is_map, unsigned n) {
  std::vector<std::future<Status>> futures;
  futures.reserve(n);
  for (unsigned i = 0; i < n; ++i) {
    futures.push_back(pool.submit([this, is_map, i] {
      Status st = RunTask(is_map, i);
      // The job has failed: stop the other tasks now, not once the futures
      // before this one (tasks that may run for long) are collected.
      if (!st.ok() && st.code() != StatusCode::kCancelled) stop_.store(true);
      return st;
    }));
  }
  Status first;
  for (auto& f : futures) {
    while (f.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
      if (options_.cancel != nullptr && options_.cancel->load()) stop_.store(true);
    }
    Status st = f.get();
    if (!st.ok() && st.code() != StatusCode::kCancelled && first.ok()) {
      first = st;
      stop_.store(true);
    }
  }
  if (options_.cancel != nullptr && options_.cancel->load()) return Status::Cancelled("interrupted");
  if (!first.ok()) return first;
  if (Stopping()) return Status::Cancelled("interrupted");
  return Status::OK();
}

Status Job::Commit(JobResult& result) {
  const unsigned parts = reducers_ == 0 ? static_cast<unsigned>(splits_.size()) : reducers_;
  for (unsigned i = 0; i < parts; ++i) {
    Status st = Rename(env_, tmp_ / PartName(i), out_ / PartName(i));
    if (!st.ok()) return Status::IOError("commit " + (out_ / PartName(i)).string() + ": " + st.message());
    result.part_files.push_back((final_ / PartName(i)).string());
  }
  std::error_code ec;
  fs::remove_all(tmp_, ec);
  const std::string success = (out_ / "_SUCCESS").string();
  Result<std::unique_ptr<WritableFile>> marker = env_->NewWritableFile(success);
  Status written = marker.ok() ? (*marker)->Close() : marker.status();
  if (!written.ok()) return Status::IOError("cannot write " + success + ": " + written.message());
  if (out_ == final_) return Status::OK();
  // --overwrite: the old output goes only now, and stays whole until the
  // new one is complete (a crash between the renames leaves both, named).
  const fs::path old = SiblingPath(final_, ".sluice-old");
  fs::remove_all(old, ec);
  Status st = Rename(env_, final_, old);
  if (!st.ok()) return Status::IOError("cannot move the old output " + final_.string() + " aside: " + st.message());
  st = Rename(env_, out_, final_);
  if (!st.ok()) {
    (void)env_->RenameFile(old.string(), final_.string());
    return Status::IOError("cannot rename " + out_.string() + " to " + final_.string() + ": " + st.message());
  }
  fs::remove_all(old, ec);
  return Status::OK();
}

void Job::Cleanup() {
  std::error_code ec;
  fs::remove_all(tmp_, ec);
  if (fs::exists(logs_, ec)) {
    for (const auto& entry : fs::directory_iterator(out_, ec)) {
      if (entry.path().filename() != "_logs") fs::remove_all(entry.path(), ec);
    }
  } else {
    fs::remove_all(out_, ec);
  }
}

JobResult Job::Run() {
  JobResult result;
  const auto start = std::chrono::steady_clock::now();
  monitor_ = std::make_unique<ProgressMonitor>(progress_, options_.progress, options_.status_interval);
  Status st;
  {
    parallel::ThreadPool pool(parallel_);
    st = RunPhase(pool, true, static_cast<unsigned>(splits_.size()));
    map_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (st.ok() && reducers_ > 0) {
      std::uint64_t total = 0;
      for (const auto& per_map : map_runs_)
        for (const auto& part : per_map)
          for (const RunFile& r : part) total += r.records;
      progress_.reduce_input_records.store(total);
      progress_.map_seconds.store(map_seconds_);
      progress_.phase.store(1);
      st = RunPhase(pool, false, reducers_);
      reduce_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() - map_seconds_;
    }
  }
  if (st.ok()) st = Commit(result);
  progress_.phase.store(2);
  monitor_->Stop();
  if (!st.ok()) Cleanup();
  result.status = st;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  {
    parallel::MutexLock lock(mu_);
    result.counters = counters_.values();
  }
  if (options_.progress != ProgressMode::kQuiet && st.code() != StatusCode::kCancelled) PrintSummary(result);
  return result;
}

void Job::PrintSummary(const JobResult& result) {
  std::string s;
  char buf[256];
  std::snprintf(
      buf, sizeof buf,
      "sluice mr: job %s %s in %.2f s (map %.2f s, reduce %.2f s), %zu map task(s), %u reduce task(s), parallel %u\n",
      kJobId, result.status.ok() ? "succeeded" : "FAILED", result.seconds, map_seconds_, reduce_seconds_,
      splits_.size(), reducers_, parallel_);
  s += buf;
  if (result.status.ok()) {
    std::uint64_t bytes = 0;
    std::error_code ec;
    for (const auto& p : result.part_files) bytes += fs::file_size(p, ec);
    s += "  output: " + final_.string() + " (" + std::to_string(result.part_files.size()) + " part file(s), " +
         FormatBytes(static_cast<double>(bytes)) + ")\n";
  }
  s += "Counters:\n";
  std::string group;
  for (const auto& [key, value] : result.counters) {
    if (key.first != group) {
      group = key.first;
      s += "  " + group + "\n";
    }
    s += "    " + key.second + "=" + std::to_string(value) + "\n";
  }
  // What finished map tasks read: all of the input unless the job failed.
  const std::int64_t in_bytes = result.counter(kFrameworkGroup, "Map input bytes");
  s += "  Summary\n";
  std::snprintf(buf, sizeof buf, "    Input: %s, %.1f MB/s", FormatBytes(static_cast<double>(in_bytes)).c_str(),
                result.seconds > 0 ? static_cast<double>(in_bytes) / 1e6 / result.seconds : 0.0);
  s += buf;
  if (static_cast<std::uint64_t>(in_bytes) != progress_.input_bytes) {
    s += " (read by finished map tasks, of " + FormatBytes(static_cast<double>(progress_.input_bytes)) + ")";
  }
  s += "\n";
  const auto ci = result.counter(kFrameworkGroup, "Combine input records");
  const auto co = result.counter(kFrameworkGroup, "Combine output records");
  if (co > 0) {
    std::snprintf(buf, sizeof buf, "    Combine ratio: %.2f (input/output records)\n",
                  static_cast<double>(ci) / static_cast<double>(co));
    s += buf;
  }
  struct rusage ru;
  ::getrusage(RUSAGE_SELF, &ru);
  std::size_t peak;
  {
    parallel::MutexLock lock(mu_);
    peak = peak_buffer_;
  }
  std::snprintf(buf, sizeof buf,
                "    Memory: sort buffer peak %s per task (%u at once; --sort-memory %s), sluice peak RSS %s\n",
                FormatBytes(static_cast<double>(peak)).c_str(), parallel_,
                FormatBytes(static_cast<double>(options_.sort_memory)).c_str(),
                FormatBytes(static_cast<double>(ru.ru_maxrss) * 1024).c_str());
  s += buf;
  std::fputs(s.c_str(), stderr);
}

// True if `path` is `dir` or lies under it (both resolved).
bool IsSameOrInside(const fs::path& path, const fs::path& dir) {
  std::error_code ec;
  const std::string p = fs::weakly_canonical(path, ec).string();
  const std::string d = fs::weakly_canonical(dir, ec).string();
  return p == d || p.rfind(d + "/", 0) == 0;
}

}  // namespace

Result<JobResult> RunJob(TaskLogic& logic, const JobOptions& options) {
  if (options.inputs.empty()) return Status::InvalidArgument("no input given");
  if (options.output.empty()) return Status::InvalidArgument("no output directory given");
  if (options.max_attempts == 0) return Status::InvalidArgument("max attempts must be at least 1");
  if (options.sort_memory < (std::uint64_t{1} << 20)) return Status::InvalidArgument("sort memory must be at least 1M");
  if (options.split_size == 0) return Status::InvalidArgument("split size must be positive");
  if (options.reducers > kMaxReducers) {
    return Status::InvalidArgument("too many reducers (at most " + std::to_string(kMaxReducers) + ")");
  }
  if (options.parallel > kMaxParallel) {
    return Status::InvalidArgument("too many parallel tasks (at most " + std::to_string(kMaxParallel) + ")");
  }
  SLUICE_ASSIGN_OR_RETURN(std::vector<InputSplit> splits, PlanSplits(options.inputs, options.split_size));
  std::error_code ec;
  fs::path out(options.output);
  if (fs::exists(fs::symlink_status(out, ec))) {
    if (!options.overwrite) {
      return Status::InvalidArgument("output directory " + options.output +
                                     " already exists (as in Hadoop; use --overwrite to replace it)");
    }
    for (const std::string& in : options.inputs) {
      if (IsSameOrInside(in, out)) return Status::InvalidArgument("--overwrite would delete the input " + in);
    }
    // The old output stays until the new one is complete: the job writes
    // beside it (a leftover of an earlier failed run there is ours to drop).
    out = SiblingPath(out, ".sluice-new");
    fs::remove_all(out, ec);
    if (ec) return Status::IOError("cannot remove " + out.string() + ": " + ec.message());
  }
  fs::create_directories(out / "_temporary", ec);
  if (ec) return Status::IOError("cannot create output directory " + out.string() + ": " + ec.message());
  Job job(logic, options, std::move(splits), out);
  return job.Run();
}

}  // namespace sluice::mapreduce

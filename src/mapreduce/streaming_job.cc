#include "mapreduce/streaming_job.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "mapreduce/input_split.h"
#include "mapreduce/job_runner.h"
#include "mapreduce/key_value.h"
#include "mapreduce/streaming_process.h"
#include "mapreduce/task_logic.h"

extern char** environ;

namespace sluice::mapreduce {
namespace {

namespace fs = std::filesystem;

// Feeds a split, counting lines and reporting bytes as progress.
class SplitFeeder final : public ByteFeeder {
 public:
  explicit SplitFeeder(SplitReader reader) : reader_(std::move(reader)) {}
  Result<std::string_view> Next() override {
    SLUICE_ASSIGN_OR_RETURN(std::string_view chunk, reader_.Next());
    lines_ += static_cast<std::uint64_t>(std::count(chunk.begin(), chunk.end(), '\n'));
    return chunk;
  }
  std::uint64_t lines() const { return lines_; }

 private:
  SplitReader reader_;
  std::uint64_t lines_ = 0;
};

// Feeds sorted records as "key<TAB>value\n" lines, counting key groups.
class RecordFeeder final : public ByteFeeder {
 public:
  explicit RecordFeeder(extsort::RecordSource& source) : source_(source) {}
  Result<std::string_view> Next() override {
    buffer_.clear();
    while (buffer_.size() < (256u << 10)) {
      if (!source_.Next()) {
        SLUICE_RETURN_IF_ERROR(source_.status());
        break;
      }
      if (groups_ == 0 || source_.key() != last_key_) {
        ++groups_;
        last_key_.assign(source_.key());
      }
      AppendKeyValueLine(buffer_, source_.key(), source_.value());
    }
    return std::string_view(buffer_);
  }
  std::uint64_t groups() const { return groups_; }

 private:
  extsort::RecordSource& source_;
  std::string buffer_;
  std::string last_key_;
  std::uint64_t groups_ = 0;
};

// The program's output lines become records.
class PairConsumer final : public LineConsumer {
 public:
  explicit PairConsumer(extsort::RecordSink& sink) : sink_(sink) {}
  Status Line(std::string_view line) override {
    auto [key, value] = SplitKeyValue(line);
    return sink_.Add(key, value);
  }

 private:
  extsort::RecordSink& sink_;
};

class StreamingLogic final : public TaskLogic {
 public:
  StreamingLogic(const StreamingJob& job, const JobOptions& options, std::string job_dir)
      : job_(job), options_(options), job_dir_(std::move(job_dir)) {
    for (char** e = environ; *e != nullptr; ++e) {
      std::string kv = *e;
      std::string name = kv.substr(0, kv.find('='));
      if (name == "PATH" || name == "PYTHONPATH") continue;
      base_env_.push_back(kv);
    }
    const char* path = std::getenv("PATH");
    const char* pythonpath = std::getenv("PYTHONPATH");
    base_env_.push_back("PATH=" + job_dir_ + ":" + (path ? path : "/usr/local/bin:/usr/bin:/bin"));
    base_env_.push_back("PYTHONPATH=" + job_dir_ + (pythonpath && *pythonpath ? std::string(":") + pythonpath : ""));
    // Unbuffered Python would be slow; line-buffered stderr keeps reporter
    // lines timely. Nothing to set: Python flushes stderr per line already.
    for (const std::string& kv : job_.cmdenv) base_env_.push_back(kv);
  }

  Status Map(const InputSplit& split, TaskAttempt& att, extsort::RecordSink& out) override {
    SLUICE_ASSIGN_OR_RETURN(SplitReader reader, SplitReader::Open(split));
    SplitFeeder feeder(std::move(reader));
    PairConsumer consumer(out);
    std::vector<std::string> env = TaskEnv(att);
    env.push_back("mapreduce_map_input_file=" + split.path);
    env.push_back("map_input_file=" + split.path);
    env.push_back("mapreduce_map_input_start=" + std::to_string(split.start));
    env.push_back("map_input_start=" + std::to_string(split.start));
    env.push_back("mapreduce_map_input_length=" + std::to_string(split.length));
    env.push_back("map_input_length=" + std::to_string(split.length));
    Status st = Run(job_.mapper, std::move(env), att, feeder, consumer, att.progress);
    att.counters.Add(kFrameworkGroup, "Map input records", static_cast<std::int64_t>(feeder.lines()));
    return st;
  }

  bool HasCombiner() const override { return !job_.combiner.empty(); }

  Status Combine(extsort::RecordSource& run, TaskAttempt& att, extsort::RecordSink& out) override {
    RecordFeeder feeder(run);
    PairConsumer consumer(out);
    // No progress: the map task's is its input's bytes, which the combiner does not read.
    Status st = Run(job_.combiner, TaskEnv(att), att, feeder, consumer, nullptr);
    if (!st.ok() && st.code() != StatusCode::kCancelled) return Status::IOError("combiner " + st.message());
    return st;
  }

  Status Reduce(extsort::RecordSource& merged, TaskAttempt& att, extsort::RecordSink& out) override {
    RecordFeeder feeder(merged);
    PairConsumer consumer(out);
    // No byte progress: the job runner counts the reduce's records as they are read.
    Status st = Run(job_.reducer, TaskEnv(att), att, feeder, consumer, nullptr);
    att.counters.Add(kFrameworkGroup, "Reduce input groups", static_cast<std::int64_t>(feeder.groups()));
    return st;
  }

 private:
  std::vector<std::string> TaskEnv(const TaskAttempt& att) const {
    std::vector<std::string> env = base_env_;
    const std::string partition = std::to_string(att.task);
    const char* is_map = att.is_map ? "true" : "false";
    env.push_back("mapreduce_job_id=" + att.job_id);
    env.push_back("mapred_job_id=" + att.job_id);
    env.push_back("mapreduce_task_id=" + att.task_id);
    env.push_back("mapred_tip_id=" + att.task_id);
    env.push_back("mapreduce_task_attempt_id=" + att.attempt_id);
    env.push_back("mapred_task_id=" + att.attempt_id);
    env.push_back("mapreduce_task_partition=" + partition);
    env.push_back("mapred_task_partition=" + partition);
    env.push_back(std::string("mapreduce_task_ismap=") + is_map);
    env.push_back(std::string("mapred_task_is_map=") + is_map);
    env.push_back("mapreduce_job_maps=" + std::to_string(att.num_maps));
    env.push_back("mapreduce_job_reduces=" + std::to_string(att.num_reduces));
    env.push_back("mapreduce_output_fileoutputformat_outputdir=" + options_.output);
    return env;
  }

  // With shipped files (--file), programs run as on a Hadoop node: in a
  // directory of the attempt's own holding links to those files and mr.py,
  // so "python3 mapper.py" and "./mapper.py" find them. Without, they run
  // where sluice was started, like the chapter's Unix pipeline.
  Result<std::string> TaskWorkingDir(const TaskAttempt& att) const {
    const fs::path dir = fs::path(att.work_dir) / "cwd";
    std::error_code ec;
    if (fs::exists(dir, ec)) return dir.string();  // the combiner's, after the mapper
    fs::create_directories(dir, ec);
    if (ec) return Status::IOError("cannot create the task directory " + dir.string() + ": " + ec.message());
    for (const auto& entry : fs::directory_iterator(job_dir_, ec)) {
      fs::create_symlink(entry.path(), dir / entry.path().filename(), ec);
      if (ec)
        return Status::IOError("cannot link " + entry.path().string() + " into " + dir.string() + ": " + ec.message());
    }
    if (ec) return Status::IOError("cannot list " + job_dir_ + ": " + ec.message());
    return dir.string();
  }

  // Runs one program over `feeder`; `byte_progress`, if set, gets the bytes the program has read.
  Status Run(const std::string& command, std::vector<std::string> env, TaskAttempt& att, ByteFeeder& feeder,
             LineConsumer& consumer, std::atomic<std::uint64_t>* byte_progress) {
    StreamingCommand cmd;
    cmd.command = command;
    cmd.environment = std::move(env);
    cmd.log_path = att.log_path;
    cmd.timeout = att.timeout;
    if (!job_.files.empty()) {
      SLUICE_ASSIGN_OR_RETURN(cmd.working_dir, TaskWorkingDir(att));
    }
    StreamingReport report;
    report.on_status = att.on_status;
    std::function<void(std::uint64_t)> on_progress;
    if (byte_progress != nullptr) {
      on_progress = [byte_progress](std::uint64_t b) { byte_progress->store(b, std::memory_order_relaxed); };
    }
    Status st = RunStreamingProcess(cmd, feeder, consumer, report, att.cancel, on_progress);
    att.counters.Merge(report.counters);
    if (!report.last_status.empty()) att.status = report.last_status;
    if (!report.stderr_tail.empty()) att.stderr_tail = report.stderr_tail;
    if (report.cannot_run) att.cannot_run = true;
    return st;
  }

  const StreamingJob& job_;
  const JobOptions& options_;
  std::string job_dir_;
  std::vector<std::string> base_env_;
};

// A private directory for mr.py and the --file files; removed on exit.
class JobDir {
 public:
  JobDir() {
    std::string tmpl = (fs::temp_directory_path() / "sluice-mr.XXXXXX").string();
    if (::mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~JobDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

Result<JobResult> RunStreamingJob(const StreamingJob& job, const JobOptions& options) {
  if (job.mapper.empty()) return Status::InvalidArgument("no mapper given (--mapper CMD)");
  if (options.reducers > 0 && job.reducer.empty()) {
    return Status::InvalidArgument("no reducer given (--reducer CMD; or --reducers 0 for a map-only job)");
  }
  JobDir dir;
  if (dir.path().empty())
    return Status::IOError("cannot create a job directory in " + fs::temp_directory_path().string());
  {
    std::FILE* f = std::fopen((fs::path(dir.path()) / "mr.py").c_str(), "we");
    if (f == nullptr) return Status::IOError("cannot write mr.py into " + dir.path());
    std::fputs(kMrPySource, f);
    std::fclose(f);
  }
  for (const std::string& file : job.files) {
    std::error_code ec;
    fs::path target = fs::path(dir.path()) / fs::path(file).filename();
    fs::copy_file(file, target, fs::copy_options::overwrite_existing, ec);
    if (ec) return Status::NotFound("--file " + file + ": " + ec.message());
  }
  StreamingLogic logic(job, options, dir.path());
  return RunJob(logic, options);
}

}  // namespace sluice::mapreduce

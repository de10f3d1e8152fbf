// RunNativeJob (include/sluice/mapreduce.h): the TaskLogic of in-process
// map/combine/reduce functions. The runner's pool threads are the tasks.
#include <atomic>
#include <cstring>
#include <exception>
#include <optional>

#include "mapreduce/hash_combiner.h"
#include "mapreduce/input_split.h"
#include "mapreduce/job_runner.h"
#include "mapreduce/key_groups.h"
#include "mapreduce/task_logic.h"
#include "sluice/mapreduce.h"

namespace sluice::mapreduce {
namespace {

// Emitter over a RecordSink: keeps the first error (the user's function
// returns void), which the task reports after the call.
class SinkEmitter final : public Emitter {
 public:
  explicit SinkEmitter(extsort::RecordSink& sink) : sink_(sink) {}
  void emit(std::string_view key, std::string_view value) override {
    if (!status_.ok()) return;
    status_ = sink_.Add(key, value);
    ++count_;
  }
  const Status& status() const { return status_; }
  std::uint64_t count() const { return count_; }

 private:
  extsort::RecordSink& sink_;
  Status status_;
  std::uint64_t count_ = 0;
};

Status Cancelled(const TaskAttempt& att) {
  return att.cancel != nullptr && att.cancel->load(std::memory_order_relaxed) ? Status::Cancelled("stopped")
                                                                              : Status::OK();
}

// Runs fn on every key group of `source`; returns the number of groups.
Status ReduceGroups(const ReduceFunction& fn, extsort::RecordSource& source, TaskAttempt& att, extsort::RecordSink& out,
                    std::uint64_t* groups) {
  KeyGroups keys(source);
  SinkEmitter emitter(out);
  std::uint64_t n = 0;
  while (keys.NextKey()) {
    fn(keys.key(), keys, emitter);
    SLUICE_RETURN_IF_ERROR(emitter.status());
    if ((++n & 1023) == 0) SLUICE_RETURN_IF_ERROR(Cancelled(att));
  }
  SLUICE_RETURN_IF_ERROR(source.status());
  if (groups != nullptr) *groups = n;
  return Status::OK();
}

class NativeLogic final : public TaskLogic {
 public:
  explicit NativeLogic(const NativeJob& job) : job_(job) {}

  Status Map(const InputSplit& split, TaskAttempt& att, extsort::RecordSink& out) override {
    SLUICE_ASSIGN_OR_RETURN(SplitReader reader, SplitReader::Open(split));
    SinkEmitter sink_emitter(out);
    // With a combiner, pairs are pre-combined in a hash table (hash_combiner.h).
    std::optional<HashCombiner> hash;
    if (job_.combine) hash.emplace(job_.combine, out, att.map_side_memory, &tables_);
    Emitter& emitter = hash ? hash->fast_emitter() : sink_emitter;
    auto emit_status = [&]() -> const Status& { return hash ? hash->status() : sink_emitter.status(); };
    std::string carry;
    std::uint64_t lines = 0;
    auto call = [&](std::string_view line) -> Status {
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      job_.map(line, emitter);
      ++lines;
      return emit_status();
    };
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(std::string_view chunk, reader.Next());
      if (chunk.empty()) break;
      SLUICE_RETURN_IF_ERROR(Cancelled(att));
      const char* p = chunk.data();
      const char* end = p + chunk.size();
      if (!carry.empty()) {
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', chunk.size()));
        if (nl == nullptr) {
          carry.append(p, end);
          continue;
        }
        carry.append(p, nl);
        SLUICE_RETURN_IF_ERROR(call(carry));
        carry.clear();
        p = nl + 1;
      }
      while (p < end) {
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        if (nl == nullptr) break;
        SLUICE_RETURN_IF_ERROR(call(std::string_view(p, static_cast<std::size_t>(nl - p))));
        p = nl + 1;
      }
      carry.assign(p, end);
      if (att.progress != nullptr) att.progress->store(reader.bytes_read(), std::memory_order_relaxed);
    }
    // SplitReader ends every split with a newline, so nothing is left over.
    if (hash) {
      SLUICE_RETURN_IF_ERROR(hash->Flush());
      att.map_function_records = hash->emitted();
    }
    att.counters.Add(kFrameworkGroup, "Map input records", static_cast<std::int64_t>(lines));
    return Status::OK();
  }

  bool HasCombiner() const override { return static_cast<bool>(job_.combine); }
  // A quarter of the share for the pre-combining hash table.
  std::uint64_t MapSideMemory(std::uint64_t share) const override { return job_.combine ? share / 4 : 0; }

  Status Combine(extsort::RecordSource& run, TaskAttempt& att, extsort::RecordSink& out) override {
    return ReduceGroups(job_.combine, run, att, out, nullptr);
  }

  Status Reduce(extsort::RecordSource& merged, TaskAttempt& att, extsort::RecordSink& out) override {
    tables_.Release();  // the map phase is over
    std::uint64_t groups = 0;
    SLUICE_RETURN_IF_ERROR(ReduceGroups(job_.reduce, merged, att, out, &groups));
    att.counters.Add(kFrameworkGroup, "Reduce input groups", static_cast<std::int64_t>(groups));
    return Status::OK();
  }

 private:
  const NativeJob& job_;
  HashCombiner::TablePool tables_;  // reused by the map tasks' hash combiners
};

}  // namespace

Result<JobResult> RunNativeJob(const NativeJob& job, const JobOptions& options) {
  if (!job.map) return Status::InvalidArgument("native job without a map function");
  if (options.reducers > 0 && !job.reduce) {
    return Status::InvalidArgument("native job without a reduce function (set reducers = 0 for a map-only job)");
  }
  NativeLogic logic(job);
  return RunJob(logic, options);
}

}  // namespace sluice::mapreduce

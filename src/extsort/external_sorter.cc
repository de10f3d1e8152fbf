#include "extsort/external_sorter.h"

#include <algorithm>

namespace sluice::extsort {
namespace {

// Passes combiner output to the run, refusing keys that go backwards: a
// run must stay sorted for the merge to be right.
class OrderCheckingSink final : public RecordSink {
 public:
  OrderCheckingSink(RecordSink& out, const KeyComparator& cmp) : out_(out), cmp_(cmp) {}
  Status Add(std::string_view key, std::string_view value) override {
    if (count_ > 0 && CompareKeys(cmp_, key, last_key_) < 0) {
      return Status::InvalidArgument("combiner output is not sorted by key: '" + std::string(key) + "' after '" +
                                     last_key_ + "' (a combiner must keep its input's keys)");
    }
    last_key_.assign(key);
    ++count_;
    return out_.Add(key, value);
  }
  std::uint64_t count() const { return count_; }

 private:
  RecordSink& out_;
  const KeyComparator& cmp_;
  std::string last_key_;
  std::uint64_t count_ = 0;
};

}  // namespace

ExternalSorter::ExternalSorter(SorterOptions options)
    : options_(std::move(options)),
      env_(options_.env != nullptr ? options_.env : Env::Default()),
      buffer_(options_.memory_bytes),
      runs_(std::max<std::uint32_t>(1, options_.partitions)) {}

ExternalSorter::~ExternalSorter() {
  for (auto& part : runs_) {
    for (const RunFile& run : part) (void)env_->RemoveFile(run.path);
  }
}

Status ExternalSorter::Add(std::uint32_t partition, std::string_view key, std::string_view value) {
  if (finished_) return Status::Closed("sorter is finished");
  if (partition >= runs_.size()) {
    return Status::InvalidArgument("partition " + std::to_string(partition) + " out of range (" +
                                   std::to_string(runs_.size()) + " partitions)");
  }
  if (key.size() > 0xffffffffu || value.size() > 0xffffffffu) {
    return Status::InvalidArgument("record larger than 4 GiB");
  }
  if (!buffer_.TryAdd(partition, key, value)) {
    SLUICE_RETURN_IF_ERROR(Spill());
    buffer_.TryAdd(partition, key, value);  // an empty buffer takes any record
  }
  stats_.peak_buffer_bytes = std::max(stats_.peak_buffer_bytes, buffer_.bytes_used());
  ++stats_.records_in;
  stats_.bytes_in += key.size() + value.size();
  return Status::OK();
}

Status ExternalSorter::WriteRun(std::uint32_t partition, const SortBuffer::Entry* begin, const SortBuffer::Entry* end) {
  std::string path = options_.temp_dir + "/" + options_.name_prefix + "-" + std::to_string(stats_.spills) + "-" +
                     std::to_string(partition) + ".run";
  SLUICE_ASSIGN_OR_RETURN(auto writer, RunWriter::Create(path, options_.format, env_));
  if (options_.combiner) {
    SortBufferSource source(begin, end);
    OrderCheckingSink sink(*writer, options_.compare);
    SLUICE_RETURN_IF_ERROR(options_.combiner(source, sink));
    stats_.combine_in += static_cast<std::uint64_t>(end - begin);
    stats_.combine_out += sink.count();
  } else {
    for (const SortBuffer::Entry* e = begin; e != end; ++e) SLUICE_RETURN_IF_ERROR(writer->Add(e->key(), e->value()));
  }
  SLUICE_ASSIGN_OR_RETURN(RunFile run, writer->Finish());
  stats_.spilled_records += run.records;
  stats_.spilled_file_bytes += run.file_bytes;
  if (run.records == 0) {  // a combiner may drop everything
    (void)env_->RemoveFile(run.path);
  } else {
    runs_[partition].push_back(std::move(run));
  }
  return Status::OK();
}

Status ExternalSorter::Spill() {
  if (buffer_.empty()) return Status::OK();
  buffer_.Sort(options_.compare);
  const auto& entries = buffer_.entries();
  const SortBuffer::Entry* p = entries.data();
  const SortBuffer::Entry* end = p + entries.size();
  while (p != end) {
    const std::uint32_t part = p->partition;
    const SortBuffer::Entry* q = p;
    while (q != end && q->partition == part) ++q;
    SLUICE_RETURN_IF_ERROR(WriteRun(part, p, q));
    p = q;
  }
  ++stats_.spills;
  buffer_.Clear();
  return Status::OK();
}

Result<std::vector<std::vector<RunFile>>> ExternalSorter::FinishRuns() {
  if (finished_) return Status::Closed("sorter is finished");
  SLUICE_RETURN_IF_ERROR(Spill());
  finished_ = true;
  buffer_ = SortBuffer(options_.memory_bytes);
  return std::exchange(runs_, std::vector<std::vector<RunFile>>(runs_.size()));
}

Result<std::unique_ptr<RecordSource>> ExternalSorter::Finish() {
  if (finished_) return Status::Closed("sorter is finished");
  if (runs_.size() != 1) return Status::InvalidArgument("Finish() needs a single partition; use FinishRuns()");
  finished_ = true;
  if (stats_.spills == 0) {
    buffer_.Sort(options_.compare);
    const auto& e = buffer_.entries();
    return std::unique_ptr<RecordSource>(new SortBufferSource(e.data(), e.data() + e.size()));
  }
  SLUICE_RETURN_IF_ERROR(Spill());
  buffer_ = SortBuffer(options_.memory_bytes);  // give the buffer's memory to the merge
  MergeOptions merge;
  merge.memory_bytes = options_.memory_bytes;
  merge.compare = options_.compare;
  merge.temp_dir = options_.temp_dir;
  merge.name_prefix = options_.name_prefix + "-merge";
  merge.format = options_.format;
  merge.env = env_;
  return MergeRuns(runs_[0], merge);
}

}  // namespace sluice::extsort

#include "extsort/merge.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>

namespace sluice::extsort {

MergeSource::MergeSource(std::vector<std::unique_ptr<RecordSource>> sources, KeyComparator cmp)
    : sources_(std::move(sources)), cmp_(std::move(cmp)) {}

bool MergeSource::Less(int a, int b) const {
  int c = CompareKeys(cmp_, sources_[a]->key(), sources_[b]->key());
  return c != 0 ? c < 0 : a < b;
}

void MergeSource::SiftDown(std::size_t i) {
  const std::size_t n = heap_.size();
  while (true) {
    std::size_t l = 2 * i + 1, r = l + 1, m = i;
    if (l < n && Less(heap_[l], heap_[m])) m = l;
    if (r < n && Less(heap_[r], heap_[m])) m = r;
    if (m == i) return;
    std::swap(heap_[i], heap_[m]);
    i = m;
  }
}

bool MergeSource::Next() {
  if (!status_.ok()) return false;
  if (!started_) {
    started_ = true;
    for (std::size_t i = 0; i < sources_.size(); ++i) {
      if (sources_[i]->Next()) {
        heap_.push_back(static_cast<int>(i));
      } else if (!sources_[i]->status().ok()) {
        status_ = sources_[i]->status();
        return false;
      }
    }
    for (std::size_t i = heap_.size() / 2; i-- > 0;) SiftDown(i);
  } else if (top_ >= 0) {
    // Advance the source that produced the previous record.
    if (!sources_[top_]->Next()) {
      if (!sources_[top_]->status().ok()) {
        status_ = sources_[top_]->status();
        return false;
      }
      heap_[0] = heap_.back();
      heap_.pop_back();
    }
    if (!heap_.empty()) SiftDown(0);
  }
  if (heap_.empty()) {
    top_ = -1;
    return false;
  }
  top_ = heap_[0];
  return true;
}

std::size_t MaxMergeFanIn(const MergeOptions& options) {
  // A reader holds a raw and a compressed block; a zstd context is ~100 KiB.
  const std::size_t per_run = 2 * options.format.block_bytes + (std::size_t{128} << 10);
  return std::max<std::size_t>(2, options.memory_bytes / per_run);
}

namespace {

Result<std::unique_ptr<RecordSource>> OpenMerge(const std::vector<RunFile>& runs, const KeyComparator& cmp, Env* env) {
  std::vector<std::unique_ptr<RecordSource>> readers;
  readers.reserve(runs.size());
  for (const RunFile& run : runs) {
    SLUICE_ASSIGN_OR_RETURN(auto reader, RunReader::Open(run.path, env));
    readers.push_back(std::move(reader));
  }
  return std::unique_ptr<RecordSource>(new MergeSource(std::move(readers), cmp));
}

// A merge that deletes its intermediate input files when destroyed.
class OwningMerge final : public RecordSource {
 public:
  OwningMerge(std::unique_ptr<RecordSource> inner, std::vector<std::string> files, Env* env)
      : inner_(std::move(inner)), files_(std::move(files)), env_(env) {}
  ~OwningMerge() override {
    inner_.reset();
    for (const std::string& f : files_) (void)env_->RemoveFile(f);
  }
  bool Next() override { return inner_->Next(); }
  std::string_view key() const override { return inner_->key(); }
  std::string_view value() const override { return inner_->value(); }
  Status status() const override { return inner_->status(); }

 private:
  std::unique_ptr<RecordSource> inner_;
  std::vector<std::string> files_;
  Env* env_;
};

std::atomic<std::uint64_t> g_merge_file_counter{0};

}  // namespace

Result<std::unique_ptr<RecordSource>> MergeRuns(const std::vector<RunFile>& runs, const MergeOptions& options) {
  const std::size_t fan_in = MaxMergeFanIn(options);
  Env* env = options.env != nullptr ? options.env : Env::Default();
  std::vector<RunFile> level = runs;
  std::vector<std::string> owned;  // intermediate files of earlier passes
  auto cleanup = [&owned, env] {
    for (const std::string& f : owned) (void)env->RemoveFile(f);
  };
  while (level.size() > fan_in) {
    std::vector<RunFile> next;
    std::vector<std::string> next_owned;
    // A failure drops this pass's intermediate files as well as the last one's.
    auto fail = [&cleanup, &next_owned, env](Status st) {
      cleanup();
      for (const std::string& f : next_owned) (void)env->RemoveFile(f);
      return st;
    };
    for (std::size_t i = 0; i < level.size(); i += fan_in) {
      std::vector<RunFile> group(level.begin() + static_cast<long>(i),
                                 level.begin() + static_cast<long>(std::min(level.size(), i + fan_in)));
      if (group.size() == 1) {  // carried to the next pass as it is
        next.push_back(group[0]);
        auto it = std::find(owned.begin(), owned.end(), group[0].path);
        if (it != owned.end()) {
          next_owned.push_back(*it);
          owned.erase(it);
        }
        continue;
      }
      std::string path = options.temp_dir + "/" + options.name_prefix + "-" + std::to_string(::getpid()) + "-" +
                         std::to_string(g_merge_file_counter++) + ".run";
      auto merged = OpenMerge(group, options.compare, env);
      if (!merged.ok()) return fail(merged.status());
      auto writer = RunWriter::Create(path, options.format, env);
      if (!writer.ok()) return fail(writer.status());
      Status st;
      while ((*merged)->Next()) {
        st = (*writer)->Add((*merged)->key(), (*merged)->value());
        if (!st.ok()) break;
      }
      if (st.ok()) st = (*merged)->status();
      Result<RunFile> done = st.ok() ? (*writer)->Finish() : Result<RunFile>(st);
      if (!done.ok()) return fail(done.status());
      next.push_back(*done);
      next_owned.push_back(path);
    }
    // The previous pass's intermediate files are merged now: drop them.
    cleanup();
    owned = std::move(next_owned);
    level = std::move(next);
  }
  auto merged = OpenMerge(level, options.compare, env);
  if (!merged.ok()) {
    cleanup();
    return merged.status();
  }
  return std::unique_ptr<RecordSource>(new OwningMerge(std::move(*merged), std::move(owned), env));
}

}  // namespace sluice::extsort

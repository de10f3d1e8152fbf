// K-way merge of sorted record sources, and of run files within a memory
// bound.
#ifndef SLUICE_EXTSORT_MERGE_H_
#define SLUICE_EXTSORT_MERGE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "extsort/record.h"
#include "extsort/run_file.h"
#include "sluice/result.h"

namespace sluice::extsort {

// Merges sources that are each sorted under `cmp` into one sorted stream.
// Equal keys come out in source order (all of source 0's, then source 1's,
// ...), so merging the runs of a stable sort in order is itself stable.
// A binary heap of source indices: O(log k) comparisons per record.
class MergeSource final : public RecordSource {
 public:
  MergeSource(std::vector<std::unique_ptr<RecordSource>> sources, KeyComparator cmp);

  bool Next() override;
  std::string_view key() const override { return sources_[top_]->key(); }
  std::string_view value() const override { return sources_[top_]->value(); }
  Status status() const override { return status_; }

 private:
  bool Less(int a, int b) const;  // heap order: key, then source index
  void SiftDown(std::size_t i);

  std::vector<std::unique_ptr<RecordSource>> sources_;
  KeyComparator cmp_;
  std::vector<int> heap_;
  int top_ = -1;
  bool started_ = false;
  Status status_;
};

struct MergeOptions {
  std::size_t memory_bytes = std::size_t{64} << 20;
  KeyComparator compare;
  std::string temp_dir;  // for intermediate runs of a multi-pass merge
  std::string name_prefix = "merge";
  RunFormat format;
  Env* env = nullptr;  // reads, writes and removes run files; null: Env::Default()
};

// How many run files one merge pass may hold open within memory_bytes.
std::size_t MaxMergeFanIn(const MergeOptions& options);

// The merge of `runs` (ties go to the earlier run) in at most
// options.memory_bytes: when there are more runs than MaxMergeFanIn,
// consecutive groups are first merged into intermediate runs in temp_dir
// (deleted when no longer needed; the input runs are left alone).
Result<std::unique_ptr<RecordSource>> MergeRuns(const std::vector<RunFile>& runs, const MergeOptions& options);

}  // namespace sluice::extsort

#endif  // SLUICE_EXTSORT_MERGE_H_

// ExternalSorter: sorts any number of records in bounded memory.
//
// Records are added with a partition number (0 when the caller has only
// one). They collect in a SortBuffer of options.memory_bytes; when it is
// full the sorter sorts it by (partition, key), runs the optional combiner
// on each partition's records, and spills one compressed run file per
// non-empty partition. At the end the caller takes either
//   - FinishRuns(): the run files of every partition, in spill order (a
//     MapReduce map task hands them to the reduce tasks), or
//   - Finish(): one sorted stream of partition 0 — from memory when nothing
//     was spilled, otherwise the bounded-memory merge of the runs.
// The sort is stable: equal keys keep the order they were added in.
//
//   SorterOptions options;  options.temp_dir = dir;
//   ExternalSorter sorter(options);
//   for (...) SLUICE_RETURN_IF_ERROR(sorter.Add(key, value));
//   SLUICE_ASSIGN_OR_RETURN(auto sorted, sorter.Finish());
//   while (sorted->Next()) ...
//
// Files: spills are created in temp_dir (which must exist) as
// "<name_prefix>-<spill>-<partition>.run"; the sorter deletes the files it
// still owns when destroyed (FinishRuns hands ownership to the caller).
// Every file operation goes through options.env, so a test can fail any
// spill write (base/fault_injection_env.h): the failing Add/Spill/Finish
// returns the Env's error and the partial run is removed.
// Thread safety: none; use one sorter per thread.
#ifndef SLUICE_EXTSORT_EXTERNAL_SORTER_H_
#define SLUICE_EXTSORT_EXTERNAL_SORTER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "extsort/merge.h"
#include "extsort/record.h"
#include "extsort/run_file.h"
#include "extsort/sort_buffer.h"
#include "sluice/result.h"

namespace sluice::extsort {

struct SorterOptions {
  std::size_t memory_bytes = std::size_t{64} << 20;  // the buffer; also the final merge's budget
  std::string temp_dir = "/tmp";
  std::string name_prefix = "sort";
  KeyComparator compare;  // empty: unsigned byte order
  std::uint32_t partitions = 1;
  Combiner combiner;  // optional; applied to each partition of each spill
  RunFormat format;
  Env* env = nullptr;  // creates, writes, reads and removes the runs; null: Env::Default()
};

struct SorterStats {
  std::uint64_t records_in = 0;
  std::uint64_t bytes_in = 0;  // key + value bytes added
  std::uint64_t spills = 0;
  std::uint64_t spilled_records = 0;     // written to run files (after combining)
  std::uint64_t spilled_file_bytes = 0;  // compressed, on disk
  std::uint64_t combine_in = 0;
  std::uint64_t combine_out = 0;
  std::size_t peak_buffer_bytes = 0;
};

class ExternalSorter {
 public:
  explicit ExternalSorter(SorterOptions options);
  ~ExternalSorter();
  ExternalSorter(const ExternalSorter&) = delete;
  ExternalSorter& operator=(const ExternalSorter&) = delete;

  // InvalidArgument if partition >= options.partitions; errors of a spill.
  Status Add(std::uint32_t partition, std::string_view key, std::string_view value);
  Status Add(std::string_view key, std::string_view value) { return Add(0, key, value); }

  // Sorts, combines and writes the buffered records now (no-op when empty).
  Status Spill();

  // Spills what is buffered and returns runs[p] = partition p's runs in spill
  // order. The caller owns (and deletes) the files from then on.
  Result<std::vector<std::vector<RunFile>>> FinishRuns();

  // partitions == 1 only. The sorted stream; it may refer to this sorter's
  // buffer or files, so it must be destroyed before the sorter.
  Result<std::unique_ptr<RecordSource>> Finish();

  const SorterStats& stats() const { return stats_; }

 private:
  Status WriteRun(std::uint32_t partition, const SortBuffer::Entry* begin, const SortBuffer::Entry* end);

  SorterOptions options_;
  Env* env_;  // options_.env or Env::Default()
  SortBuffer buffer_;
  std::vector<std::vector<RunFile>> runs_;
  SorterStats stats_;
  bool finished_ = false;
};

}  // namespace sluice::extsort

#endif  // SLUICE_EXTSORT_EXTERNAL_SORTER_H_

// Input splits: byte ranges of the input files, cut at line boundaries.
//
// Each input path is a file or a directory (its regular files, sorted by
// name, skipping names that start with '_' or '.', as Hadoop's
// FileInputFormat does; a subdirectory is an error, as Hadoop does not
// recurse). A path that does not exist and has glob characters (* ? [) is
// a glob(3) pattern, as in Hadoop: its matches, hidden ones left out, in
// sorted order, each read as a file or directory input.
//
// A file is cut every `split_size` bytes and each cut moved forward to just
// after the next newline, so every line belongs to exactly one split and
// splits never depend on the parallelism. An empty file still gets one
// (empty) split, as in Hadoop: its map task runs.
#ifndef SLUICE_MAPREDUCE_INPUT_SPLIT_H_
#define SLUICE_MAPREDUCE_INPUT_SPLIT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sluice/result.h"

namespace sluice::mapreduce {

struct InputSplit {
  std::string path;
  std::uint64_t start = 0;
  std::uint64_t length = 0;
};

// NotFound for a missing path or a pattern that matches nothing (naming
// it); InvalidArgument for a subdirectory of an input directory (naming
// it); IOError if a file or directory cannot be read.
Result<std::vector<InputSplit>> PlanSplits(const std::vector<std::string>& inputs, std::uint64_t split_size);

// Reads a split in chunks; the last line gets a newline if the file lacks
// one, so every record a task sees is "line\n".
class SplitReader {
 public:
  static Result<SplitReader> Open(const InputSplit& split);
  SplitReader(SplitReader&& other) noexcept;
  SplitReader& operator=(SplitReader&&) = delete;
  ~SplitReader();

  // The next chunk (valid until the next call); empty at the end.
  Result<std::string_view> Next();
  std::uint64_t bytes_read() const { return pos_ - split_.start; }

 private:
  SplitReader(InputSplit split, int fd) : split_(std::move(split)), fd_(fd), pos_(split_.start) {}
  InputSplit split_;
  int fd_;
  std::uint64_t pos_;
  std::string buffer_;
  bool ends_with_newline_ = true;
  bool done_ = false;
};

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_INPUT_SPLIT_H_

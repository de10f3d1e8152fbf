// PartWriter: writes "key<TAB>value\n" records to one output file through a
// large buffer. The file is created under a temporary name by the runner
// and renamed when the task commits.
#ifndef SLUICE_MAPREDUCE_PART_WRITER_H_
#define SLUICE_MAPREDUCE_PART_WRITER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "extsort/record.h"
#include "sluice/result.h"

namespace sluice::mapreduce {

class PartWriter final : public extsort::RecordSink {
 public:
  static Result<std::unique_ptr<PartWriter>> Create(const std::string& path);
  ~PartWriter() override;
  Status Add(std::string_view key, std::string_view value) override;
  // Flushes and closes; the file is complete only if this returns OK.
  Status Close();
  std::uint64_t records() const { return records_; }
  std::uint64_t bytes() const { return bytes_; }

 private:
  PartWriter(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  Status Flush();
  std::string path_;
  int fd_;
  std::string buffer_;
  std::uint64_t records_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_PART_WRITER_H_

// PartWriter: writes "key<TAB>value\n" records to one output file through a
// large buffer (1 MiB: one Append per MiB keeps MapReduce output as fast as
// plain write(2)). The file is created under a temporary name by the runner
// and renamed when the task commits. Every file operation goes through an
// Env (null: the POSIX one), so tests can fail any part-file write.
#ifndef SLUICE_MAPREDUCE_PART_WRITER_H_
#define SLUICE_MAPREDUCE_PART_WRITER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "base/env.h"
#include "extsort/record.h"
#include "sluice/result.h"

namespace sluice::mapreduce {

class PartWriter final : public extsort::RecordSink {
 public:
  // Creates (or truncates) `path`. Lifetime: `env` outlives the writer.
  static Result<std::unique_ptr<PartWriter>> Create(const std::string& path, Env* env = nullptr);
  ~PartWriter() override;  // closes, errors unreported: call Close() to know
  Status Add(std::string_view key, std::string_view value) override;
  // Flushes and closes; the file is complete only if this returns OK.
  Status Close();
  std::uint64_t records() const { return records_; }
  std::uint64_t bytes() const { return bytes_; }

 private:
  explicit PartWriter(std::unique_ptr<WritableFile> file) : file_(std::move(file)) {}
  Status Flush();
  std::unique_ptr<WritableFile> file_;  // null once closed
  std::string buffer_;
  std::uint64_t records_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_PART_WRITER_H_

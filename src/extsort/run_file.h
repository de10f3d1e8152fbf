// Sorted runs on disk: RunWriter appends records, RunReader reads them back.
//
// File format (host byte order: runs never leave the machine that wrote
// them): a sequence of blocks, each
//   u32 raw_size, u32 compressed_size, compressed_size bytes of one zstd frame
//   (with its content checksum)
// whose content is raw_size bytes of records, each
//   varint key_size, varint value_size, key bytes, value bytes.
// A block holds at least one record, so one huge record makes one big block;
// otherwise blocks are cut near block_bytes. The reader holds one block
// (raw + compressed) at a time: that is its whole memory.
//
// Files are created, written, read and removed through an Env (null: the
// POSIX one), so tests can fail any spill write (base/fault_injection_env.h).
// A run is scratch: never Sync()ed. Lifetime: the Env outlives the writer
// or reader.
#ifndef SLUICE_EXTSORT_RUN_FILE_H_
#define SLUICE_EXTSORT_RUN_FILE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/env.h"
#include "extsort/record.h"
#include "sluice/result.h"
#include "sluice/status.h"

namespace sluice::extsort {

// A finished run file and what it holds.
struct RunFile {
  std::string path;
  std::uint64_t records = 0;
  std::uint64_t raw_bytes = 0;   // key + value bytes
  std::uint64_t file_bytes = 0;  // on disk, compressed
};

struct RunFormat {
  int compression_level = 1;                         // zstd level (negative: faster)
  std::size_t block_bytes = std::size_t{128} << 10;  // raw bytes per block, roughly
};

class RunWriter final : public RecordSink {
 public:
  // Creates `path` (which must not exist) through `env` (null: Env::Default()).
  static Result<std::unique_ptr<RunWriter>> Create(std::string path, RunFormat format = {}, Env* env = nullptr);
  ~RunWriter() override;  // closes; a run never Finish()ed is deleted

  Status Add(std::string_view key, std::string_view value) override;
  // Writes the last block and closes the file.
  Result<RunFile> Finish();

 private:
  RunWriter(std::string path, Env* env, std::unique_ptr<WritableFile> file, RunFormat format);
  Status FlushBlock();

  RunFile info_;
  Env* env_;
  std::unique_ptr<WritableFile> file_;  // null once closed
  RunFormat format_;
  void* cctx_;  // ZSTD_CCtx
  std::string raw_;
  std::vector<char> compressed_;
  bool finished_ = false;
};

class RunReader final : public RecordSource {
 public:
  // Opens `path` through `env` (null: Env::Default()).
  static Result<std::unique_ptr<RunReader>> Open(const std::string& path, Env* env = nullptr);
  ~RunReader() override;

  bool Next() override;
  std::string_view key() const override { return key_; }
  std::string_view value() const override { return value_; }
  Status status() const override { return status_; }

 private:
  RunReader(std::string path, std::unique_ptr<RandomAccessFile> file);
  // Reads and decompresses the next block; false at end of file or error.
  bool LoadBlock();
  bool Fail(Status s);

  std::string path_;
  std::unique_ptr<RandomAccessFile> file_;
  void* dctx_;  // ZSTD_DCtx
  std::vector<char> raw_;
  std::string compressed_;
  std::uint64_t file_size_ = 0;
  std::uint64_t file_pos_ = 0;
  std::size_t raw_size_ = 0;
  std::size_t pos_ = 0;
  std::string_view key_, value_;
  Status status_;
  bool done_ = false;
};

}  // namespace sluice::extsort

#endif  // SLUICE_EXTSORT_RUN_FILE_H_

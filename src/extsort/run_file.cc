#include "extsort/run_file.h"

#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace sluice::extsort {
namespace {

void PutVarint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// Parses a varint from [p, end); nullptr if truncated or too long.
const char* GetVarint(const char* p, const char* end, std::uint64_t* v) {
  std::uint64_t result = 0;
  for (int shift = 0; shift <= 63 && p < end; shift += 7) {
    auto byte = static_cast<unsigned char>(*p++);
    result |= std::uint64_t{byte & 0x7fu} << shift;
    if ((byte & 0x80) == 0) {
      *v = result;
      return p;
    }
  }
  return nullptr;
}

}  // namespace

Result<std::unique_ptr<RunWriter>> RunWriter::Create(std::string path, RunFormat format, Env* env) {
  if (env == nullptr) env = Env::Default();
  // Runs are named uniquely by their owner: an existing file is a bug or a
  // stranger's, and is not ours to truncate.
  if (env->FileExists(path)) return Status::FromErrno("create run file " + path, EEXIST);
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, env->NewWritableFile(path));
  return std::unique_ptr<RunWriter>(new RunWriter(std::move(path), env, std::move(file), format));
}

RunWriter::RunWriter(std::string path, Env* env, std::unique_ptr<WritableFile> file, RunFormat format)
    : env_(env), file_(std::move(file)), format_(format), cctx_(ZSTD_createCCtx()) {
  info_.path = std::move(path);
  // A checksum per frame, so a damaged run is reported, never merged.
  ZSTD_CCtx_setParameter(static_cast<ZSTD_CCtx*>(cctx_), ZSTD_c_compressionLevel, format_.compression_level);
  ZSTD_CCtx_setParameter(static_cast<ZSTD_CCtx*>(cctx_), ZSTD_c_checksumFlag, 1);
  raw_.reserve(format_.block_bytes + 64);
}

RunWriter::~RunWriter() {
  ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(cctx_));
  if (file_ != nullptr) (void)file_->Close();
  if (!finished_) (void)env_->RemoveFile(info_.path);
}

Status RunWriter::Add(std::string_view key, std::string_view value) {
  if (finished_) return Status::Closed("run " + info_.path + " is finished");
  PutVarint(raw_, key.size());
  PutVarint(raw_, value.size());
  raw_.append(key);
  raw_.append(value);
  ++info_.records;
  info_.raw_bytes += key.size() + value.size();
  if (raw_.size() >= format_.block_bytes) return FlushBlock();
  return Status::OK();
}

Status RunWriter::FlushBlock() {
  if (raw_.empty()) return Status::OK();
  if (raw_.size() > 0xffffffffu) return Status::InvalidArgument("run " + info_.path + ": record larger than 4 GiB");
  std::size_t bound = ZSTD_compressBound(raw_.size());
  compressed_.resize(8 + bound);
  std::size_t n =
      ZSTD_compress2(static_cast<ZSTD_CCtx*>(cctx_), compressed_.data() + 8, bound, raw_.data(), raw_.size());
  if (ZSTD_isError(n)) return Status::Internal(std::string("zstd compress: ") + ZSTD_getErrorName(n));
  std::uint32_t sizes[2] = {static_cast<std::uint32_t>(raw_.size()), static_cast<std::uint32_t>(n)};
  std::memcpy(compressed_.data(), sizes, 8);
  SLUICE_RETURN_IF_ERROR(file_->Append(std::string_view(compressed_.data(), 8 + n)));
  info_.file_bytes += 8 + n;
  raw_.clear();
  return Status::OK();
}

Result<RunFile> RunWriter::Finish() {
  if (finished_) return Status::Closed("run " + info_.path + " is finished");
  SLUICE_RETURN_IF_ERROR(FlushBlock());
  Status closed = file_->Close();
  file_.reset();
  SLUICE_RETURN_IF_ERROR(closed);
  finished_ = true;
  std::vector<char>().swap(compressed_);
  std::string().swap(raw_);
  return info_;
}

Result<std::unique_ptr<RunReader>> RunReader::Open(const std::string& path, Env* env) {
  if (env == nullptr) env = Env::Default();
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, env->NewRandomAccessFile(path));
  SLUICE_ASSIGN_OR_RETURN(std::uint64_t size, file->Size());
  auto reader = std::unique_ptr<RunReader>(new RunReader(path, std::move(file)));
  reader->file_size_ = size;
  return reader;
}

RunReader::RunReader(std::string path, std::unique_ptr<RandomAccessFile> file)
    : path_(std::move(path)), file_(std::move(file)), dctx_(ZSTD_createDCtx()) {}

RunReader::~RunReader() { ZSTD_freeDCtx(static_cast<ZSTD_DCtx*>(dctx_)); }

bool RunReader::Fail(Status s) {
  status_ = std::move(s);
  done_ = true;
  return false;
}

bool RunReader::LoadBlock() {
  Status st = file_->Read(file_pos_, 8, &compressed_);
  if (!st.ok()) return Fail(st);
  if (compressed_.empty()) {
    done_ = true;
    return false;
  }
  if (compressed_.size() != 8) return Fail(Status::Corruption("run " + path_ + ": truncated block header"));
  std::uint32_t sizes[2];
  std::memcpy(sizes, compressed_.data(), 8);
  file_pos_ += 8;
  // Check the sizes before allocating: a damaged header must not ask for GiBs.
  if (sizes[1] > file_size_ - file_pos_ || sizes[1] > ZSTD_compressBound(sizes[0])) {
    return Fail(Status::Corruption("run " + path_ + ": bad block header"));
  }
  st = file_->Read(file_pos_, sizes[1], &compressed_);
  if (!st.ok()) return Fail(st);
  file_pos_ += sizes[1];
  if (compressed_.size() != sizes[1]) return Fail(Status::Corruption("run " + path_ + ": truncated block"));
  if (ZSTD_getFrameContentSize(compressed_.data(), sizes[1]) != sizes[0]) {
    return Fail(Status::Corruption("run " + path_ + ": block size does not match its frame"));
  }
  if (raw_.size() < sizes[0]) raw_.resize(sizes[0]);
  std::size_t n =
      ZSTD_decompressDCtx(static_cast<ZSTD_DCtx*>(dctx_), raw_.data(), sizes[0], compressed_.data(), sizes[1]);
  if (ZSTD_isError(n) || n != sizes[0]) {
    return Fail(Status::Corruption("run " + path_ + ": bad block (" +
                                   (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "size mismatch") + ")"));
  }
  raw_size_ = n;
  pos_ = 0;
  return true;
}

bool RunReader::Next() {
  if (done_) return false;
  if (pos_ >= raw_size_ && !LoadBlock()) return false;
  const char* p = raw_.data() + pos_;
  const char* end = raw_.data() + raw_size_;
  std::uint64_t ks = 0, vs = 0;
  p = GetVarint(p, end, &ks);
  if (p != nullptr) p = GetVarint(p, end, &vs);
  if (p == nullptr || ks > static_cast<std::uint64_t>(end - p) || vs > static_cast<std::uint64_t>(end - p) - ks) {
    return Fail(Status::Corruption("run " + path_ + ": bad record"));
  }
  key_ = std::string_view(p, ks);
  value_ = std::string_view(p + ks, vs);
  pos_ = static_cast<std::size_t>(p + ks + vs - raw_.data());
  return true;
}

}  // namespace sluice::extsort

#include "extsort/run_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
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

Status WriteAll(int fd, const char* p, std::size_t n, const std::string& path) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return Status::FromErrno("write " + path, errno);
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return Status::OK();
}

// Reads exactly n bytes; returns how many were read before EOF.
Result<std::size_t> ReadFull(int fd, char* p, std::size_t n, const std::string& path) {
  std::size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(fd, p + got, n - got);
    if (r < 0) {
      if (errno == EINTR) continue;
      return Status::FromErrno("read " + path, errno);
    }
    if (r == 0) break;
    got += static_cast<std::size_t>(r);
  }
  return got;
}

}  // namespace

Result<std::unique_ptr<RunWriter>> RunWriter::Create(std::string path, RunFormat format) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Status::FromErrno("create run file " + path, errno);
  return std::unique_ptr<RunWriter>(new RunWriter(std::move(path), fd, format));
}

RunWriter::RunWriter(std::string path, int fd, RunFormat format) : fd_(fd), format_(format), cctx_(ZSTD_createCCtx()) {
  info_.path = std::move(path);
  // A checksum per frame, so a damaged run is reported, never merged.
  ZSTD_CCtx_setParameter(static_cast<ZSTD_CCtx*>(cctx_), ZSTD_c_compressionLevel, format_.compression_level);
  ZSTD_CCtx_setParameter(static_cast<ZSTD_CCtx*>(cctx_), ZSTD_c_checksumFlag, 1);
  raw_.reserve(format_.block_bytes + 64);
}

RunWriter::~RunWriter() {
  ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(cctx_));
  if (fd_ >= 0) ::close(fd_);
  if (!finished_) ::unlink(info_.path.c_str());
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
  SLUICE_RETURN_IF_ERROR(WriteAll(fd_, compressed_.data(), 8 + n, info_.path));
  info_.file_bytes += 8 + n;
  raw_.clear();
  return Status::OK();
}

Result<RunFile> RunWriter::Finish() {
  if (finished_) return Status::Closed("run " + info_.path + " is finished");
  SLUICE_RETURN_IF_ERROR(FlushBlock());
  if (::close(fd_) != 0) {
    fd_ = -1;
    return Status::FromErrno("close " + info_.path, errno);
  }
  fd_ = -1;
  finished_ = true;
  std::vector<char>().swap(compressed_);
  std::string().swap(raw_);
  return info_;
}

Result<std::unique_ptr<RunReader>> RunReader::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::FromErrno("open run file " + path, errno);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int e = errno;
    ::close(fd);
    return Status::FromErrno("stat run file " + path, e);
  }
  auto reader = std::unique_ptr<RunReader>(new RunReader(path, fd));
  reader->file_size_ = static_cast<std::uint64_t>(st.st_size);
  return reader;
}

RunReader::RunReader(std::string path, int fd) : path_(std::move(path)), fd_(fd), dctx_(ZSTD_createDCtx()) {}

RunReader::~RunReader() {
  ZSTD_freeDCtx(static_cast<ZSTD_DCtx*>(dctx_));
  if (fd_ >= 0) ::close(fd_);
}

bool RunReader::Fail(Status s) {
  status_ = std::move(s);
  done_ = true;
  return false;
}

bool RunReader::LoadBlock() {
  char header[8];
  Result<std::size_t> got = ReadFull(fd_, header, 8, path_);
  if (!got.ok()) return Fail(got.status());
  if (*got == 0) {
    done_ = true;
    return false;
  }
  if (*got != 8) return Fail(Status::Corruption("run " + path_ + ": truncated block header"));
  std::uint32_t sizes[2];
  std::memcpy(sizes, header, 8);
  file_pos_ += 8;
  // Check the sizes before allocating: a damaged header must not ask for GiBs.
  if (sizes[1] > file_size_ - file_pos_ || sizes[1] > ZSTD_compressBound(sizes[0])) {
    return Fail(Status::Corruption("run " + path_ + ": bad block header"));
  }
  file_pos_ += sizes[1];
  compressed_.resize(sizes[1]);
  got = ReadFull(fd_, compressed_.data(), sizes[1], path_);
  if (!got.ok()) return Fail(got.status());
  if (*got != sizes[1]) return Fail(Status::Corruption("run " + path_ + ": truncated block"));
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

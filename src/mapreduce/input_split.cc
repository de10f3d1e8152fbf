#include "mapreduce/input_split.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace sluice::mapreduce {
namespace {

namespace fs = std::filesystem;

// The offset just after the first newline at or after `from` (or `size`).
Result<std::uint64_t> NextLineStart(int fd, const std::string& path, std::uint64_t from, std::uint64_t size) {
  char buf[64 * 1024];
  std::uint64_t pos = from;
  while (pos < size) {
    ssize_t n = ::pread(fd, buf, sizeof buf, static_cast<off_t>(pos));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::FromErrno("read " + path, errno);
    }
    if (n == 0) break;
    if (const void* nl = std::memchr(buf, '\n', static_cast<std::size_t>(n))) {
      return pos + static_cast<std::uint64_t>(static_cast<const char*>(nl) - buf) + 1;
    }
    pos += static_cast<std::uint64_t>(n);
  }
  return size;
}

Status SplitFile(const std::string& path, std::uint64_t split_size, std::vector<InputSplit>* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::FromErrno("input " + path, errno);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int e = errno;
    ::close(fd);
    return Status::FromErrno("input " + path, e);
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  std::uint64_t start = 0;
  Status status;
  do {
    std::uint64_t end = size;
    if (size - start > split_size) {
      auto next = NextLineStart(fd, path, start + split_size - 1, size);
      if (!next.ok()) {
        status = next.status();
        break;
      }
      end = *next;
    }
    out->push_back(InputSplit{path, start, end - start});
    start = end;
  } while (start < size);
  ::close(fd);
  return status;
}

}  // namespace

Result<std::vector<InputSplit>> PlanSplits(const std::vector<std::string>& inputs, std::uint64_t split_size) {
  if (split_size == 0) return Status::InvalidArgument("split size must be positive");
  std::vector<InputSplit> splits;
  for (const std::string& input : inputs) {
    std::error_code ec;
    fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) return Status::NotFound("input path does not exist: " + input);
    if (fs::is_directory(st)) {
      std::vector<std::string> files;
      for (const auto& entry : fs::directory_iterator(input, ec)) {
        std::string name = entry.path().filename().string();
        if (name.empty() || name[0] == '_' || name[0] == '.') continue;
        if (entry.is_regular_file()) files.push_back(entry.path().string());
      }
      if (ec) return Status::IOError("input " + input + ": " + ec.message());
      std::sort(files.begin(), files.end());
      for (const std::string& f : files) SLUICE_RETURN_IF_ERROR(SplitFile(f, split_size, &splits));
    } else {
      SLUICE_RETURN_IF_ERROR(SplitFile(input, split_size, &splits));
    }
  }
  return splits;
}

Result<SplitReader> SplitReader::Open(const InputSplit& split) {
  int fd = ::open(split.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::FromErrno("input " + split.path, errno);
  return SplitReader(split, fd);
}

SplitReader::SplitReader(SplitReader&& other) noexcept
    : split_(std::move(other.split_)),
      fd_(std::exchange(other.fd_, -1)),
      pos_(other.pos_),
      buffer_(std::move(other.buffer_)),
      ends_with_newline_(other.ends_with_newline_),
      done_(other.done_) {}

SplitReader::~SplitReader() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::string_view> SplitReader::Next() {
  const std::uint64_t end = split_.start + split_.length;
  if (pos_ >= end) {
    if (!ends_with_newline_ && !done_) {  // the file's last line had no newline
      done_ = true;
      return std::string_view("\n", 1);
    }
    return std::string_view();
  }
  const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(end - pos_, 256 * 1024));
  buffer_.resize(want);
  while (true) {
    ssize_t n = ::pread(fd_, buffer_.data(), want, static_cast<off_t>(pos_));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::FromErrno("read " + split_.path, errno);
    if (n == 0) return Status::IOError("input " + split_.path + " shrank while the job was running");
    pos_ += static_cast<std::uint64_t>(n);
    ends_with_newline_ = buffer_[static_cast<std::size_t>(n) - 1] == '\n';
    return std::string_view(buffer_.data(), static_cast<std::size_t>(n));
  }
}

}  // namespace sluice::mapreduce

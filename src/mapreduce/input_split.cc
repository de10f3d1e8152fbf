#include "mapreduce/input_split.h"

#include <fcntl.h>
#include <glob.h>
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

// Hidden files, as Hadoop's FileInputFormat calls them: "_SUCCESS",
// "_logs", ".crc" files. Skipped in input directories and glob matches.
bool IsHidden(const fs::path& path) {
  const std::string name = (path.has_filename() ? path : path.parent_path()).filename().string();  // "dir/" too
  return name.empty() || name[0] == '_' || name[0] == '.';
}

// The regular files of an input directory, sorted by name; hidden entries
// are skipped, a subdirectory is an error (as in Hadoop, which does not
// recurse: "Not a file").
Status SplitDirectory(const std::string& dir, std::uint64_t split_size, std::vector<InputSplit>* out) {
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (IsHidden(it->path())) continue;
    std::error_code type_ec;  // an entry that cannot be stat'ed (a dangling link) is skipped, as other non-files
    const fs::file_status st = it->status(type_ec);
    if (fs::is_directory(st)) {
      return Status::InvalidArgument("input " + it->path().string() +
                                     " is a directory inside an input directory (not read recursively, as in Hadoop)");
    }
    if (fs::is_regular_file(st)) files.push_back(it->path().string());
  }
  if (ec) return Status::IOError("input " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) SLUICE_RETURN_IF_ERROR(SplitFile(f, split_size, out));
  return Status::OK();
}

Status SplitPath(const std::string& path, std::uint64_t split_size, std::vector<InputSplit>* out) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return SplitDirectory(path, split_size, out);
  return SplitFile(path, split_size, out);
}

bool IsGlobPattern(const std::string& path) { return path.find_first_of("*?[") != std::string::npos; }

// The first directory glob(3) could not read, and why.
thread_local std::string t_glob_error_path;
thread_local int t_glob_error = 0;

int OnGlobError(const char* path, int error) {
  if (error == ENOENT || error == ENOTDIR) return 0;  // a part of the pattern that matches nothing
  t_glob_error_path = path;
  t_glob_error = error;
  return 1;
}

// The paths `pattern` matches, hidden ones left out, sorted (glob(3)'s
// order follows the directories' and would make the splits vary).
Result<std::vector<std::string>> ExpandPattern(const std::string& pattern) {
  glob_t matches = {};
  const int rc = ::glob(pattern.c_str(), GLOB_NOSORT, OnGlobError, &matches);
  std::vector<std::string> paths;
  for (std::size_t i = 0; rc == 0 && i < matches.gl_pathc; ++i) {
    if (!IsHidden(matches.gl_pathv[i])) paths.push_back(matches.gl_pathv[i]);
  }
  ::globfree(&matches);
  if (rc == GLOB_ABORTED) return Status::FromErrno("input pattern " + pattern + ": " + t_glob_error_path, t_glob_error);
  if (rc == GLOB_NOSPACE) return Status::IOError("input pattern " + pattern + ": out of memory");
  if (paths.empty()) return Status::NotFound("input pattern matches no files: " + pattern);
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace

Result<std::vector<InputSplit>> PlanSplits(const std::vector<std::string>& inputs, std::uint64_t split_size) {
  if (split_size == 0) return Status::InvalidArgument("split size must be positive");
  std::vector<InputSplit> splits;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (fs::exists(input, ec)) {
      SLUICE_RETURN_IF_ERROR(SplitPath(input, split_size, &splits));
    } else if (IsGlobPattern(input)) {
      SLUICE_ASSIGN_OR_RETURN(std::vector<std::string> paths, ExpandPattern(input));
      for (const std::string& path : paths) SLUICE_RETURN_IF_ERROR(SplitPath(path, split_size, &splits));
    } else {
      return Status::NotFound("input path does not exist: " + input);
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

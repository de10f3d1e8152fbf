// The POSIX Env (env.h): plain file descriptors, no user-space buffering.
//
// Every Append goes straight to write(2), so a WritableFile holds nothing a
// crash of *this process* could lose; only the kernel's page cache stands
// between an Append and the disk, and Sync() (fdatasync) closes that gap.
//
// Errors name the path and the step that failed ("cannot open /x/y.db-wal:
// Permission denied"). ENOENT maps to StatusCode::kNotFound so that callers
// can tell "missing" from "broken"; every other errno is kIOError.
//
// Locks are flock(2) locks. They belong to an open file description, so two
// LockFile calls in one process (each opens the file anew) exclude each
// other exactly as two processes do; fcntl locks would not (they are per
// process and a close of *any* descriptor of the file drops them).
// Caveat of flock: a child that fork()s while the parent holds a lock
// shares the parent's description, hence the lock, until it exits or execs
// (descriptors are O_CLOEXEC).
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <thread>
#include <utility>

#include "base/env.h"

namespace sluice {

namespace {

// `what` (e.g. "cannot open /a/b") + ": " + strerror(errnum), with SQLite's
// result code `rc` (SQLITE_FULL when the disk is full, SQLITE_READONLY on a
// read-only file system).
Status PosixError(const std::string& what, int errnum, ResultCode rc = ResultCode::kIoErr) {
  if (errnum == ENOSPC) rc = ResultCode::kFull;
  if (errnum == EROFS) rc = ResultCode::kReadOnly;
  if (errnum == ENOENT) return Status::NotFound(Status::FromErrno(what, errnum).message(), rc);
  return Status::FromErrno(what, errnum, rc);
}

// close(2) is not retried on EINTR: Linux releases the descriptor even then,
// and a retry could close a descriptor another thread has just received.
Status CloseFd(int fd, const std::string& path) {
  if (::close(fd) != 0 && errno != EINTR) return PosixError("cannot close " + path, errno);
  return Status::OK();
}

// fdatasync where it exists: it skips the timestamps, but (unlike what its
// name may suggest) still writes the file size, which is all an Append needs.
int SyncFd(int fd) {
#if defined(__linux__)
  return ::fdatasync(fd);
#else
  return ::fsync(fd);
#endif
}

class PosixWritableFile final : public WritableFile {
 public:
  // positional: writes go through pwrite at explicit offsets (Append at
  // Size()); otherwise write(2) at the descriptor's position (O_APPEND or
  // a fresh file).
  PosixWritableFile(int fd, std::string path, uint64_t size, bool positional = false)
      : fd_(fd), path_(std::move(path)), size_(size), positional_(positional) {}
  ~PosixWritableFile() override {
    if (fd_ >= 0) (void)CloseFd(fd_, path_);  // errors unreported: the caller skipped Close()
  }
  PosixWritableFile(const PosixWritableFile&) = delete;
  PosixWritableFile& operator=(const PosixWritableFile&) = delete;

  // Loops until everything is written: write(2) may stop early (signal,
  // nearly full disk, pipe) without an error. On failure the bytes already
  // written stay in the file and are counted by Size().
  Status Append(std::string_view data) override {
    if (fd_ < 0) return Status::IOError("cannot write " + path_ + ": file is closed");
    if (positional_) return WriteAt(size_, data);
    while (!data.empty()) {
      ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return PosixError("cannot write " + path_, errno, ResultCode::kIoErrWrite);
      }
      size_ += static_cast<uint64_t>(n);
      data.remove_prefix(static_cast<size_t>(n));
    }
    return Status::OK();
  }

  Status WriteAt(uint64_t offset, std::string_view data) override {
    if (fd_ < 0) return Status::IOError("cannot write " + path_ + ": file is closed");
    if (!positional_ && offset != size_) {
      return Status::InvalidArgument("cannot write " + path_ + " at an offset: not opened for updating");
    }
    while (!data.empty()) {
      ssize_t n = ::pwrite(fd_, data.data(), data.size(), static_cast<off_t>(offset));
      if (n < 0) {
        if (errno == EINTR) continue;
        return PosixError("cannot write " + path_, errno, ResultCode::kIoErrWrite);
      }
      offset += static_cast<uint64_t>(n);
      if (offset > size_) size_ = offset;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return Status::OK();
  }

  Status Sync() override {
    if (fd_ < 0) return Status::IOError("cannot sync " + path_ + ": file is closed");
    // No EINTR retry: fsync is not interrupted by signals on Linux, and after
    // a failed fsync the dirty pages may be gone, so a retry's success would
    // be a lie (the "fsyncgate" lesson). Callers must treat this as fatal.
    if (SyncFd(fd_) != 0) return PosixError("cannot sync " + path_, errno, ResultCode::kIoErrFsync);
    return Status::OK();
  }

  Status Close() override {
    if (fd_ < 0) return Status::OK();
    int fd = std::exchange(fd_, -1);
    return CloseFd(fd, path_);
  }

  uint64_t Size() const override { return size_; }

 private:
  int fd_;  // -1 once closed
  std::string path_;
  uint64_t size_;
  bool positional_;
};

class PosixRandomAccessFile final : public RandomAccessFile {
 public:
  PosixRandomAccessFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~PosixRandomAccessFile() override { (void)CloseFd(fd_, path_); }
  PosixRandomAccessFile(const PosixRandomAccessFile&) = delete;
  PosixRandomAccessFile& operator=(const PosixRandomAccessFile&) = delete;

  Status Read(uint64_t offset, size_t n, std::string* out) const override {
    out->clear();
    if (offset > static_cast<uint64_t>(std::numeric_limits<off_t>::max())) {
      return Status::InvalidArgument("cannot read " + path_ + ": offset " + std::to_string(offset) + " too large");
    }
    // A caller asking for "everything" (huge n) must not make us allocate n
    // bytes up front: cap big requests at what the file holds now.
    if (n > kNoStatBelow) {
      SLUICE_ASSIGN_OR_RETURN(uint64_t size, Size());
      n = static_cast<size_t>(std::min<uint64_t>(n, size > offset ? size - offset : 0));
    }
    out->resize(n);
    size_t got = 0;
    while (got < n) {
      ssize_t r = ::pread(fd_, out->data() + got, n - got, static_cast<off_t>(offset + got));
      if (r < 0) {
        if (errno == EINTR) continue;
        int err = errno;
        out->clear();
        return PosixError("cannot read " + path_, err, ResultCode::kIoErrRead);
      }
      if (r == 0) break;  // end of file
      got += static_cast<size_t>(r);
    }
    out->resize(got);
    return Status::OK();
  }

  Result<uint64_t> Size() const override {
    struct stat st;
    if (::fstat(fd_, &st) != 0) return PosixError("cannot stat " + path_, errno);
    return static_cast<uint64_t>(st.st_size);
  }

 private:
  static constexpr size_t kNoStatBelow = 1 << 20;
  int fd_;
  std::string path_;
};

// flock(LOCK_EX) on fd, polled every 2 ms until `timeout_ms`.
Status AcquireFlock(int fd, const std::string& path, int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max(timeout_ms, 0));
  for (;;) {
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return Status::OK();
    int err = errno;
    if (err == EINTR) continue;
    if (err != EWOULDBLOCK) return PosixError("cannot lock " + path, err, ResultCode::kIoErrLock);
    if (std::chrono::steady_clock::now() >= deadline) return Status::TimedOut("database is locked", ResultCode::kBusy);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

class PosixFileLock final : public FileLock {
 public:
  PosixFileLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  // Closing the only descriptor of the open file description drops the lock.
  ~PosixFileLock() override { ::close(fd_); }
  PosixFileLock(const PosixFileLock&) = delete;
  PosixFileLock& operator=(const PosixFileLock&) = delete;

  void Unlock() override { (void)::flock(fd_, LOCK_UN); }
  Status Relock(int timeout_ms) override { return AcquireFlock(fd_, path_, timeout_ms); }

 private:
  int fd_;
  std::string path_;
};

Result<int> OpenFd(const std::string& path, int flags) {
  for (;;) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
    if (fd >= 0) return fd;
    if (errno != EINTR) return PosixError("cannot open " + path, errno, ResultCode::kCantOpen);
  }
}

class PosixEnv final : public Env {
 public:
  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override {
    SLUICE_ASSIGN_OR_RETURN(int fd, OpenFd(path, O_WRONLY | O_CREAT | O_TRUNC));
    return std::unique_ptr<WritableFile>(new PosixWritableFile(fd, path, 0, /*positional=*/true));
  }

  // O_APPEND keeps every write at the end even if someone else extends the
  // file; the starting size comes from fstat of the very descriptor.
  Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) override {
    SLUICE_ASSIGN_OR_RETURN(int fd, OpenFd(path, O_WRONLY | O_CREAT | O_APPEND));
    struct stat st;
    if (::fstat(fd, &st) != 0) {
      int err = errno;
      ::close(fd);
      return PosixError("cannot stat " + path, err);
    }
    return std::unique_ptr<WritableFile>(new PosixWritableFile(fd, path, static_cast<uint64_t>(st.st_size)));
  }

  Result<std::unique_ptr<WritableFile>> NewUpdatableFile(const std::string& path) override {
    SLUICE_ASSIGN_OR_RETURN(int fd, OpenFd(path, O_RDWR | O_CREAT));
    struct stat st;
    if (::fstat(fd, &st) != 0) {
      int err = errno;
      ::close(fd);
      return PosixError("cannot stat " + path, err);
    }
    return std::unique_ptr<WritableFile>(
        new PosixWritableFile(fd, path, static_cast<uint64_t>(st.st_size), /*positional=*/true));
  }

  // O_NOATIME where allowed (we own the file): reading a log between
  // commits must not dirty its inode, or the next commit's fdatasync also
  // writes the inode back (ext4 without a journal does).
  Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(const std::string& path) override {
    Result<int> fd = OpenFd(path, O_RDONLY | O_NOATIME);
    if (!fd.ok()) fd = OpenFd(path, O_RDONLY);  // EPERM: not the file's owner
    if (!fd.ok()) return fd.status();
    return std::unique_ptr<RandomAccessFile>(new PosixRandomAccessFile(*fd, path));
  }

  bool FileExists(const std::string& path) override {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
  }

  Result<uint64_t> FileSize(const std::string& path) override {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return PosixError("cannot stat " + path, errno);
    return static_cast<uint64_t>(st.st_size);
  }

  Result<FileType> GetFileType(const std::string& path) override {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      if (errno == ENOENT) return FileType::kMissing;
      return PosixError("cannot stat " + path, errno);
    }
    if (S_ISREG(st.st_mode)) return FileType::kRegular;
    if (S_ISDIR(st.st_mode)) return FileType::kDirectory;
    return FileType::kOther;
  }

  // 40 links at most, as Linux's own path walk (ELOOP beyond).
  Result<std::string> ResolveSymlinks(const std::string& path) override {
    std::string current = path;
    for (int hops = 0; hops < 40; ++hops) {
      struct stat st;
      if (::lstat(current.c_str(), &st) != 0) {
        if (errno == ENOENT) return current;
        return PosixError("cannot stat " + current, errno);
      }
      if (!S_ISLNK(st.st_mode)) return current;
      std::string target(static_cast<size_t>(st.st_size > 0 ? st.st_size : 4096) + 1, '\0');
      ssize_t n = ::readlink(current.c_str(), target.data(), target.size());
      if (n < 0) return PosixError("cannot read link " + current, errno);
      if (static_cast<size_t>(n) >= target.size()) return PosixError("cannot read link " + current, ENAMETOOLONG);
      target.resize(static_cast<size_t>(n));
      if (target.empty() || target[0] != '/') {
        std::string dir = DirName(current);
        target = dir == "/" ? "/" + target : dir + "/" + target;
      }
      current = std::move(target);
    }
    return PosixError("cannot resolve " + path, ELOOP, ResultCode::kCantOpen);
  }

  Status RemoveFile(const std::string& path) override {
    if (::unlink(path.c_str()) != 0) return PosixError("cannot remove " + path, errno);
    return Status::OK();
  }

  Status RenameFile(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) {
      return PosixError("cannot rename " + from + " to " + to, errno);
    }
    return Status::OK();
  }

  Status TruncateFile(const std::string& path, uint64_t size) override {
    if (size > static_cast<uint64_t>(std::numeric_limits<off_t>::max())) {
      return Status::InvalidArgument("cannot truncate " + path + ": size " + std::to_string(size) + " too large");
    }
    while (::truncate(path.c_str(), static_cast<off_t>(size)) != 0) {
      if (errno != EINTR) return PosixError("cannot truncate " + path, errno);
    }
    return Status::OK();
  }

  // fsync of the directory itself is what makes its entries (creations,
  // renames, removals) survive power loss; fsync of a file does not.
  Status SyncDir(const std::string& dir) override {
    int fd;
    do {
      fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return PosixError("cannot open directory " + dir, errno);
    Status status;
    if (::fsync(fd) != 0) status = PosixError("cannot sync directory " + dir, errno);
    ::close(fd);
    return status;
  }

  // Polls with LOCK_NB rather than blocking in flock(): a blocking flock
  // cannot time out without signals. 2 ms between tries keeps the added
  // latency small and the CPU cost negligible.
  Result<std::unique_ptr<FileLock>> LockFile(const std::string& path, int timeout_ms) override {
    SLUICE_ASSIGN_OR_RETURN(int fd, OpenFd(path, O_RDWR | O_CREAT));
    Status s = AcquireFlock(fd, path, timeout_ms);
    if (!s.ok()) {
      ::close(fd);
      return s;
    }
    return std::unique_ptr<FileLock>(new PosixFileLock(fd, path));
  }

  Result<uint64_t> FileIdentity(const std::string& path) override {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return PosixError("cannot stat " + path, errno);
    return (static_cast<uint64_t>(st.st_dev) << 40) ^ static_cast<uint64_t>(st.st_ino);
  }
};

}  // namespace

Env* Env::Default() {
  // Stateless, so destruction at exit is harmless for late users.
  static PosixEnv env;
  return &env;
}

std::string DirName(const std::string& path) {
  size_t end = path.find_last_not_of('/');
  if (end == std::string::npos) return path.empty() ? "." : "/";  // "" or all slashes
  size_t slash = path.rfind('/', end);
  if (slash == std::string::npos) return ".";
  size_t dir_end = path.find_last_not_of('/', slash);
  if (dir_end == std::string::npos) return "/";
  return path.substr(0, dir_end + 1);
}

}  // namespace sluice

// Env: the file operations of the engine's durable files (src/storage),
// of external-sort spills (src/extsort) and of MapReduce output
// (src/mapreduce) go through this interface (after LevelDB's Env), so that
// tests can inject I/O errors, short writes and crashes at any point
// (fault_injection_env.h) instead of touching the file system directly.
//
// Durability contract: data appended to a WritableFile is durable only
// after Sync() returned OK; a rename is durable only after SyncDir() of the
// directory returned OK. A crash may lose anything not yet durable (and a
// partially written last Append may survive in part).
//
// Thread safety: Env::Default() may be used from any thread; a file object
// is used by one thread at a time.
#ifndef SLUICE_BASE_ENV_H_
#define SLUICE_BASE_ENV_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sluice/result.h"
#include "sluice/status.h"

namespace sluice {

// A file written sequentially (a log, or a new database image).
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status Append(std::string_view data) = 0;
  // Writes `data` at `offset` (overwriting, or extending the file when it
  // reaches past Size()). REQUIRES: opened by NewWritableFile or
  // NewUpdatableFile (an appendable file writes only at its end).
  virtual Status WriteAt(uint64_t offset, std::string_view data) = 0;
  // Makes everything appended so far durable (fsync/fdatasync).
  virtual Status Sync() = 0;
  virtual Status Close() = 0;
  // Bytes in the file: its size when opened plus what was appended since.
  virtual uint64_t Size() const = 0;
};

// A file read at arbitrary offsets.
class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  // Replaces *out with up to n bytes at `offset` (fewer only at the end of
  // the file).
  virtual Status Read(uint64_t offset, size_t n, std::string* out) const = 0;
  virtual Result<uint64_t> Size() const = 0;
};

// A lock on a file, held when LockFile returns it; released when
// destroyed. Unlock/Relock keep the file open so that taking the lock again
// costs one system call.
class FileLock {
 public:
  virtual ~FileLock() = default;
  virtual void Unlock() = 0;
  // Waits up to timeout_ms, then fails with kTimedOut "database is locked".
  virtual Status Relock(int timeout_ms) = 0;
};

// What a path names (after following symlinks): a database may only be a
// regular file, never a device or a FIFO that a checkpoint would replace.
enum class FileType { kMissing, kRegular, kDirectory, kOther };

class Env {
 public:
  virtual ~Env() = default;

  // The process-wide POSIX environment.
  static Env* Default();

  // Creates `path`, or truncates it when it exists.
  virtual Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) = 0;
  // Opens `path` for appending at its end, creating it when missing.
  virtual Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) = 0;
  // Opens `path` (created when missing) for writing anywhere with WriteAt;
  // Append writes at Size(). Nothing is truncated.
  virtual Result<std::unique_ptr<WritableFile>> NewUpdatableFile(const std::string& path) = 0;
  virtual Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(const std::string& path) = 0;

  virtual bool FileExists(const std::string& path) = 0;
  virtual Result<uint64_t> FileSize(const std::string& path) = 0;
  // Names the file now at `path` (device and inode): changes when the path
  // is renamed over. An identity is not reused while a file with it is
  // open.
  virtual Result<uint64_t> FileIdentity(const std::string& path) = 0;
  // What `path` names, following symlinks; kMissing when nothing does
  // (also for a dangling symlink).
  virtual Result<FileType> GetFileType(const std::string& path) = 0;
  // `path` with symlinks in its last component followed, repeatedly, until
  // it names something that is not a symlink or nothing at all (a dangling
  // link resolves to its target). A relative link target is taken relative
  // to the link's directory. Directories on the way are left as they are
  // (renames and locks work through them). Fails on a symlink loop.
  virtual Result<std::string> ResolveSymlinks(const std::string& path) = 0;
  virtual Status RemoveFile(const std::string& path) = 0;
  // Atomically replaces `to` with `from` (rename(2)).
  virtual Status RenameFile(const std::string& from, const std::string& to) = 0;
  // Shortens (or extends with zeros) `path` to `size` bytes.
  virtual Status TruncateFile(const std::string& path, uint64_t size) = 0;
  // Makes the directory entries of `dir` (creations, renames) durable.
  virtual Status SyncDir(const std::string& dir) = 0;

  // An exclusive advisory lock on `path` (created when missing), shared
  // with other processes and other Env::Default() users in this process:
  // at most one holder at a time. Waits up to `timeout_ms` (0: tries once);
  // then fails with StatusCode::kTimedOut.
  virtual Result<std::unique_ptr<FileLock>> LockFile(const std::string& path, int timeout_ms) = 0;
};

// The directory part of `path` ("." when it has none).
std::string DirName(const std::string& path);

}  // namespace sluice

#endif  // SLUICE_BASE_ENV_H_

// FaultInjectionEnv: an Env for tests that wraps a real one (usually
// Env::Default()) and can (1) make any chosen mutating operation fail and
// (2) simulate a power loss, after LevelDB's db/fault_injection_test.cc.
//
// (1) Faults. Mutating operations are counted, whether they succeed or not:
//   NewWritableFile, NewAppendableFile, NewUpdatableFile (all may create a
//   file), Append, WriteAt, Sync, RenameFile, RemoveFile, TruncateFile,
//   SyncDir.
// Reads, FileExists, FileSize, FileIdentity, GetFileType, ResolveSymlinks,
// Close and LockFile are not counted and never fail by injection. FailAt(n, kind) makes operation number n, counted from
// the call (0 = the next one), fail:
//   kError      the operation does nothing and returns IOError("injected
//               fault: <Op> <path>").
//   kShortWrite an Append writes the first half of its data (rounded down),
//               then returns IOError; any other operation behaves as kError.
// One FailAt arms one fault. With set_sticky(true), every mutating
// operation after a fault fired also fails (a disk that died), until
// ClearFaults(). Loop n over 0..operation_count() of a clean run to test
// every failure point of a workload.
//
// (2) Crashes. The env remembers, for each file written through it, how
// many bytes are durable, and keeps a journal of the directory changes
// (creations, renames, removals) not yet made durable by SyncDir.
// SimulateCrash() rewrites the real files into what a power loss could
// leave, following env.h's durability contract:
//   - every file written through this env gets back the bytes that WriteAt
//     overwrote below its durable size since its last Sync(), and is cut
//     back to the size it had at that Sync() (0 if never synced) -- an
//     unsynced tail is lost entirely, never kept in part;
//   - then the journal is undone, newest first: a file created since its
//     directory's last SyncDir is removed (even if its data was synced --
//     fsync of a file does not make its directory entry durable); a rename
//     is reversed, and a file it replaced comes back with its durable bytes;
//     a removed file comes back with its durable bytes.
// So "write tmp, Sync, RenameFile(tmp, final), SyncDir" leaves either the
// old final (crash before SyncDir returned) or the new one (after), never a
// mix, and a workload that forgets a Sync or a SyncDir loses data in tests.
//
// Not modelled (simplifications; tests must not rely on them):
//   - Truncation is durable at once: NewWritableFile of an existing file and
//     TruncateFile are never undone (the durable size becomes the new size).
//   - Files and directory entries not touched through this env are taken to
//     be durable as they are; directories themselves are never created or
//     removed here.
//   - A rename across directories is undone unless *both* directories were
//     synced after it; interleavings of such renames with other changes in
//     those directories are not reproduced exactly. Single-directory
//     patterns are exact.
//   - Torn sectors, reordered writes within a file, a partially surviving
//     unsynced tail (the contract allows it; we always drop the whole tail).
//   - Paths are compared lexically after removing "." components, repeated
//     and trailing slashes; no symlink or ".." resolution.
//   - The durable bytes of files replaced by a rename or removed are kept in
//     memory until their directory is synced: meant for test-sized files.
//
// After SimulateCrash() the journal is empty and all files on disk count as
// durable; WritableFiles opened before it are dead (every call but Close and
// Size fails), as their process would be. Fault arming is not reset.
//
// Thread safety: all methods may be called concurrently (one mutex; base I/O
// runs under it, which serialises the env -- fine for tests).
// Lifetime: `base` and this env must outlive every file they returned.
#ifndef SLUICE_BASE_FAULT_INJECTION_ENV_H_
#define SLUICE_BASE_FAULT_INJECTION_ENV_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/env.h"

namespace sluice {

enum class FaultKind {
  kError,       // the operation fails without side effects
  kShortWrite,  // an Append writes half its data, then fails
};

class FaultInjectionEnv final : public Env {
 public:
  explicit FaultInjectionEnv(Env* base);
  ~FaultInjectionEnv() override;
  FaultInjectionEnv(const FaultInjectionEnv&) = delete;
  FaultInjectionEnv& operator=(const FaultInjectionEnv&) = delete;

  // Arms one fault: the n-th mutating operation from now (0-based) fails.
  // Replaces a previous FailAt and ends a sticky failure (fault_fired()
  // becomes false).
  void FailAt(uint64_t n, FaultKind kind);
  // After a fault fired, keep failing every mutating operation.
  void set_sticky(bool sticky);
  // Disarms a pending FailAt and ends a sticky failure.
  void ClearFaults();
  // True once the fault armed by the last FailAt fired (until ClearFaults).
  // Tells a test loop whether the workload reached operation n at all.
  bool fault_fired() const;
  // Mutating operations attempted since construction (including failed ones).
  uint64_t operation_count() const;

  // Models a power loss; see the header comment. Uses the base env directly
  // (neither counted nor failed). Returns the first error of the base env,
  // after trying every step.
  Status SimulateCrash();

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> NewUpdatableFile(const std::string& path) override;
  Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(const std::string& path) override;
  bool FileExists(const std::string& path) override;
  Result<uint64_t> FileSize(const std::string& path) override;
  Result<uint64_t> FileIdentity(const std::string& path) override;
  Result<FileType> GetFileType(const std::string& path) override;
  Result<std::string> ResolveSymlinks(const std::string& path) override;
  Status RemoveFile(const std::string& path) override;
  Status RenameFile(const std::string& from, const std::string& to) override;
  Status TruncateFile(const std::string& path, uint64_t size) override;
  Status SyncDir(const std::string& dir) override;
  Result<std::unique_ptr<FileLock>> LockFile(const std::string& path, int timeout_ms) override;

 private:
  friend class FaultWritableFile;

  // What survives of one file written through this env. Shared with its open
  // WritableFiles, so it follows the file through renames.
  struct FileState {
    uint64_t synced_size = 0;
    // Bytes overwritten below synced_size since the last Sync, oldest
    // first: (offset, the durable bytes that were there). A crash puts them
    // back.
    std::vector<std::pair<uint64_t, std::string>> undo;
  };

  // A directory change not yet made durable by SyncDir.
  struct PendingChange {
    enum Type { kCreate, kRename, kRemove } type;
    std::string path;                        // the file; for kRename the source
    std::string to;                          // kRename: the destination
    bool restore = false;                    // kRename: `to` existed before; kRemove: always
    std::string durable_content;             // bytes to put back at `to` (kRename) / `path` (kRemove)
    std::vector<std::string> unsynced_dirs;  // SyncDir still needed for these
  };

  enum class Verdict { kProceed, kFail, kShortWrite };

  // Counts one mutating operation and decides its fate. REQUIRES: mu_ held.
  Verdict CountOperation();
  // The error returned by an operation whose verdict was not kProceed.
  Status InjectedError(const std::string& op, const std::string& path) const;
  // Opens through the base env and records creation. REQUIRES: mu_ held.
  // mode: 0 truncate (NewWritableFile), 1 append, 2 update (keep contents).
  Result<std::unique_ptr<WritableFile>> OpenWritable(const std::string& path, int mode);
  // The bytes of `path` (normalised) that would survive a crash now.
  // REQUIRES: mu_ held.
  Result<std::string> DurableContent(const std::string& path);
  // Puts the directory back as it was before `change`. REQUIRES: mu_ held.
  Status UndoChange(const PendingChange& change);
  // Creates `path` holding exactly `content`, synced.
  Status WriteWholeFile(const std::string& path, const std::string& content);

  Env* const base_;
  mutable std::mutex mu_;
  uint64_t op_count_ = 0;
  bool armed_ = false;
  uint64_t fail_at_ = 0;  // absolute operation number when armed_
  FaultKind kind_ = FaultKind::kError;
  bool sticky_ = false;
  bool fired_ = false;
  uint64_t generation_ = 0;                                  // bumped by SimulateCrash: older writers are dead
  std::map<std::string, std::shared_ptr<FileState>> files_;  // by normalised path
  std::vector<PendingChange> journal_;                       // oldest first
};

}  // namespace sluice

#endif  // SLUICE_BASE_FAULT_INJECTION_ENV_H_

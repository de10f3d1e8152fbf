// DbFiles: the two files of a database and the protocol between them
// (docs/formats/database_file.md): the image `PATH` — the whole database
// as of checkpoint number `seq` — and the log `PATH-wal` — the records of
// the transactions committed since, each a checksummed block salted with
// `seq`. What the records mean is the caller's business (sql/durable);
// this class only guarantees their order and integrity:
//
// - A commit is an Append of one record; it is durable once Append with
//   sync returned OK. A torn tail of the log (a crash during an append: a
//   last record that does not verify, with no valid record after it) ends
//   the log: it is ignored by readers and cut off by the next writer.
// - A damaged log is not a torn tail: a log header that does not verify
//   with records after it, an undecodable record followed by valid ones,
//   or a file cut short (the log grows in zero-filled 1 MiB steps ahead
//   of its records, so a crash never leaves it ending inside or right
//   after a record but at a step's end).
//   Its records from the damage on are not applied, the log is copied to
//   PATH-wal.corrupt before anything else happens, and it is never reset
//   or written to: damage() says what and where, and every later write
//   fails with that error (SQLITE_CORRUPT). Open refuses an empty or
//   missing image whose log holds data (a truncated database), instead of
//   starting a new database over that log.
// - A checkpoint writes a new image to PATH.tmp, syncs it, renames it over
//   PATH, syncs the directory, and only then resets the log to the new seq.
//   A log whose seq is older than the image's is stale (its records are in
//   the image) and ignored, so a crash at any point leaves either the old
//   image with its log or the new image.
// - One writer at a time across processes: an exclusive lock on the log
//   file (LockWriter, with a busy timeout: "database is locked"). Readers
//   take no lock: they read the image and the valid records, and Poll picks
//   up later commits (or tells them to reload after a checkpoint).
// - After a failed write or sync every later write fails with the same
//   error (sticky): we never pretend data is durable.
//
// Not thread-safe; one per connection.
#ifndef SLUICE_STORAGE_DB_FILES_H_
#define SLUICE_STORAGE_DB_FILES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "storage/block.h"
#include "base/env.h"

namespace sluice::storage {

inline constexpr size_t kFileHeaderSize = 32;

// The blocks of an image after its first (the directory), read on demand
// from the very file that was loaded — also after a checkpoint replaced it
// at its path (the open descriptor keeps it). Each Read verifies the
// block's checksum. Not thread-safe.
class ImageBlocks {
 public:
  ImageBlocks(std::shared_ptr<RandomAccessFile> file, std::string path, uint64_t seq, std::vector<uint64_t> offsets)
      : file_(std::move(file)), path_(std::move(path)), seq_(seq), offsets_(std::move(offsets)) {}
  size_t size() const { return offsets_.size(); }
  // Block i after the directory (0-based), decoded.
  Result<std::string> Read(size_t i) const;
  // Block i as stored, framed for an image with sequence number `new_seq`
  // (verified, not decompressed).
  Result<std::string> ReadFramed(size_t i, uint64_t new_seq) const;

 private:
  // Block i's header and stored bytes, not yet verified.
  Status ReadStored(size_t i, BlockHeader* header, std::string* stored) const;

  std::shared_ptr<RandomAccessFile> file_;
  std::string path_;
  uint64_t seq_;
  std::vector<uint64_t> offsets_;  // of each block's header
};

// One block of a new image: `raw` bytes to frame, or (when `from` is set)
// block `index` of an existing image copied as stored — a checkpoint then
// rewrites only what changed.
struct ImageBlock {
  std::string raw;
  std::shared_ptr<const ImageBlocks> from;
  size_t index = 0;
};

class DbFiles {
 public:
  // Opens the database at `path`; a missing or empty file becomes a new
  // database whose image is `empty_image` — unless its log holds data: a
  // 0-byte image with a non-empty log, or a missing one with records in
  // its log, is refused (SQLITE_CORRUPT, "PATH: database disk image is
  // malformed: ...") and both files are left as they are. A symlink is followed (also to
  // a target that does not exist yet) and path() is the real file's; a
  // path that names anything but a regular file (a device, a FIFO, a
  // directory) is refused (SQLITE_CANTOPEN, "PATH: not a regular file").
  // A PATH.tmp left by a killed checkpoint is removed when no one writes. Errors name the file and say
  // what is wrong with it ("file is not a database", "truncated", ...).
  // An image is a directory block followed by any number of blocks that
  // readers may load later (ImageBlocks).
  static Result<std::unique_ptr<DbFiles>> Open(Env* env, const std::string& path,
                                               const std::vector<std::string>& empty_image);
  static Result<std::unique_ptr<DbFiles>> Open(Env* env, const std::string& path, const std::string& empty_image) {
    return Open(env, path, std::vector<std::string>{empty_image});
  }
  ~DbFiles();

  // The current image's directory block, the valid log records after it,
  // and (when asked) the image's other blocks. A damaged log (see above)
  // is not an error here: the records before the damage are returned and
  // damage() is set.
  Status Load(std::string* image, std::vector<std::string>* records,
              std::shared_ptr<const ImageBlocks>* blocks = nullptr);
  // What other processes committed since the last Load/Poll: new records,
  // or *reload = true when the image was replaced (then Load again).
  // Without check_image only the log is read (its header names the image it
  // belongs to): cheaper, but after a writer crashed between a checkpoint's
  // rename and the log reset it keeps showing the state before that
  // checkpoint until the next writer. Writers must check the image. Damage
  // met here sets damage() as Load does; once set, the log is not read
  // again (its records stop at the damage).
  Status Poll(std::vector<std::string>* records, bool* reload, bool check_image = true);

  // Takes the writer lock, waiting up to timeout_ms. REQUIRES: not held.
  // The caller must Poll afterwards to apply what it has not seen.
  Status LockWriter(int timeout_ms);
  void UnlockWriter();
  bool writer_locked() const { return locked_; }

  // REQUIRES: writer lock, up to date. Appends one record; syncs if `sync`.
  // Bytes of a torn tail after the valid records are zeroed first.
  Status Append(const std::string& payload, bool sync);
  // REQUIRES: writer lock, up to date. Replaces the image, empties the log.
  Status Checkpoint(const std::vector<ImageBlock>& image, bool sync);
  Status Checkpoint(const std::vector<std::string>& image, bool sync);
  Status Checkpoint(const std::string& image, bool sync) { return Checkpoint(std::vector<std::string>{image}, sync); }

  // Bytes of valid records in the log.
  uint64_t log_bytes() const { return log_end_ > kFileHeaderSize ? log_end_ - kFileHeaderSize : 0; }
  uint64_t seq() const { return seq_; }
  const std::string& path() const { return path_; }
  Status sticky_error() const { return sticky_; }
  // OK, or (SQLITE_CORRUPT) what is wrong with the log and where, which of
  // its transactions are not applied, and where its copy was kept. Once
  // set, stays set: the log is left for recovery.
  Status damage() const { return damage_; }
  // Whether this connection may write: the sticky error, else damage().
  Status CheckWritable() const { return !sticky_.ok() ? sticky_ : damage_; }

  // Re-reads both files and checks every checksum; a list of problems
  // (empty when all is well). A damaged log is one (and sets damage()); a
  // torn tail is not.
  std::vector<std::string> Verify();

 private:
  DbFiles(Env* env, std::string path) : env_(env), path_(std::move(path)), log_path_(path_ + "-wal") {}

  // Reads the image (header seq and payload); keeps the file in *file.
  // Reads the image's header and directory block and locates its other
  // blocks; keeps the file in *file.
  Status ReadImage(uint64_t* seq, std::string* image, std::shared_ptr<RandomAccessFile>* file = nullptr,
                   std::vector<uint64_t>* offsets = nullptr);
  // What ReadLog found.
  struct LogRead {
    uint64_t end = kFileHeaderSize;  // after the last valid record
    bool stale = true;               // missing, empty, or of an older seq
    bool newer = false;              // of a newer seq: a checkpoint is under way
    uint64_t tail_end = 0;           // a torn tail's bytes after `end` reach up to here
    std::string damage;              // non-empty: the log is damaged (what and where)
  };
  // Reads valid records of the log from `offset` if its seq is `seq`, and
  // classifies where they end: the end of the data, a torn tail, or
  // damage. A zero block header ends the log without a look further
  // unless `scan_zeros` (Load and Verify look once; writers only ever
  // write at the end of the valid records, so what lies beyond was checked
  // when it was loaded).
  Status ReadLog(uint64_t seq, uint64_t offset, bool scan_zeros, std::vector<std::string>* records, LogRead* out);
  // Sets damage_ from ReadLog's description, after copying the log to
  // PATH-wal.corrupt (or .corrupt.N when that holds other bytes).
  void NoteDamage(const std::string& what);
  // Copies the log aside; the copy's path, or an error.
  Result<std::string> KeepDamagedLog();
  // Before a new database is created at an empty or missing PATH: refuses
  // (SQLITE_CORRUPT) when the log holds data that the new database's log
  // reset would destroy.
  Status CheckNoLogWithoutImage();
  // Removes PATH.tmp, left by a checkpoint that was killed before its
  // rename, when the writer lock is free (best effort: a failure leaves
  // it for the next checkpoint to overwrite).
  void RemoveStaleTemp();
  // Starts a fresh log for seq_ (truncating any old one).
  Status ResetLog(bool sync);
  Status Fail(Status s);

  Env* env_;
  std::string path_;
  std::string log_path_;
  uint64_t seq_ = 0;
  uint64_t log_end_ = 0;            // end of the valid records we applied
  uint64_t log_alloc_ = 0;          // the log is written (zeros at least) up to here
  bool log_current_ = false;        // the log on disk has our seq
  std::unique_ptr<FileLock> lock_;  // kept open between transactions
  bool locked_ = false;
  // The image we loaded, kept open (so its identity cannot be reused) and
  // its identity, to notice a replacement with one stat.
  std::shared_ptr<RandomAccessFile> image_file_;
  uint64_t image_id_ = 0;
  std::unique_ptr<WritableFile> log_writer_;
  std::unique_ptr<RandomAccessFile> log_reader_;
  Status sticky_;
  Status damage_;
  // The end of a torn tail's bytes after log_end_ (0: none known); the
  // next Append zeroes them so that later readers stop at a zero header.
  uint64_t tail_end_ = 0;
  // The last torn tail seen by a Poll (its offset and first bytes), so that
  // polls that stop there again do not look past it again.
  uint64_t torn_at_ = 0;
  std::string torn_head_;
  uint64_t torn_tail_end_ = 0;
};

// Whether `path` may be replaced by a new database (a backup's target):
// OK when it is missing, empty, or a database image (by its magic);
// "file is not a database" (SQLITE_NOTADB) for any other regular file,
// "PATH: not a regular file" (SQLITE_CANTOPEN) for the rest.
Status CheckReplaceable(Env* env, const std::string& path);

// File headers: magic:8 version:fixed32 reserved:fixed32 seq:fixed64
// check:fixed64 (XXH64 of the first 24 bytes).
std::string EncodeFileHeader(std::string_view magic, uint64_t seq);
Result<uint64_t> ParseFileHeader(std::string_view data, std::string_view magic);

}  // namespace sluice::storage

#endif  // SLUICE_STORAGE_DB_FILES_H_

// DbFiles (db_files.h): image + log protocol.
#include "storage/db_files.h"

#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "storage/block.h"
#include "base/coding.h"

namespace sluice::storage {

namespace {

constexpr std::string_view kImageMagic = "SLUICEDB";
constexpr std::string_view kLogMagic = "SLUICEWL";
constexpr uint32_t kFormatVersion = 1;
// The log grows in chunks of zeros (see Append).
constexpr uint64_t kLogChunk = 1u << 20;

Status FileError(const std::string& path, std::string_view what, ResultCode rc = ResultCode::kCorrupt) {
  return Status::Corruption(path + ": " + std::string(what), rc);
}

// A database's files may only be regular files (or not exist yet): a
// checkpoint renames a new image over PATH, which would replace a device
// or a FIFO, and the log is truncated and written in place.
Status CheckRegularOrMissing(Env* env, const std::string& path) {
  SLUICE_ASSIGN_OR_RETURN(FileType type, env->GetFileType(path));
  if (type == FileType::kMissing || type == FileType::kRegular) return Status::OK();
  return Status::IOError(path + ": not a regular file", ResultCode::kCantOpen);
}

// What lies in a log from `from` to its end: where its last non-zero byte
// ends, and (given a seq) the first offset at or after `from` where a
// block verifies under that seq — a record that would be lost if the log
// ended before it. Reads in chunks: a long log costs a chunk of memory
// (and the largest candidate record).
struct TailScan {
  uint64_t nonzero_end = 0;  // `from` when all is zeros
  uint64_t valid_at = 0;     // 0: no record verifies
  bool gave_up = false;      // too many plausible headers to verify them all
};

Result<TailScan> ScanTail(const RandomAccessFile& file, uint64_t from, const uint64_t* seq) {
  constexpr size_t kScanChunk = 1u << 20;
  TailScan out;
  out.nonzero_end = from;
  SLUICE_ASSIGN_OR_RETURN(uint64_t size, file.Size());
  // Bytes of candidate bodies checksummed: garbage made of plausible
  // headers must not make the scan quadratic.
  uint64_t budget = std::max<uint64_t>(uint64_t{256} << 20, 4 * size);
  std::string buf, body;
  for (uint64_t base = from; base < size; base += kScanChunk) {
    SLUICE_RETURN_IF_ERROR(file.Read(base, kScanChunk + kBlockHeaderSize - 1, &buf));
    size_t own = std::min(buf.size(), kScanChunk);  // the offsets this chunk looks at
    for (size_t i = own; i-- > 0;) {
      if (buf[i] != 0) {
        out.nonzero_end = base + i + 1;
        break;
      }
    }
    if (seq == nullptr) continue;
    for (size_t o = 0; o < own && o + kBlockHeaderSize <= buf.size(); ++o) {
      // Cheap filters first: most offsets of zeros or garbage fail them.
      const char* p = buf.data() + o;
      uint64_t stored_len = DecodeFixed64(p);
      if (stored_len == 0 || static_cast<uint8_t>(p[16]) > 1) continue;
      Result<BlockHeader> h = ParseBlockHeader(std::string_view(p, kBlockHeaderSize));
      if (!h.ok()) continue;
      uint64_t at = base + o;
      if (at + kBlockHeaderSize + h->stored_len > size) continue;  // cannot be complete
      if (h->stored_len > budget) {
        out.gave_up = true;
        out.valid_at = at;
        return out;
      }
      budget -= h->stored_len;
      SLUICE_RETURN_IF_ERROR(file.Read(at + kBlockHeaderSize, static_cast<size_t>(h->stored_len), &body));
      if (DecodeBlockBody(*h, body, *seq).ok()) {
        out.valid_at = at;
        return out;
      }
    }
  }
  return out;
}

}  // namespace

std::string EncodeFileHeader(std::string_view magic, uint64_t seq) {
  std::string out(magic);
  PutFixed32(&out, kFormatVersion);
  PutFixed32(&out, 0);
  PutFixed64(&out, seq);
  PutFixed64(&out, XXH64(out.data(), out.size(), 0));
  return out;
}

Result<uint64_t> ParseFileHeader(std::string_view data, std::string_view magic) {
  if (data.size() < kFileHeaderSize) return Status::Corruption("truncated header");
  if (data.substr(0, 8) != magic) return Status::Corruption("file is not a database", ResultCode::kNotADb);
  if (XXH64(data.data(), 24, 0) != DecodeFixed64(data.data() + 24)) {
    return Status::Corruption("header checksum mismatch");
  }
  uint32_t version = DecodeFixed32(data.data() + 8);
  if (version != kFormatVersion) {
    return Status::Corruption("unsupported format version " + std::to_string(version));
  }
  return DecodeFixed64(data.data() + 16);
}

Status CheckReplaceable(Env* env, const std::string& path) {
  SLUICE_RETURN_IF_ERROR(CheckRegularOrMissing(env, path));
  if (!env->FileExists(path)) return Status::OK();
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, env->NewRandomAccessFile(path));
  std::string head;
  SLUICE_RETURN_IF_ERROR(file->Read(0, kImageMagic.size(), &head));
  if (head.empty() || head == kImageMagic) return Status::OK();
  return Status::Corruption("file is not a database", ResultCode::kNotADb);
}

Status ImageBlocks::ReadStored(size_t i, BlockHeader* header, std::string* stored) const {
  if (i >= offsets_.size()) return Status::Corruption(path_ + ": no image block " + std::to_string(i));
  std::string head;
  SLUICE_RETURN_IF_ERROR(file_->Read(offsets_[i], kBlockHeaderSize, &head));
  Result<BlockHeader> h = ParseBlockHeader(head);
  if (!h.ok()) return Status::Corruption(path_ + ": database image: " + h.status().message());
  *header = *h;
  return file_->Read(offsets_[i] + kBlockHeaderSize, static_cast<size_t>(h->stored_len), stored);
}

Result<std::string> ImageBlocks::Read(size_t i) const {
  BlockHeader h;
  std::string stored;
  SLUICE_RETURN_IF_ERROR(ReadStored(i, &h, &stored));
  Result<std::string> raw = DecodeBlockBody(h, stored, seq_);
  if (!raw.ok()) return Status::Corruption(path_ + ": database image: " + raw.status().message());
  return raw;
}

Result<std::string> ImageBlocks::ReadFramed(size_t i, uint64_t new_seq) const {
  BlockHeader h;
  std::string stored;
  SLUICE_RETURN_IF_ERROR(ReadStored(i, &h, &stored));
  Result<std::string> framed = ResaltBlock(h, stored, seq_, new_seq);
  if (!framed.ok()) return Status::Corruption(path_ + ": database image: " + framed.status().message());
  return framed;
}

Result<std::unique_ptr<DbFiles>> DbFiles::Open(Env* env, const std::string& path,
                                               const std::vector<std::string>& empty_image) {
  // Everything (lock, log, image, rename) works on the real file: renaming
  // a new image over a symlink would replace the link, not its target, and
  // the link and the target would lock different logs.
  SLUICE_ASSIGN_OR_RETURN(std::string real, env->ResolveSymlinks(path));
  SLUICE_RETURN_IF_ERROR(CheckRegularOrMissing(env, real));
  std::unique_ptr<DbFiles> files(new DbFiles(env, real));
  SLUICE_RETURN_IF_ERROR(CheckRegularOrMissing(env, files->log_path_));
  auto is_empty = [&]() -> Result<bool> {
    if (!env->FileExists(real)) return true;
    SLUICE_ASSIGN_OR_RETURN(uint64_t size, env->FileSize(real));
    return size == 0;
  };
  SLUICE_ASSIGN_OR_RETURN(bool empty, is_empty());
  if (empty) {
    // Create under the writer lock so that two creators do not race.
    SLUICE_RETURN_IF_ERROR(files->LockWriter(5000));
    SLUICE_ASSIGN_OR_RETURN(empty, is_empty());
    if (empty) {
      Status s = files->CheckNoLogWithoutImage();
      if (s.ok()) {
        files->seq_ = 0;
        s = files->Checkpoint(empty_image, true);
      }
      if (!s.ok()) {
        files->UnlockWriter();
        return s;
      }
    }
    files->UnlockWriter();
  }
  files->RemoveStaleTemp();
  return files;
}

Status DbFiles::CheckNoLogWithoutImage() {
  if (!env_->FileExists(log_path_)) return Status::OK();
  SLUICE_ASSIGN_OR_RETURN(uint64_t log_size, env_->FileSize(log_path_));
  if (log_size == 0) return Status::OK();  // created by the writer lock only
  // A log is written only after a checkpoint renamed a complete image over
  // PATH, so an empty image next to a non-empty log was truncated. A
  // missing image (deleted) next to a log with no more than a header (a
  // cleanly closed database) leaves nothing to lose.
  bool image_exists = env_->FileExists(path_);
  if (!image_exists) {
    SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> log, env_->NewRandomAccessFile(log_path_));
    SLUICE_ASSIGN_OR_RETURN(TailScan tail, ScanTail(*log, kFileHeaderSize, nullptr));
    if (tail.nonzero_end <= kFileHeaderSize) return Status::OK();
  }
  return FileError(path_, std::string("database disk image is malformed: the database file is ") +
                              (image_exists ? "empty" : "missing") + " but its log " + log_path_ + " holds " +
                              std::to_string(log_size) +
                              " bytes; not starting a new database over them (restore the database file, or "
                              "move the log away to start anew)");
}

void DbFiles::RemoveStaleTemp() {
  std::string tmp = path_ + ".tmp";
  Result<FileType> type = env_->GetFileType(tmp);
  if (!type.ok() || *type != FileType::kRegular) return;
  // Only a writer may: another one's checkpoint could be writing it now.
  if (!LockWriter(0).ok()) return;
  type = env_->GetFileType(tmp);
  if (type.ok() && *type == FileType::kRegular) (void)env_->RemoveFile(tmp);
  UnlockWriter();
}

DbFiles::~DbFiles() { UnlockWriter(); }

Status DbFiles::Fail(Status s) {
  // A full disk stays SQLITE_FULL; anything else is SQLITE_IOERR.
  ResultCode rc = s.result_code() == ResultCode::kFull ? ResultCode::kFull : ResultCode::kIoErr;
  if (sticky_.ok()) sticky_ = Status::IOError("disk I/O error (" + s.message() + ")", rc);
  return sticky_;
}

Status DbFiles::ReadImage(uint64_t* seq, std::string* image, std::shared_ptr<RandomAccessFile>* keep,
                          std::vector<uint64_t>* offsets) {
  SLUICE_ASSIGN_OR_RETURN(std::shared_ptr<RandomAccessFile> file, env_->NewRandomAccessFile(path_));
  SLUICE_ASSIGN_OR_RETURN(uint64_t size, file->Size());
  std::string head;
  SLUICE_RETURN_IF_ERROR(file->Read(0, kFileHeaderSize + kBlockHeaderSize, &head));
  if (head.size() < kFileHeaderSize) {
    // Cut inside the header: a database when what is left of the magic is
    // (empty files never get here: Open makes them new databases).
    size_t n = std::min(head.size(), kImageMagic.size());
    if (n == 0 || head.substr(0, n) != kImageMagic.substr(0, n)) {
      return FileError(path_, "file is not a database", ResultCode::kNotADb);
    }
    return FileError(path_, "database file is truncated");
  }
  Result<uint64_t> parsed = ParseFileHeader(head, kImageMagic);
  if (!parsed.ok()) return FileError(path_, parsed.status().message(), parsed.status().extended_result_code());
  if (head.size() < kFileHeaderSize + kBlockHeaderSize) return FileError(path_, "database file is truncated");
  Result<BlockHeader> block = ParseBlockHeader(std::string_view(head).substr(kFileHeaderSize));
  if (!block.ok()) return FileError(path_, "database image: " + block.status().message());
  uint64_t body_at = kFileHeaderSize + kBlockHeaderSize;
  if (body_at + block->stored_len > size) return FileError(path_, "database file is truncated");
  std::string stored;
  SLUICE_RETURN_IF_ERROR(file->Read(body_at, static_cast<size_t>(block->stored_len), &stored));
  Result<std::string> raw = DecodeBlockBody(*block, stored, *parsed);
  if (!raw.ok()) return FileError(path_, "database image: " + raw.status().message());
  // The other blocks: their headers only, to know where they are.
  std::vector<uint64_t> found;
  for (uint64_t pos = body_at + block->stored_len; pos < size;) {
    std::string bh;
    SLUICE_RETURN_IF_ERROR(file->Read(pos, kBlockHeaderSize, &bh));
    Result<BlockHeader> h = ParseBlockHeader(bh);
    if (!h.ok()) return FileError(path_, "database image: " + h.status().message());
    if (pos + kBlockHeaderSize + h->stored_len > size) return FileError(path_, "database file is truncated");
    found.push_back(pos);
    pos += kBlockHeaderSize + h->stored_len;
  }
  if (offsets != nullptr) *offsets = std::move(found);
  *seq = *parsed;
  *image = std::move(*raw);
  if (keep != nullptr) *keep = std::move(file);
  return Status::OK();
}

namespace {

// The record at `pos` of a log whose seq is `seq`: OK with *raw and *size
// when it is complete and verifies; else *why says what is wrong with it
// ("" when there is nothing there: the end of the file) and *cut whether
// the file ends inside it. *head gets the bytes of its header as read.
Status ReadRecord(const RandomAccessFile& file, uint64_t pos, uint64_t seq, std::string* head, std::string* raw,
                  uint64_t* size, std::string* why, bool* cut) {
  why->clear();
  *cut = false;
  SLUICE_RETURN_IF_ERROR(file.Read(pos, kBlockHeaderSize, head));
  if (head->empty()) return Status::OK();
  if (head->size() < kBlockHeaderSize) {
    *why = "truncated block header";
    *cut = true;
    return Status::OK();
  }
  Result<BlockHeader> block = ParseBlockHeader(*head);
  if (!block.ok()) {
    *why = block.status().message();
    return Status::OK();
  }
  if (block->stored_len > kLogChunk) {
    // Large (or garbage) length: check it against the file before
    // allocating for it.
    SLUICE_ASSIGN_OR_RETURN(uint64_t file_size, file.Size());
    if (pos + kBlockHeaderSize + block->stored_len > file_size) {
      *why = "truncated block";
      *cut = true;
      return Status::OK();
    }
  }
  std::string stored;
  SLUICE_RETURN_IF_ERROR(file.Read(pos + kBlockHeaderSize, static_cast<size_t>(block->stored_len), &stored));
  *cut = stored.size() < block->stored_len;
  Result<std::string> decoded = DecodeBlockBody(*block, stored, seq);
  if (!decoded.ok()) {
    *why = decoded.status().message();
    return Status::OK();
  }
  *raw = std::move(*decoded);
  *size = kBlockHeaderSize + block->stored_len;
  return Status::OK();
}

bool AllZeros(std::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == 0; });
}

}  // namespace

Status DbFiles::ReadLog(uint64_t seq, uint64_t offset, bool scan_zeros, std::vector<std::string>* records,
                        LogRead* out) {
  *out = LogRead();
  // The log keeps its inode for life (it is truncated and appended to,
  // never replaced), so one descriptor serves every later read.
  if (log_reader_ == nullptr) {
    if (!env_->FileExists(log_path_)) return Status::OK();
    SLUICE_ASSIGN_OR_RETURN(log_reader_, env_->NewRandomAccessFile(log_path_));
  }
  RandomAccessFile* file = log_reader_.get();
  // No fstat of the log here on the way of a commit (nor anywhere on the
  // commit path): on ext4 a stat of a file being written makes its next
  // write dirty the inode (i_version), and every commit's fdatasync then
  // writes the inode too. Reads past the end come back short instead; only
  // the rare look past a torn tail or damage asks for the size.
  std::string head;
  SLUICE_RETURN_IF_ERROR(file->Read(0, kFileHeaderSize, &head));
  Result<uint64_t> log_seq = ParseFileHeader(head, kLogMagic);
  if (!log_seq.ok()) {
    // A crash while a log is reset (truncated, then its header written)
    // leaves a short or torn header with nothing after it: ignored. Bytes
    // after a header that does not verify are records that cannot be
    // checked (their seed is in the header): damage.
    if (head.size() < kFileHeaderSize) return Status::OK();
    SLUICE_ASSIGN_OR_RETURN(TailScan tail, ScanTail(*file, kFileHeaderSize, nullptr));
    if (tail.nonzero_end > kFileHeaderSize) {
      std::string why = head.compare(0, kLogMagic.size(), kLogMagic) != 0 ? std::string("not the log magic")
                                                                          : log_seq.status().message();
      out->damage = "log header at offset 0: " + why + ", with " + std::to_string(tail.nonzero_end - kFileHeaderSize) +
                    " bytes of records after it; none of the log's transactions is applied";
    }
    return Status::OK();
  }
  if (*log_seq < seq) return Status::OK();  // stale: its records are in the image
  if (*log_seq > seq) {
    out->newer = true;
    return Status::OK();
  }
  out->stale = false;
  const std::string log_header = head;
  uint64_t pos = std::max<uint64_t>(offset, kFileHeaderSize);
  std::string raw, why;
  uint64_t size = 0;
  bool cut = false;
  for (int recheck = 0;;) {
    SLUICE_RETURN_IF_ERROR(ReadRecord(*file, pos, seq, &head, &raw, &size, &why, &cut));
    if (why.empty() && !head.empty()) {
      records->push_back(std::move(raw));
      pos += size;
      continue;
    }
    // The records end at pos: the end of the file, the zeros the log is
    // grown with, a torn tail, or damage. The log grows in zero-filled
    // steps of kLogChunk *before* a record is written into them, so a crash
    // never leaves the file ending inside or right after a record, but at
    // a step's end (or just after the header of a fresh log): a file cut
    // anywhere else was truncated, and what followed is gone.
    uint64_t cut_at = 0;
    if (head.empty()) {
      if (pos == kFileHeaderSize || pos % kLogChunk == 0) break;
      cut_at = pos;
    } else if (AllZeros(head) && (!scan_zeros || cut)) {
      break;  // the zeros the log is grown with
    } else if (cut) {
      // At a step's end: a power loss that lost a step's allocation with
      // an unsynced record in it (a torn tail), or a damaged length (the
      // scan below tells).
      SLUICE_ASSIGN_OR_RETURN(uint64_t file_size, file->Size());
      if (file_size % kLogChunk != 0) cut_at = file_size;
    }
    TailScan tail;
    if (cut_at == 0) {
      bool cached = !scan_zeros && pos == torn_at_ && head == torn_head_;
      if (cached) {
        out->tail_end = torn_tail_end_;
        break;
      }
      SLUICE_ASSIGN_OR_RETURN(tail, ScanTail(*file, pos, &seq));
      if (tail.valid_at == 0) {
        // A torn tail (or nothing but zeros): nothing after it verifies.
        if (tail.nonzero_end > pos) out->tail_end = tail.nonzero_end;
        if (!scan_zeros) {
          torn_at_ = pos;
          torn_head_ = head;
          torn_tail_end_ = out->tail_end;
        }
        break;
      }
      // A record verifies after the one at pos. A reader may have raced a
      // writer that was appending at pos (the writer writes in order, so
      // that record is complete by now): read it again before calling it
      // damage.
      if (++recheck <= 3) continue;
    }
    // A writer's checkpoint may have reset the log under a reader (it is
    // truncated, then gets a new header): then read again, from the image.
    std::string head_now;
    SLUICE_RETURN_IF_ERROR(file->Read(0, kFileHeaderSize, &head_now));
    if (head_now != log_header) {
      out->newer = true;
      return Status::OK();
    }
    if (cut_at != 0) {
      out->damage = "the log is cut short at offset " + std::to_string(cut_at) +
                    (head.empty() ? ", right after a record" : ", inside the record at offset " + std::to_string(pos)) +
                    " (a crash leaves it at a multiple of " + std::to_string(kLogChunk) +
                    " bytes); the transactions from offset " + std::to_string(pos) + " on are missing";
    } else {
      out->damage = "record at offset " + std::to_string(pos) + ": " + why + ", but " +
                    (tail.gave_up ? "what follows it could not all be checked"
                                  : "a valid record follows it at offset " + std::to_string(tail.valid_at)) +
                    "; the transactions from offset " + std::to_string(pos) + " on are not applied";
    }
    break;
  }
  out->end = pos;
  return Status::OK();
}

void DbFiles::NoteDamage(const std::string& what) {
  if (!damage_.ok()) return;
  Result<std::string> kept = KeepDamagedLog();
  std::string msg = log_path_ + ": database disk image is malformed: " + what + "; the log is left as it is";
  msg += kept.ok() ? ", with a copy in " + *kept : " (no copy could be made: " + kept.status().message() + ")";
  msg += ", and the database is read-only";
  damage_ = Status::Corruption(msg, ResultCode::kCorrupt);
}

Result<std::string> DbFiles::KeepDamagedLog() {
  auto slurp = [&](const std::string& p) -> Result<std::string> {
    SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> in, env_->NewRandomAccessFile(p));
    SLUICE_ASSIGN_OR_RETURN(uint64_t size, in->Size());
    std::string data;
    SLUICE_RETURN_IF_ERROR(in->Read(0, static_cast<size_t>(size), &data));
    return data;
  };
  SLUICE_ASSIGN_OR_RETURN(std::string log, slurp(log_path_));
  // An existing copy with the same bytes is this damage seen before (by
  // this or another connection); one with other bytes is kept too.
  for (int n = 0; n < 100; ++n) {
    std::string target = log_path_ + ".corrupt" + (n == 0 ? "" : "." + std::to_string(n));
    SLUICE_ASSIGN_OR_RETURN(FileType type, env_->GetFileType(target));
    if (type == FileType::kRegular) {
      Result<std::string> old = slurp(target);
      if (old.ok() && *old == log) return target;
      continue;
    }
    if (type != FileType::kMissing) continue;
    std::string tmp = target + ".tmp";
    SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> copy, env_->NewWritableFile(tmp));
    SLUICE_RETURN_IF_ERROR(copy->Append(log));
    SLUICE_RETURN_IF_ERROR(copy->Sync());
    SLUICE_RETURN_IF_ERROR(copy->Close());
    SLUICE_RETURN_IF_ERROR(env_->RenameFile(tmp, target));
    SLUICE_RETURN_IF_ERROR(env_->SyncDir(DirName(target)));
    return target;
  }
  return Status::IOError("too many copies of damaged logs next to " + log_path_);
}

Status DbFiles::Load(std::string* image, std::vector<std::string>* records,
                     std::shared_ptr<const ImageBlocks>* blocks) {
  for (int attempt = 0; attempt < 1000; ++attempt) {
    uint64_t seq;
    SLUICE_ASSIGN_OR_RETURN(uint64_t id_before, env_->FileIdentity(path_));
    std::shared_ptr<RandomAccessFile> file;
    std::vector<uint64_t> offsets;
    SLUICE_RETURN_IF_ERROR(ReadImage(&seq, image, &file, &offsets));
    SLUICE_ASSIGN_OR_RETURN(uint64_t id_after, env_->FileIdentity(path_));
    if (id_before != id_after) continue;  // replaced while we read it
    records->clear();
    LogRead log;
    SLUICE_RETURN_IF_ERROR(ReadLog(seq, kFileHeaderSize, /*scan_zeros=*/true, records, &log));
    if (log.newer) {
      // A checkpoint replaced the image after we read it: read again.
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      continue;
    }
    seq_ = seq;
    log_end_ = log.end;
    tail_end_ = log.tail_end;
    log_current_ = !log.stale;
    if (!log.damage.empty()) NoteDamage(log.damage);
    log_writer_.reset();
    log_alloc_ = 0;
    if (blocks != nullptr) *blocks = std::make_shared<ImageBlocks>(file, path_, seq, offsets);
    image_file_ = std::move(file);
    image_id_ = id_after;
    return Status::OK();
  }
  return Status::TimedOut(path_ + ": the database keeps changing while being read");
}

Status DbFiles::Poll(std::vector<std::string>* records, bool* reload, bool check_image) {
  *reload = false;
  if (check_image) {
    // The image is only ever replaced (renamed over), never changed in place.
    SLUICE_ASSIGN_OR_RETURN(uint64_t id, env_->FileIdentity(path_));
    if (id != image_id_) {
      *reload = true;
      return Status::OK();
    }
  }
  // A damaged log stays where it was: nothing after the damage applies.
  if (!damage_.ok()) return Status::OK();
  LogRead log;
  SLUICE_RETURN_IF_ERROR(ReadLog(seq_, log_end_, /*scan_zeros=*/false, records, &log));
  if (log.newer) {
    *reload = true;
    return Status::OK();
  }
  if (!log.stale) {
    log_current_ = true;
    log_end_ = log.end;
    tail_end_ = log.tail_end;
  }
  if (!log.damage.empty()) NoteDamage(log.damage);
  return Status::OK();
}

Status DbFiles::LockWriter(int timeout_ms) {
  if (lock_ != nullptr) {
    Status s = lock_->Relock(timeout_ms);
    if (!s.ok())
      return s.code() == StatusCode::kTimedOut ? Status::TimedOut("database is locked", ResultCode::kBusy) : s;
  } else {
    Result<std::unique_ptr<FileLock>> lock = env_->LockFile(log_path_, timeout_ms);
    if (!lock.ok()) {
      if (lock.status().code() == StatusCode::kTimedOut)
        return Status::TimedOut("database is locked", ResultCode::kBusy);
      return lock.status();
    }
    lock_ = std::move(*lock);
  }
  locked_ = true;
  return Status::OK();
}

void DbFiles::UnlockWriter() {
  // The lock's and the log's descriptors stay open for our next
  // transaction (Relock; the log writer writes at explicit offsets checked
  // against what we have read).
  if (locked_ && lock_ != nullptr) lock_->Unlock();
  locked_ = false;
}

Status DbFiles::ResetLog(bool sync) {
  if (!damage_.ok()) return damage_;  // never: the damaged log is kept
  log_writer_.reset();
  SLUICE_ASSIGN_OR_RETURN(log_writer_, env_->NewWritableFile(log_path_));
  SLUICE_RETURN_IF_ERROR(log_writer_->Append(EncodeFileHeader(kLogMagic, seq_)));
  if (sync) SLUICE_RETURN_IF_ERROR(log_writer_->Sync());
  log_end_ = kFileHeaderSize;
  log_alloc_ = kFileHeaderSize;
  tail_end_ = 0;
  log_current_ = true;
  return Status::OK();
}

Status DbFiles::Append(const std::string& payload, bool sync) {
  SLUICE_RETURN_IF_ERROR(CheckWritable());
  if (!locked_) return Status::Internal("log append without the writer lock");
  if (!log_current_) {
    Status s = ResetLog(sync);
    if (!s.ok()) return Fail(s);
  } else if (log_writer_ == nullptr) {
    Result<std::unique_ptr<WritableFile>> w = env_->NewUpdatableFile(log_path_);
    if (!w.ok()) return Fail(w.status());
    log_writer_ = std::move(*w);
  }
  // The record goes at the end of the valid records, over whatever follows
  // them (a torn tail, zeros, or records of an older log generation, which
  // fail their salted checksum). The file is grown in zero-filled chunks
  // ahead of the records, so that most commits overwrite allocated blocks
  // and their fdatasync need not also commit a new file size.
  std::string block = EncodeBlock(payload, seq_, 1);
  // Zeros go after the new record only: under the lock every valid record
  // lies before log_end_, so beyond it there is nothing to keep (zeros, a
  // torn tail, an older generation). log_alloc_ is how far we know the file
  // to be written (no stat: see ReadLog).
  Status s;
  if (tail_end_ > log_end_) {
    // A torn tail is cut: zeroed, so that readers stop at a zero header
    // after our record instead of looking past the tail's remains again.
    s = log_writer_->WriteAt(log_end_, std::string(static_cast<size_t>(tail_end_ - log_end_), '\0'));
    if (s.ok()) log_alloc_ = std::max(log_alloc_, tail_end_);
  }
  uint64_t need = log_end_ + block.size();
  if (s.ok() && need > log_alloc_) {
    uint64_t target = (need + kLogChunk - 1) / kLogChunk * kLogChunk;
    s = log_writer_->WriteAt(need, std::string(static_cast<size_t>(target - need), '\0'));
    if (s.ok()) log_alloc_ = target;
  }
  if (s.ok()) s = log_writer_->WriteAt(log_end_, block);
  if (s.ok() && sync) s = log_writer_->Sync();
  if (!s.ok()) return Fail(s);
  log_end_ += block.size();
  tail_end_ = 0;
  return Status::OK();
}

Status DbFiles::Checkpoint(const std::vector<std::string>& image, bool sync) {
  std::vector<ImageBlock> blocks(image.size());
  for (size_t i = 0; i < image.size(); ++i) blocks[i].raw = image[i];
  return Checkpoint(blocks, sync);
}

Status DbFiles::Checkpoint(const std::vector<ImageBlock>& image, bool sync) {
  SLUICE_RETURN_IF_ERROR(CheckWritable());
  if (!locked_) return Status::Internal("checkpoint without the writer lock");
  uint64_t next = seq_ + 1;
  std::string tmp = path_ + ".tmp";
  Status s = [&]() -> Status {
    SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> out, env_->NewWritableFile(tmp));
    SLUICE_RETURN_IF_ERROR(out->Append(EncodeFileHeader(kImageMagic, next)));
    for (const ImageBlock& block : image) {
      if (block.from != nullptr) {
        SLUICE_ASSIGN_OR_RETURN(std::string framed, block.from->ReadFramed(block.index, next));
        SLUICE_RETURN_IF_ERROR(out->Append(framed));
      } else {
        SLUICE_RETURN_IF_ERROR(out->Append(EncodeBlock(block.raw, next, 1)));
      }
    }
    if (sync) SLUICE_RETURN_IF_ERROR(out->Sync());
    SLUICE_RETURN_IF_ERROR(out->Close());
    SLUICE_RETURN_IF_ERROR(env_->RenameFile(tmp, path_));
    if (sync) SLUICE_RETURN_IF_ERROR(env_->SyncDir(DirName(path_)));
    return Status::OK();
  }();
  if (!s.ok()) return Fail(s);
  seq_ = next;
  s = ResetLog(sync);
  if (!s.ok()) return Fail(s);
  // We hold the writer lock, so the image at path_ is ours: pin it and note
  // its identity (else our next Poll would reload what we just wrote).
  Result<std::unique_ptr<RandomAccessFile>> pinned = env_->NewRandomAccessFile(path_);
  Result<uint64_t> id = env_->FileIdentity(path_);
  if (pinned.ok() && id.ok()) {
    image_file_ = std::shared_ptr<RandomAccessFile>(std::move(*pinned));
    image_id_ = *id;
  }
  return Status::OK();
}

std::vector<std::string> DbFiles::Verify() {
  std::vector<std::string> problems;
  uint64_t seq;
  std::string image;
  std::shared_ptr<RandomAccessFile> file;
  std::vector<uint64_t> offsets;
  Status s = ReadImage(&seq, &image, &file, &offsets);
  if (!s.ok()) {
    problems.push_back(s.message());
    return problems;
  }
  ImageBlocks blocks(file, path_, seq, offsets);
  for (size_t i = 0; i < blocks.size(); ++i) {
    Result<std::string> b = blocks.Read(i);
    if (!b.ok()) problems.push_back(b.status().message());
  }
  std::vector<std::string> records;
  LogRead log;
  s = ReadLog(seq, kFileHeaderSize, /*scan_zeros=*/true, &records, &log);
  if (!s.ok()) problems.push_back(s.message());
  if (s.ok() && !log.damage.empty()) NoteDamage(log.damage);
  // Also damage seen before: this connection still shows the log up to it.
  if (!damage_.ok()) problems.push_back(damage_.message());
  return problems;
}

}  // namespace sluice::storage

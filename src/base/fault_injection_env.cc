// FaultInjectionEnv (see fault_injection_env.h for the model).
//
// Call order inside each mutating operation: lock, CountOperation() (which
// may turn the call into a failure before anything touches the disk), the
// base env's operation, and only if that succeeded the bookkeeping (durable
// sizes, journal). A failed operation therefore leaves the model unchanged.
#include "base/fault_injection_env.h"

#include <algorithm>
#include <utility>

namespace sluice {

namespace {

// Lexical normal form used as the key of files and directories: repeated
// slashes, trailing slashes and "." components go; ".." and symlinks stay.
std::string Normalize(const std::string& path) {
  const bool absolute = !path.empty() && path[0] == '/';
  std::string out(absolute ? "/" : "");
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = std::min(path.find('/', i), path.size());
    std::string_view part(path.data() + i, j - i);
    if (!part.empty() && part != ".") {
      if (out.size() > (absolute ? 1u : 0u)) out.push_back('/');
      out.append(part);
    }
    i = j + 1;
  }
  return out.empty() ? std::string(".") : out;
}

}  // namespace

// A WritableFile whose mutating calls go through the env's fault decision
// and whose Sync() records the durable size.
class FaultWritableFile final : public WritableFile {
 public:
  FaultWritableFile(FaultInjectionEnv* env, std::string path, std::unique_ptr<WritableFile> base,
                    std::shared_ptr<FaultInjectionEnv::FileState> state, uint64_t generation)
      : env_(env), path_(std::move(path)), base_(std::move(base)), state_(std::move(state)), generation_(generation) {}

  Status Append(std::string_view data) override {
    std::lock_guard<std::mutex> lock(env_->mu_);
    if (generation_ != env_->generation_) return DeadError("Append");
    switch (env_->CountOperation()) {
      case FaultInjectionEnv::Verdict::kProceed: return base_->Append(data);
      case FaultInjectionEnv::Verdict::kFail: return env_->InjectedError("Append", path_);
      case FaultInjectionEnv::Verdict::kShortWrite: break;
    }
    size_t half = data.size() / 2;
    SLUICE_RETURN_IF_ERROR(base_->Append(data.substr(0, half)));
    return Status::IOError("injected fault: Append " + path_ + " (short write, " + std::to_string(half) + " of " +
                           std::to_string(data.size()) + " bytes)");
  }

  // Overwrites below the durable size are remembered so that a crash can
  // put the durable bytes back; beyond it the size cut-back covers them.
  Status WriteAt(uint64_t offset, std::string_view data) override {
    std::lock_guard<std::mutex> lock(env_->mu_);
    if (generation_ != env_->generation_) return DeadError("WriteAt");
    FaultInjectionEnv::Verdict verdict = env_->CountOperation();
    if (verdict == FaultInjectionEnv::Verdict::kFail) return env_->InjectedError("WriteAt", path_);
    std::string_view part = verdict == FaultInjectionEnv::Verdict::kShortWrite ? data.substr(0, data.size() / 2) : data;
    if (offset < state_->synced_size && !part.empty()) {
      uint64_t n = std::min<uint64_t>(part.size(), state_->synced_size - offset);
      SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> in, env_->base_->NewRandomAccessFile(path_));
      std::string old;
      SLUICE_RETURN_IF_ERROR(in->Read(offset, static_cast<size_t>(n), &old));
      state_->undo.emplace_back(offset, std::move(old));
    }
    SLUICE_RETURN_IF_ERROR(base_->WriteAt(offset, part));
    if (verdict == FaultInjectionEnv::Verdict::kShortWrite) {
      return Status::IOError("injected fault: WriteAt " + path_ + " (short write, " + std::to_string(part.size()) +
                             " of " + std::to_string(data.size()) + " bytes)");
    }
    return Status::OK();
  }

  Status Sync() override {
    std::lock_guard<std::mutex> lock(env_->mu_);
    if (generation_ != env_->generation_) return DeadError("Sync");
    if (env_->CountOperation() != FaultInjectionEnv::Verdict::kProceed) return env_->InjectedError("Sync", path_);
    SLUICE_RETURN_IF_ERROR(base_->Sync());
    state_->synced_size = base_->Size();
    state_->undo.clear();
    return Status::OK();
  }

  Status Close() override { return base_->Close(); }
  uint64_t Size() const override { return base_->Size(); }

 private:
  Status DeadError(const char* op) const {
    return Status::IOError(std::string(op) + " " + path_ + ": file was opened before SimulateCrash()");
  }

  FaultInjectionEnv* const env_;
  const std::string path_;  // as opened (for messages only)
  std::unique_ptr<WritableFile> base_;
  std::shared_ptr<FaultInjectionEnv::FileState> state_;
  const uint64_t generation_;
};

FaultInjectionEnv::FaultInjectionEnv(Env* base) : base_(base) {}
FaultInjectionEnv::~FaultInjectionEnv() = default;

void FaultInjectionEnv::FailAt(uint64_t n, FaultKind kind) {
  std::lock_guard<std::mutex> lock(mu_);
  armed_ = true;
  fail_at_ = op_count_ + n;
  kind_ = kind;
  fired_ = false;
}

void FaultInjectionEnv::set_sticky(bool sticky) {
  std::lock_guard<std::mutex> lock(mu_);
  sticky_ = sticky;
}

void FaultInjectionEnv::ClearFaults() {
  std::lock_guard<std::mutex> lock(mu_);
  armed_ = false;
  fired_ = false;
}

bool FaultInjectionEnv::fault_fired() const {
  std::lock_guard<std::mutex> lock(mu_);
  return fired_;
}

uint64_t FaultInjectionEnv::operation_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return op_count_;
}

FaultInjectionEnv::Verdict FaultInjectionEnv::CountOperation() {
  uint64_t n = op_count_++;
  if (fired_ && sticky_) return Verdict::kFail;
  if (armed_ && n == fail_at_) {
    armed_ = false;
    fired_ = true;
    return kind_ == FaultKind::kShortWrite ? Verdict::kShortWrite : Verdict::kFail;
  }
  return Verdict::kProceed;
}

Status FaultInjectionEnv::InjectedError(const std::string& op, const std::string& path) const {
  return Status::IOError("injected fault: " + op + " " + path);
}

Result<std::unique_ptr<WritableFile>> FaultInjectionEnv::OpenWritable(const std::string& path, int mode) {
  const bool append = mode != 0;  // appending and updating keep the contents
  if (CountOperation() != Verdict::kProceed) {
    return InjectedError(mode == 0 ? "NewWritableFile" : mode == 1 ? "NewAppendableFile" : "NewUpdatableFile", path);
  }
  const std::string key = Normalize(path);
  const bool existed = base_->FileExists(path);
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, mode == 0   ? base_->NewWritableFile(path)
                                                              : mode == 1 ? base_->NewAppendableFile(path)
                                                                          : base_->NewUpdatableFile(path));
  std::shared_ptr<FileState>& state = files_[key];
  if (!state) {
    state = std::make_shared<FileState>();
    // An existing file we never wrote counts as durable as it is.
    state->synced_size = existed && append ? file->Size() : 0;
  } else if (!append || !existed) {
    state->synced_size = 0;  // truncation is modelled as durable at once
  }
  if (!existed) journal_.push_back({PendingChange::kCreate, key, "", false, "", {DirName(key)}});
  return std::unique_ptr<WritableFile>(new FaultWritableFile(this, path, std::move(file), state, generation_));
}

Result<std::unique_ptr<WritableFile>> FaultInjectionEnv::NewWritableFile(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  return OpenWritable(path, 0);
}

Result<std::unique_ptr<WritableFile>> FaultInjectionEnv::NewAppendableFile(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  return OpenWritable(path, 1);
}

Result<std::unique_ptr<WritableFile>> FaultInjectionEnv::NewUpdatableFile(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  return OpenWritable(path, 2);
}

Result<std::unique_ptr<RandomAccessFile>> FaultInjectionEnv::NewRandomAccessFile(const std::string& path) {
  return base_->NewRandomAccessFile(path);
}

bool FaultInjectionEnv::FileExists(const std::string& path) { return base_->FileExists(path); }

Result<uint64_t> FaultInjectionEnv::FileSize(const std::string& path) { return base_->FileSize(path); }

Result<uint64_t> FaultInjectionEnv::FileIdentity(const std::string& path) { return base_->FileIdentity(path); }

Result<FileType> FaultInjectionEnv::GetFileType(const std::string& path) { return base_->GetFileType(path); }

Result<std::string> FaultInjectionEnv::ResolveSymlinks(const std::string& path) { return base_->ResolveSymlinks(path); }

Result<std::unique_ptr<FileLock>> FaultInjectionEnv::LockFile(const std::string& path, int timeout_ms) {
  return base_->LockFile(path, timeout_ms);
}

Result<std::string> FaultInjectionEnv::DurableContent(const std::string& path) {
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, base_->NewRandomAccessFile(path));
  SLUICE_ASSIGN_OR_RETURN(uint64_t size, file->Size());
  auto it = files_.find(path);
  if (it != files_.end()) size = std::min(size, it->second->synced_size);
  std::string content;
  SLUICE_RETURN_IF_ERROR(file->Read(0, static_cast<size_t>(size), &content));
  return content;
}

Status FaultInjectionEnv::RemoveFile(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  if (CountOperation() != Verdict::kProceed) return InjectedError("RemoveFile", path);
  // A missing file: let the base env report it in its own words.
  if (!base_->FileExists(path)) return base_->RemoveFile(path);
  const std::string key = Normalize(path);
  PendingChange change{PendingChange::kRemove, key, "", true, "", {DirName(key)}};
  SLUICE_ASSIGN_OR_RETURN(change.durable_content, DurableContent(key));
  SLUICE_RETURN_IF_ERROR(base_->RemoveFile(path));
  files_.erase(key);
  journal_.push_back(std::move(change));
  return Status::OK();
}

Status FaultInjectionEnv::RenameFile(const std::string& from, const std::string& to) {
  std::lock_guard<std::mutex> lock(mu_);
  if (CountOperation() != Verdict::kProceed) return InjectedError("RenameFile", from + " to " + to);
  const std::string kfrom = Normalize(from);
  const std::string kto = Normalize(to);
  if (kfrom == kto) return base_->RenameFile(from, to);  // a no-op for rename(2) too
  PendingChange change{PendingChange::kRename, kfrom, kto, false, "", {DirName(kfrom)}};
  if (DirName(kto) != DirName(kfrom)) change.unsynced_dirs.push_back(DirName(kto));
  if (base_->FileExists(to)) {
    change.restore = true;
    SLUICE_ASSIGN_OR_RETURN(change.durable_content, DurableContent(kto));
  }
  SLUICE_RETURN_IF_ERROR(base_->RenameFile(from, to));
  files_.erase(kto);
  if (auto it = files_.find(kfrom); it != files_.end()) {
    files_[kto] = std::move(it->second);
    files_.erase(it);
  }
  journal_.push_back(std::move(change));
  return Status::OK();
}

Status FaultInjectionEnv::TruncateFile(const std::string& path, uint64_t size) {
  std::lock_guard<std::mutex> lock(mu_);
  if (CountOperation() != Verdict::kProceed) return InjectedError("TruncateFile", path);
  SLUICE_RETURN_IF_ERROR(base_->TruncateFile(path, size));
  if (auto it = files_.find(Normalize(path)); it != files_.end()) it->second->synced_size = size;
  return Status::OK();
}

Status FaultInjectionEnv::SyncDir(const std::string& dir) {
  std::lock_guard<std::mutex> lock(mu_);
  if (CountOperation() != Verdict::kProceed) return InjectedError("SyncDir", dir);
  SLUICE_RETURN_IF_ERROR(base_->SyncDir(dir));
  const std::string key = Normalize(dir);
  for (PendingChange& change : journal_) std::erase(change.unsynced_dirs, key);
  std::erase_if(journal_, [](const PendingChange& c) { return c.unsynced_dirs.empty(); });
  return Status::OK();
}

Status FaultInjectionEnv::WriteWholeFile(const std::string& path, const std::string& content) {
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, base_->NewWritableFile(path));
  SLUICE_RETURN_IF_ERROR(file->Append(content));
  SLUICE_RETURN_IF_ERROR(file->Sync());
  return file->Close();
}

Status FaultInjectionEnv::UndoChange(const PendingChange& change) {
  switch (change.type) {
    case PendingChange::kCreate:
      if (!base_->FileExists(change.path)) return Status::OK();
      return base_->RemoveFile(change.path);
    case PendingChange::kRename:
      SLUICE_RETURN_IF_ERROR(base_->RenameFile(change.to, change.path));
      if (change.restore) return WriteWholeFile(change.to, change.durable_content);
      return Status::OK();
    case PendingChange::kRemove: return WriteWholeFile(change.path, change.durable_content);
  }
  return Status::Internal("unknown pending change");
}

Status FaultInjectionEnv::SimulateCrash() {
  std::lock_guard<std::mutex> lock(mu_);
  Status first;
  auto note = [&first](const Status& s) {
    if (first.ok() && !s.ok()) first = s;
  };
  // Data first, under the current names: the journal undo then carries each
  // cut-back file to where it was durably.
  for (const auto& [path, state] : files_) {
    if (!base_->FileExists(path)) continue;
    if (!state->undo.empty()) {
      Result<std::unique_ptr<WritableFile>> fix = base_->NewUpdatableFile(path);
      if (!fix.ok()) {
        note(fix.status());
      } else {
        for (auto u = state->undo.rbegin(); u != state->undo.rend(); ++u) note((*fix)->WriteAt(u->first, u->second));
        note((*fix)->Close());
      }
      state->undo.clear();
    }
    Result<uint64_t> size = base_->FileSize(path);
    if (!size.ok()) {
      note(size.status());
    } else if (*size > state->synced_size) {
      note(base_->TruncateFile(path, state->synced_size));
    }
  }
  for (auto it = journal_.rbegin(); it != journal_.rend(); ++it) note(UndoChange(*it));
  files_.clear();
  journal_.clear();
  ++generation_;
  return first;
}

}  // namespace sluice

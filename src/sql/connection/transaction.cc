// Transaction (transaction.h): BEGIN/COMMIT/ROLLBACK, the implicit write
// transaction of a statement, the writer lock of a file database, and
// savepoints.
#include "sql/connection/transaction.h"

#include "sql/connection/database_impl.h"

namespace sluice::sql {

Status Transaction::Begin() {
  if (active_) return Status::InvalidArgument("cannot start a transaction within a transaction");
  // The lock at once (BEGIN IMMEDIATE): a transaction never finds its
  // state overtaken by another writer at its first write.
  SLUICE_RETURN_IF_ERROR(BeginWrite());
  if (db_->durable_ == nullptr) begin_catalog_ = db_->catalog_;
  if (db_->durable_ != nullptr) begin_temp_ = db_->catalog_.OnlyTemp();
  files_data_version_ = db_->catalog_.data_version();
  active_ = true;
  begun_by_savepoint_ = false;
  return Status::OK();
}

Status Transaction::Commit() {
  if (!active_) return Status::InvalidArgument("cannot commit - no transaction is active");
  // Deferred foreign key violations keep the transaction open (sqlite3).
  SLUICE_RETURN_IF_ERROR(CheckDeferredForeignKeys(*db_));
  EndForeignKeyTransaction(*db_);
  // Savepoint copies go first: committing marks the live tables committed
  // in place.
  savepoints_.clear();
  begin_catalog_.reset();
  begin_temp_.reset();
  active_ = false;
  Status s = CommitWrite();
  EndWrite();
  return s;
}

Status Transaction::Rollback() {
  if (!active_) return Status::InvalidArgument("cannot rollback - no transaction is active");
  EndForeignKeyTransaction(*db_);
  savepoints_.clear();
  active_ = false;
  if (db_->durable_ == nullptr) {
    db_->catalog_ = std::move(*begin_catalog_);
    begin_catalog_.reset();
    return Status::OK();
  }
  // The catalog becomes what the files hold (and the TEMP objects of BEGIN).
  std::optional<Catalog> temp = std::move(begin_temp_);
  begin_temp_.reset();
  Status s = db_->Reload(temp.has_value() ? &*temp : nullptr);
  EndWrite();
  return s;
}

Status Transaction::BeginWrite() {
  DurableState* d = db_->durable_.get();
  if (d == nullptr || db_->replaying_ || d->files->writer_locked()) return Status::OK();
  SLUICE_RETURN_IF_ERROR(d->files->CheckWritable());
  SLUICE_RETURN_IF_ERROR(d->files->LockWriter(db_->busy_timeout_ms_));
  Status s = db_->Poll(/*check_image=*/true);
  // The poll may have found the log damaged: nothing may be written then.
  if (s.ok()) s = d->files->CheckWritable();
  if (!s.ok()) d->files->UnlockWriter();
  return s;
}

Status Transaction::CommitWrite() {
  if (db_->durable_ == nullptr || db_->replaying_) return Status::OK();
  Status s = db_->WriteChanges();
  if (!s.ok()) {
    // What is not durable must not stay visible: back to the files' state.
    Status reload = db_->Reload();
    (void)reload;
  }
  return s;
}

void Transaction::EndWrite() {
  if (db_->durable_ != nullptr && !db_->replaying_) db_->durable_->files->UnlockWriter();
}

int Transaction::Find(std::string_view name) const {
  for (size_t i = savepoints_.size(); i-- > 0;) {
    if (NameEqualsNoCase(savepoints_[i].name, name)) return static_cast<int>(i);
  }
  return -1;
}

Status Transaction::Savepoint(std::string_view name) {
  if (!active_) {
    SLUICE_RETURN_IF_ERROR(Begin());
    begun_by_savepoint_ = true;
  }
  // Nothing written since BEGIN on a file database: the files are the
  // state to return to, and no copy keeps the tables shared.
  const bool files_hold_it = db_->durable_ != nullptr && db_->catalog_.data_version() == files_data_version_;
  savepoints_.push_back({std::string(name), files_hold_it ? std::nullopt : std::optional<Catalog>(db_->catalog_)});
  return Status::OK();
}

Status Transaction::Release(std::string_view name) {
  int i = Find(name);
  if (i < 0) return Status::InvalidArgument("no such savepoint: " + std::string(name));
  if (i == 0 && begun_by_savepoint_) return Commit();
  savepoints_.resize(static_cast<size_t>(i));
  return Status::OK();
}

Status Transaction::RollbackTo(std::string_view name) {
  int i = Find(name);
  if (i < 0) return Status::InvalidArgument("no such savepoint: " + std::string(name));
  savepoints_.resize(static_cast<size_t>(i) + 1);
  if (savepoints_.back().catalog.has_value()) {
    db_->catalog_ = *savepoints_.back().catalog;
    return Status::OK();
  }
  // The files hold the savepoint's state (and no one else wrote them: we
  // hold the writer lock). Reload expects no open transaction.
  // Nothing changed since BEGIN (TEMP objects included): BEGIN's TEMP
  // objects are the savepoint's.
  active_ = false;
  Status s = db_->Reload(begin_temp_.has_value() ? &*begin_temp_ : nullptr);
  if (!s.ok()) {
    begin_temp_.reset();
    // The catalog is not the savepoint's: the transaction ends, as a
    // failed ROLLBACK ends it.
    savepoints_.clear();
    EndWrite();
    return s;
  }
  active_ = true;
  files_data_version_ = db_->catalog_.data_version();
  return Status::OK();
}

}  // namespace sluice::sql

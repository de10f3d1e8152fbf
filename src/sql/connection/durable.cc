// DatabaseImpl's file protocol (database_impl.h, "File databases"):
// loading the image and log of storage/db_files.h into the catalog,
// turning each commit into one log record (sql/durable/record_codec.h) or a
// new image, checkpoints, catching up with other processes, the integrity
// check, backup, and the clean close. The writer lock and when to commit
// are the Transaction's (transaction.cc).
#include <algorithm>

#include "base/ascii.h"
#include "base/check.h"
#include "sql/connection/connection_internal.h"
#include "sql/durable/record_codec.h"

namespace sluice::sql {

namespace {

// Above this size a transaction is committed by writing a new image
// instead of a log record (bulk loads: one write of the data, not two).
constexpr size_t kLargeDelta = 16u << 20;
// The log is checkpointed into the image once it holds this much.
constexpr uint64_t kCheckpointLogBytes = 64u << 20;

// The columns of one table in a loaded image.
class ImageColumns : public ColumnSource {
 public:
  ImageColumns(std::shared_ptr<const storage::ImageBlocks> blocks, std::vector<uint64_t> block_of, size_t rows)
      : blocks_(std::move(blocks)), block_of_(std::move(block_of)), rows_(rows) {}
  Result<std::vector<Value>> Load(size_t column) const override {
    if (column >= block_of_.size()) return Status::Internal("no such column block");
    SLUICE_ASSIGN_OR_RETURN(std::string raw, blocks_->Read(static_cast<size_t>(block_of_[column])));
    return durable::DecodeColumn(raw, rows_);
  }
  // Where column `column` is stored (for copying it into a new image).
  bool StoredBlock(size_t column, storage::ImageBlock* out) const {
    if (column >= block_of_.size()) return false;
    out->from = blocks_;
    out->index = static_cast<size_t>(block_of_[column]);
    return true;
  }
  size_t column_count() const { return block_of_.size(); }

 private:
  std::shared_ptr<const storage::ImageBlocks> blocks_;
  std::vector<uint64_t> block_of_;
  size_t rows_;
};

std::string Key(std::string_view name) { return LowerAscii(name); }

}  // namespace

Status DatabaseImpl::OpenFile(const std::string& path, Env* env) {
  auto state = std::make_unique<DurableState>();
  SLUICE_ASSIGN_OR_RETURN(state->files, storage::DbFiles::Open(env, path, durable::EncodeState(Catalog())));
  durable_ = std::move(state);
  Status s = Reload();
  if (!s.ok()) durable_.reset();
  return s;
}

std::vector<std::string> DatabaseImpl::warnings() const {
  // A damaged log: the files keep it, and refuse every write.
  if (!open_warnings_.empty()) return open_warnings_;  // an SQLite file (sqlite_open.cc)
  if (durable_ == nullptr || durable_->files->damage().ok()) return {};
  return {durable_->files->damage().message()};
}

Status DatabaseImpl::RunReplaySql(const std::string& sql) {
  replaying_ = true;
  Status s = Execute(sql);
  replaying_ = false;
  return s;
}

Status DatabaseImpl::Reload(const Catalog* temp_from) {
  std::string image;
  std::vector<std::string> records;
  std::shared_ptr<const storage::ImageBlocks> blocks;
  SLUICE_RETURN_IF_ERROR(durable_->files->Load(&image, &records, &blocks));
  const std::string& path = durable_->files->path();
  Result<durable::Record> state = durable::DecodeRecord(image);
  if (!state.ok()) return Status::Corruption(path + ": " + state.status().message());
  if (state->kind != durable::RecordKind::kState) return Status::Corruption(path + ": image is not a state record");
  SLUICE_DCHECK(!txn_.active());  // a transaction's changes would be lost
  // The connection's TEMP objects are not in the file: they are kept.
  Catalog temp_objects = temp_from != nullptr ? temp_from->OnlyTemp() : catalog_.OnlyTemp();
  catalog_ = Catalog();
  for (const durable::SchemaObject& o : state->schema) {
    Status s = RunReplaySql(o.sql);
    if (!s.ok()) return Status::Corruption(path + ": cannot recreate " + o.name + ": " + s.message());
  }
  for (durable::TableRows& rows : state->tables) {
    TablePtr t = catalog_.FindTable(rows.name);
    if (t == nullptr || rows.column_blocks.size() != t->columns_info.size()) {
      return Status::Corruption(path + ": data for unknown table " + rows.name);
    }
    for (uint64_t b : rows.column_blocks) {
      if (b >= blocks->size()) return Status::Corruption(path + ": missing column block of " + rows.name);
    }
    t->generation = rows.generation;
    catalog_.NoteGeneration(rows.generation);
    size_t n = rows.rowids.size();
    // Columns are read from the image when a statement first needs them.
    t->data.SetLazyColumns(std::make_shared<ImageColumns>(blocks, std::move(rows.column_blocks), n),
                           std::move(rows.rowids));
  }
  if (state->next_generation > 0) catalog_.NoteGeneration(state->next_generation - 1);
  if (state->user_version != 0) catalog_.set_user_version(state->user_version);
  if (state->application_id != 0) catalog_.set_application_id(state->application_id);
  for (const std::string& r : records) SLUICE_RETURN_IF_ERROR(ApplyLogRecord(r));
  MarkCommitted();
  if (temp_objects.HasTemp()) {
    catalog_.AdoptTemp(temp_objects);
    durable_->committed_schema_version = catalog_.schema_version();
  }
  return Status::OK();
}

namespace {

// An `edit` table entry (record_codec.h): deletions, then each listed row
// set by rowid. Rows new to the table are added in rowid order.
void ApplyEdits(durable::TableRows& rows, TableData* t) {
  if (!rows.removed.empty()) {
    std::vector<bool> keep(t->row_count(), true);
    for (int64_t id : rows.removed) {
      int64_t pos = t->FindRowid(id);
      if (pos >= 0) keep[static_cast<size_t>(pos)] = false;
    }
    t->Compact(keep);
  }
  // Rows present are set in place first, then the new ones appended (the
  // listed rowids are distinct, so the order between the two is free).
  std::vector<size_t> added;
  t->BeginUpdate();
  for (size_t i = 0; i < rows.rowids.size(); ++i) {
    int64_t pos = t->FindRowid(rows.rowids[i]);
    if (pos < 0) {
      added.push_back(i);
      continue;
    }
    for (size_t c = 0; c < rows.columns.size(); ++c) {
      t->UpdateValue(c, static_cast<size_t>(pos), std::move(rows.columns[c][i]));
    }
  }
  t->CommitUpdate();
  for (size_t i : added) {
    std::vector<Value> row(rows.columns.size());
    for (size_t c = 0; c < rows.columns.size(); ++c) row[c] = std::move(rows.columns[c][i]);
    t->AppendRow(std::move(row), rows.rowids[i]);
  }
}

}  // namespace

Status DatabaseImpl::ApplyLogRecord(const std::string& data) {
  const std::string& path = durable_->files->path();
  Result<durable::Record> r = durable::DecodeRecord(data);
  if (!r.ok()) return Status::Corruption(path + "-wal: " + r.status().message());
  if (r->kind != durable::RecordKind::kDelta) return Status::Corruption(path + "-wal: unexpected state record");
  for (durable::TableRows& rows : r->tables) {
    TablePtr t = catalog_.Mutable(rows.name);
    if (t == nullptr || t->generation != rows.generation || rows.columns.size() != t->columns_info.size()) {
      return Status::Corruption(path + "-wal: log record for unknown table " + rows.name);
    }
    t->data.ForgetOrigin();  // its rows change below
    if (rows.mode == durable::TableMode::kImage) {
      t->data.SetRows(std::move(rows.columns), std::move(rows.rowids));
    } else if (rows.mode == durable::TableMode::kAppend) {
      // Checked before anything changes; then appended in place.
      if (rows.start != t->row_count()) return Status::Corruption(path + "-wal: log record out of sequence");
      if (!rows.rowids.empty() && t->row_count() > 0 && rows.rowids.front() <= t->data.max_rowid()) {
        return Status::Corruption(path + "-wal: appended rowids out of order");
      }
      SLUICE_RETURN_IF_ERROR(t->EnsureAllColumns());
      t->data.AppendRows(std::move(rows.columns), rows.rowids);
    } else {
      SLUICE_RETURN_IF_ERROR(t->EnsureAllColumns());
      ApplyEdits(rows, &t->data);
    }
    t->data.MarkCommitted();
  }
  return Status::OK();
}

Status DatabaseImpl::LoadTableColumns(std::string_view name) {
  TablePtr t = catalog_.FindTable(name);
  return t == nullptr ? Status::OK() : t->EnsureAllColumns();
}

Status DatabaseImpl::CheckpointCatalog(bool sync) {
  auto stored = [](const Table& t) -> const ImageColumns* {
    const auto* origin = dynamic_cast<const ImageColumns*>(t.data.unchanged_origin());
    return origin != nullptr && origin->column_count() == t.data.column_count() ? origin : nullptr;
  };
  // TEMP objects never reach the file.
  Catalog stored_catalog = catalog_.WithoutTemp();
  for (const TablePtr& t : stored_catalog.tables()) {
    if (stored(*t) == nullptr) SLUICE_RETURN_IF_ERROR(t->EnsureAllColumns());
  }
  auto reuse = [&](const Table& t, size_t column, storage::ImageBlock* out) {
    const ImageColumns* origin = stored(t);
    return origin != nullptr && origin->StoredBlock(column, out);
  };
  return durable_->files->Checkpoint(durable::EncodeState(stored_catalog, reuse), sync);
}

Status DatabaseImpl::LoadAllColumns() {
  for (const TablePtr& t : catalog_.tables()) SLUICE_RETURN_IF_ERROR(t->EnsureAllColumns());
  return Status::OK();
}

void DatabaseImpl::MarkCommitted() {
  durable_->committed.clear();
  for (const TablePtr& t : catalog_.tables()) {
    t->data.MarkCommitted();
    if (t->temp) continue;  // not in the file
    durable_->committed[Key(t->name)] = {t->generation, t->row_count()};
  }
  durable_->committed_schema_version = catalog_.schema_version();
}

Status DatabaseImpl::CatchUp() {
  if (durable_ == nullptr || replaying_ || txn_.active() || durable_->files->writer_locked()) {
    return Status::OK();
  }
  return Poll(/*check_image=*/false);
}

Status DatabaseImpl::Poll(bool check_image) {
  std::vector<std::string> records;
  bool reload = false;
  SLUICE_RETURN_IF_ERROR(durable_->files->Poll(&records, &reload, check_image));
  if (reload) return Reload();
  for (const std::string& r : records) SLUICE_RETURN_IF_ERROR(ApplyLogRecord(r));
  if (!records.empty()) MarkCommitted();
  return Status::OK();
}

Status DatabaseImpl::WriteChanges() {
  storage::DbFiles& files = *durable_->files;
  bool sync = synchronous_ != Synchronous::kOff;
  // Any DDL since the last commit changed the catalog's schema_version.
  bool schema_changed = catalog_.schema_version() != durable_->committed_schema_version;
  std::vector<durable::TableChange> changes;
  size_t bytes = 0;
  // Deleted rows still in storage are dropped first: the row counts below
  // are of live rows.
  for (const TablePtr& t : catalog_.tables()) t->data.EnsureOrdered();
  if (!schema_changed) {
    for (const TablePtr& t : catalog_.tables()) {
      if (t->temp) continue;  // TEMP tables never reach the file
      auto it = durable_->committed.find(Key(t->name));
      if (it == durable_->committed.end() || it->second.first != t->generation) {
        schema_changed = true;  // a table replaced under the same name
        break;
      }
      size_t committed_rows = it->second.second;
      const TableData& d = t->data;
      size_t edits = d.edited_rowids().size() + d.removed_rowids().size();
      if (d.change_state() == TableData::ChangeState::kEdited && edits <= t->row_count() / 2 + 64) {
        changes.push_back({t.get(), durable::TableMode::kEdit, 0});
        bytes += edits * 16 * (d.column_count() + 1);
      } else if (d.change_state() != TableData::ChangeState::kAppended || t->row_count() < committed_rows ||
                 d.clean_rows() != committed_rows) {
        changes.push_back({t.get(), durable::TableMode::kImage, 0});
        bytes += t->row_count() * 16 * (d.column_count() + 1);
      } else if (t->row_count() > committed_rows) {
        changes.push_back({t.get(), durable::TableMode::kAppend, committed_rows});
        bytes += (t->row_count() - committed_rows) * 16 * (d.column_count() + 1);
      }
    }
  }
  if (schema_changed || bytes > kLargeDelta) {
    SLUICE_RETURN_IF_ERROR(CheckpointCatalog(sync));
  } else if (!changes.empty()) {
    SLUICE_RETURN_IF_ERROR(files.Append(durable::EncodeDelta(changes), synchronous_ == Synchronous::kFull));
    if (files.log_bytes() > kCheckpointLogBytes) SLUICE_RETURN_IF_ERROR(CheckpointCatalog(sync));
  }
  MarkCommitted();
  return Status::OK();
}

Status DatabaseImpl::CheckpointNow() {
  if (durable_ == nullptr) return Status::OK();
  bool locked_here = !durable_->files->writer_locked();
  if (locked_here) SLUICE_RETURN_IF_ERROR(txn_.BeginWrite());
  Status s = CheckpointCatalog(synchronous_ != Synchronous::kOff);
  if (s.ok()) MarkCommitted();
  if (locked_here) txn_.EndWrite();
  return s;
}

std::vector<std::string> DatabaseImpl::IntegrityProblems() {
  std::vector<std::string> problems;
  if (durable_ != nullptr) problems = durable_->files->Verify();
  if (Status s = LoadAllColumns(); !s.ok()) problems.push_back(s.message());
  for (const TablePtr& t : catalog_.tables()) {
    const TableData& d = t->data;
    // Rows appended out of rowid order are kept unordered by design: the
    // check is of the order they have once a reader orders them.
    if (d.all_columns_loaded()) d.EnsureOrdered();
    // A column that failed to load counts as empty.
    auto loaded = [&](size_t c) { return d.column_loaded(c) ? d.column(c).size() : size_t{0}; };
    for (size_t c = 0; c < d.column_count(); ++c) {
      if (loaded(c) != d.row_count()) {
        problems.push_back("table " + t->name + ": column " + t->columns_info[c].name + " has the wrong row count");
      }
    }
    for (size_t i = 1; i < d.row_count(); ++i) {
      if (d.rowid(i) <= d.rowid(i - 1)) {
        problems.push_back("table " + t->name + ": rowid " + std::to_string(d.rowid(i)) + " out of order");
        break;
      }
    }
    for (size_t c = 0; c < t->columns_info.size() && c < d.column_count(); ++c) {
      if (!t->columns_info[c].not_null || !d.column_loaded(c)) continue;
      for (const Value& v : d.column(c)) {
        if (v.is_null()) {
          problems.push_back("NULL value in " + t->name + "." + t->columns_info[c].name);
          break;
        }
      }
    }
  }
  return problems;
}

Status DatabaseImpl::Backup(std::string_view path) {
  SLUICE_RETURN_IF_ERROR(LoadAllColumns());
  std::string target(path);
  Env* env = Env::Default();
  // Never overwrite a file that is not a database (sqlite3 refuses too).
  SLUICE_RETURN_IF_ERROR(storage::CheckReplaceable(env, target));
  if (env->FileExists(target)) SLUICE_RETURN_IF_ERROR(env->RemoveFile(target));
  if (env->FileExists(target + "-wal")) SLUICE_RETURN_IF_ERROR(env->RemoveFile(target + "-wal"));
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<storage::DbFiles> files,
                          storage::DbFiles::Open(env, target, durable::EncodeState(catalog_.WithoutTemp())));
  return Status::OK();
}

DatabaseImpl::~DatabaseImpl() {
  // Clean close: fold the log into the image when no one else is writing.
  if (durable_ == nullptr || durable_->files->log_bytes() == 0 || txn_.active()) return;
  if (!durable_->files->CheckWritable().ok()) return;  // a failed write, or a damaged log to keep
  if (durable_->files->writer_locked() || !durable_->files->LockWriter(0).ok()) return;
  if (Poll(/*check_image=*/true).ok()) (void)CheckpointCatalog(synchronous_ != Synchronous::kOff);
  durable_->files->UnlockWriter();
}

}  // namespace sluice::sql

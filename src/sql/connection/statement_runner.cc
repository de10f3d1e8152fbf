// StatementImpl's non-query statements: dispatch to DDL and DML, and the
// transaction statements (BEGIN/COMMIT/ROLLBACK keep or restore a snapshot
// of the catalog).
#include "base/ascii.h"
#include "sql/connection/connection_internal.h"
#include "sql/connection/pragma_schema.h"

namespace sluice::sql {

Status StatementImpl::PrepareDdl() {
  switch (ast_->kind) {
    case StatementKind::kInsert:
    case StatementKind::kUpdate:
    case StatementKind::kDelete: return CheckDml(*db_, *ast_, &error_offset_, &prepared_dml_);
    case StatementKind::kCreateTable:
    case StatementKind::kCreateIndex:
    case StatementKind::kCreateView:
    case StatementKind::kCreateTrigger:
    case StatementKind::kDrop: return CheckDdl(*db_, *ast_, &error_offset_);
    case StatementKind::kSavepoint:
    case StatementKind::kRelease: return Status::InvalidArgument("savepoints are not supported");
    case StatementKind::kRollback:
      if (!ast_->As<RollbackStatement>().savepoint.empty()) {
        return Status::InvalidArgument("savepoints are not supported");
      }
      return Status::OK();
    default: return Status::OK();
  }
}

Result<int64_t> StatementImpl::RunOther() {
  switch (ast_->kind) {
    case StatementKind::kInsert: return RunInsert(*db_, ast_->As<InsertStatement>(), prepared_dml_.get());
    case StatementKind::kUpdate: return RunUpdate(*db_, ast_->As<UpdateStatement>());
    case StatementKind::kDelete: return RunDelete(*db_, ast_->As<DeleteStatement>());
    case StatementKind::kCreateTable:
    case StatementKind::kCreateIndex:
    case StatementKind::kCreateView:
    case StatementKind::kCreateTrigger:
    case StatementKind::kDrop: return RunDdl(*db_, ast_);
    case StatementKind::kBegin:
      if (db_->snapshot()) return Status::InvalidArgument("cannot start a transaction within a transaction");
      // A file database's committed state is in its files, and ROLLBACK
      // reloads it: no copy of the catalog, so the transaction's first
      // write to each table does not copy the table either.
      db_->snapshot() = db_->durable() != nullptr ? Catalog() : db_->catalog();
      return int64_t{0};
    case StatementKind::kCommit:
      if (!db_->snapshot()) return Status::InvalidArgument("cannot commit - no transaction is active");
      db_->snapshot().reset();
      return int64_t{0};
    case StatementKind::kRollback:
      if (!db_->snapshot()) return Status::InvalidArgument("cannot rollback - no transaction is active");
      if (db_->durable() != nullptr) {
        db_->snapshot().reset();
        SLUICE_RETURN_IF_ERROR(db_->RestoreCommitted());
        return int64_t{0};
      }
      db_->catalog() = std::move(*db_->snapshot());
      db_->snapshot().reset();
      return int64_t{0};
    case StatementKind::kPragma:
      SLUICE_RETURN_IF_ERROR(ApplyPragmaSetting(*db_, ast_->As<PragmaStatement>()));
      return int64_t{0};
    case StatementKind::kVacuum:
      if (db_->in_transaction()) return Status::InvalidArgument("cannot VACUUM from within a transaction");
      SLUICE_RETURN_IF_ERROR(db_->CheckpointNow());
      return int64_t{0};
    default:
      // ANALYZE, REINDEX: nothing to do.
      return int64_t{0};
  }
}

bool IsWriteStatement(StatementKind kind) {
  switch (kind) {
    case StatementKind::kInsert:
    case StatementKind::kUpdate:
    case StatementKind::kDelete:
    case StatementKind::kCreateTable:
    case StatementKind::kCreateIndex:
    case StatementKind::kCreateView:
    case StatementKind::kCreateTrigger:
    case StatementKind::kDrop: return true;
    default: return false;
  }
}

namespace {

// Loads what a write statement changes in place: its target table's
// columns (the others stay on disk until read; a checkpoint copies them).
Status LoadWriteTarget(DatabaseImpl& db, const Statement& s) {
  switch (s.kind) {
    case StatementKind::kInsert: return db.LoadTableColumns(s.As<InsertStatement>().table);
    case StatementKind::kUpdate: return db.LoadTableColumns(s.As<UpdateStatement>().table);
    case StatementKind::kDelete: return db.LoadTableColumns(s.As<DeleteStatement>().table);
    case StatementKind::kCreateIndex: return db.LoadTableColumns(s.As<CreateIndexStatement>().table);
    default: return Status::OK();  // new tables, views, triggers, DROP: no rows change in place
  }
}

}  // namespace

Result<int64_t> StatementImpl::RunDurably() {
  DatabaseImpl& db = *db_;
  if (db.durable() == nullptr) return RunOther();
  StatementKind kind = ast_->kind;
  if (kind == StatementKind::kBegin) {
    // BEGIN takes the writer lock at once (as SQLite's BEGIN IMMEDIATE), so
    // a transaction never finds its snapshot overtaken at its first write.
    if (db.in_transaction()) return RunOther();
    SLUICE_RETURN_IF_ERROR(db.BeginWrite());
    Result<int64_t> n = RunOther();
    if (!n.ok()) db.EndWrite();
    return n;
  }
  if (kind == StatementKind::kCommit) {
    SLUICE_ASSIGN_OR_RETURN(int64_t n, RunOther());
    Status s = db.CommitWrite();
    db.EndWrite();
    if (!s.ok()) return s;
    return n;
  }
  if (kind == StatementKind::kRollback) {
    SLUICE_ASSIGN_OR_RETURN(int64_t n, RunOther());
    db.EndWrite();
    return n;
  }
  if (!IsWriteStatement(kind)) return RunOther();
  if (db.in_transaction()) {
    SLUICE_RETURN_IF_ERROR(LoadWriteTarget(db, *ast_));  // writes touch rows in place
    return RunOther();
  }
  SLUICE_RETURN_IF_ERROR(db.BeginWrite());
  Status loaded = LoadWriteTarget(db, *ast_);
  Result<int64_t> n = loaded.ok() ? RunOther() : Result<int64_t>(loaded);
  if (n.ok()) {
    Status s = db.CommitWrite();
    if (!s.ok()) n = s;
  }
  db.EndWrite();
  return n;
}

namespace {

// SQLite's getSafetyLevel: 0/off/no/false, 1/normal, 2/full/yes/true/on,
// 3/extra (as full here); anything else is NORMAL.
Synchronous ParseSynchronous(std::string_view value) {
  std::string v = LowerAscii(value);
  if (v == "0" || v == "off" || v == "no" || v == "false") return Synchronous::kOff;
  if (v == "2" || v == "full" || v == "yes" || v == "true" || v == "on" || v == "3" || v == "extra") {
    return Synchronous::kFull;
  }
  return Synchronous::kNormal;
}

}  // namespace

bool PragmaHasRows(const PragmaStatement& p) {
  std::string name = LowerAscii(p.name);
  if (IsSchemaPragma(name)) return true;
  if (name == "integrity_check" || name == "quick_check" || name == "busy_timeout" || name == "journal_mode" ||
      name == "wal_checkpoint") {
    return true;
  }
  return name == "synchronous" && !p.has_value;
}

std::vector<std::string> PragmaColumnNames(const PragmaStatement& p) {
  std::string name = LowerAscii(p.name);
  if (IsSchemaPragma(name)) return SchemaPragmaColumns(name);
  if (name == "busy_timeout") return {"timeout"};
  if (name == "wal_checkpoint") return {"busy", "log", "checkpointed"};
  return {name};
}

Status ApplyPragmaSetting(DatabaseImpl& db, const PragmaStatement& p) {
  std::string name = LowerAscii(p.name);
  if (!p.has_value) return Status::OK();
  if (name == "synchronous") {
    db.synchronous = ParseSynchronous(p.value);
  } else if (name == "busy_timeout") {
    char* end = nullptr;
    long long ms = std::strtoll(p.value.c_str(), &end, 10);
    db.busy_timeout_ms = ms < 0 ? 0 : static_cast<int>(std::min<long long>(ms, INT32_MAX));
  }
  return Status::OK();
}

Status StatementImpl::RunRowStatement() {
  const PragmaStatement& p = ast_->As<PragmaStatement>();
  std::string name = LowerAscii(p.name);
  SLUICE_RETURN_IF_ERROR(ApplyPragmaSetting(*db_, p));
  std::vector<std::vector<Value>> rows;
  if (IsSchemaPragma(name)) {
    rows = SchemaPragmaRows(db_->catalog(), p);
  } else if (name == "integrity_check" || name == "quick_check") {
    std::vector<std::string> problems = db_->IntegrityProblems();
    if (problems.empty()) rows.push_back({Value::Text("ok")});
    for (const std::string& problem : problems) rows.push_back({Value::Text(problem)});
  } else if (name == "busy_timeout") {
    rows.push_back({Value::Integer(db_->busy_timeout_ms)});
  } else if (name == "synchronous") {
    rows.push_back({Value::Integer(static_cast<int64_t>(db_->synchronous))});
  } else if (name == "journal_mode") {
    rows.push_back({Value::Text(db_->durable() != nullptr ? "wal" : "memory")});
  } else if (name == "wal_checkpoint") {
    if (db_->durable() != nullptr) {
      if (db_->in_transaction()) {
        rows.push_back({Value::Integer(1), Value::Integer(-1), Value::Integer(-1)});
      } else {
        SLUICE_RETURN_IF_ERROR(db_->CheckpointNow());
        rows.push_back({Value::Integer(0), Value::Integer(0), Value::Integer(0)});
      }
    } else {
      rows.push_back({Value::Integer(0), Value::Integer(-1), Value::Integer(-1)});
    }
  }
  chunk_.Reset(names_.size());
  for (auto& row : rows) {
    for (size_t c = 0; c < row.size() && c < names_.size(); ++c) chunk_.column(c).push_back(std::move(row[c]));
  }
  chunk_.SetSize(rows.size());
  return Status::OK();
}

}  // namespace sluice::sql

// ExecCursor (statement_impl.h): the statements that run to completion on
// the first Step — DDL (ddl.cc), DML (dml.cc), BEGIN/COMMIT/ROLLBACK and
// SAVEPOINT/RELEASE/ROLLBACK TO (Transaction), PRAGMAs that only set
// something (pragmas.cc), VACUUM.
// On a file database a write statement outside BEGIN is a transaction of
// its own (Transaction::BeginWrite/CommitWrite/EndWrite).
#include "sql/connection/attach.h"
#include "sql/connection/connection_internal.h"
#include "sql/connection/schema_names.h"
#include "sql/connection/statement_impl.h"
#include "sql/function/raise.h"
#include "sql/connection/vacuum_into.h"

namespace sluice::sql {

Status ExecCursor::Prepare() {
  switch (ast_->kind) {
    case StatementKind::kInsert:
    case StatementKind::kUpdate:
    case StatementKind::kDelete: return CheckDml(*db_, *ast_, &error_offset_, &prepared_dml_, &names_);
    case StatementKind::kCreateTable:
    case StatementKind::kCreateIndex:
    case StatementKind::kCreateView:
    case StatementKind::kCreateTrigger:
    case StatementKind::kDrop:
      if (ast_->kind == StatementKind::kDrop && DropNamesNothing(db_->catalog(), ast_->As<DropStatement>())) {
        return Status::OK();  // IF EXISTS other.x
      }
      return CheckDdl(*db_, *ast_, &error_offset_);
    case StatementKind::kVacuum: return CheckVacuum(ast_->As<VacuumStatement>(), &error_offset_);
    case StatementKind::kAlterTable: return CheckAlterTable(*db_, ast_->As<AlterTableStatement>(), &error_offset_);
    // BEGIN/COMMIT/ROLLBACK, SAVEPOINT/RELEASE/ROLLBACK TO: their errors
    // ("no such savepoint: s", ...) depend on the state when they run, so
    // they are Step's, as in sqlite3.
    default: return Status::OK();
  }
}

// changes() and total_changes() follow the INSERTs, UPDATEs and DELETEs
// that finish, as sqlite3_changes: one that failed counts the rows OR FAIL
// kept, else 0.
void ExecCursor::RecordChanges(int64_t n) {
  if (ast_->kind != StatementKind::kInsert && ast_->kind != StatementKind::kUpdate &&
      ast_->kind != StatementKind::kDelete) {
    return;
  }
  ConnectionState& state = db_->connection_state();
  state.changes = n;
  state.total_changes += n;
}

Result<int64_t> ExecCursor::Run() {
  switch (ast_->kind) {
    case StatementKind::kInsert: return RunInsert(*db_, ast_->As<InsertStatement>(), prepared_dml_.get(), &returned_);
    case StatementKind::kUpdate: return RunUpdate(*db_, ast_->As<UpdateStatement>(), &returned_);
    case StatementKind::kDelete: return RunDelete(*db_, ast_->As<DeleteStatement>(), &returned_);
    case StatementKind::kCreateTable:
    case StatementKind::kCreateIndex:
    case StatementKind::kCreateView:
    case StatementKind::kCreateTrigger:
    case StatementKind::kDrop:
      if (ast_->kind == StatementKind::kDrop && DropNamesNothing(db_->catalog(), ast_->As<DropStatement>())) {
        return int64_t{0};  // IF EXISTS other.x
      }
      return RunDdl(*db_, ast_);
    case StatementKind::kAlterTable: return RunAlterTable(*db_, ast_->As<AlterTableStatement>());
    case StatementKind::kBegin: SLUICE_RETURN_IF_ERROR(db_->transaction().Begin()); return int64_t{0};
    case StatementKind::kCommit:
      if (db_->in_transaction()) SLUICE_RETURN_IF_ERROR(CommitAttached(*db_));  // attach.h
      SLUICE_RETURN_IF_ERROR(db_->transaction().Commit());
      return int64_t{0};
    case StatementKind::kRollback: {
      const std::string& savepoint = ast_->As<RollbackStatement>().savepoint;
      if (!savepoint.empty()) SLUICE_RETURN_IF_ERROR(CheckNoAttachedInTransaction(*db_));
      Status rolled_back = savepoint.empty() ? db_->transaction().Rollback() : db_->transaction().RollbackTo(savepoint);
      // Then the attached databases, main no longer in the transaction.
      if (savepoint.empty()) SLUICE_RETURN_IF_ERROR(RollbackAttached(*db_));
      SLUICE_RETURN_IF_ERROR(rolled_back);
      return int64_t{0};
    }
    case StatementKind::kSavepoint:
      SLUICE_RETURN_IF_ERROR(CheckNoAttachedInTransaction(*db_));
      SLUICE_RETURN_IF_ERROR(db_->transaction().Savepoint(ast_->As<SavepointStatement>().name));
      return int64_t{0};
    case StatementKind::kRelease:
      SLUICE_RETURN_IF_ERROR(CheckNoAttachedInTransaction(*db_));
      SLUICE_RETURN_IF_ERROR(db_->transaction().Release(ast_->As<ReleaseStatement>().name));
      return int64_t{0};
    case StatementKind::kAttach:
      SLUICE_RETURN_IF_ERROR(RunAttach(*db_, ast_->As<AttachStatement>()));
      return int64_t{0};
    case StatementKind::kDetach:
      SLUICE_RETURN_IF_ERROR(RunDetach(*db_, ast_->As<DetachStatement>()));
      return int64_t{0};
    case StatementKind::kPragma:
      SLUICE_RETURN_IF_ERROR(ApplyPragmaSetting(*db_, ast_->As<PragmaStatement>()));
      return int64_t{0};
    case StatementKind::kVacuum:
      if (db_->in_transaction()) return Status::InvalidArgument("cannot VACUUM from within a transaction");
      if (ast_->As<VacuumStatement>().into != nullptr) {
        SLUICE_RETURN_IF_ERROR(RunVacuumInto(*db_, ast_->As<VacuumStatement>()));
        return int64_t{0};
      }
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
    case StatementKind::kDrop:
    case StatementKind::kAlterTable: return true;
    default: return false;
  }
}

namespace {

bool IsTransactionControl(StatementKind kind) {
  switch (kind) {
    case StatementKind::kBegin:
    case StatementKind::kCommit:
    case StatementKind::kRollback:
    case StatementKind::kSavepoint:
    case StatementKind::kRelease: return true;
    default: return false;
  }
}

// Loads what a write statement changes in place: its target table's
// columns (the others stay on disk until read; a checkpoint copies them).
Status LoadWriteTarget(DatabaseImpl& db, const Statement& s) {
  // An INSERT may update an AUTOINCREMENT counter in place too.
  if (s.kind == StatementKind::kInsert && db.catalog().FindTable("sqlite_sequence") != nullptr) {
    SLUICE_RETURN_IF_ERROR(db.LoadTableColumns("sqlite_sequence"));
  }
  switch (s.kind) {
    case StatementKind::kInsert: return db.LoadTableColumns(s.As<InsertStatement>().table);
    case StatementKind::kUpdate: return db.LoadTableColumns(s.As<UpdateStatement>().table);
    case StatementKind::kDelete: return db.LoadTableColumns(s.As<DeleteStatement>().table);
    case StatementKind::kCreateIndex: return db.LoadTableColumns(s.As<CreateIndexStatement>().table);
    case StatementKind::kAlterTable: return db.LoadTableColumns(s.As<AlterTableStatement>().table);
    default: return Status::OK();  // new tables, views, triggers, DROP: no rows change in place
  }
}

// The OR clause of an INSERT or UPDATE (kDefault for other statements).
ConflictResolution StatementConflictClause(const Statement& ast) {
  if (ast.kind == StatementKind::kInsert) return ast.As<InsertStatement>().conflict;
  if (ast.kind == StatementKind::kUpdate) return ast.As<UpdateStatement>().conflict;
  return ConflictResolution::kDefault;
}

}  // namespace

Result<int64_t> ExecCursor::RunInTransaction() {
  DatabaseImpl& db = *db_;
  if (!db.is_file_database()) return Run();
  const bool writing_pragma = ast_->kind == StatementKind::kPragma && IsWritingPragma(ast_->As<PragmaStatement>());
  if (!IsWriteStatement(ast_->kind) && !writing_pragma) return Run();  // incl. transaction control
  if (db.in_transaction()) {
    SLUICE_RETURN_IF_ERROR(LoadWriteTarget(db, *ast_));  // writes touch rows in place
    return Run();
  }
  Transaction& txn = db.transaction();
  SLUICE_RETURN_IF_ERROR(txn.BeginWrite());
  Status loaded = LoadWriteTarget(db, *ast_);
  Result<int64_t> n = loaded.ok() ? Run() : Result<int64_t>(loaded);
  // A statement that failed has undone itself, except for what OR FAIL
  // keeps (the rows it changed before the failing one), which sqlite3
  // commits: commit whatever it left, so that this connection's rows and
  // the file's never differ. With nothing left, nothing is written.
  if (loaded.ok()) {
    Status s = txn.CommitWrite();
    if (!s.ok()) n = s;
  }
  txn.EndWrite();
  return n;
}

Result<bool> ExecCursor::Step() {
  if (returning_) return NextReturned();
  if (finished_) return false;
  finished_ = true;
  if (db_->appender_writing() && IsWriteStatement(ast_->kind)) {
    return Status::InvalidArgument("cannot write while an Appender is writing to this database: Finish it first",
                                   ResultCode::kMisuse);
  }
  // The appender's rows are part of the transaction: a COMMIT, ROLLBACK
  // (TO) or RELEASE now would commit or take back part of them behind its
  // back, and BEGIN or SAVEPOINT would split them.
  if (db_->appender_writing() && IsTransactionControl(ast_->kind)) {
    return Status::InvalidArgument(
        "cannot change the transaction while an Appender is writing to this database: Finish it first",
        ResultCode::kMisuse);
  }
  if (db_->read_only() && IsWriteStatement(ast_->kind)) {
    return Status::InvalidArgument("attempt to write a readonly database", ResultCode::kReadOnly);
  }
  if (!db_->in_transaction()) db_->set_wrote_in_transaction(false);
  if (IsWriteStatement(ast_->kind)) SLUICE_RETURN_IF_ERROR(CheckSingleFileWrite(*db_));  // attach.h
  SetRunning(true);
  db_->connection_state().kept_by_failure = 0;
  Result<int64_t> n = RunInTransaction();
  SetRunning(false);
  RecordChanges(n.ok() ? *n : db_->connection_state().kept_by_failure);
  if (n.ok() && IsWriteStatement(ast_->kind) && db_->in_transaction()) db_->set_wrote_in_transaction(true);
  if (!n.ok()) {
    // sqlite3 rolls the whole transaction back when a statement that
    // writes is interrupted inside BEGIN...COMMIT (the statement itself is
    // undone already); an interrupted query leaves it open.
    // So does OR ROLLBACK on a constraint failure, by its definition (a
    // STRICT type error is no conflict: it only aborts, as in sqlite3).
    const ResultCode code = n.status().extended_result_code();
    bool interrupted = n.status().result_code() == ResultCode::kInterrupt && IsWriteStatement(ast_->kind);
    bool or_rollback = n.status().result_code() == ResultCode::kConstraint && code != ResultCode::kConstraintDataType &&
                       StatementConflictClause(*ast_) == ConflictResolution::kRollback;
    // And RAISE(ROLLBACK) in a trigger program.
    bool raise_rollback = IsRaise(n.status(), RaiseAction::kRollback);
    if ((interrupted || or_rollback || raise_rollback) && db_->in_transaction()) {
      Status rolled_back = db_->transaction().Rollback();
      if (!rolled_back.ok()) return rolled_back;
    }
    return n.status();
  }
  changes_ = *n;
  if (!names_.empty()) return StartReturned();  // RETURNING
  return false;
}

}  // namespace sluice::sql

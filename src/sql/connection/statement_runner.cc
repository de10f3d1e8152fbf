// StatementImpl's non-query statements: dispatch to DDL and DML, and the
// transaction statements (BEGIN/COMMIT/ROLLBACK keep or restore a snapshot
// of the catalog).
#include "sql/connection/connection_internal.h"

namespace sluice::sql {

Status StatementImpl::PrepareDdl() {
  switch (ast_->kind) {
    case StatementKind::kInsert:
    case StatementKind::kUpdate:
    case StatementKind::kDelete:
      return CheckDml(*db_, *ast_, &error_offset_);
    case StatementKind::kCreateTable:
    case StatementKind::kCreateIndex:
    case StatementKind::kCreateView:
    case StatementKind::kCreateTrigger:
    case StatementKind::kDrop:
      return CheckDdl(*db_, *ast_, &error_offset_);
    case StatementKind::kSavepoint:
    case StatementKind::kRelease:
      return Status::InvalidArgument("savepoints are not supported");
    case StatementKind::kRollback:
      if (!ast_->As<RollbackStatement>().savepoint.empty()) {
        return Status::InvalidArgument("savepoints are not supported");
      }
      return Status::OK();
    default:
      return Status::OK();
  }
}

Result<int64_t> StatementImpl::RunOther() {
  switch (ast_->kind) {
    case StatementKind::kInsert: return RunInsert(*db_, ast_->As<InsertStatement>());
    case StatementKind::kUpdate: return RunUpdate(*db_, ast_->As<UpdateStatement>());
    case StatementKind::kDelete: return RunDelete(*db_, ast_->As<DeleteStatement>());
    case StatementKind::kCreateTable:
    case StatementKind::kCreateIndex:
    case StatementKind::kCreateView:
    case StatementKind::kCreateTrigger:
    case StatementKind::kDrop:
      return RunDdl(*db_, ast_);
    case StatementKind::kBegin:
      if (db_->snapshot()) return Status::InvalidArgument("cannot start a transaction within a transaction");
      db_->snapshot() = db_->catalog();
      return int64_t{0};
    case StatementKind::kCommit:
      if (!db_->snapshot()) return Status::InvalidArgument("cannot commit - no transaction is active");
      db_->snapshot().reset();
      return int64_t{0};
    case StatementKind::kRollback:
      if (!db_->snapshot()) return Status::InvalidArgument("cannot rollback - no transaction is active");
      db_->catalog() = std::move(*db_->snapshot());
      db_->snapshot().reset();
      return int64_t{0};
    default:
      // PRAGMA (unknown ones are silently accepted, as SQLite does), VACUUM,
      // ANALYZE, REINDEX: nothing to do in memory.
      return int64_t{0};
  }
}

}  // namespace sluice::sql

// Names and descriptions of SQLite's result codes (include/sluice/result_code.h),
// worded as sqlite3 3.40's sqlite3_errstr() and sqlite3.h.
#include "sluice/result_code.h"

namespace sluice {

std::string_view ResultCodeString(ResultCode code) {
  switch (code) {
    case ResultCode::kAbort: return "query aborted";
    case ResultCode::kRow: return "another row available";
    case ResultCode::kDone: return "no more rows available";
    default: break;
  }
  if (static_cast<int>(code) == 516) return "abort due to ROLLBACK";  // SQLITE_ABORT_ROLLBACK
  switch (PrimaryResultCode(code)) {
    case ResultCode::kOk: return "not an error";
    case ResultCode::kError: return "SQL logic error";
    case ResultCode::kPerm: return "access permission denied";
    case ResultCode::kAbort: return "query aborted";
    case ResultCode::kBusy: return "database is locked";
    case ResultCode::kLocked: return "database table is locked";
    case ResultCode::kNoMem: return "out of memory";
    case ResultCode::kReadOnly: return "attempt to write a readonly database";
    case ResultCode::kInterrupt: return "interrupted";
    case ResultCode::kIoErr: return "disk I/O error";
    case ResultCode::kCorrupt: return "database disk image is malformed";
    case ResultCode::kNotFound: return "unknown operation";
    case ResultCode::kFull: return "database or disk is full";
    case ResultCode::kCantOpen: return "unable to open database file";
    case ResultCode::kProtocol: return "locking protocol";
    case ResultCode::kSchema: return "database schema has changed";
    case ResultCode::kTooBig: return "string or blob too big";
    case ResultCode::kConstraint: return "constraint failed";
    case ResultCode::kMismatch: return "datatype mismatch";
    case ResultCode::kMisuse: return "bad parameter or other API misuse";
    case ResultCode::kAuth: return "authorization denied";
    case ResultCode::kRange: return "column index out of range";
    case ResultCode::kNotADb: return "file is not a database";
    case ResultCode::kNotice: return "notification message";
    case ResultCode::kWarning: return "warning message";
    default: return "unknown error";
  }
}

std::string_view ResultCodeName(ResultCode code) {
  switch (code) {
    case ResultCode::kOk: return "SQLITE_OK";
    case ResultCode::kError: return "SQLITE_ERROR";
    case ResultCode::kInternal: return "SQLITE_INTERNAL";
    case ResultCode::kPerm: return "SQLITE_PERM";
    case ResultCode::kAbort: return "SQLITE_ABORT";
    case ResultCode::kBusy: return "SQLITE_BUSY";
    case ResultCode::kLocked: return "SQLITE_LOCKED";
    case ResultCode::kNoMem: return "SQLITE_NOMEM";
    case ResultCode::kReadOnly: return "SQLITE_READONLY";
    case ResultCode::kInterrupt: return "SQLITE_INTERRUPT";
    case ResultCode::kIoErr: return "SQLITE_IOERR";
    case ResultCode::kCorrupt: return "SQLITE_CORRUPT";
    case ResultCode::kNotFound: return "SQLITE_NOTFOUND";
    case ResultCode::kFull: return "SQLITE_FULL";
    case ResultCode::kCantOpen: return "SQLITE_CANTOPEN";
    case ResultCode::kProtocol: return "SQLITE_PROTOCOL";
    case ResultCode::kEmpty: return "SQLITE_EMPTY";
    case ResultCode::kSchema: return "SQLITE_SCHEMA";
    case ResultCode::kTooBig: return "SQLITE_TOOBIG";
    case ResultCode::kConstraint: return "SQLITE_CONSTRAINT";
    case ResultCode::kMismatch: return "SQLITE_MISMATCH";
    case ResultCode::kMisuse: return "SQLITE_MISUSE";
    case ResultCode::kNoLfs: return "SQLITE_NOLFS";
    case ResultCode::kAuth: return "SQLITE_AUTH";
    case ResultCode::kFormat: return "SQLITE_FORMAT";
    case ResultCode::kRange: return "SQLITE_RANGE";
    case ResultCode::kNotADb: return "SQLITE_NOTADB";
    case ResultCode::kNotice: return "SQLITE_NOTICE";
    case ResultCode::kWarning: return "SQLITE_WARNING";
    case ResultCode::kRow: return "SQLITE_ROW";
    case ResultCode::kDone: return "SQLITE_DONE";
    case ResultCode::kIoErrRead: return "SQLITE_IOERR_READ";
    case ResultCode::kIoErrShortRead: return "SQLITE_IOERR_SHORT_READ";
    case ResultCode::kIoErrWrite: return "SQLITE_IOERR_WRITE";
    case ResultCode::kIoErrFsync: return "SQLITE_IOERR_FSYNC";
    case ResultCode::kIoErrTruncate: return "SQLITE_IOERR_TRUNCATE";
    case ResultCode::kIoErrDelete: return "SQLITE_IOERR_DELETE";
    case ResultCode::kIoErrLock: return "SQLITE_IOERR_LOCK";
    case ResultCode::kBusyTimeout: return "SQLITE_BUSY_TIMEOUT";
    case ResultCode::kCantOpenIsDir: return "SQLITE_CANTOPEN_ISDIR";
    case ResultCode::kConstraintCheck: return "SQLITE_CONSTRAINT_CHECK";
    case ResultCode::kConstraintCommitHook: return "SQLITE_CONSTRAINT_COMMITHOOK";
    case ResultCode::kConstraintForeignKey: return "SQLITE_CONSTRAINT_FOREIGNKEY";
    case ResultCode::kConstraintFunction: return "SQLITE_CONSTRAINT_FUNCTION";
    case ResultCode::kConstraintNotNull: return "SQLITE_CONSTRAINT_NOTNULL";
    case ResultCode::kConstraintPrimaryKey: return "SQLITE_CONSTRAINT_PRIMARYKEY";
    case ResultCode::kConstraintTrigger: return "SQLITE_CONSTRAINT_TRIGGER";
    case ResultCode::kConstraintUnique: return "SQLITE_CONSTRAINT_UNIQUE";
    case ResultCode::kConstraintVtab: return "SQLITE_CONSTRAINT_VTAB";
    case ResultCode::kConstraintRowid: return "SQLITE_CONSTRAINT_ROWID";
    case ResultCode::kConstraintPinned: return "SQLITE_CONSTRAINT_PINNED";
    case ResultCode::kConstraintDataType: return "SQLITE_CONSTRAINT_DATATYPE";
  }
  ResultCode primary = PrimaryResultCode(code);
  return primary == code ? "SQLITE_UNKNOWN" : ResultCodeName(primary);
}

}  // namespace sluice

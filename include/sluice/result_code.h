// ResultCode: SQLite's result codes (sqlite3.h's SQLITE_*), with SQLite's
// own numeric values, for the errors of sluice's SQL engine.
//
// Every Status (status.h) carries one besides its StatusCode, so that an
// embedder, the shell and the servers tell a constraint violation from a
// syntax error or a locked database by number, as with sqlite3_errcode() /
// sqlite3_extended_errcode(), never by reading the message. A primary code
// is the low 8 bits of an extended code (SQLITE_CONSTRAINT_UNIQUE 2067 is
// SQLITE_CONSTRAINT 19 | 8 << 8).
#ifndef SLUICE_RESULT_CODE_H_
#define SLUICE_RESULT_CODE_H_

#include <string_view>

namespace sluice {

enum class ResultCode : int {
  kOk = 0,
  // Primary codes.
  kError = 1,  // SQL error or missing database (the default for SQL errors)
  kInternal = 2,
  kPerm = 3,
  kAbort = 4,
  kBusy = 5,  // the database file is locked ("database is locked")
  kLocked = 6,
  kNoMem = 7,
  kReadOnly = 8,  // attempt to write a read-only database
  kInterrupt = 9,
  kIoErr = 10,    // disk I/O error
  kCorrupt = 11,  // the database disk image is malformed
  kNotFound = 12,
  kFull = 13,      // "database or disk is full"
  kCantOpen = 14,  // unable to open the database file
  kProtocol = 15,
  kEmpty = 16,
  kSchema = 17,
  kTooBig = 18,      // "string or blob too big"
  kConstraint = 19,  // a constraint failed
  kMismatch = 20,    // "datatype mismatch"
  kMisuse = 21,
  kNoLfs = 22,
  kAuth = 23,
  kFormat = 24,
  kRange = 25,   // a bind or column index out of range
  kNotADb = 26,  // "file is not a database"
  kNotice = 27,
  kWarning = 28,
  kRow = 100,
  kDone = 101,
  // Extended codes used by sluice.
  kIoErrRead = 266,
  kIoErrShortRead = 522,
  kIoErrWrite = 778,
  kIoErrFsync = 1034,
  kIoErrTruncate = 1546,
  kIoErrDelete = 2570,
  kIoErrLock = 3850,
  kBusyTimeout = 773,
  kCantOpenIsDir = 526,
  kConstraintCheck = 275,
  kConstraintCommitHook = 531,
  kConstraintForeignKey = 787,
  kConstraintFunction = 1043,
  kConstraintNotNull = 1299,
  kConstraintPrimaryKey = 1555,
  kConstraintTrigger = 1811,
  kConstraintUnique = 2067,
  kConstraintVtab = 2323,
  kConstraintRowid = 2579,
  kConstraintPinned = 2835,
  kConstraintDataType = 3091,
};

// The primary code of a (possibly extended) code: its low 8 bits.
constexpr ResultCode PrimaryResultCode(ResultCode code) {
  return static_cast<ResultCode>(static_cast<int>(code) & 0xff);
}

// sqlite3_errstr(): SQLite's English description of the code's primary
// code ("constraint failed", "database is locked", "unknown error", ...).
std::string_view ResultCodeString(ResultCode code);

// The code's symbolic name as in sqlite3.h ("SQLITE_CONSTRAINT_UNIQUE");
// for an extended code not listed above, the name of its primary code.
std::string_view ResultCodeName(ResultCode code);

}  // namespace sluice

#endif  // SLUICE_RESULT_CODE_H_

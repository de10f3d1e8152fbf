// Status: the outcome of an operation that can fail in an expected way.
//
// Expected failures (bad input, I/O errors, a closed channel) are returned as
// a Status or a Result<T> (see result.h) rather than thrown, so that callers
// see them in the signature and module boundaries never leak exceptions.
// A default-constructed Status is OK.
//
// An error carries a StatusCode (its kind, for every module) and a message,
// and, for the SQL engine's callers, what sqlite3 reports of an error:
//   - its SQLite result code (result_code.h), as sqlite3_errcode() and
//     sqlite3_extended_errcode(). The place that raises the error passes
//     the specific code (Status::InvalidArgument("UNIQUE constraint failed:
//     t.a", ResultCode::kConstraintUnique)); without one, each factory gives
//     the code SQLite uses for errors of its kind (InvalidArgument and
//     NotFound: SQLITE_ERROR, IOError: SQLITE_IOERR, Corruption:
//     SQLITE_CORRUPT, TimedOut: SQLITE_BUSY, ...);
//   - the phase the public SQL API failed in: Database::Prepare (kPrepare)
//     or Statement::Step (kStep); kNone elsewhere;
//   - the error offset: the byte offset of the offending token in the text
//     given to Prepare, as sqlite3_error_offset(); -1 when the error marks
//     no spot.
//
// Cost: an OK Status is one null pointer (nothing allocated, copied or
// freed); an error holds its fields on the heap.
//
// Thread safety: a Status is a value; distinct objects may be used freely
// from different threads.
#ifndef SLUICE_STATUS_H_
#define SLUICE_STATUS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "sluice/result_code.h"

namespace sluice {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller passed something malformed
  kNotFound,
  kIOError,     // the OS refused a read, write, fork, pipe, ...
  kCorruption,  // data does not have the shape it must have
  kClosed,      // the channel or queue was closed
  kTimedOut,
  kCancelled,
  kInternal,  // an invariant of ours broke: a bug
};

// Where the public SQL API failed (sqlite3's shell says "in prepare" or
// "stepping").
enum class ErrorPhase : uint8_t {
  kNone = 0,
  kPrepare,  // Database::Prepare: parsing, binding, planning
  kStep,     // Statement::Step: running
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(const Status& other) : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}
  Status& operator=(const Status& other) {
    if (this != &other) state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
    return *this;
  }
  // A moved-from Status is OK.
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string_view msg, ResultCode rc = ResultCode::kError) {
    return {StatusCode::kInvalidArgument, msg, rc};
  }
  static Status NotFound(std::string_view msg, ResultCode rc = ResultCode::kError) {
    return {StatusCode::kNotFound, msg, rc};
  }
  static Status IOError(std::string_view msg, ResultCode rc = ResultCode::kIoErr) {
    return {StatusCode::kIOError, msg, rc};
  }
  // IOError whose message ends with strerror(errnum).
  static Status FromErrno(std::string_view context, int errnum, ResultCode rc = ResultCode::kIoErr);
  static Status Corruption(std::string_view msg, ResultCode rc = ResultCode::kCorrupt) {
    return {StatusCode::kCorruption, msg, rc};
  }
  static Status Closed(std::string_view msg) { return {StatusCode::kClosed, msg, ResultCode::kMisuse}; }
  static Status TimedOut(std::string_view msg, ResultCode rc = ResultCode::kBusy) {
    return {StatusCode::kTimedOut, msg, rc};
  }
  static Status Cancelled(std::string_view msg) { return {StatusCode::kCancelled, msg, ResultCode::kInterrupt}; }
  static Status Internal(std::string_view msg) { return {StatusCode::kInternal, msg, ResultCode::kInternal}; }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }
  // Empty when OK.
  const std::string& message() const;

  // sqlite3_errcode(): the primary SQLite result code (kOk when OK).
  ResultCode result_code() const { return PrimaryResultCode(extended_result_code()); }
  // sqlite3_extended_errcode(): the result code as raised, e.g.
  // kConstraintUnique (2067) where result_code() is kConstraint (19).
  ResultCode extended_result_code() const { return state_ ? state_->result_code : ResultCode::kOk; }
  ErrorPhase phase() const { return state_ ? state_->phase : ErrorPhase::kNone; }
  // sqlite3_error_offset(): see above; -1 when none (and when OK).
  int64_t error_offset() const { return state_ ? state_->error_offset : -1; }

  // This status with the phase / error offset / result code replaced; an OK
  // status stays OK.
  Status WithPhase(ErrorPhase phase) const& { return Status(*this).WithPhase(phase); }
  Status WithPhase(ErrorPhase phase) && {
    if (state_) state_->phase = phase;
    return std::move(*this);
  }
  Status WithErrorOffset(int64_t offset) const& { return Status(*this).WithErrorOffset(offset); }
  Status WithErrorOffset(int64_t offset) && {
    if (state_) state_->error_offset = offset < 0 ? -1 : offset;
    return std::move(*this);
  }
  Status WithResultCode(ResultCode rc) const& { return Status(*this).WithResultCode(rc); }
  Status WithResultCode(ResultCode rc) && {
    if (state_) state_->result_code = rc;
    return std::move(*this);
  }

  // "OK", or "<code name>: <message>", e.g. "IO error: pipe: Too many open files".
  std::string ToString() const;

  // Equal when every field is.
  friend bool operator==(const Status& a, const Status& b);

 private:
  struct State {
    StatusCode code;
    ResultCode result_code;
    ErrorPhase phase = ErrorPhase::kNone;
    int64_t error_offset = -1;
    std::string message;
  };

  Status(StatusCode code, std::string_view msg, ResultCode rc)
      : state_(std::make_unique<State>(State{code, rc, ErrorPhase::kNone, -1, std::string(msg)})) {}

  std::unique_ptr<State> state_;  // null when OK
};

// The printable name of a code ("OK", "Invalid argument", "IO error", ...).
std::string_view StatusCodeName(StatusCode code);

}  // namespace sluice

// Returns from the enclosing function when `expr` yields a non-OK Status.
#define SLUICE_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::sluice::Status sluice_status_ = (expr);        \
    if (!sluice_status_.ok()) return sluice_status_; \
  } while (0)

#endif  // SLUICE_STATUS_H_

// Status: the outcome of an operation that can fail in an expected way.
//
// Expected failures (bad input, I/O errors, a closed channel) are returned as
// a Status or a Result<T> (see result.h) rather than thrown, so that callers
// see them in the signature and module boundaries never leak exceptions.
// A default-constructed Status is OK. Statuses are cheap to copy when OK.
//
// Thread safety: a Status is a value; distinct objects may be used freely
// from different threads.
#ifndef SLUICE_STATUS_H_
#define SLUICE_STATUS_H_

#include <string>
#include <string_view>
#include <utility>

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

class [[nodiscard]] Status {
 public:
  Status() = default;

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string_view msg) { return {StatusCode::kInvalidArgument, msg}; }
  static Status NotFound(std::string_view msg) { return {StatusCode::kNotFound, msg}; }
  static Status IOError(std::string_view msg) { return {StatusCode::kIOError, msg}; }
  // IOError whose message ends with strerror(errnum).
  static Status FromErrno(std::string_view context, int errnum);
  static Status Corruption(std::string_view msg) { return {StatusCode::kCorruption, msg}; }
  static Status Closed(std::string_view msg) { return {StatusCode::kClosed, msg}; }
  static Status TimedOut(std::string_view msg) { return {StatusCode::kTimedOut, msg}; }
  static Status Cancelled(std::string_view msg) { return {StatusCode::kCancelled, msg}; }
  static Status Internal(std::string_view msg) { return {StatusCode::kInternal, msg}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "OK", or "<code name>: <message>", e.g. "IO error: pipe: Too many open files".
  std::string ToString() const;

  friend bool operator==(const Status& a, const Status& b) { return a.code_ == b.code_ && a.message_ == b.message_; }

 private:
  Status(StatusCode code, std::string_view msg) : code_(code), message_(msg) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
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

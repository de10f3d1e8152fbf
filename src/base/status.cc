// Implementation of sluice::Status printing and comparison (see
// include/sluice/status.h).
#include "sluice/status.h"

#include <cstring>
#include <string>

namespace sluice {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "Invalid argument";
    case StatusCode::kNotFound: return "Not found";
    case StatusCode::kIOError: return "IO error";
    case StatusCode::kCorruption: return "Corruption";
    case StatusCode::kClosed: return "Closed";
    case StatusCode::kTimedOut: return "Timed out";
    case StatusCode::kCancelled: return "Cancelled";
    case StatusCode::kInternal: return "Internal error";
  }
  return "Unknown";
}

Status Status::FromErrno(std::string_view context, int errnum, ResultCode rc) {
  std::string msg(context);
  msg += ": ";
  msg += std::strerror(errnum);
  return IOError(msg, rc);
}

const std::string& Status::message() const {
  static const std::string* const kEmpty = new std::string();
  return state_ ? state_->message : *kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(StatusCodeName(state_->code));
  if (!state_->message.empty()) {
    out += ": ";
    out += state_->message;
  }
  return out;
}

bool operator==(const Status& a, const Status& b) {
  if (a.ok() || b.ok()) return a.ok() == b.ok();
  const Status::State& x = *a.state_;
  const Status::State& y = *b.state_;
  return x.code == y.code && x.result_code == y.result_code && x.phase == y.phase && x.error_offset == y.error_offset &&
         x.message == y.message;
}

}  // namespace sluice

// RAISE() (see raise.h).
#include "sql/function/raise.h"

#include <optional>
#include <string>

#include "sql/value/cast.h"

namespace sluice::sql {

// The action is told by the StatusCode under SQLITE_CONSTRAINT_TRIGGER, so
// that it survives every layer a Status passes through unchanged.
Status RaiseStatus(RaiseAction action, std::string_view message) {
  switch (action) {
    case RaiseAction::kIgnore: return Status::TimedOut("RAISE(IGNORE)", ResultCode::kConstraintTrigger);
    case RaiseAction::kRollback: return Status::Corruption(message, ResultCode::kConstraintTrigger);
    case RaiseAction::kAbort: return Status::InvalidArgument(message, ResultCode::kConstraintTrigger);
    case RaiseAction::kFail: return Status::NotFound(message, ResultCode::kConstraintTrigger);
  }
  return Status::Internal("unknown RAISE action");
}

bool IsRaise(const Status& s, RaiseAction action) {
  if (s.extended_result_code() != ResultCode::kConstraintTrigger) return false;
  switch (action) {
    case RaiseAction::kIgnore: return s.code() == StatusCode::kTimedOut;
    case RaiseAction::kRollback: return s.code() == StatusCode::kCorruption;
    case RaiseAction::kAbort: return s.code() == StatusCode::kInvalidArgument;
    case RaiseAction::kFail: return s.code() == StatusCode::kNotFound;
  }
  return false;
}

namespace {

Result<Value> Raise(const FunctionContext&, std::span<const Value> args) {
  auto action = static_cast<RaiseAction>(args[0].integer());
  std::string message;
  if (args.size() > 1 && !args[1].is_null()) message = std::string(CastValue(args[1], Affinity::kText).bytes());
  return RaiseStatus(action, message);
}

}  // namespace

const FunctionDef& RaiseFunction() {
  static const FunctionDef def{"raise", 1, 2, /*deterministic=*/false, &Raise, std::nullopt};
  return def;
}

}  // namespace sluice::sql

// RAISE() of trigger programs: the function the binder binds RAISE(kind,
// message) to, and the errors it produces. The trigger runner and the
// modify operators tell the kinds apart with IsRaise.
#ifndef SLUICE_SQL_FUNCTION_RAISE_H_
#define SLUICE_SQL_FUNCTION_RAISE_H_

#include <cstdint>
#include <string_view>

#include "sluice/status.h"
#include "sql/function/function_registry.h"

namespace sluice::sql {

// In the order of the AST's RaiseKind.
enum class RaiseAction : uint8_t { kIgnore, kRollback, kAbort, kFail };

// The Status of RAISE(action, message): SQLITE_CONSTRAINT_TRIGGER with
// the message; RAISE(IGNORE) is a signal the trigger runner consumes,
// never reported.
Status RaiseStatus(RaiseAction action, std::string_view message);
bool IsRaise(const Status& s, RaiseAction action);

// raise(action, message): always fails with RaiseStatus; `action` is a
// RaiseAction as an integer. Not deterministic, so that constant folding
// leaves it to the evaluation of the branch it is on.
const FunctionDef& RaiseFunction();

}  // namespace sluice::sql

#endif  // SLUICE_SQL_FUNCTION_RAISE_H_

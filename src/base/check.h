// SLUICE_CHECK / SLUICE_DCHECK: invariants of ours that must hold.
//
// A failed check is a bug in sluice, never a user's error (those are
// returned as a Status): it prints the condition, file and line to stderr
// and aborts, so that tests and sanitizers stop at the first broken
// invariant instead of computing a wrong answer. SLUICE_CHECK is always
// evaluated; SLUICE_DCHECK only where SLUICE_DCHECK_ON is defined (the
// sanitizer and Debug builds, see CMakeLists.txt), so it may guard hot paths.
//
//   SLUICE_CHECK(node.kind == PlanKind::kJoin);
//   SLUICE_CHECK_MSG(state_ == State::kLoaded, "rows read before the table was loaded");
#ifndef SLUICE_BASE_CHECK_H_
#define SLUICE_BASE_CHECK_H_

namespace sluice::internal {

// Prints "file:line: check failed: condition (message)" and aborts.
[[noreturn]] void CheckFailed(const char* file, int line, const char* condition, const char* message);

}  // namespace sluice::internal

#define SLUICE_CHECK_MSG(condition, message)                                    \
  do {                                                                          \
    if (!(condition)) [[unlikely]]                                              \
      ::sluice::internal::CheckFailed(__FILE__, __LINE__, #condition, message); \
  } while (0)
#define SLUICE_CHECK(condition) SLUICE_CHECK_MSG(condition, nullptr)

#ifndef SLUICE_DCHECK_ON
// Not evaluated, but still compiled, so that it cannot rot.
#define SLUICE_DCHECK_MSG(condition, message) \
  do {                                        \
    if (false) (void)(condition);             \
  } while (0)
#else
#define SLUICE_DCHECK_MSG(condition, message) SLUICE_CHECK_MSG(condition, message)
#endif
#define SLUICE_DCHECK(condition) SLUICE_DCHECK_MSG(condition, nullptr)

#endif  // SLUICE_BASE_CHECK_H_

// The failure path of SLUICE_CHECK (check.h).
#include "base/check.h"

#include <cstdio>
#include <cstdlib>

namespace sluice::internal {

void CheckFailed(const char* file, int line, const char* condition, const char* message) {
  if (message != nullptr) {
    std::fprintf(stderr, "%s:%d: check failed: %s (%s)\n", file, line, condition, message);
  } else {
    std::fprintf(stderr, "%s:%d: check failed: %s\n", file, line, condition);
  }
  std::fflush(stderr);
  std::abort();
}

}  // namespace sluice::internal

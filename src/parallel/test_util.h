// Helpers shared by the parallel tests: ThreadSanitizer detection (to scale
// item counts down under TSan, which slows synchronization ~10x) and a
// bounded wait for "this should happen soon" assertions.
#ifndef SLUICE_SRC_PARALLEL_TEST_UTIL_H_
#define SLUICE_SRC_PARALLEL_TEST_UTIL_H_

#include <chrono>
#include <thread>

#if defined(__SANITIZE_THREAD__)
#define SLUICE_UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SLUICE_UNDER_TSAN 1
#endif
#endif
#ifndef SLUICE_UNDER_TSAN
#define SLUICE_UNDER_TSAN 0
#endif

namespace sluice::parallel::testing {

inline constexpr bool kUnderTsan = SLUICE_UNDER_TSAN != 0;

// Long enough that a correct implementation never hits it, short enough
// that a hang fails the test instead of the ctest timeout.
inline constexpr std::chrono::seconds kGenerous{10};

// Polls `condition` until true or kGenerous passes; returns its last value.
template <typename Condition>
bool Eventually(Condition condition) {
  const auto deadline = std::chrono::steady_clock::now() + kGenerous;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

// For "this must NOT happen (yet)" checks: how long to give it the chance.
inline constexpr std::chrono::milliseconds kShortWhile{50};

}  // namespace sluice::parallel::testing

#endif  // SLUICE_SRC_PARALLEL_TEST_UTIL_H_

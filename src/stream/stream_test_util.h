// Helpers shared by the stream module's tests: Python-style next() over an
// iterator pair, an instance-counting element type, and running a function
// on a thread with a deliberately small stack (to prove that code does not
// recurse on input-controlled depth).
#ifndef SLUICE_SRC_STREAM_STREAM_TEST_UTIL_H_
#define SLUICE_SRC_STREAM_STREAM_TEST_UTIL_H_

#include <pthread.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <iterator>
#include <utility>

#include "gtest/gtest.h"

// clang 14 cannot instantiate libstdc++ 12's std::ranges views (its
// view_interface), so tests that mix in std::views run with gcc (and newer
// clang) only. sluice::views themselves work with both compilers.
#if defined(__clang__) && defined(__GLIBCXX__) && __clang_major__ < 15
#define SLUICE_TEST_STD_VIEWS 0
#else
#define SLUICE_TEST_STD_VIEWS 1
#endif

namespace sluice::stream_test {

// Python's StopIteration and next(iterator).
struct StopIteration {};

template <typename It, typename Sent>
auto Next(It& it, const Sent& end) {
  if (it == end) throw StopIteration{};
  auto value = *it;
  ++it;
  return value;
}

// Counts live instances, to observe which stream nodes are still alive.
struct Counted {
  static inline std::atomic<long> live{0};
  long v = 0;
  explicit Counted(long value) : v(value) { ++live; }
  Counted(const Counted& o) : v(o.v) { ++live; }
  Counted(Counted&& o) noexcept : v(o.v) { ++live; }
  Counted& operator=(const Counted&) = default;
  Counted& operator=(Counted&&) = default;
  ~Counted() { --live; }
};

// Runs fn on a new thread whose stack is `stack_bytes` large and waits.
inline void RunOnSmallStack(std::size_t stack_bytes, std::function<void()> fn) {
  pthread_attr_t attr;
  ASSERT_EQ(pthread_attr_init(&attr), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&attr, stack_bytes), 0);
  pthread_t thread;
  auto trampoline = [](void* arg) -> void* {
    (*static_cast<std::function<void()>*>(arg))();
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&thread, &attr, trampoline, &fn), 0);
  ASSERT_EQ(pthread_join(thread, nullptr), 0);
  pthread_attr_destroy(&attr);
}

}  // namespace sluice::stream_test

#endif  // SLUICE_SRC_STREAM_STREAM_TEST_UTIL_H_

// Fatal(): how the stream module reports misuse that is a bug in the caller
// (first() of an empty stream, chunk(0), an index out of range). Such calls
// are not expected failures, so they do not return a Status; they print the
// reason and abort, in release builds too (habit 12: assert with a message).
#ifndef SLUICE_STREAM_CHECK_H_
#define SLUICE_STREAM_CHECK_H_

#include <cstdio>
#include <cstdlib>

namespace sluice::stream_detail {

[[noreturn]] inline void Fatal(const char* what) {
  std::fprintf(stderr, "sluice stream: %s\n", what);
  std::fflush(stderr);
  std::abort();
}

}  // namespace sluice::stream_detail

#endif  // SLUICE_STREAM_CHECK_H_

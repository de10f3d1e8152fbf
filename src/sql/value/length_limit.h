// The length limit of TEXT and BLOB values (SQLITE_MAX_LENGTH): every
// producer of a string (literals, ||, replace(), printf(), group_concat(),
// zeroblob(), ...) checks it before or while building, so hostile input
// fails with SQLite's `string or blob too big` (SQLITE_TOOBIG) instead of
// exhausting memory.
//
// A value may be at most MaxValueLength() bytes long (sqlite3 3.40 refuses
// a value "longer than" SQLITE_LIMIT_LENGTH). The limit is process-wide;
// tests lower it with ScopedMaxValueLengthForTesting to exercise every
// check with small inputs.
#ifndef SLUICE_SQL_VALUE_LENGTH_LIMIT_H_
#define SLUICE_SQL_VALUE_LENGTH_LIMIT_H_

#include <cstddef>
#include <cstdint>

#include "sluice/status.h"

namespace sluice::sql {

// SQLITE_MAX_LENGTH.
inline constexpr int64_t kMaxValueLength = 1000000000;

// The limit in force: kMaxValueLength unless a test lowered it.
int64_t MaxValueLength();

// True when a TEXT or BLOB of `bytes` bytes is too long.
inline bool ExceedsMaxValueLength(uint64_t bytes) { return bytes > static_cast<uint64_t>(MaxValueLength()); }

// `string or blob too big` with SQLITE_TOOBIG.
Status TooBigError();

// Test only: lowers the limit while it lives. Not thread-safe with
// concurrent statements of other tests; nests.
class ScopedMaxValueLengthForTesting {
 public:
  explicit ScopedMaxValueLengthForTesting(int64_t limit);
  ~ScopedMaxValueLengthForTesting();
  ScopedMaxValueLengthForTesting(const ScopedMaxValueLengthForTesting&) = delete;
  ScopedMaxValueLengthForTesting& operator=(const ScopedMaxValueLengthForTesting&) = delete;

 private:
  int64_t saved_;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_VALUE_LENGTH_LIMIT_H_

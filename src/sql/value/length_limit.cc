// The TEXT/BLOB length limit (length_limit.h).
#include "sql/value/length_limit.h"

#include <atomic>

#include "sluice/result_code.h"

namespace sluice::sql {
namespace {

std::atomic<int64_t> g_max_value_length{kMaxValueLength};

}  // namespace

int64_t MaxValueLength() { return g_max_value_length.load(std::memory_order_relaxed); }

Status TooBigError() { return Status::InvalidArgument("string or blob too big", ResultCode::kTooBig); }

ScopedMaxValueLengthForTesting::ScopedMaxValueLengthForTesting(int64_t limit) : saved_(MaxValueLength()) {
  g_max_value_length.store(limit, std::memory_order_relaxed);
}

ScopedMaxValueLengthForTesting::~ScopedMaxValueLengthForTesting() {
  g_max_value_length.store(saved_, std::memory_order_relaxed);
}

}  // namespace sluice::sql

#include "mapreduce/long_sum.h"

#include <charconv>
#include <stdexcept>

#include "sluice/mapreduce.h"

namespace sluice::mapreduce {
namespace {

// At most 40 bytes of `s`, quoted, for error messages.
std::string Quote(std::string_view s) {
  std::string q = "\"";
  q.append(s.substr(0, 40));
  if (s.size() > 40) q += "...";
  return q + "\"";
}

}  // namespace

std::string LongSumValueError(std::string_view key, std::string_view value) {
  return "LongSum: value " + Quote(value) + " of key " + Quote(key) + " is not a decimal integer of 64 bits";
}

std::string LongSumOverflowError(std::string_view key) {
  return "LongSum: the sum of key " + Quote(key) + " overflows 64 bits";
}

void LongSum::operator()(std::string_view key, ValueIterator& values, Emitter& out) const {
  std::int64_t sum = 0;
  for (std::string_view v : values) {
    std::int64_t n;
    if (!ParseLongSumValue(v, &n)) throw std::invalid_argument(LongSumValueError(key, v));
    if (!AddLongSum(&sum, n)) throw std::invalid_argument(LongSumOverflowError(key));
  }
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, sum);
  out.emit(key, std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

}  // namespace sluice::mapreduce

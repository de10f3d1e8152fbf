// The parts of LongSum (include/sluice/mapreduce.h) that the hash combiner
// shares, so its running sums accept and reject exactly what LongSum does.
#ifndef SLUICE_MAPREDUCE_LONG_SUM_H_
#define SLUICE_MAPREDUCE_LONG_SUM_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace sluice::mapreduce {

// Parses [+-]?[0-9]+ within 64 bits; false for anything else.
inline bool ParseLongSumValue(std::string_view text, std::int64_t* value) {
  std::size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) i = 1;
  if (i == text.size()) return false;
  std::uint64_t magnitude = 0;
  for (; i < text.size(); ++i) {
    const unsigned digit = static_cast<unsigned char>(text[i]) - static_cast<unsigned>('0');
    if (digit > 9) return false;
    if (magnitude > (UINT64_MAX - digit) / 10) return false;
    magnitude = magnitude * 10 + digit;
  }
  const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
  if (magnitude > limit) return false;
  *value = negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
  return true;
}

// *sum += v; false on overflow.
inline bool AddLongSum(std::int64_t* sum, std::int64_t v) { return !__builtin_add_overflow(*sum, v, sum); }

std::string LongSumValueError(std::string_view key, std::string_view value);
std::string LongSumOverflowError(std::string_view key);

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_LONG_SUM_H_

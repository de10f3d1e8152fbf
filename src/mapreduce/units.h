// Sizes ("64M", "16MiB", "1g", "4096") and durations ("10m", "30s",
// "500ms") as the command line spells them.
#ifndef SLUICE_MAPREDUCE_UNITS_H_
#define SLUICE_MAPREDUCE_UNITS_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "sluice/result.h"

namespace sluice::mapreduce {

// Bytes. Suffixes K, M, G, T (powers of 1024, optionally followed by "iB"
// or "B"), case-insensitive; no suffix: bytes. InvalidArgument otherwise.
Result<std::uint64_t> ParseSize(std::string_view text);

// Suffixes ms, s, m, h; no suffix: seconds. "0" is allowed (no limit).
Result<std::chrono::milliseconds> ParseDuration(std::string_view text);

// "1.5 MiB", "200 B": for messages and the summary.
std::string FormatBytes(double bytes);

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_UNITS_H_

#include "mapreduce/units.h"

#include <cctype>
#include <cmath>
#include <cstdio>

#include "base/ascii.h"

namespace sluice::mapreduce {
namespace {

// Splits "16MiB" into 16 and "mib"; false if there is no leading number.
bool SplitNumber(std::string_view text, double* number, std::string* suffix) {
  std::size_t i = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
  if (i == 0) return false;
  std::string digits(text.substr(0, i));
  char* end = nullptr;
  *number = std::strtod(digits.c_str(), &end);
  if (end != digits.c_str() + digits.size()) return false;
  *suffix = LowerAscii(text.substr(i));
  return true;
}

}  // namespace

Result<std::uint64_t> ParseSize(std::string_view text) {
  double n = 0;
  std::string suffix;
  auto bad = [&] {
    return Status::InvalidArgument("bad size '" + std::string(text) + "' (expected e.g. 4096, 512K, 64M, 1G)");
  };
  if (!SplitNumber(text, &n, &suffix)) return bad();
  double mult = 1;
  if (!suffix.empty() && suffix != "b") {
    std::string unit = suffix.substr(0, 1);
    std::string rest = suffix.substr(1);
    if (rest != "" && rest != "b" && rest != "ib") return bad();
    if (unit == "k")
      mult = 1024.0;
    else if (unit == "m")
      mult = 1024.0 * 1024;
    else if (unit == "g")
      mult = 1024.0 * 1024 * 1024;
    else if (unit == "t")
      mult = 1024.0 * 1024 * 1024 * 1024;
    else
      return bad();
  }
  double bytes = n * mult;
  if (!(bytes < 1.8e19)) return bad();
  return static_cast<std::uint64_t>(std::llround(bytes));
}

Result<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  double n = 0;
  std::string suffix;
  if (!SplitNumber(text, &n, &suffix)) {
    return Status::InvalidArgument("bad duration '" + std::string(text) + "' (expected e.g. 500ms, 30s, 10m, 1h)");
  }
  double ms;
  if (suffix == "ms")
    ms = n;
  else if (suffix.empty() || suffix == "s")
    ms = n * 1000;
  else if (suffix == "m" || suffix == "min")
    ms = n * 60'000;
  else if (suffix == "h")
    ms = n * 3'600'000;
  else
    return Status::InvalidArgument("bad duration '" + std::string(text) + "' (expected e.g. 500ms, 30s, 10m, 1h)");
  return std::chrono::milliseconds(static_cast<long long>(std::llround(ms)));
}

std::string FormatBytes(double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  while (bytes >= 1024 && u < 4) {
    bytes /= 1024;
    ++u;
  }
  char buf[32];
  if (u == 0)
    std::snprintf(buf, sizeof buf, "%.0f %s", bytes, units[u]);
  else
    std::snprintf(buf, sizeof buf, "%.1f %s", bytes, units[u]);
  return buf;
}

}  // namespace sluice::mapreduce

// The command line shared by the native MapReduce examples:
//   NAME [--parallel N] [--reducers R] [--sort-memory SIZE] [--split-size SIZE]
//        [--overwrite] [--quiet] [--help] INPUT... OUTPUT
// Runs `job` with sluice::mapreduce::RunNativeJob; exit 0 on success (and
// for --help), 1 if the job failed, 2 for a usage or setup error. Bad
// option values are usage errors naming the option, before anything is
// written; the limits are those of `sluice mr run`.
#ifndef SLUICE_EXAMPLES_MAPREDUCE_EXAMPLE_MAIN_H_
#define SLUICE_EXAMPLES_MAPREDUCE_EXAMPLE_MAIN_H_

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "sluice/mapreduce.h"

namespace sluice::examples {

// Sums decimal values (the reducer and combiner of counting jobs).
inline long SumValues(mapreduce::ValueIterator& values) {
  long total = 0;
  for (std::string_view v : values) {
    long n = 0;
    std::from_chars(v.data(), v.data() + v.size(), n);
    total += n;
  }
  return total;
}

inline void PrintUsage(std::FILE* out, const char* name) {
  std::fprintf(out,
               "usage: %s [--parallel N] [--reducers R] [--sort-memory SIZE] [--split-size SIZE] [--overwrite] "
               "[--quiet] INPUT... OUTPUT\n",
               name);
}

inline void PrintHelp(const char* name) {
  PrintUsage(stdout, name);
  std::printf(
      "Runs the example as a native MapReduce job; writes OUTPUT/part-NNNNN and OUTPUT/_SUCCESS.\n"
      "INPUT: files, directories (their files) or glob patterns such as 'in/*.txt'.\n"
      "  --parallel N        tasks run at once, 1 to %lu (default: number of CPUs)\n"
      "  --reducers R        reduce tasks = part files, 0 to %lu (default 1; 0: map-only)\n"
      "  --sort-memory SIZE  memory for all sort buffers and merges, e.g. 16M (default 256M)\n"
      "  --split-size SIZE   input split size, e.g. 64M (default 64M)\n"
      "  --overwrite         replace OUTPUT if it exists\n"
      "  --quiet             no progress and no summary\n"
      "  -h, --help          this help\n"
      "Exit status: 0 success, 1 the job failed, 2 usage or setup error.\n",
      static_cast<unsigned long>(mapreduce::kMaxParallel), static_cast<unsigned long>(mapreduce::kMaxReducers));
}

// A usage error: "NAME: OPTION: MESSAGE", exit 2 (nothing written yet).
[[noreturn]] inline void OptionError(const char* name, const std::string& option, const std::string& message) {
  std::fprintf(stderr, "%s: %s: %s\n", name, option.c_str(), message.c_str());
  std::exit(2);
}

// A whole number in [lo, hi], digits only (no sign, no spaces).
inline unsigned ParseCountArg(const char* name, const std::string& option, const std::string& s, unsigned long lo,
                              unsigned long hi) {
  unsigned long n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || n < lo || n > hi) {
    OptionError(
        name, option,
        "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got '" + s + "'");
  }
  return static_cast<unsigned>(n);
}

// Bytes, as `sluice mr run` spells them: a number, then K, M, G or T
// (powers of 1024, optionally followed by "iB" or "B"), case-insensitive.
inline std::uint64_t ParseSizeArg(const char* name, const std::string& option, const std::string& s) {
  auto bad = [&] { OptionError(name, option, "bad size '" + s + "' (expected e.g. 4096, 512K, 64M, 1G)"); };
  const std::size_t i = std::min(s.find_first_not_of("0123456789."), s.size());
  const std::string digits = s.substr(0, i);
  char* end = nullptr;
  const double n = std::strtod(digits.c_str(), &end);
  if (digits.empty() || end != digits.c_str() + digits.size()) bad();
  std::string unit;
  for (char c : s.substr(i)) unit += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  double mult = 1;
  if (!unit.empty() && unit != "b") {
    const std::size_t power = std::string_view("kmgt").find(unit[0]);
    const std::string rest = unit.substr(1);
    if (power == std::string_view::npos || (rest != "" && rest != "b" && rest != "ib")) bad();
    mult = std::ldexp(1.0, 10 * static_cast<int>(power + 1));
  }
  if (!(n * mult < 1.8e19)) bad();
  return static_cast<std::uint64_t>(std::llround(n * mult));
}

inline int RunExample(const char* name, const mapreduce::NativeJob& job, int argc, char** argv) {
  mapreduce::JobOptions options;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s: %s needs a value\n", name, a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      PrintHelp(name);
      return 0;
    }
    if (a == "--parallel")
      options.parallel = ParseCountArg(name, a, value(), 1, mapreduce::kMaxParallel);
    else if (a == "--reducers")
      options.reducers = ParseCountArg(name, a, value(), 0, mapreduce::kMaxReducers);
    else if (a == "--sort-memory")
      options.sort_memory = ParseSizeArg(name, a, value());
    else if (a == "--split-size")
      options.split_size = ParseSizeArg(name, a, value());
    else if (a == "--overwrite")
      options.overwrite = true;
    else if (a == "--quiet")
      options.progress = mapreduce::ProgressMode::kQuiet;
    else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "%s: unknown option %s (see '%s --help')\n", name, a.c_str(), name);
      return 2;
    } else
      paths.push_back(a);
  }
  if (paths.size() < 2) {
    PrintUsage(stderr, name);
    return 2;
  }
  options.output = paths.back();
  paths.pop_back();
  options.inputs = paths;
  Result<mapreduce::JobResult> result = mapreduce::RunNativeJob(job, options);
  if (!result.ok()) {
    std::fprintf(stderr, "%s: %s\n", name, result.status().message().c_str());
    return 2;
  }
  if (!result->status.ok()) {
    std::fprintf(stderr, "%s: job failed: %s\n", name, result->status.message().c_str());
    return 1;
  }
  return 0;
}

}  // namespace sluice::examples

#endif  // SLUICE_EXAMPLES_MAPREDUCE_EXAMPLE_MAIN_H_

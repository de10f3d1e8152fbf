// The command line shared by the native MapReduce examples:
//   NAME [--parallel N] [--reducers R] [--sort-memory SIZE] [--split-size SIZE]
//        [--overwrite] [--quiet] INPUT... OUTPUT
// Runs `job` with sluice::mapreduce::RunNativeJob; exit 0 on success, 1 if
// the job failed, 2 for a usage or setup error.
#ifndef SLUICE_EXAMPLES_MAPREDUCE_EXAMPLE_MAIN_H_
#define SLUICE_EXAMPLES_MAPREDUCE_EXAMPLE_MAIN_H_

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
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

inline std::uint64_t ParseSizeArg(const std::string& s) {
  char* end = nullptr;
  double n = std::strtod(s.c_str(), &end);
  std::string unit = end;
  double mult = unit.empty() ? 1 : unit[0] == 'K' || unit[0] == 'k' ? 1024.0
                : unit[0] == 'M' || unit[0] == 'm' ? 1048576.0 : unit[0] == 'G' || unit[0] == 'g' ? 1073741824.0 : -1;
  if (end == s.c_str() || mult < 0) {
    std::fprintf(stderr, "bad size '%s'\n", s.c_str());
    std::exit(2);
  }
  return static_cast<std::uint64_t>(n * mult);
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
    if (a == "--parallel") options.parallel = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--reducers") options.reducers = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--sort-memory") options.sort_memory = ParseSizeArg(value());
    else if (a == "--split-size") options.split_size = ParseSizeArg(value());
    else if (a == "--overwrite") options.overwrite = true;
    else if (a == "--quiet") options.progress = mapreduce::ProgressMode::kQuiet;
    else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "%s: unknown option %s\n", name, a.c_str());
      return 2;
    } else paths.push_back(a);
  }
  if (paths.size() < 2) {
    std::fprintf(stderr,
                 "usage: %s [--parallel N] [--reducers R] [--sort-memory SIZE] [--split-size SIZE] [--overwrite] "
                 "[--quiet] INPUT... OUTPUT\n",
                 name);
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

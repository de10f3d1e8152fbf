// The Hadoop Streaming line contract.
//
// A task's output line is split at its first TAB: key before, value after;
// a line without a TAB is all key with an empty value. Records travel to a
// reducer (and out to part files) as "key<TAB>value\n" — always with the
// TAB, as Hadoop's TextOutputFormat and streaming input writer do, so a
// map-only job's line "foo" comes out as "foo<TAB>".
#ifndef SLUICE_MAPREDUCE_KEY_VALUE_H_
#define SLUICE_MAPREDUCE_KEY_VALUE_H_

#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace sluice::mapreduce {

// `line` without its newline.
inline std::pair<std::string_view, std::string_view> SplitKeyValue(std::string_view line) {
  const void* tab = line.empty() ? nullptr : std::memchr(line.data(), '\t', line.size());
  if (tab == nullptr) return {line, std::string_view()};
  std::size_t k = static_cast<std::size_t>(static_cast<const char*>(tab) - line.data());
  return {line.substr(0, k), line.substr(k + 1)};
}

inline void AppendKeyValueLine(std::string& out, std::string_view key, std::string_view value) {
  out.append(key);
  out.push_back('\t');
  out.append(value);
  out.push_back('\n');
}

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_KEY_VALUE_H_

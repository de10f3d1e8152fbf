// Counters: named 64-bit totals grouped as Hadoop groups them ("Map-Reduce
// Framework" / "Map input records", or a task's own group from a
// "reporter:counter:<group>,<counter>,<amount>" line).
//
// A task attempt counts into its own Counters; only a successful attempt's
// counters are merged into the job's (as Hadoop does), so retries do not
// count twice. Thread safety: a Counters object is used by one thread; the
// job's totals are merged under the runner's lock.
#ifndef SLUICE_MAPREDUCE_COUNTERS_H_
#define SLUICE_MAPREDUCE_COUNTERS_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace sluice::mapreduce {

inline constexpr const char* kFrameworkGroup = "Map-Reduce Framework";
inline constexpr const char* kJobGroup = "Job Counters";

class Counters {
 public:
  void Add(const std::string& group, const std::string& name, std::int64_t amount) { values_[{group, name}] += amount; }
  void Merge(const Counters& other) {
    for (const auto& [k, v] : other.values_) values_[k] += v;
  }
  std::int64_t Get(const std::string& group, const std::string& name) const {
    auto it = values_.find({group, name});
    return it == values_.end() ? 0 : it->second;
  }
  const std::map<std::pair<std::string, std::string>, std::int64_t>& values() const { return values_; }

 private:
  std::map<std::pair<std::string, std::string>, std::int64_t> values_;
};

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_COUNTERS_H_

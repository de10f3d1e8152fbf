// Hadoop's HashPartitioner on the key bytes, so that part-0000j holds exactly
// the keys a Hadoop Streaming job would put there.
//
// Streaming keys are org.apache.hadoop.io.Text; Text.hashCode() is
// WritableComparator.hashBytes(bytes, length):
//   int hash = 1; for each byte b: hash = 31 * hash + (int) b;   // b signed
// and HashPartitioner.getPartition is
//   (key.hashCode() & Integer.MAX_VALUE) % numReduceTasks.
// Java ints wrap around, so the arithmetic is done in uint32_t (defined
// wraparound) on the sign-extended bytes.
#ifndef SLUICE_MAPREDUCE_PARTITIONER_H_
#define SLUICE_MAPREDUCE_PARTITIONER_H_

#include <cstdint>
#include <string_view>

namespace sluice::mapreduce {

inline std::int32_t HadoopTextHash(std::string_view key) {
  std::uint32_t h = 1;
  for (char c : key) h = 31u * h + static_cast<std::uint32_t>(static_cast<std::int32_t>(static_cast<signed char>(c)));
  return static_cast<std::int32_t>(h);
}

// REQUIRES: reducers > 0.
inline std::uint32_t HadoopPartition(std::string_view key, std::uint32_t reducers) {
  if (reducers == 1) return 0;  // the only partition: no need to hash the key
  return (static_cast<std::uint32_t>(HadoopTextHash(key)) & 0x7fffffffu) % reducers;
}

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_PARTITIONER_H_

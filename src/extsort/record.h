// Records, comparators and the source/sink interfaces of the external sort.
//
// A record is a pair of byte strings (key, value); the sort orders records by
// key only and keeps equal keys in arrival order (a stable sort), so callers
// that need a total order put it in the key. Nothing here knows what the bytes
// mean: MapReduce stores text keys, the SQL engine will store encoded rows.
#ifndef SLUICE_EXTSORT_RECORD_H_
#define SLUICE_EXTSORT_RECORD_H_

#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>

#include "sluice/status.h"

namespace sluice::extsort {

// <0, 0, >0 as a orders before, with, after b. An empty KeyComparator means
// unsigned byte order (memcmp, then shorter first), which has a fast path.
using KeyComparator = std::function<int(std::string_view a, std::string_view b)>;

// Unsigned byte order: what memcmp gives, a prefix before its extensions.
inline int CompareBytes(std::string_view a, std::string_view b) {
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  if (n != 0) {
    if (int c = std::memcmp(a.data(), b.data(), n); c != 0) return c;
  }
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

inline int CompareKeys(const KeyComparator& cmp, std::string_view a, std::string_view b) {
  return cmp ? cmp(a, b) : CompareBytes(a, b);
}

// A stream of records, read one at a time:
//   while (src.Next()) use(src.key(), src.value());
//   if (!src.status().ok()) ...   // Next() returned false because of an error
// key()/value() stay valid until the next call of Next().
class RecordSource {
 public:
  virtual ~RecordSource() = default;
  virtual bool Next() = 0;
  virtual std::string_view key() const = 0;
  virtual std::string_view value() const = 0;
  // OK at a normal end; the reason otherwise.
  virtual Status status() const = 0;
};

// Where records go. Add copies what it needs before returning.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual Status Add(std::string_view key, std::string_view value) = 0;
};

// A combiner reads one sorted run (all records of one partition of one
// spill, in key order) and writes fewer records with the same keys, in key
// order. The sorter checks that order and reports a combiner that breaks it.
using Combiner = std::function<Status(RecordSource& sorted_run, RecordSink& out)>;

}  // namespace sluice::extsort

#endif  // SLUICE_EXTSORT_RECORD_H_

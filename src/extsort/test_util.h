// Helpers shared by the extsort tests: a scratch directory and draining a
// RecordSource into a vector.
#ifndef SLUICE_EXTSORT_TEST_UTIL_H_
#define SLUICE_EXTSORT_TEST_UTIL_H_

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "extsort/record.h"

namespace sluice::extsort::testing {

using Pairs = std::vector<std::pair<std::string, std::string>>;

inline Pairs Drain(RecordSource& src) {
  Pairs out;
  while (src.Next()) out.emplace_back(std::string(src.key()), std::string(src.value()));
  return out;
}

// A fresh directory under $TMPDIR, removed with everything in it.
class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "extsort_test.XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }
  std::size_t FileCount() const {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(path_), {}));
  }

 private:
  std::string path_;
};

}  // namespace sluice::extsort::testing

#endif  // SLUICE_EXTSORT_TEST_UTIL_H_

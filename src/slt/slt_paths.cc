// ExpandTestPaths (slt_paths.h).
#include "slt/slt_paths.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace sluice::slt {

namespace fs = std::filesystem;

namespace {

bool IsTestFile(const fs::directory_entry& entry) {
  std::error_code ec;
  if (!entry.is_regular_file(ec)) return false;  // follows a symlink to a file
  const fs::path ext = entry.path().extension();
  return ext == ".test" || ext == ".slt" || ext == ".sqltest";
}

}  // namespace

Result<std::vector<std::string>> ExpandTestPaths(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    std::string last = path;  // an error is about the last entry reached: a subdirectory it could not open
    fs::recursive_directory_iterator it(path, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      last = it->path().string();
      if (IsTestFile(*it)) found.push_back(last);
    }
    if (ec) return Status::IOError(last + ": cannot read the directory: " + ec.message());
    if (found.empty()) {
      return Status::InvalidArgument(path +
                                     ": a directory holding no test file (*.test, *.slt or *.sqltest, at any depth)");
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

}  // namespace sluice::slt

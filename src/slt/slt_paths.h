// The test files named on the `sluice slt` command line.
//
// A PATH is a test file, or a directory standing for the *.test and *.slt
// files (sqllogictest) and *.sqltest files (Turso's format) beneath it at
// any depth -- as SQLite's corpus is laid out
// (evidence/, index/between/10/ ...) and as other sqllogictest runners
// take directories. A directory holding no such file is an error: running
// nothing and reporting "0 passed, 0 failed" would look like success.
#ifndef SLUICE_SLT_SLT_PATHS_H_
#define SLUICE_SLT_SLT_PATHS_H_

#include <string>
#include <vector>

#include "sluice/result.h"

namespace sluice::slt {

// The files to run, in command-line order; a directory's files in byte
// order of their paths (what `find DIR -name '*.test' | sort` lists),
// symlinks to files followed, symlinks to directories not. Any other path
// (a file, or one that does not exist) is kept as given: the runner
// reports it when it cannot read it. Fails with InvalidArgument on a
// directory without test files and IOError on one that cannot be read,
// naming the path.
Result<std::vector<std::string>> ExpandTestPaths(const std::vector<std::string>& paths);

}  // namespace sluice::slt

#endif  // SLUICE_SLT_SLT_PATHS_H_

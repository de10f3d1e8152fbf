// The words for a database file that cannot be opened, at startup
// (`sluice sql FILE`) and for `.open FILE`: sqlite3's line
//   Error: unable to open database "FILE": MESSAGE
// and, when FILE is an SQLite database (it starts with SQLite's header
// "SQLite format 3\0"), what it is and how to convert it, rather than a
// bare "file is not a database".
#ifndef SLUICE_SHELL_OPEN_ERROR_H_
#define SLUICE_SHELL_OPEN_ERROR_H_

#include <string>

#include "sluice/status.h"

namespace sluice::shell {

// True when the file at `path` starts with SQLite's 16-byte header.
bool IsSqliteFile(const std::string& path);

// The error text (one or more lines, each ending in '\n') for `status`,
// the failure of opening `path`.
std::string OpenFailureText(const std::string& path, const Status& status);

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_OPEN_ERROR_H_

// The words for a database file that cannot be opened, at startup
// (`sluice sql FILE`) and for `.open FILE`: sqlite3's line
//   Error: unable to open database "FILE": MESSAGE
// (An SQLite database file opens, read-only: sluice/sqlite_file.h.)
#ifndef SLUICE_SHELL_OPEN_ERROR_H_
#define SLUICE_SHELL_OPEN_ERROR_H_

#include <string>

#include "sluice/status.h"

namespace sluice::shell {

// The error text (one line ending in '\n') for `status`, the failure of
// opening `path`.
std::string OpenFailureText(const std::string& path, const Status& status);

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_OPEN_ERROR_H_

// How the shell words SQL errors: sqlite3 3.40's save_err_msg(),
// shell_error_context() and the result codes it prints.
//
// Role: pure functions from (statement text, error offset, message) to the
// text sqlite3 prints, so that shell.cc only decides *when* to print.
#ifndef SLUICE_SHELL_ERROR_REPORT_H_
#define SLUICE_SHELL_ERROR_REPORT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace sluice::shell {

// SQLite's primary result code for an error message of ours: 19
// (SQLITE_CONSTRAINT) for "... constraint failed...", 18 (SQLITE_TOOBIG)
// for "string or blob too big", 13 (SQLITE_FULL) for "database or disk is
// full", otherwise 1 (SQLITE_ERROR). sqlite3 appends " (N)" to messages
// whose code is above 1 and exits with the code for a failed SQL argument.
int ResultCodeForMessage(std::string_view message);

// shell_error_context(): the two lines under an error that marks a spot:
// "\n  <up to 78 bytes of the SQL, from the statement on, whitespace shown
// as spaces>\n  <spaces>^--- error here" (or "error here ---^" when the
// spot is far right). `sql` starts at the failed statement; `offset` is the
// spot within it. Empty when offset < 0.
std::string ErrorContext(std::string_view sql, int64_t offset);

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_ERROR_REPORT_H_

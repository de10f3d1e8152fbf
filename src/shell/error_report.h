// How the shell words SQL errors: sqlite3 3.40's save_err_msg(),
// shell_error_context(), runOneSqlLine() and the command-line SQL paths of
// its main().
//
// Role: pure functions from a failed SQL text's Status (phase, message,
// result code, error offset) to the text sqlite3 prints, so that shell.cc
// and shell_main.cc only decide *when* to print. Nothing else in the shell
// words an SQL error (.import prints the bare message, as sqlite3 does).
#ifndef SLUICE_SHELL_ERROR_REPORT_H_
#define SLUICE_SHELL_ERROR_REPORT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "sluice/status.h"

namespace sluice::shell {

// Where the failed SQL came from; each is worded differently by sqlite3.
enum class SqlErrorSource {
  kArgument,  // a command-line argument (-cmd SQL, or SQL after the database name)
  kScript,    // a group read from a script or a non-terminal stdin
  kTerminal,  // a group typed at the terminal
};

// The complete report sqlite3 prints to stderr (ending in '\n') for SQL that
// failed with `error` (REQUIRES: !error.ok()):
//   kArgument:  Error: in prepare, MESSAGE[ (N)][context]
//               Error: stepping, MESSAGE[ (N)]
//   kScript:    Parse error near line LINE: MESSAGE[ (N)][context]
//               Runtime error near line LINE: MESSAGE[ (N)]
//   kTerminal:  as kScript without " near line LINE"
// where "in prepare"/"Parse error" is for phase kPrepare, "stepping"/
// "Runtime error" for kStep (an error without a phase has no phase words:
// "Error: MESSAGE", "Error near line LINE: MESSAGE"),
// " (N)" is the primary result code when above 1, and the context is
// ErrorContext(failed_sql, error.error_offset()) for prepare errors.
// `failed_sql` is the text given to the Prepare that failed (the failed
// statement and what follows it), to which error_offset() refers.
std::string SqlErrorReport(const Status& error, std::string_view failed_sql, SqlErrorSource source, int line = 0);

// sqlite3's exit status when SQL given as a command-line argument fails:
// the primary result code (1 for SQL errors, 19 for a constraint, ...).
int SqlErrorExitStatus(const Status& error);

// shell_error_context(): the two lines under an error that marks a spot:
// "\n  <up to 78 bytes of the SQL, from the statement on, whitespace shown
// as spaces>\n  <spaces>^--- error here" (or "error here ---^" when the
// spot is far right). `sql` starts at the failed statement; `offset` is the
// spot within it. Empty when offset < 0.
std::string ErrorContext(std::string_view sql, int64_t offset);

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_ERROR_REPORT_H_

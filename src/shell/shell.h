// Shell: the sqlite3-compatible interactive SQL shell of `sluice sql`.
//
// Role: reads input lines (from a script or the terminal), groups them into
// SQL text the way sqlite3 3.40's process_input() does, runs each group
// statement by statement on a sluice::Database (shell_exec()), prints rows
// through ResultFormatter in the current `.mode`, and runs the dot commands.
// The aim is byte-for-byte sqlite3 output on stdout and stderr.
//
// Input grouping (process_input): a line starting with '.' (when no SQL is
// pending) is a dot command; lines of SQL accumulate until the text ends in
// a complete statement (IsCompleteStatement, after a QuickScan says the
// last dark character is a ';'); a line "go" or "/" also ends it. Each group
// is run as a whole; the first failing statement of a group ends the group
// with one error message, and the script continues with the next group
// unless `.bail on`. Errors read
//   Parse error near line N: MESSAGE[ (CODE)][caret context]  (prepare failed)
//   Runtime error near line N: MESSAGE[ (CODE)]               (step failed)
// where N is the first line of the group, and "near line N" is left out
// for what the user types at the terminal (error_report.h words them from
// the Status's phase, result code and error offset).
//
// Ctrl-C (interrupt.h): the Shell makes its database the target of the
// SIGINT handler; before each input line, a pending interrupt ends a script
// (stdin that is not a terminal, a .read file) and is forgotten at the
// terminal, as sqlite3's process_input() does.
//
// Thread safety: one thread. The Shell borrows the streams, and borrows
// its Database until TakeOwnership or `.open` replaces it.
#ifndef SLUICE_SHELL_SHELL_H_
#define SLUICE_SHELL_SHELL_H_

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shell/cell.h"
#include "shell/line_source.h"
#include "shell/dump_columns.h"
#include "shell/output_mode.h"
#include "sluice/database.h"

namespace sluice::shell {

// What the caller of a dot command or group learns.
enum class CommandResult {
  kOk,
  kError,  // counted as an error (exit status 1, stops a script under .bail)
  kQuit,   // .quit / .exit: stop reading input
};

// The dot commands' full names, in lookup order (meta_commands.cc).
std::vector<std::string_view> DotCommandNames();

// A value stored by `.parameter set`: what is bound, and how `.parameter
// list` shows it (quote()).
struct ShellParameter {
  Cell value;
  int64_t integer = 0;  // the value of an INTEGER
  std::string quoted;
};

class Shell {
 public:
  // REQUIRES: `db`, `out` and `err` outlive the Shell. `db_name` is what
  // `.show` reports as the filename.
  Shell(Database* db, std::string db_name, std::FILE* out, std::FILE* err);
  ~Shell();

  // How `.open FILE` opens a database (":memory:" for a new in-memory
  // one); without an opener `.open` fails.
  using DatabaseOpener = std::function<Result<std::unique_ptr<Database>>(const std::string& path)>;
  void set_opener(DatabaseOpener opener) { opener_ = std::move(opener); }
  // The Shell owns `db` from now on. REQUIRES: db.get() is its database.
  void TakeOwnership(std::unique_ptr<Database> db);
  Database* database() const { return db_; }

  // Tab completion (completion.cc): the words that may complete `word`,
  // the last word of `line` (the input up to the cursor): dot commands
  // after a leading '.', file names for their arguments, else SQL keywords (in the case the word is typed
  // in), table and view names, and column names (of the table named
  // before a '.', or of every table).
  std::vector<std::string> CompletionCandidates(std::string_view line, std::string_view word);
  Shell(const Shell&) = delete;
  Shell& operator=(const Shell&) = delete;

  OutputSettings& settings() { return settings_; }
  void set_bail(bool on) { bail_ = on; }
  void set_echo(bool on) { echo_ = on; }
  // The terminal mode: errors without "near line N", and errors do not stop
  // the input even under .bail.
  void set_interactive(bool on) { interactive_ = on; }
  // `.headers` was given explicitly (so `.mode column` keeps it).
  void set_header_explicit(bool on) { header_set_ = on; }

  // process_input(): runs every line of `source`. `from_file` is true for a
  // script (stdin that is not a terminal, a .read file): errors then name
  // their line. Returns kError when any group or command failed, kQuit when
  // .quit/.exit was read (or .bail stopped the input after an error).
  CommandResult ProcessInput(LineSource* source, bool from_file);

  // One dot command line (starting with '.'), as typed.
  CommandResult RunMetaCommand(std::string_view line);

  // shell_exec() on one SQL text: prepares and runs its statements in
  // turn, printing their rows. Returns OK or the first failure as the
  // engine reported it (phase, result code, message, error offset); then
  // `*failed_sql` (if given) is the text the failed statement's Prepare was
  // given (that statement and the rest of `sql`: what the error offset
  // counts in). SqlErrorReport (error_report.h) words it.
  Status ExecuteSql(std::string_view sql, std::string_view* failed_sql = nullptr);

  // The exit status requested by `.exit N` (0 for .quit), valid after kQuit.
  int exit_code() const { return exit_code_; }
  // Groups and dot commands that failed so far (at any nesting level).
  int64_t error_count() const { return error_count_; }

  // Writes pending output to the output stream.
  void Flush();

 private:
  // runOneSqlLine(): runs a group, prints its error and the timer line.
  bool RunGroup(std::string_view sql, int start_line, bool from_file);
  // .changes on: "changes: N   total_changes: M" after each group that
  // succeeded (meta_commands.cc).
  void PrintChanges();
  Status RunStatement(Statement* stmt);
  void EchoInput(std::string_view text);
  void PrintError(std::string_view text);
  std::FILE* out() const { return redirect_ ? redirect_ : out_; }
  void ResetOutput();  // back to stdout after .once or .output
  bool OpenOutput(std::string_view file);

  // Dot commands (meta_commands.cc, import_command.cc, schema_commands.cc,
  // dump_command.cc).
  CommandResult DoDump(const std::vector<std::string>& args);
  CommandResult DoImport(const std::vector<std::string>& args);
  CommandResult DoTables(const std::vector<std::string>& args);
  CommandResult DoSchema(const std::vector<std::string>& args);
  CommandResult DoShow();
  CommandResult DoRead(const std::vector<std::string>& args);
  CommandResult DoTimeout(const std::vector<std::string>& args);
  CommandResult DoBackup(const std::vector<std::string>& args);
  CommandResult DoOpen(const std::vector<std::string>& args);
  CommandResult DoSystem(const std::vector<std::string>& args);
  CommandResult DoIndexes(const std::vector<std::string>& args);     // schema_commands.cc
  CommandResult DoFullSchema(const std::vector<std::string>& args);  // schema_commands.cc
  // .parameter and the binding of its values (parameter_command.cc).
  CommandResult DoParameter(const std::vector<std::string>& args);
  void BindParameters(Statement* stmt);
  // The names as .tables lays them out: columns of width max+2 that fit
  // in 80 characters, filled column by column (schema_commands.cc).
  void PrintNameColumns(const std::vector<std::string>& names);
  // .tables / .indexes: the schema names `filter` selects, as columns
  // (schema_commands.cc).
  CommandResult PrintSchemaNames(const std::string& filter);
  // .databases and .import-sqlite (sqlite_commands.cc).
  CommandResult DoDatabases(const std::vector<std::string>& args);
  CommandResult DoImportSqlite(const std::vector<std::string>& args);
  // Makes `db` (named `name` in .show) the database, closing the previous.
  void ReplaceDatabase(std::unique_ptr<Database> db, std::string name);
  // .open --new: drops every table and view of the database.
  Status EmptyDatabase();
  void PrintHelp(std::string_view topic);
  // Runs `sql` (one statement) and collects its rows as text; for the
  // commands that read the catalog. Returns false when it cannot be prepared.
  bool QueryRows(std::string_view sql, std::vector<std::vector<std::string>>* rows,
                 std::vector<std::string>* column_names = nullptr);
  // .dump's columns of `table` from the schema PRAGMAs (dump_columns.h);
  // nullopt when PRAGMA table_info lists none (dump_command.cc).
  std::optional<DumpColumns> ReadDumpColumns(const std::string& table, bool preserve_rowids);

  Database* db_;
  std::unique_ptr<Database> owned_db_;  // db_, once the Shell owns it
  DatabaseOpener opener_;
  std::string db_name_;
  std::FILE* out_;
  std::FILE* err_;
  std::FILE* redirect_ = nullptr;  // .output / .once file
  std::string redirect_name_;
  bool once_ = false;   // redirect_ is for the next group only
  std::string buffer_;  // pending output

  OutputSettings settings_;
  bool bail_ = false;
  bool echo_ = false;
  bool timer_ = false;
  bool interactive_ = false;
  bool header_set_ = false;
  bool count_changes_ = false;  // .changes on
  // .parameter: values by name as written (":x", "?3"), sorted as listed.
  std::map<std::string, ShellParameter> parameters_;
  int exit_code_ = 0;
  int64_t error_count_ = 0;
  int input_nesting_ = 0;
  int line_number_ = 0;  // of the input being processed
};

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_SHELL_H_

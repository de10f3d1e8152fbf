// .open (switch to another database) and .shell / .system (run a command),
// with sqlite3 3.40's arguments, messages and status line.
#include <cstdlib>
#include <cstring>

#include "shell/open_error.h"
#include "shell/shell.h"
#include "shell/text_escape.h"

namespace sluice::shell {

// .open ?OPTIONS? ?FILE?: closes the database and opens FILE (none: a new
// in-memory database). --new empties FILE first; where sqlite3 deletes any
// file there, only a sluice database is emptied (through the engine, so
// another process's lock is respected) and any other file is kept, as
// .backup keeps it. sqlite3's other options (--readonly, --append, --zip,
// --deserialize, --hexdb, --maxsize, --nofollow) are refused by name. As
// in sqlite3, a file that cannot be opened is reported and the shell goes
// on with a new in-memory database; the command itself does not fail.
CommandResult Shell::DoOpen(const std::vector<std::string>& args) {
  static constexpr std::string_view kUnsupported[] = {"-append", "-readonly", "-zip",      "-deserialize",
                                                      "-hexdb",  "-maxsize",  "-nofollow", "-ifexist"};
  std::string file;
  bool have_file = false;
  bool new_db = false;
  for (size_t i = 1; i < args.size(); ++i) {
    std::string_view z = args[i];
    std::string_view opt = z.starts_with("--") ? z.substr(1) : z;
    if (opt == "-new") {
      new_db = true;
      continue;
    }
    bool unsupported = false;
    for (std::string_view u : kUnsupported) unsupported |= opt == u;
    if (unsupported) {
      PrintError("Error: .open " + std::string(z) + " is not supported by this shell\n");
      return CommandResult::kError;
    }
    if (!z.empty() && z[0] == '-') {
      PrintError("unknown option: " + std::string(z) + "\n");
      return CommandResult::kError;
    }
    if (have_file) {
      PrintError("extra argument: \"" + std::string(z) + "\"\n");
      return CommandResult::kError;
    }
    file = std::string(z);
    have_file = true;
  }
  if (!opener_) {
    PrintError("Error: .open is not available here\n");
    return CommandResult::kError;
  }
  Flush();
  const bool in_memory = file.empty() || file == ":memory:";
  // The current database is closed first (its file lock released), so
  // that `.open` of the same file works.
  ReplaceDatabase(nullptr, "");
  Result<std::unique_ptr<Database>> opened = opener_(in_memory ? ":memory:" : file);
  Status failure = opened.status();
  if (opened.ok()) {
    ReplaceDatabase(std::move(*opened), file);
    if (new_db && !in_memory) failure = EmptyDatabase();
    if (failure.ok()) return CommandResult::kOk;
    ReplaceDatabase(nullptr, "");
  }
  PrintError(OpenFailureText(file, failure));
  Result<std::unique_ptr<Database>> memory = opener_(":memory:");
  if (!memory.ok()) {
    PrintError("Error: cannot open an in-memory database: " + memory.status().message() + "\n");
    return CommandResult::kQuit;
  }
  ReplaceDatabase(std::move(*memory), "");
  return CommandResult::kOk;
}

Status Shell::EmptyDatabase() {
  std::vector<std::vector<std::string>> rows;
  if (!QueryRows("SELECT type, name FROM sqlite_schema WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%'",
                 &rows)) {
    return Status::InvalidArgument("cannot read sqlite_schema");
  }
  std::string sql;
  for (const auto& row : rows) {
    sql += std::string("DROP ") + (row[0] == "view" ? "VIEW" : "TABLE") + " IF EXISTS " + DoubleQuoted(row[1]) + ";";
  }
  if (sql.empty()) return Status::OK();
  // (ExecuteSql: Database::Execute is the engine's, which this library
  // does not link.)
  SLUICE_RETURN_IF_ERROR(ExecuteSql(sql));
  return ExecuteSql("VACUUM");
}

// sqlite3 joins the arguments with spaces, putting double quotes around
// those that hold a space, runs the line with system(3), and reports a
// non-zero wait status as it is ("System command returns 256").
CommandResult Shell::DoSystem(const std::vector<std::string>& args) {
  if (args.size() < 2) {
    PrintError("Usage: .system COMMAND\n");
    return CommandResult::kError;
  }
  std::string command;
  for (size_t i = 1; i < args.size(); ++i) {
    if (i > 1) command.push_back(' ');
    if (args[i].find(' ') != std::string::npos) {
      command += "\"" + args[i] + "\"";
    } else {
      command += args[i];
    }
  }
  Flush();  // our rows first, then the command's
  std::fflush(err_);
  int x = std::system(command.c_str());
  if (x != 0) PrintError("System command returns " + std::to_string(x) + "\n");
  return CommandResult::kOk;
}

}  // namespace sluice::shell

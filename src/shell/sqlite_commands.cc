// .databases (Shell::DoDatabases) and .import-sqlite (Shell::DoImportSqlite).
//
// .databases: sqlite3 3.40's listing from PRAGMA database_list, one line
// per database, "NAME: FILE r/w" ("" for a database without a file, r/o
// for a read-only one: an SQLite file). sqlite3 appends " read-txn" or
// " write-txn" while a transaction holds the file; this shell does not.
//
// .import-sqlite FILE (sluice's own; sqlite3 has no such command): copies
// every table (rows and rowids), index, view and trigger of the SQLite
// database FILE into the current database, through libsqlite3 opened
// read-only (sluice/sqlite_file.h). Each object is copied whole or not at
// all; one the engine refuses (a name already taken, a trigger it cannot
// run, a virtual table) is reported on its own line and the copy goes on;
// the command then fails (exit status 1 with -bail). Outside BEGIN the
// copy is one transaction.
#include "shell/shell.h"
#include "sluice/sqlite_file.h"

namespace sluice::shell {

CommandResult Shell::DoDatabases(const std::vector<std::string>& args) {
  (void)args;  // sqlite3 ignores extra arguments
  std::vector<std::vector<std::string>> rows;
  if (!QueryRows("PRAGMA database_list", &rows)) {
    PrintError("Error: cannot list the databases\n");
    return CommandResult::kError;
  }
  for (const std::vector<std::string>& row : rows) {
    if (row.size() < 3) continue;
    const std::string& file = row[2];
    buffer_ += row[1] + ": " + (file.empty() || file == "\x01NULL" ? std::string("\"\"") : file) + " " +
               (db_->read_only(row[1]) ? "r/o" : "r/w") + "\n";
  }
  return CommandResult::kOk;
}

CommandResult Shell::DoImportSqlite(const std::vector<std::string>& args) {
  if (args.size() != 2) {
    PrintError("Usage: .import-sqlite FILE\n");
    return CommandResult::kError;
  }
  const std::string& file = args[1];
  if (!IsSqliteFile(file)) {
    PrintError("Error: " + file + " is not an SQLite database file\n");
    return CommandResult::kError;
  }
  Result<std::vector<SqliteObjectCopy>> copied = CopySqliteFile(file, *db_);
  if (!copied.ok()) {
    PrintError("Error: " + std::string(copied.status().message()) + "\n");
    return CommandResult::kError;
  }
  CommandResult rc = CommandResult::kOk;
  for (const SqliteObjectCopy& c : *copied) {
    if (c.status.ok()) continue;
    PrintError("Error: " + file + ": " + c.type + " " + c.name + " not copied: " + std::string(c.status.message()) +
               "\n");
    rc = CommandResult::kError;
  }
  return rc;
}

}  // namespace sluice::shell

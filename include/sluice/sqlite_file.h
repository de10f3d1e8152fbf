// Reading SQLite's own database files. sluice keeps its own file format;
// an SQLite file (recognized by its 16-byte header "SQLite format 3\0") is
// read through Debian's libsqlite3, opened read-only, and its schema and
// rows are copied into a sluice Database through that Database's public
// API (so this needs nothing of the engine but include/sluice/database.h).
//
// Users: Database::Open of an SQLite file (a read-only in-memory copy, see
// database.h) and the shell's .import-sqlite (a copy into the current
// database).
#ifndef SLUICE_SQLITE_FILE_H_
#define SLUICE_SQLITE_FILE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sluice/database.h"
#include "sluice/result.h"
#include "sluice/status.h"

namespace sluice {

// True when the file at `path` starts with SQLite's header.
bool IsSqliteFile(const std::string& path);

// What became of one schema object of the SQLite file.
struct SqliteObjectCopy {
  std::string type;  // "table", "index", "view" or "trigger"
  std::string name;
  int64_t rows = 0;  // tables: the rows copied
  Status status;     // OK, or why it was not copied (the target's error)
};

// Copies every table (with its rows and rowids), index, view and trigger
// of the SQLite file `path` into `target`, in the file's order (each
// after the objects it names; a table's rows right after its CREATE), each
// by executing its CREATE text as SQLite stored it, then the AUTOINCREMENT
// counters of sqlite_sequence (an entry "sqlite_sequence"). SQLite's other
// internal tables (sqlite_stat1, ...) and the indexes SQLite made for
// constraints are not copied (the CREATE TABLE text makes those). Each
// object is copied whole
// or not at all (a savepoint around it): one the target refuses is
// reported in its entry and the copy goes on. Outside a transaction the
// whole copy is one transaction of `target`. The error is only for a file
// that cannot be read at all (SQLITE_CANTOPEN, SQLITE_NOTADB, ...).
Result<std::vector<SqliteObjectCopy>> CopySqliteFile(const std::string& path, Database& target);

}  // namespace sluice

#endif  // SLUICE_SQLITE_FILE_H_

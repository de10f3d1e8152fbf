// Database::Open of an SQLite file (DatabaseImpl::OpenSqliteFile) and the
// name of the main database's file (DatabaseImpl::main_file).
//
// An SQLite file is read once, at open, through libsqlite3
// (sluice/sqlite_file.h: CopySqliteFile) into a private in-memory
// database, which then refuses every write as sqlite3 refuses writes to a
// read-only database. Queries run in sluice's engine over that copy; later
// changes by other processes to the SQLite file are not seen. What the
// engine cannot load (a trigger it refuses, a virtual table) is left out
// and named in warnings().
#include <climits>
#include <cstdlib>

#include "sluice/sqlite_file.h"
#include "sql/connection/database_impl.h"

namespace sluice::sql {

namespace {

// `path` made absolute (symlinks resolved), as sqlite3 names its files.
std::string AbsolutePath(const std::string& path) {
  char resolved[PATH_MAX];
  if (realpath(path.c_str(), resolved) != nullptr) return resolved;
  return path;
}

}  // namespace

Result<std::unique_ptr<Database>> DatabaseImpl::OpenSqliteFile(const std::string& path) {
  auto db = std::make_unique<DatabaseImpl>();
  SLUICE_ASSIGN_OR_RETURN(std::vector<SqliteObjectCopy> copied, CopySqliteFile(path, *db));
  for (const SqliteObjectCopy& c : copied) {
    if (c.status.ok()) continue;
    db->open_warnings_.push_back(path + ": " + c.type + " " + c.name +
                                 " of the SQLite file not loaded: " + std::string(c.status.message()));
  }
  db->sqlite_file_ = AbsolutePath(path);
  return std::unique_ptr<Database>(std::move(db));
}

bool DatabaseImpl::read_only(std::string_view schema) const {
  if (schema == "main") return read_only();
  for (const AttachedDatabase& a : attached_) {
    if (NameEqualsNoCase(a.name, schema)) return a.db->read_only();
  }
  return false;
}

std::string DatabaseImpl::main_file() const {
  if (read_only()) return sqlite_file_;
  if (durable_ == nullptr) return "";
  return AbsolutePath(durable_->files->path());
}

}  // namespace sluice::sql

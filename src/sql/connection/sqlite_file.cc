// CopySqliteFile and IsSqliteFile (include/sluice/sqlite_file.h): an SQLite
// file read through libsqlite3 (opened read-only, never written) and copied
// into a sluice Database through its public API only. A library of its own
// (sluice_sqlite_file) so that the shell, which sees the engine only
// through that API, can use it too.
#include "sluice/sqlite_file.h"

#include <sqlite3.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <strings.h>
#include <sys/stat.h>

namespace sluice {

namespace {

// "name" as an SQL identifier.
std::string Quote(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    out.push_back(c);
    if (c == '"') out.push_back('"');
  }
  return out + "\"";
}

struct CloseSqlite {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct FinalizeStmt {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using SqliteDb = std::unique_ptr<sqlite3, CloseSqlite>;
using SqliteStmt = std::unique_ptr<sqlite3_stmt, FinalizeStmt>;

// libsqlite3's error as a Status with its result code (SQLITE_NOTADB, ...).
Status SqliteError(sqlite3* db, const std::string& path, int rc) {
  const char* msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return Status::InvalidArgument(path + ": " + msg, static_cast<ResultCode>(rc & 0xff));
}

Result<SqliteStmt> PrepareSqlite(sqlite3* db, const std::string& path, const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db, path, rc);
  return SqliteStmt(raw);
}

std::string ColumnText(sqlite3_stmt* s, int i) {
  const unsigned char* text = sqlite3_column_text(s, i);
  return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text));
}

// One row of sqlite_schema.
struct SchemaObject {
  std::string type, name, sql;
};

// Runs one statement of `target` to its end (by the virtual calls only:
// Database::Execute is the engine's code, which the shell does not link).
Status RunOn(Database& target, const std::string& sql) {
  PrepareOutcome p = target.Prepare(sql);
  if (!p.status.ok()) return p.status;
  while (p.statement != nullptr) {
    SLUICE_ASSIGN_OR_RETURN(bool row, p.statement->Step());
    if (!row) break;
  }
  return Status::OK();
}

// Runs the CREATE text of a schema object: exactly one CREATE statement
// (a crafted file could store more in sqlite_schema; nothing else runs).
Status RunCreate(Database& target, const std::string& sql) {
  size_t start = sql.find_first_not_of(" \t\r\n");
  if (start == std::string::npos || strncasecmp(sql.c_str() + start, "CREATE", 6) != 0) {
    return Status::InvalidArgument("not a CREATE statement: " + sql);
  }
  PrepareOutcome p = target.Prepare(sql);
  if (!p.status.ok()) return p.status;
  if (sql.find_first_not_of(" \t\r\n;", p.consumed) != std::string::npos || p.statement == nullptr) {
    return Status::InvalidArgument("not one CREATE statement: " + sql);
  }
  while (true) {
    SLUICE_ASSIGN_OR_RETURN(bool row, p.statement->Step());
    if (!row) return Status::OK();
  }
}

// Binds column i of the SQLite row to slot `slot` of `insert`.
Status BindValue(sqlite3_stmt* row, int i, Statement& insert, int slot) {
  switch (sqlite3_column_type(row, i)) {
    case SQLITE_INTEGER: return insert.BindInt64(slot, sqlite3_column_int64(row, i));
    case SQLITE_FLOAT: return insert.BindDouble(slot, sqlite3_column_double(row, i));
    case SQLITE_TEXT: {
      const char* text = reinterpret_cast<const char*>(sqlite3_column_text(row, i));
      return insert.BindText(slot, std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(row, i))));
    }
    case SQLITE_BLOB: {
      const char* blob = static_cast<const char*>(sqlite3_column_blob(row, i));
      size_t n = static_cast<size_t>(sqlite3_column_bytes(row, i));
      return insert.BindBlob(slot, blob == nullptr ? std::string_view() : std::string_view(blob, n));
    }
    default: return insert.BindNull(slot);
  }
}

// Copies the rows of table `name` (created in `target` already): every
// stored column (generated ones are computed again by the target) and,
// for a rowid table, the rowid, so that rowids stay what they were.
Result<int64_t> CopyRows(sqlite3* db, const std::string& path, const std::string& name, Database& target) {
  SLUICE_ASSIGN_OR_RETURN(SqliteStmt info, PrepareSqlite(db, path, "PRAGMA table_xinfo(" + Quote(name) + ")"));
  std::vector<std::string> columns;
  std::vector<std::string> all;
  int rc;
  while ((rc = sqlite3_step(info.get())) == SQLITE_ROW) {
    std::string column = ColumnText(info.get(), 1);
    all.push_back(column);
    if (sqlite3_column_int(info.get(), 6) == 0) columns.push_back(column);  // hidden: 0 = stored
  }
  if (rc != SQLITE_DONE) return SqliteError(db, path, rc);
  // The rowid under a name no column has; none for WITHOUT ROWID tables.
  std::string rowid;
  for (const char* alias : {"rowid", "_rowid_", "oid"}) {
    bool taken = false;
    for (const std::string& c : all) taken = taken || strcasecmp(c.c_str(), alias) == 0;
    if (taken) continue;
    sqlite3_stmt* probe = nullptr;
    std::string sql = "SELECT " + std::string(alias) + " FROM " + Quote(name);
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &probe, nullptr) == SQLITE_OK) rowid = alias;
    sqlite3_finalize(probe);
    break;
  }
  std::string select = "SELECT ";
  std::string insert = "INSERT INTO " + Quote(name) + "(";
  std::string values = ") VALUES (";
  std::vector<std::string> read = columns;
  if (!rowid.empty()) read.insert(read.begin(), rowid);
  for (size_t i = 0; i < read.size(); ++i) {
    std::string sep = i == 0 ? "" : ", ";
    std::string column = i == 0 && !rowid.empty() ? rowid : Quote(read[i]);
    select += sep + column;
    insert += sep + column;
    values += sep + "?" + std::to_string(i + 1);
  }
  if (read.empty()) return int64_t{0};
  SLUICE_ASSIGN_OR_RETURN(SqliteStmt rows, PrepareSqlite(db, path, select + " FROM " + Quote(name)));
  PrepareOutcome p = target.Prepare(insert + values + ")");
  if (!p.status.ok()) return p.status;
  if (p.statement == nullptr) return Status::Internal("empty INSERT");
  int64_t copied = 0;
  while ((rc = sqlite3_step(rows.get())) == SQLITE_ROW) {
    p.statement->Reset();
    for (int i = 0; i < static_cast<int>(read.size()); ++i) {
      SLUICE_RETURN_IF_ERROR(BindValue(rows.get(), i, *p.statement, i + 1));
    }
    SLUICE_ASSIGN_OR_RETURN(bool row, p.statement->Step());
    (void)row;
    ++copied;
  }
  if (rc != SQLITE_DONE) return SqliteError(db, path, rc);
  return copied;
}

// Copies one object whole or not at all: a savepoint around its CREATE
// (and rows), taken back when the target refuses either.
void CopyObject(sqlite3* db, const std::string& path, const SchemaObject& object, Database& target,
                std::vector<SqliteObjectCopy>* out) {
  SqliteObjectCopy copy{object.type, object.name, 0, Status::OK()};
  Status s = RunOn(target, "SAVEPOINT sqlite_copy");
  if (s.ok()) {
    Status made = RunCreate(target, object.sql);
    if (made.ok() && object.type == "table") {
      Result<int64_t> rows = CopyRows(db, path, object.name, target);
      if (rows.ok()) {
        copy.rows = *rows;
      } else {
        made = rows.status();
      }
    }
    if (made.ok()) {
      s = RunOn(target, "RELEASE sqlite_copy");
    } else {
      s = made;
      (void)RunOn(target, "ROLLBACK TO sqlite_copy");
      (void)RunOn(target, "RELEASE sqlite_copy");
    }
  }
  copy.status = s;
  out->push_back(std::move(copy));
}

// The AUTOINCREMENT counters (sqlite_sequence), after the tables they
// belong to: each row replaces the target's row of the same table (the
// target made its own when CREATE TABLE ... AUTOINCREMENT ran). Reported
// as one object.
void CopySequence(sqlite3* db, const std::string& path, Database& target, std::vector<SqliteObjectCopy>* out) {
  SqliteObjectCopy copy{"table", "sqlite_sequence", 0, Status::OK()};
  auto copy_rows = [&]() -> Status {
    SLUICE_ASSIGN_OR_RETURN(SqliteStmt rows, PrepareSqlite(db, path, "SELECT name, seq FROM sqlite_sequence"));
    int rc;
    while ((rc = sqlite3_step(rows.get())) == SQLITE_ROW) {
      for (const char* sql :
           {"DELETE FROM sqlite_sequence WHERE name = ?1", "INSERT INTO sqlite_sequence VALUES (?1, ?2)"}) {
        PrepareOutcome p = target.Prepare(sql);
        if (!p.status.ok()) return p.status;
        SLUICE_RETURN_IF_ERROR(BindValue(rows.get(), 0, *p.statement, 1));
        if (p.statement->bind_parameter_count() > 1) SLUICE_RETURN_IF_ERROR(BindValue(rows.get(), 1, *p.statement, 2));
        SLUICE_ASSIGN_OR_RETURN(bool row, p.statement->Step());
        (void)row;
      }
      ++copy.rows;
    }
    if (rc != SQLITE_DONE) return SqliteError(db, path, rc);
    return Status::OK();
  };
  Status s = RunOn(target, "SAVEPOINT sqlite_copy");
  if (s.ok()) {
    Status copied = copy_rows();
    if (copied.ok()) {
      s = RunOn(target, "RELEASE sqlite_copy");
    } else {
      s = copied;
      (void)RunOn(target, "ROLLBACK TO sqlite_copy");
      (void)RunOn(target, "RELEASE sqlite_copy");
    }
  }
  copy.status = s;
  out->push_back(std::move(copy));
}

}  // namespace

bool IsSqliteFile(const std::string& path) {
  // Only a regular file: opening a FIFO to look would block.
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  static constexpr char kHeader[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char buf[sizeof(kHeader)];
  size_t n = std::fread(buf, 1, sizeof(buf), f);
  std::fclose(f);
  return n == sizeof(kHeader) && std::memcmp(buf, kHeader, sizeof(kHeader)) == 0;
}

Result<std::vector<SqliteObjectCopy>> CopySqliteFile(const std::string& path, Database& target) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  SqliteDb db(raw);
  if (rc != SQLITE_OK) return SqliteError(db.get(), path, rc);
  // Read the whole file as of one moment, even if another process writes it.
  SLUICE_ASSIGN_OR_RETURN(SqliteStmt begin, PrepareSqlite(db.get(), path, "BEGIN"));
  (void)sqlite3_step(begin.get());
  std::vector<SchemaObject> objects;
  bool has_sequence = false;  // AUTOINCREMENT counters to copy
  {
    SLUICE_ASSIGN_OR_RETURN(SqliteStmt schema,
                            PrepareSqlite(db.get(), path,
                                          "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL "
                                          "ORDER BY rowid"));
    while ((rc = sqlite3_step(schema.get())) == SQLITE_ROW) {
      SchemaObject object{ColumnText(schema.get(), 0), ColumnText(schema.get(), 1), ColumnText(schema.get(), 2)};
      if (object.type == "table" && object.name == "sqlite_sequence") {
        has_sequence = true;
      } else if (object.name.rfind("sqlite_", 0) != 0) {
        objects.push_back(std::move(object));
      }
    }
    if (rc != SQLITE_DONE) return SqliteError(db.get(), path, rc);
  }
  bool own_transaction = !target.in_transaction();
  if (own_transaction) SLUICE_RETURN_IF_ERROR(RunOn(target, "BEGIN"));
  std::vector<SqliteObjectCopy> out;
  // In the file's order: each object after those it names, and the schema
  // lists them as sqlite3 does.
  for (const SchemaObject& object : objects) CopyObject(db.get(), path, object, target, &out);
  if (has_sequence) CopySequence(db.get(), path, target, &out);
  if (own_transaction) SLUICE_RETURN_IF_ERROR(RunOn(target, "COMMIT"));
  return out;
}

}  // namespace sluice

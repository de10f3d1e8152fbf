// PRAGMAs: which ones return rows and their column names, the settings a
// PRAGMA with a value changes (busy_timeout, synchronous), and the rows of
// those that return rows (integrity_check, quick_check, busy_timeout,
// synchronous, journal_mode, wal_checkpoint; the foreign key ones are
// foreign_key_pragmas.cc's). Other PRAGMAs are accepted
// and do nothing, as SQLite does with unknown ones.
#include <algorithm>
#include <cstdlib>

#include "base/ascii.h"
#include "sql/connection/connection_internal.h"
#include "sql/connection/foreign_keys.h"
#include "sql/connection/pragma_schema.h"

namespace sluice::sql {

namespace {

// SQLite's getSafetyLevel: 0/off/no/false, 1/normal, 2/full/yes/true/on,
// 3/extra (as full here); anything else is NORMAL.
Synchronous ParseSynchronous(std::string_view value) {
  std::string v = LowerAscii(value);
  if (v == "0" || v == "off" || v == "no" || v == "false") return Synchronous::kOff;
  if (v == "2" || v == "full" || v == "yes" || v == "true" || v == "on" || v == "3" || v == "extra") {
    return Synchronous::kFull;
  }
  return Synchronous::kNormal;
}

}  // namespace

bool PragmaHasRows(const PragmaStatement& p) {
  std::string name = LowerAscii(p.name);
  if (IsSchemaPragma(name)) return true;
  if (IsForeignKeyPragma(name)) return ForeignKeyPragmaHasRows(name, p);
  if (name == "integrity_check" || name == "quick_check" || name == "busy_timeout" || name == "journal_mode" ||
      name == "wal_checkpoint") {
    return true;
  }
  return name == "synchronous" && !p.has_value;
}

std::vector<std::string> PragmaColumnNames(const PragmaStatement& p) {
  std::string name = LowerAscii(p.name);
  if (IsSchemaPragma(name)) return SchemaPragmaColumns(name);
  if (IsForeignKeyPragma(name)) return ForeignKeyPragmaColumns(name);
  if (name == "busy_timeout") return {"timeout"};
  if (name == "wal_checkpoint") return {"busy", "log", "checkpointed"};
  return {name};
}

Status ApplyPragmaSetting(DatabaseImpl& db, const PragmaStatement& p) {
  std::string name = LowerAscii(p.name);
  if (!p.has_value) return Status::OK();
  if (IsForeignKeyPragma(name)) return ApplyForeignKeyPragma(db, name, p);
  if (name == "synchronous") {
    db.set_synchronous(ParseSynchronous(p.value));
  } else if (name == "busy_timeout") {
    char* end = nullptr;
    long long ms = std::strtoll(p.value.c_str(), &end, 10);
    db.set_busy_timeout_ms(ms < 0 ? 0 : static_cast<int>(std::min<long long>(ms, INT32_MAX)));
  }
  return Status::OK();
}

Result<std::vector<std::vector<Value>>> PragmaRows(DatabaseImpl& db, const PragmaStatement& p) {
  std::string name = LowerAscii(p.name);
  if (IsForeignKeyPragma(name)) return ForeignKeyPragmaRows(db, name, p);
  SLUICE_RETURN_IF_ERROR(ApplyPragmaSetting(db, p));
  std::vector<std::vector<Value>> rows;
  if (IsSchemaPragma(name)) {
    rows = SchemaPragmaRows(db.catalog(), p);
  } else if (name == "integrity_check" || name == "quick_check") {
    std::vector<std::string> problems = db.IntegrityProblems();
    if (problems.empty()) rows.push_back({Value::Text("ok")});
    for (const std::string& problem : problems) rows.push_back({Value::Text(problem)});
  } else if (name == "busy_timeout") {
    rows.push_back({Value::Integer(db.busy_timeout_ms())});
  } else if (name == "synchronous") {
    rows.push_back({Value::Integer(static_cast<int64_t>(db.synchronous()))});
  } else if (name == "journal_mode") {
    rows.push_back({Value::Text(db.is_file_database() ? "wal" : "memory")});
  } else if (name == "wal_checkpoint") {
    if (db.is_file_database()) {
      if (db.in_transaction()) {
        rows.push_back({Value::Integer(1), Value::Integer(-1), Value::Integer(-1)});
      } else {
        SLUICE_RETURN_IF_ERROR(db.CheckpointNow());
        rows.push_back({Value::Integer(0), Value::Integer(0), Value::Integer(0)});
      }
    } else {
      rows.push_back({Value::Integer(0), Value::Integer(-1), Value::Integer(-1)});
    }
  }
  return rows;
}

}  // namespace sluice::sql

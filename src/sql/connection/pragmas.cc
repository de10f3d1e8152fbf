// PRAGMAs: which ones return rows and their column names, the settings a
// PRAGMA with a value changes (busy_timeout, synchronous,
// case_sensitive_like, user_version, application_id, recursive_triggers,
// temp_store), and the rows of those that return rows: integrity_check,
// quick_check, busy_timeout, synchronous, recursive_triggers, temp_store, journal_mode,
// wal_checkpoint, database_list here, the schema PRAGMAs from sql/pragma
// (pragma_table.h), the foreign key ones from foreign_key_pragmas.cc. Other PRAGMAs are accepted and do nothing, as SQLite
// does with unknown ones.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <optional>

#include "base/ascii.h"
#include "sql/connection/connection_internal.h"
#include "sql/binder/pragma_context.h"
#include "sql/pragma/pragma_table.h"
#include "sql/connection/foreign_keys.h"

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

// sqlite3GetBoolean: a number is true unless 0; on/yes/true are true;
// anything else (off, no, false, unknown words) false.
bool ParseBoolean(std::string_view value) {
  if (!value.empty() && value[0] >= '0' && value[0] <= '9') return std::atoll(std::string(value).c_str()) != 0;
  std::string v = LowerAscii(value);
  return v == "on" || v == "yes" || v == "true";
}

// sqlite3GetInt32 as PRAGMA user_version reads its value: an optional
// sign, decimal digits, or (unsigned) 0x and up to 8 hex digits below
// 0x80000000, up to the first other character; a value outside 32 bits (or
// none) is 0.
// sqlite3's getTempStore: 0-2 by their first digit, file, memory; else 0.
int ParseTempStore(std::string_view v) {
  if (!v.empty() && v[0] >= '0' && v[0] <= '2') return v[0] - '0';
  if (EqualsIgnoreAsciiCase(v, "file")) return 1;
  if (EqualsIgnoreAsciiCase(v, "memory")) return 2;
  return 0;
}

int32_t ParseInt32(std::string_view v) {
  size_t i = 0;
  bool negative = false;
  if (i < v.size() && (v[i] == '-' || v[i] == '+')) negative = v[i++] == '-';
  if (i == 0 && i + 2 < v.size() && v[i] == '0' && (v[i + 1] == 'x' || v[i + 1] == 'X') &&
      std::isxdigit(static_cast<unsigned char>(v[i + 2]))) {
    i += 2;
    while (i < v.size() && v[i] == '0') ++i;
    uint32_t u = 0;
    int digits = 0;
    for (; i < v.size() && std::isxdigit(static_cast<unsigned char>(v[i])); ++i, ++digits) {
      char c = v[i];
      u = u * 16 + static_cast<uint32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return digits <= 8 && (u & 0x80000000u) == 0 ? static_cast<int32_t>(u) : 0;
  }
  while (i < v.size() && v[i] == '0') ++i;
  int64_t n = 0;
  int digits = 0;
  for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i, ++digits) n = n * 10 + (v[i] - '0');
  if (digits > 10) return 0;
  if (negative) n = -n;
  return n < INT32_MIN || n > INT32_MAX ? 0 : static_cast<int32_t>(n);
}

// The schema PRAGMAs' table, except a user_version or application_id
// that sets a value (no rows).
const PragmaTableDef* SchemaPragma(const PragmaStatement& p) {
  const PragmaTableDef* def = FindPragmaTable(p.name);
  if (def != nullptr && p.has_value && !def->takes_arg) return nullptr;
  return def;
}

}  // namespace

bool IsWritingPragma(const PragmaStatement& p) {
  if (!p.has_value) return false;
  std::string name = LowerAscii(p.name);
  return name == "user_version" || name == "application_id";
}

bool PragmaHasRows(const PragmaStatement& p) {
  std::string name = LowerAscii(p.name);
  if (SchemaPragma(p) != nullptr) return true;
  if (IsForeignKeyPragma(name)) return ForeignKeyPragmaHasRows(name, p);
  if (name == "integrity_check" || name == "quick_check" || name == "busy_timeout" || name == "journal_mode" ||
      name == "wal_checkpoint" || name == "database_list") {
    return true;
  }
  return (name == "synchronous" || name == "recursive_triggers" || name == "temp_store") && !p.has_value;
}

std::vector<std::string> PragmaColumnNames(const PragmaStatement& p) {
  std::string name = LowerAscii(p.name);
  if (const PragmaTableDef* def = SchemaPragma(p)) return def->columns;
  if (IsForeignKeyPragma(name)) return ForeignKeyPragmaColumns(name);
  if (name == "busy_timeout") return {"timeout"};
  if (name == "wal_checkpoint") return {"busy", "log", "checkpointed"};
  if (name == "database_list") return {"seq", "name", "file"};
  return {name};
}

Status ApplyPragmaSetting(DatabaseImpl& db, const PragmaStatement& p) {
  std::string name = LowerAscii(p.name);
  if (!p.has_value) return Status::OK();
  if (IsForeignKeyPragma(name)) return ApplyForeignKeyPragma(db, name, p);
  if (name == "recursive_triggers") {
    db.set_recursive_triggers(ParseBoolean(p.value));
  } else if (name == "synchronous") {
    db.set_synchronous(ParseSynchronous(p.value));
  } else if (name == "temp_store") {
    return db.SetTempStore(ParseTempStore(p.value));
  } else if (name == "user_version") {
    db.catalog().set_user_version(ParseInt32(p.value));
  } else if (name == "application_id") {
    db.catalog().set_application_id(ParseInt32(p.value));
  } else if (name == "case_sensitive_like") {
    db.connection_state().case_sensitive_like = ParseBoolean(p.value);
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
  if (const PragmaTableDef* def = SchemaPragma(p)) {
    std::optional<std::string> arg;
    if (p.has_value) arg = p.value;
    rows = def->rows(MakePragmaContext(db.catalog()), arg);
  } else if (name == "integrity_check" || name == "quick_check") {
    std::vector<std::string> problems = db.IntegrityProblems();
    if (problems.empty()) rows.push_back({Value::Text("ok")});
    for (const std::string& problem : problems) rows.push_back({Value::Text(problem)});
  } else if (name == "busy_timeout") {
    rows.push_back({Value::Integer(db.busy_timeout_ms())});
  } else if (name == "recursive_triggers") {
    rows.push_back({Value::Integer(db.recursive_triggers() ? 1 : 0)});
  } else if (name == "temp_store") {
    rows.push_back({Value::Integer(db.temp_store())});
  } else if (name == "synchronous") {
    rows.push_back({Value::Integer(static_cast<int64_t>(db.synchronous()))});
  } else if (name == "journal_mode") {
    rows.push_back({Value::Text(db.is_file_database() ? "wal" : "memory")});
  } else if (name == "database_list") {
    rows.push_back({Value::Integer(0), Value::Text("main"), Value::Text(db.main_file())});
    if (db.temp_used()) rows.push_back({Value::Integer(1), Value::Text("temp"), Value::Text("")});
    // sqlite3 numbers attached databases from 2 (1 is temp).
    int64_t seq = 2;
    for (DatabaseImpl::AttachedDatabase& a : db.attached()) {
      rows.push_back({Value::Integer(seq++), Value::Text(a.name), Value::Text(a.db->main_file())});
    }
  } else if (name == "wal_checkpoint") {
    if (db.is_file_database() && !EqualsIgnoreAsciiCase(p.schema, "temp")) {
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

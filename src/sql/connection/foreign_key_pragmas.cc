// The foreign key PRAGMAs (foreign_keys.h): foreign_keys and
// defer_foreign_keys (read and set), foreign_key_list(t) and
// foreign_key_check[(t)], with sqlite3's columns and rows.
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "base/ascii.h"
#include "sql/catalog/foreign_key.h"
#include "sql/catalog/index.h"
#include "sql/connection/connection_internal.h"
#include "sql/connection/foreign_keys.h"
#include "sql/value/affinity.h"

namespace sluice::sql {

namespace {

// sqlite3GetBoolean: a number is true when not 0; yes/on/true (and
// full/extra) are true; anything else is false.
bool ParseBoolean(const std::string& value) {
  std::string v = LowerAscii(value);
  if (!v.empty() && (std::isdigit(static_cast<unsigned char>(v[0])) || v[0] == '-' || v[0] == '+')) {
    return std::strtoll(v.c_str(), nullptr, 10) != 0;
  }
  return v == "yes" || v == "on" || v == "true" || v == "full" || v == "extra";
}

// The order in which sqlite3's Hash (hash.c) visits keys inserted in the
// order of `keys`: new keys go first, or in front of their bucket's chain
// once the table has buckets (from 10 keys on, twice the count whenever
// it passes twice the bucket count, at most 64; strHash folds ASCII case).
std::vector<std::string> SqliteHashOrder(const std::vector<std::string>& keys) {
  constexpr uint32_t kNone = UINT32_MAX;
  auto hash = [](const std::string& s) {
    uint32_t h = 0;
    for (unsigned char c : s) {
      h += static_cast<uint32_t>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      h *= 0x9e3779b1u;
    }
    return h;
  };
  struct Bucket {
    uint32_t count = 0;
    uint32_t chain = kNone;
  };
  std::vector<uint32_t> next(keys.size(), kNone), prev(keys.size(), kNone);
  std::vector<Bucket> buckets;
  uint32_t first = kNone;
  auto insert = [&](Bucket* b, uint32_t e) {
    uint32_t head = kNone;
    if (b != nullptr) {
      head = b->count != 0 ? b->chain : kNone;
      ++b->count;
      b->chain = e;
    }
    if (head != kNone) {
      next[e] = head;
      prev[e] = prev[head];
      if (prev[head] != kNone) {
        next[prev[head]] = e;
      } else {
        first = e;
      }
      prev[head] = e;
    } else {
      next[e] = first;
      if (first != kNone) prev[first] = e;
      prev[e] = kNone;
      first = e;
    }
  };
  for (uint32_t e = 0; e < keys.size(); ++e) {
    const uint32_t count = e + 1;
    // SQLITE_MALLOC_SOFT_LIMIT (1024 bytes of 16-byte buckets) caps the
    // bucket count at 64.
    const size_t size = std::min<size_t>(size_t{count} * 2, 64);
    if (count >= 10 && count > 2 * buckets.size() && size != buckets.size()) {
      std::vector<Bucket> fresh(size);
      uint32_t at = first;
      first = kNone;
      buckets.swap(fresh);
      while (at != kNone) {
        uint32_t after = next[at];
        insert(&buckets[hash(keys[at]) % buckets.size()], at);
        at = after;
      }
    }
    insert(buckets.empty() ? nullptr : &buckets[hash(keys[e]) % buckets.size()], e);
  }
  std::vector<std::string> out;
  for (uint32_t at = first; at != kNone; at = next[at]) out.push_back(keys[at]);
  return out;
}

Value TextOrNull(const std::string& s, bool null) { return null ? Value::Null() : Value::Text(s); }

std::vector<std::vector<Value>> ListRows(const Catalog& catalog, const std::string& table) {
  std::vector<std::vector<Value>> rows;
  TablePtr t = catalog.FindTable(table);
  if (t == nullptr) return rows;
  for (const ForeignKeyDef& fk : ForeignKeysOf(*t)) {
    for (size_t k = 0; k < fk.child_columns.size(); ++k) {
      const bool no_to = fk.parent_columns.empty();
      rows.push_back({Value::Integer(fk.id), Value::Integer(static_cast<int64_t>(k)), Value::Text(fk.parent),
                      Value::Text(t->columns_info[static_cast<size_t>(fk.child_columns[k])].name),
                      TextOrNull(no_to ? std::string() : fk.parent_columns[k], no_to),
                      Value::Text(ForeignKeyActionName(fk.on_update)), Value::Text(ForeignKeyActionName(fk.on_delete)),
                      Value::Text("NONE")});
    }
  }
  return rows;
}

// The rows of `t` whose keys have no parent row, rowid order, keys in id
// order within a row.
Status CheckTable(const Catalog& catalog, const Table& t, std::vector<std::vector<Value>>* rows) {
  std::vector<ForeignKeyDef> fks = ForeignKeysOf(t);
  if (fks.empty()) return Status::OK();
  struct Parent {
    const Table* table = nullptr;
    ParentKey key;
  };
  std::vector<Parent> parents(fks.size());
  std::vector<TablePtr> keep;
  for (size_t i = 0; i < fks.size(); ++i) {
    TablePtr p = catalog.FindTable(fks[i].parent);
    if (p == nullptr) continue;
    SLUICE_ASSIGN_OR_RETURN(parents[i].key, LocateParentKey(t, fks[i], *p));
    SLUICE_RETURN_IF_ERROR(p->EnsureAllColumns());
    parents[i].table = p.get();
    keep.push_back(std::move(p));
  }
  SLUICE_RETURN_IF_ERROR(t.EnsureAllColumns());
  t.data.EnsureOrdered();
  // WITHOUT ROWID tables report a NULL rowid.
  const bool without_rowid = t.create_ast != nullptr && t.create_ast->kind == StatementKind::kCreateTable &&
                             t.create_ast->As<CreateTableStatement>().without_rowid;
  for (size_t pos = 0; pos < t.data.row_count(); ++pos) {
    for (size_t i = 0; i < fks.size(); ++i) {
      std::vector<Value> key;
      bool null = false;
      for (int c : fks[i].child_columns) {
        key.push_back(t.data.value(static_cast<size_t>(c), pos));
        null |= key.back().is_null();
      }
      if (null) continue;
      bool found = false;
      if (const Table* p = parents[i].table) {
        const ParentKey& pk = parents[i].key;
        if (pk.rowid) {
          Value id = ApplyColumnAffinity(Affinity::kInteger, key[0]);
          found = id.is_integer() && p->data.FindRowid(id.integer()) >= 0;
        } else {
          std::vector<Value> lookup;
          for (int at : pk.index_order) {
            lookup.push_back(
                ApplyColumnAffinity(p->columns_info[static_cast<size_t>(pk.columns[static_cast<size_t>(at)])].affinity,
                                    key[static_cast<size_t>(at)]));
          }
          found = !p->Index(static_cast<size_t>(pk.index)).Lookup(lookup).empty();
        }
      }
      if (!found) {
        rows->push_back({Value::Text(t.name), without_rowid ? Value::Null() : Value::Integer(t.data.rowid(pos)),
                         Value::Text(fks[i].parent), Value::Integer(fks[i].id)});
      }
    }
  }
  return Status::OK();
}

}  // namespace

bool IsForeignKeyPragma(const std::string& name) {
  return name == "foreign_keys" || name == "defer_foreign_keys" || name == "foreign_key_list" ||
         name == "foreign_key_check";
}

Status CheckForeignKeyPragma(DatabaseImpl& db, const PragmaStatement& p) {
  if (LowerAscii(p.name) != "foreign_key_check") return Status::OK();
  const Catalog& catalog = db.catalog();
  std::vector<TablePtr> tables;
  if (p.has_value) {
    TablePtr t = catalog.FindTable(p.value);
    if (t == nullptr) return Status::InvalidArgument("no such table: " + p.value);
    tables.push_back(std::move(t));
  } else {
    tables = catalog.tables();
  }
  for (const TablePtr& t : tables) {
    for (const ForeignKeyDef& fk : ForeignKeysOf(*t)) {
      TablePtr parent = catalog.FindTable(fk.parent);
      if (parent != nullptr) SLUICE_RETURN_IF_ERROR(LocateParentKey(*t, fk, *parent).status());
    }
  }
  return Status::OK();
}

bool ForeignKeyPragmaHasRows(const std::string& name, const PragmaStatement& p) {
  if (name == "foreign_key_list" || name == "foreign_key_check") return true;
  return !p.has_value;
}

std::vector<std::string> ForeignKeyPragmaColumns(const std::string& name) {
  if (name == "foreign_key_list") return {"id", "seq", "table", "from", "to", "on_update", "on_delete", "match"};
  if (name == "foreign_key_check") return {"table", "rowid", "parent", "fkid"};
  return {name};
}

Status ApplyForeignKeyPragma(DatabaseImpl& db, const std::string& name, const PragmaStatement& p) {
  if (!p.has_value) return Status::OK();
  ForeignKeyState& state = db.foreign_keys();
  if (name == "foreign_keys") {
    // As sqlite3: no effect inside a transaction.
    if (!db.in_transaction()) state.enabled = ParseBoolean(p.value);
  } else if (name == "defer_foreign_keys") {
    state.defer_all = ParseBoolean(p.value);
  }
  return Status::OK();
}

Result<std::vector<std::vector<Value>>> ForeignKeyPragmaRows(DatabaseImpl& db, const std::string& name,
                                                             const PragmaStatement& p) {
  std::vector<std::vector<Value>> rows;
  const Catalog& catalog = db.catalog();
  if (name == "foreign_key_list") {
    if (p.has_value) rows = ListRows(catalog, p.value);
    return rows;
  }
  if (name == "foreign_key_check") {
    if (p.has_value) {
      TablePtr t = catalog.FindTable(p.value);
      if (t == nullptr) return Status::InvalidArgument("no such table: " + p.value);
      SLUICE_RETURN_IF_ERROR(CheckTable(catalog, *t, &rows));
      return rows;
    }
    // sqlite3 walks its schema hash: sqlite_master, then the tables and
    // views in creation order (dropped ones are not replayed).
    std::vector<std::string> names = {"sqlite_master"};
    for (const SchemaEntry& e : catalog.SchemaRows()) {
      if (e.type == "table" || e.type == "view") names.push_back(e.name);
    }
    for (const std::string& n : SqliteHashOrder(names)) {
      TablePtr t = catalog.FindTable(n);
      if (t != nullptr) SLUICE_RETURN_IF_ERROR(CheckTable(catalog, *t, &rows));
    }
    return rows;
  }
  SLUICE_RETURN_IF_ERROR(ApplyForeignKeyPragma(db, name, p));
  if (p.has_value) return rows;
  const ForeignKeyState& state = db.foreign_keys();
  rows.push_back({Value::Integer(name == "foreign_keys" ? state.enabled : state.defer_all)});
  return rows;
}

}  // namespace sluice::sql

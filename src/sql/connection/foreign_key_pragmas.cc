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
    // sqlite3 walks its schema hash, which lists small schemas newest
    // first.
    const std::vector<TablePtr>& tables = catalog.tables();
    for (auto it = tables.rbegin(); it != tables.rend(); ++it) SLUICE_RETURN_IF_ERROR(CheckTable(catalog, **it, &rows));
    return rows;
  }
  SLUICE_RETURN_IF_ERROR(ApplyForeignKeyPragma(db, name, p));
  if (p.has_value) return rows;
  const ForeignKeyState& state = db.foreign_keys();
  rows.push_back({Value::Integer(name == "foreign_keys" ? state.enabled : state.defer_all)});
  return rows;
}

}  // namespace sluice::sql

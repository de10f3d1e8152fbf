// Foreign key definitions and parent key lookup (see foreign_key.h).
#include "sql/catalog/foreign_key.h"

#include <algorithm>

#include "sql/catalog/catalog.h"

namespace sluice::sql {

namespace {

ForeignKeyAction Effective(ForeignKeyAction a) {
  return a == ForeignKeyAction::kDefault ? ForeignKeyAction::kNoAction : a;
}

ForeignKeyDef DefinitionOf(const ForeignKeyClause& c, std::vector<int> child_columns) {
  ForeignKeyDef fk;
  fk.parent = c.table;
  fk.child_columns = std::move(child_columns);
  fk.parent_columns = c.columns;
  fk.on_delete = Effective(c.on_delete);
  fk.on_update = Effective(c.on_update);
  fk.deferred = c.deferral == ForeignKeyClause::Deferral::kDeferrable && c.initially_deferred;
  return fk;
}

}  // namespace

std::vector<ForeignKeyDef> ForeignKeysOf(const TableSchema& t) {
  std::vector<ForeignKeyDef> out;
  if (t.create_ast == nullptr || t.create_ast->kind != StatementKind::kCreateTable) return out;
  const auto& s = t.create_ast->As<CreateTableStatement>();
  // Declaration order: column constraints as they come, then table
  // constraints (sqlite3 builds its list in that order, newest first).
  for (size_t i = 0; i < s.columns.size(); ++i) {
    int col = t.column_index(s.columns[i].name);
    for (const ColumnConstraint& c : s.columns[i].constraints) {
      if (c.kind == ColumnConstraint::Kind::kReferences && c.foreign_key != nullptr && col >= 0) {
        out.push_back(DefinitionOf(*c.foreign_key, {col}));
      }
    }
  }
  for (const TableConstraint& tc : s.constraints) {
    if (tc.kind != TableConstraint::Kind::kForeignKey || tc.foreign_key == nullptr) continue;
    std::vector<int> cols;
    for (const std::string& name : tc.fk_columns) cols.push_back(t.column_index(name));
    if (std::find(cols.begin(), cols.end(), -1) != cols.end()) continue;
    out.push_back(DefinitionOf(*tc.foreign_key, std::move(cols)));
  }
  std::reverse(out.begin(), out.end());
  for (size_t i = 0; i < out.size(); ++i) out[i].id = static_cast<int>(i);
  return out;
}

Status ValidateForeignKeys(const CreateTableStatement& s) {
  for (const ColumnDef& cd : s.columns) {
    for (const ColumnConstraint& c : cd.constraints) {
      if (c.kind != ColumnConstraint::Kind::kReferences || c.foreign_key == nullptr) continue;
      if (c.foreign_key->columns.size() > 1) {
        return Status::InvalidArgument("foreign key on " + cd.name + " should reference only one column of table " +
                                       c.foreign_key->table);
      }
    }
  }
  for (const TableConstraint& tc : s.constraints) {
    if (tc.kind != TableConstraint::Kind::kForeignKey || tc.foreign_key == nullptr) continue;
    if (!tc.foreign_key->columns.empty() && tc.foreign_key->columns.size() != tc.fk_columns.size()) {
      return Status::InvalidArgument(
          "number of columns in foreign key does not match the number of columns in the referenced table");
    }
    for (const std::string& name : tc.fk_columns) {
      bool found = false;
      for (const ColumnDef& cd : s.columns) found |= NameEqualsNoCase(cd.name, name);
      if (!found) return Status::InvalidArgument("unknown column \"" + name + "\" in foreign key definition");
    }
  }
  return Status::OK();
}

Result<ParentKey> LocateParentKey(const TableSchema& child, const ForeignKeyDef& fk, const TableSchema& parent) {
  const Status mismatch =
      Status::InvalidArgument("foreign key mismatch - \"" + child.name + "\" referencing \"" + parent.name + "\"");
  const size_t n = fk.child_columns.size();
  ParentKey key;
  if (fk.parent_columns.empty()) {
    if (parent.rowid_alias >= 0) {
      if (n != 1) return mismatch;
      key.rowid = true;
      key.columns = {parent.rowid_alias};
      return key;
    }
    for (size_t i = 0; i < parent.indexes.size(); ++i) {
      const IndexDef& idx = parent.indexes[i];
      if (!idx.primary_key) continue;
      if (idx.columns.size() != n) return mismatch;
      key.index = static_cast<int>(i);
      key.columns = idx.columns;
      for (size_t k = 0; k < n; ++k) key.index_order.push_back(static_cast<int>(k));
      return key;
    }
    return mismatch;
  }
  if (fk.parent_columns.size() != n) return mismatch;
  for (const std::string& name : fk.parent_columns) {
    int c = parent.column_index(name);
    if (c < 0) return mismatch;
    key.columns.push_back(c);
  }
  if (n == 1 && key.columns[0] == parent.rowid_alias) {
    key.rowid = true;
    return key;
  }
  for (size_t i = 0; i < parent.indexes.size(); ++i) {
    const IndexDef& idx = parent.indexes[i];
    if (!idx.unique || idx.columns.size() != n) continue;
    std::vector<int> order;
    for (size_t k = 0; k < n; ++k) {
      auto at = std::find(key.columns.begin(), key.columns.end(), idx.columns[k]);
      if (at == key.columns.end()) break;
      // The index must compare as the parent column does.
      if (idx.collations[k] != parent.columns_info[static_cast<size_t>(idx.columns[k])].collation) break;
      order.push_back(static_cast<int>(at - key.columns.begin()));
    }
    if (order.size() != n) continue;
    key.index = static_cast<int>(i);
    key.index_order = std::move(order);
    return key;
  }
  return mismatch;
}

const char* ForeignKeyActionName(ForeignKeyAction a) {
  switch (a) {
    case ForeignKeyAction::kSetNull: return "SET NULL";
    case ForeignKeyAction::kSetDefault: return "SET DEFAULT";
    case ForeignKeyAction::kCascade: return "CASCADE";
    case ForeignKeyAction::kRestrict: return "RESTRICT";
    default: return "NO ACTION";
  }
}

}  // namespace sluice::sql

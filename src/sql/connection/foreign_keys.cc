// Foreign key enforcement (see foreign_keys.h): the checks and actions of
// a statement, deferred violations at COMMIT, DROP TABLE's implicit DELETE.
#include "sql/connection/foreign_keys.h"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <type_traits>
#include <unordered_set>
#include <utility>

#include "sql/catalog/foreign_key.h"
#include "sql/catalog/index.h"
#include "sql/connection/connection_internal.h"
#include "sql/exec/expr_eval.h"
#include "sql/parser/parser.h"
#include "sql/value/affinity.h"
#include "sql/value/compare.h"

namespace sluice::sql {

namespace {

// A statement's FK work stops with an error past this many changed rows
// (actions that keep feeding each other would otherwise never end).
constexpr size_t kMaxChanges = size_t{1} << 26;

Status ForeignKeyFailed() {
  return Status::InvalidArgument("FOREIGN KEY constraint failed", ResultCode::kConstraintForeignKey);
}

bool SameValue(const Value& a, const Value& b) { return a.type() == b.type() && CompareValues(a, b) == 0; }

bool SameKey(const std::vector<Value>& a, const std::vector<Value>& b) {
  for (size_t i = 0; i < a.size(); ++i) {
    if (!SameValue(a[i], b[i])) return false;
  }
  return true;
}

bool HasNull(const std::vector<Value>& key) {
  for (const Value& v : key) {
    if (v.is_null()) return true;
  }
  return false;
}

std::vector<Value> KeyOf(const std::vector<Value>& row, const std::vector<int>& columns) {
  std::vector<Value> key;
  key.reserve(columns.size());
  for (int c : columns) key.push_back(row[static_cast<size_t>(c)]);
  return key;
}

// One foreign key of the catalog: its child table and definition.
struct Link {
  std::string child;
  ForeignKeyDef fk;
};

std::vector<Link> AllLinks(const Catalog& catalog) {
  std::vector<Link> out;
  for (const TablePtr& t : catalog.tables()) {
    for (ForeignKeyDef& fk : ForeignKeysOf(*t)) out.push_back({t->name, std::move(fk)});
  }
  return out;
}

// One changed row: its values before (none: inserted) and after (none:
// deleted).
struct Change {
  std::string table;
  int64_t rowid = 0;
  std::optional<std::vector<Value>> old_row;
  std::optional<std::vector<Value>> new_row;
};

std::vector<Value> RowAt(const Table& t, size_t pos) {
  std::vector<Value> row;
  row.reserve(t.columns_info.size());
  for (size_t c = 0; c < t.columns_info.size(); ++c) row.push_back(t.data.value(c, pos).Owned());
  return row;
}

// The checks and actions over the connection's catalog. Holds no TablePtr
// (a reference would make Catalog::Mutable copy the table).
class Enforcer {
 public:
  explicit Enforcer(DatabaseImpl& db) : db_(db), catalog_(db.catalog()), links_(AllLinks(catalog_)) {}

  bool Involves(const std::string& table) const {
    for (const Link& l : links_) {
      if (NameEqualsNoCase(l.child, table) || NameEqualsNoCase(l.fk.parent, table)) return true;
    }
    return false;
  }

  // The rows of the written tables that differ from `before`.
  // `renumbered`: (old, new) rowids of the target's rows an UPDATE moved.
  // `replaced`: an INSERT changed the target, so a row whose values
  // differ under the same rowid was deleted (OR REPLACE) and another
  // inserted, which is not an update of the row (ON DELETE applies).
  Status Diff(const Catalog& before, const std::string& target,
              const std::vector<std::pair<int64_t, int64_t>>& renumbered, bool replaced) {
    for (const TablePtr& now_ptr : catalog_.tables()) {
      const Table& now = *now_ptr;
      TablePtr was_ptr = before.FindTable(now.name);
      if (was_ptr.get() == &now || !Involves(now.name)) continue;
      SLUICE_RETURN_IF_ERROR(now.EnsureAllColumns());
      if (was_ptr == nullptr) continue;  // created by the statement: nothing refers to its rows yet
      const Table& was = *was_ptr;
      SLUICE_RETURN_IF_ERROR(was.EnsureAllColumns());
      if (was.columns_info.size() != now.columns_info.size()) continue;
      // A row an UPDATE moved to another rowid is one changed row, not a
      // delete and an insert (ON UPDATE, not ON DELETE). Followed through
      // chains (a -> b, b -> c) to the rowid it ends at.
      std::unordered_map<int64_t, int64_t> moved_from;  // new rowid -> old rowid
      std::unordered_set<int64_t> moved_away;
      if (NameEqualsNoCase(now.name, target)) {
        for (const auto& [from, to] : renumbered) {
          auto chain = moved_from.find(from);
          int64_t origin = chain == moved_from.end() ? from : chain->second;
          if (chain != moved_from.end()) moved_from.erase(chain);
          moved_from[to] = origin;
        }
        for (auto it = moved_from.begin(); it != moved_from.end();) {
          if (it->first == it->second || was.data.FindRowid(it->second) < 0 || now.data.FindRowid(it->first) < 0) {
            it = moved_from.erase(it);
          } else {
            moved_away.insert(it->second);
            ++it;
          }
        }
      }
      for (size_t p = 0; p < now.data.row_count(); ++p) {
        if (now.data.is_dead(p)) continue;
        auto moved = moved_from.find(now.data.rowid(p));
        int64_t q = moved != moved_from.end()                  ? was.data.FindRowid(moved->second)
                    : moved_away.count(now.data.rowid(p)) != 0 ? -1
                                                               : was.data.FindRowid(now.data.rowid(p));
        std::vector<Value> row = RowAt(now, p);
        if (q < 0) {
          changes_.push_back({now.name, now.data.rowid(p), std::nullopt, std::move(row)});
          continue;
        }
        std::vector<Value> old = RowAt(was, static_cast<size_t>(q));
        if (SameKey(old, row)) continue;
        if (replaced && NameEqualsNoCase(now.name, target)) {
          changes_.push_back({now.name, now.data.rowid(p), std::move(old), std::nullopt});
          changes_.push_back({now.name, now.data.rowid(p), std::nullopt, std::move(row)});
        } else {
          changes_.push_back({now.name, now.data.rowid(p), std::move(old), std::move(row)});
        }
      }
      for (size_t q = 0; q < was.data.row_count(); ++q) {
        const int64_t r = was.data.rowid(q);
        if (was.data.is_dead(q) || moved_away.count(r) != 0) continue;  // moved: a change above
        if (now.data.FindRowid(r) >= 0 && moved_from.count(r) == 0) continue;
        changes_.push_back({now.name, was.data.rowid(q), RowAt(was, q), std::nullopt});
      }
    }
    return Status::OK();
  }

  // Rows a DELETE of `table` removed.
  void AddDeleted(const std::string& table, std::vector<std::pair<int64_t, std::vector<Value>>> rows) {
    for (auto& [rowid, values] : rows) changes_.push_back({table, rowid, std::move(values), std::nullopt});
  }

  // Rows an INSERT stored in `table` (distinct rowids).
  Status AddInserted(const std::string& table, const std::vector<int64_t>& rowids) {
    if (rowids.empty()) return Status::OK();
    const Table* t = catalog_.FindTable(table).get();
    SLUICE_RETURN_IF_ERROR(t->EnsureAllColumns());
    for (int64_t rowid : rowids) {
      int64_t pos = t->data.FindRowid(rowid);
      if (pos >= 0) changes_.push_back({table, rowid, std::nullopt, RowAt(*t, static_cast<size_t>(pos))});
    }
    return Status::OK();
  }

  // Rows an UPDATE of `table` matched (`updated`: rowid and values before,
  // `renumbered`: rowids it changed): a change each, with the values the
  // row has now. Returns each row's rowid now.
  Result<std::vector<int64_t>> AddUpdated(const std::string& table,
                                          const std::vector<std::pair<int64_t, std::vector<Value>>>& updated,
                                          const std::vector<std::pair<int64_t, int64_t>>& renumbered) {
    std::vector<int64_t> now_rowids;
    if (updated.empty()) return now_rowids;
    std::unordered_map<int64_t, int64_t> moved;
    for (const auto& [from, to] : renumbered) moved[from] = to;
    const Table* t = catalog_.FindTable(table).get();
    SLUICE_RETURN_IF_ERROR(t->EnsureAllColumns());
    for (const auto& [rowid, old] : updated) {
      auto m = moved.find(rowid);
      int64_t now = m == moved.end() ? rowid : m->second;
      now_rowids.push_back(now);
      int64_t pos = t->data.FindRowid(now);
      if (pos < 0) continue;
      std::vector<Value> row = RowAt(*t, static_cast<size_t>(pos));
      if (!SameKey(old, row)) changes_.push_back({table, now, old, std::move(row)});
    }
    return now_rowids;
  }

  // Puts back what the actions changed, newest first.
  void UndoActions() {
    for (auto it = journal_.rbegin(); it != journal_.rend(); ++it) {
      Table* t = catalog_.Mutable(it->table).get();
      if (t == nullptr) continue;
      if (it->columns.empty()) {
        t->data.AppendRow(std::move(it->values), it->rowid);
        continue;
      }
      int64_t pos = t->data.FindRowid(it->rowid);
      if (pos < 0) continue;
      t->data.BeginUpdate();
      for (size_t k = 0; k < it->columns.size(); ++k) {
        t->data.UpdateValue(static_cast<size_t>(it->columns[k]), static_cast<size_t>(pos), std::move(it->values[k]));
      }
      t->data.CommitUpdate();
    }
    journal_.clear();
  }

  // Every live row of `table` deleted (DROP TABLE's implicit DELETE).
  Status DeleteAll(const std::string& table) {
    Table* t = catalog_.Mutable(table).get();
    SLUICE_RETURN_IF_ERROR(t->EnsureAllColumns());
    std::vector<size_t> positions;
    for (size_t p = 0; p < t->data.row_count(); ++p) {
      if (t->data.is_dead(p)) continue;
      changes_.push_back({t->name, t->data.rowid(p), RowAt(*t, p), std::nullopt});
      positions.push_back(p);
    }
    if (!positions.empty()) t->data.DeleteRows(std::move(positions));
    return Status::OK();
  }

  // ON DELETE / ON UPDATE of every changed parent row, in turn for the
  // rows those actions change.
  Status ApplyActions() {
    for (size_t i = 0; i < changes_.size(); ++i) {
      if (changes_.size() > kMaxChanges) return Status::InvalidArgument("too many rows changed by foreign key actions");
      if (!changes_[i].old_row.has_value()) continue;
      for (size_t li = 0; li < links_.size(); ++li) {
        if (!NameEqualsNoCase(links_[li].fk.parent, changes_[i].table)) continue;
        SLUICE_RETURN_IF_ERROR(ApplyAction(li, i));
      }
    }
    return Status::OK();
  }

  // Every changed row: a child key without its parent, a removed parent
  // key that child rows still hold.
  Status CheckChanges() {
    std::unordered_set<std::string> seen;  // table + rowid + fk checked on the child side
    for (const Change& ch : changes_) {
      for (const Link& l : links_) {
        if (ch.new_row.has_value() && NameEqualsNoCase(l.child, ch.table)) {
          std::string tag = ch.table + '\0' + std::to_string(ch.rowid) + '\0' + std::to_string(l.fk.id);
          if (!seen.insert(tag).second) continue;
          SLUICE_RETURN_IF_ERROR(CheckChildRow(l, ch));
        }
      }
      if (!ch.old_row.has_value()) continue;
      for (const Link& l : links_) {
        if (NameEqualsNoCase(l.fk.parent, ch.table)) SLUICE_RETURN_IF_ERROR(CheckRemovedKey(l, ch));
      }
    }
    return Status::OK();
  }

  // The child side of rows [from, end) of `table` (a plain INSERT's rows).
  Status CheckAppended(const std::string& table, size_t from) {
    const Table* t = catalog_.FindTable(table).get();
    if (t == nullptr) return Status::OK();
    for (const Link& l : links_) {
      if (!NameEqualsNoCase(l.child, table)) continue;
      for (size_t p = from; p < t->data.row_count(); ++p) {
        if (t->data.is_dead(p)) continue;
        std::vector<Value> key;
        for (int c : l.fk.child_columns) key.push_back(t->data.value(static_cast<size_t>(c), p));
        if (HasNull(key)) continue;
        SLUICE_ASSIGN_OR_RETURN(bool found, ParentHas(l, key));
        if (!found) SLUICE_RETURN_IF_ERROR(Violation(l, ForeignKeyState::Child{l.child, l.fk.id, t->data.rowid(p)}));
      }
    }
    return Status::OK();
  }

  // The rows an UPDATE matched (`matched`, rowids before `renumbered`),
  // for the keys `fk_ids` whose child columns it assigned: a row whose key
  // has no parent is a violation even when the key kept its value.
  Status CheckMatched(const std::string& table, const std::vector<int>& fk_ids, const std::vector<int64_t>& matched,
                      const std::vector<std::pair<int64_t, int64_t>>& renumbered) {
    std::unordered_map<int64_t, int64_t> moved;
    for (const auto& [from, to] : renumbered) moved[from] = to;
    for (int id : fk_ids) {
      const Link* l = Find(table, id);
      if (l == nullptr) continue;
      for (int64_t rowid : matched) {
        auto m = moved.find(rowid);
        Change ch{table, m == moved.end() ? rowid : m->second, std::nullopt, std::vector<Value>()};
        SLUICE_RETURN_IF_ERROR(CheckChildRow(*l, ch));
      }
    }
    return Status::OK();
  }

  // COMMIT: the deferred violations that still hold.
  Result<bool> AnyPendingViolation() {
    ForeignKeyState& state = db_.foreign_keys();
    for (const ForeignKeyState::Child& c : state.children) {
      const Link* l = Find(c.table, c.fk_id);
      if (l == nullptr) continue;
      const Table* t = catalog_.FindTable(c.table).get();
      int64_t pos = t->data.FindRowid(c.rowid);
      if (pos < 0) continue;
      SLUICE_RETURN_IF_ERROR(t->EnsureAllColumns());
      std::vector<Value> key;
      for (int col : l->fk.child_columns)
        key.push_back(t->data.value(static_cast<size_t>(col), static_cast<size_t>(pos)));
      if (HasNull(key)) continue;
      if (catalog_.FindTable(l->fk.parent) == nullptr) return true;
      SLUICE_ASSIGN_OR_RETURN(bool found, ParentHas(*l, key));
      if (!found) return true;
    }
    for (const ForeignKeyState::Parent& p : state.parents) {
      const Link* l = Find(p.child_table, p.fk_id);
      if (l == nullptr) continue;
      if (catalog_.FindTable(l->fk.parent) != nullptr) {
        SLUICE_ASSIGN_OR_RETURN(bool back, ParentHas(*l, p.key));
        if (back) continue;
      }
      SLUICE_ASSIGN_OR_RETURN(std::vector<size_t> rows, ChildRows(*l, p.key));
      if (!rows.empty()) return true;
    }
    return false;
  }

  // The parent key of `l`, or the prepare-time error.
  Result<ParentKey> Resolve(const Link& l) const {
    const Table* parent = catalog_.FindTable(l.fk.parent).get();
    if (parent == nullptr) return Status::InvalidArgument("no such table: main." + l.fk.parent);
    const Table* child = catalog_.FindTable(l.child).get();
    return LocateParentKey(*child, l.fk, *parent);
  }

  const std::vector<Link>& links() const { return links_; }

 private:
  const Link* Find(const std::string& child, int id) const {
    for (const Link& l : links_) {
      if (NameEqualsNoCase(l.child, child) && l.fk.id == id) return &l;
    }
    return nullptr;
  }

  // Immediate: the statement fails. Deferred inside a transaction: kept
  // for COMMIT.
  template <typename Pending>
  Status Violation(const Link& l, Pending pending) {
    ForeignKeyState& state = db_.foreign_keys();
    if (!(l.fk.deferred || state.defer_all) || !db_.in_transaction()) return ForeignKeyFailed();
    if constexpr (std::is_same_v<Pending, ForeignKeyState::Child>) {
      state.children.push_back(std::move(pending));
    } else {
      state.parents.push_back(std::move(pending));
    }
    return Status::OK();
  }

  // True when the parent table of `l` holds `key` (values in foreign key
  // order, given the parent columns' affinity as sqlite3 does).
  Result<bool> ParentHas(const Link& l, const std::vector<Value>& key) {
    SLUICE_ASSIGN_OR_RETURN(ParentKey pk, Resolve(l));
    const Table* parent = catalog_.FindTable(l.fk.parent).get();
    if (pk.rowid) {
      Value id = ApplyColumnAffinity(Affinity::kInteger, key[0]);
      if (!id.is_integer()) return false;
      return parent->data.FindRowid(id.integer()) >= 0;
    }
    SLUICE_RETURN_IF_ERROR(parent->EnsureAllColumns());
    std::vector<Value> lookup;
    lookup.reserve(key.size());
    for (size_t k = 0; k < pk.index_order.size(); ++k) {
      size_t at = static_cast<size_t>(pk.index_order[k]);
      lookup.push_back(
          ApplyColumnAffinity(parent->columns_info[static_cast<size_t>(pk.columns[at])].affinity, key[at]));
    }
    return !parent->Index(static_cast<size_t>(pk.index)).Lookup(lookup).empty();
  }

  // Positions of the live child rows of `l` holding parent key `key`
  // (parent values in foreign key order): through an index on the child
  // columns that compares as the parent key does, else by a scan.
  Result<std::vector<size_t>> ChildRows(const Link& l, const std::vector<Value>& key) {
    const Table* child = catalog_.FindTable(l.child).get();
    const Table* parent = catalog_.FindTable(l.fk.parent).get();
    SLUICE_RETURN_IF_ERROR(child->EnsureAllColumns());
    const size_t n = l.fk.child_columns.size();
    std::vector<Affinity> affinity(n, Affinity::kBlob);
    std::vector<Collation> collation(n, Collation::kBinary);
    if (parent != nullptr) {
      Result<ParentKey> pk = Resolve(l);
      if (pk.ok()) {
        for (size_t k = 0; k < n; ++k) {
          const ColumnInfo& info = parent->columns_info[static_cast<size_t>(pk->columns[k])];
          affinity[k] = info.affinity;
          collation[k] = info.collation;
        }
      }
    }
    std::vector<size_t> out;
    for (size_t i = 0; i < child->indexes.size(); ++i) {
      const IndexDef& idx = child->indexes[i];
      if (idx.columns.size() != n) continue;
      std::vector<Value> lookup;
      for (size_t k = 0; k < n; ++k) {
        size_t at = 0;
        while (at < n && l.fk.child_columns[at] != idx.columns[k]) ++at;
        if (at == n || idx.collations[k] != collation[at] ||
            child->columns_info[static_cast<size_t>(idx.columns[k])].affinity != affinity[at]) {
          break;
        }
        lookup.push_back(key[at]);
      }
      if (lookup.size() != n) continue;
      for (uint32_t p : child->Index(i).Lookup(lookup)) out.push_back(p);
      return out;
    }
    for (size_t p = 0; p < child->data.row_count(); ++p) {
      if (child->data.is_dead(p)) continue;
      bool match = true;
      for (size_t k = 0; k < n && match; ++k) {
        const Value& v = child->data.value(static_cast<size_t>(l.fk.child_columns[k]), p);
        match = !v.is_null() && CompareValues(ApplyColumnAffinity(affinity[k], v), key[k], collation[k]) == 0;
      }
      if (match) out.push_back(p);
    }
    return out;
  }

  Status CheckChildRow(const Link& l, const Change& ch) {
    const Table* t = catalog_.FindTable(ch.table).get();
    if (t == nullptr) return Status::OK();
    int64_t pos = t->data.FindRowid(ch.rowid);
    if (pos < 0) return Status::OK();
    std::vector<Value> key;
    for (int c : l.fk.child_columns) key.push_back(t->data.value(static_cast<size_t>(c), static_cast<size_t>(pos)));
    if (HasNull(key)) return Status::OK();
    if (ch.old_row.has_value() && SameKey(KeyOf(*ch.old_row, l.fk.child_columns), key)) return Status::OK();
    SLUICE_ASSIGN_OR_RETURN(bool found, ParentHas(l, key));
    if (found) return Status::OK();
    return Violation(l, ForeignKeyState::Child{l.child, l.fk.id, ch.rowid});
  }

  // The parent key of `l` for a change of a parent row; none when the
  // change leaves the key alone although it cannot be located (sqlite3
  // reports a mismatch only for a change of the named columns).
  Result<std::optional<ParentKey>> ResolveFor(const Link& l, const Change& ch) {
    Result<ParentKey> pk = Resolve(l);
    if (pk.ok()) return std::optional<ParentKey>(std::move(*pk));
    if (!ch.new_row.has_value() || l.fk.parent_columns.empty()) return pk.status();
    const Table* parent = catalog_.FindTable(l.fk.parent).get();
    for (const std::string& name : l.fk.parent_columns) {
      int c = parent == nullptr ? -1 : parent->column_index(name);
      if (c < 0) continue;
      if (!SameValue((*ch.old_row)[static_cast<size_t>(c)], (*ch.new_row)[static_cast<size_t>(c)])) return pk.status();
    }
    return std::optional<ParentKey>();
  }

  Status CheckRemovedKey(const Link& l, const Change& ch) {
    SLUICE_ASSIGN_OR_RETURN(std::optional<ParentKey> located, ResolveFor(l, ch));
    if (!located.has_value()) return Status::OK();
    const ParentKey& pk = *located;
    std::vector<Value> old_key = KeyOf(*ch.old_row, pk.columns);
    if (HasNull(old_key)) return Status::OK();
    if (ch.new_row.has_value() && SameKey(old_key, KeyOf(*ch.new_row, pk.columns))) return Status::OK();
    SLUICE_ASSIGN_OR_RETURN(bool still, ParentHas(l, old_key));
    if (still) return Status::OK();
    SLUICE_ASSIGN_OR_RETURN(std::vector<size_t> rows, ChildRows(l, old_key));
    if (rows.empty()) return Status::OK();
    return Violation(l, ForeignKeyState::Parent{l.child, l.fk.id, std::move(old_key)});
  }

  // The action of link `li` for change `ci` (a parent row changed).
  Status ApplyAction(size_t li, size_t ci) {
    const Link l = links_[li];
    SLUICE_ASSIGN_OR_RETURN(std::optional<ParentKey> located, ResolveFor(l, changes_[ci]));
    if (!located.has_value()) return Status::OK();
    const ParentKey pk = *located;
    std::vector<Value> old_key = KeyOf(*changes_[ci].old_row, pk.columns);
    if (HasNull(old_key)) return Status::OK();
    const bool deleted = !changes_[ci].new_row.has_value();
    std::vector<Value> new_key;
    if (!deleted) {
      new_key = KeyOf(*changes_[ci].new_row, pk.columns);
      if (SameKey(old_key, new_key)) return Status::OK();
    }
    const ForeignKeyAction action = deleted ? l.fk.on_delete : l.fk.on_update;
    if (action == ForeignKeyAction::kNoAction || action == ForeignKeyAction::kDefault) return Status::OK();
    SLUICE_ASSIGN_OR_RETURN(std::vector<size_t> found, ChildRows(l, old_key));
    if (found.empty()) return Status::OK();
    if (action == ForeignKeyAction::kRestrict) return ForeignKeyFailed();
    // sqlite3 runs an action as a statement that fires the child's
    // triggers; here actions write the rows directly, so an action that
    // would skip a trigger is refused rather than run without it.
    if (ChildHasTrigger(l.child, deleted && action == ForeignKeyAction::kCascade
                                     ? CreateTriggerStatement::Event::kDelete
                                     : CreateTriggerStatement::Event::kUpdate)) {
      return Status::InvalidArgument(
          "foreign key actions on a table with " +
          std::string(deleted && action == ForeignKeyAction::kCascade ? "DELETE" : "UPDATE") +
          " triggers are not supported (table " + l.child + ")");
    }
    Table* child = catalog_.Mutable(l.child).get();
    SLUICE_ASSIGN_OR_RETURN(found, ChildRows(l, old_key));  // positions in the writable copy
    if (action == ForeignKeyAction::kCascade && deleted) {
      for (size_t p : found) {
        changes_.push_back({child->name, child->data.rowid(p), RowAt(*child, p), std::nullopt});
        journal_.push_back({child->name, child->data.rowid(p), RowAt(*child, p), {}});
      }
      child->data.DeleteRows(std::move(found));
      return Status::OK();
    }
    // CASCADE (update), SET NULL, SET DEFAULT: the child columns' new values.
    const size_t n = l.fk.child_columns.size();
    std::vector<Value> values(n);
    for (size_t k = 0; k < n; ++k) {
      size_t c = static_cast<size_t>(l.fk.child_columns[k]);
      const ColumnInfo& info = child->columns_info[c];
      if (action == ForeignKeyAction::kCascade) {
        values[k] = new_key[k];
      } else if (action == ForeignKeyAction::kSetDefault && info.default_expr != nullptr) {
        SLUICE_ASSIGN_OR_RETURN(values[k], EvaluateDefault(*child, c));
      }
      values[k] = ApplyColumnAffinity(info.affinity, values[k]).Owned();
      if (values[k].is_null() && info.not_null) {
        return Status::InvalidArgument("NOT NULL constraint failed: " + child->name + "." + info.name,
                                       ResultCode::kConstraintNotNull);
      }
      if (static_cast<int>(c) == child->rowid_alias) {
        return Status::InvalidArgument("foreign key actions on an INTEGER PRIMARY KEY column are not supported");
      }
    }
    std::vector<std::pair<int64_t, std::vector<Value>>> olds;
    for (size_t p : found) olds.emplace_back(child->data.rowid(p), RowAt(*child, p));
    child->data.BeginUpdate();
    for (size_t p : found) {
      for (size_t k = 0; k < n; ++k) child->data.UpdateValue(static_cast<size_t>(l.fk.child_columns[k]), p, values[k]);
    }
    child->data.CommitUpdate();
    for (auto& [rowid, old] : olds) {
      journal_.push_back({child->name, rowid, KeyOf(old, l.fk.child_columns), l.fk.child_columns});
      std::vector<Value> now = old;
      for (size_t k = 0; k < n; ++k) now[static_cast<size_t>(l.fk.child_columns[k])] = values[k];
      changes_.push_back({child->name, rowid, std::move(old), std::move(now)});
    }
    return Status::OK();
  }

  // True when `table` has a trigger for `event`.
  bool ChildHasTrigger(const std::string& table, CreateTriggerStatement::Event event) const {
    for (const TriggerInfo& trigger : catalog_.triggers()) {
      if (!NameEqualsNoCase(trigger.table, table)) continue;
      Result<StatementPtr> parsed = ParseStatement(trigger.sql);
      if (!parsed.ok() || (*parsed)->kind != StatementKind::kCreateTrigger) return true;
      if ((*parsed)->As<CreateTriggerStatement>().event == event) return true;
    }
    return false;
  }

  Result<Value> EvaluateDefault(const Table& t, size_t c) {
    if (t.create_ast == nullptr) return Value::Null();
    Binder binder(catalog_, nullptr);
    SLUICE_ASSIGN_OR_RETURN(BoundExprPtr e, binder.BindConstantExpr(*t.columns_info[c].default_expr, *t.create_ast));
    ExecContext ctx;
    SLUICE_ASSIGN_OR_RETURN(Value v, EvaluateConstant(*e, &ctx));
    return v.Owned();
  }

  // What an action changed: a row it deleted (no columns: appended again)
  // or the old values of the columns it set.
  struct Undo {
    std::string table;
    int64_t rowid = 0;
    std::vector<Value> values;
    std::vector<int> columns;
  };

  DatabaseImpl& db_;
  Catalog& catalog_;
  std::vector<Link> links_;
  std::vector<Change> changes_;
  std::vector<Undo> journal_;
};

// True when an UPDATE plan assigns one of `columns` (an assignment of the
// rowid counts for the INTEGER PRIMARY KEY column).
bool Assigns(const PlanNode& plan, const std::vector<int>& columns, int rowid_alias) {
  for (const auto& [col, expr] : plan.assignments) {
    for (int c : columns) {
      if (col == c || (col < 0 && c == rowid_alias)) return true;
    }
  }
  return false;
}

// True when an INSERT plan's DO UPDATE clauses assign one of `columns`:
// the rows they update are checked as an UPDATE's.
bool UpsertAssigns(const PlanNode& plan, const std::vector<int>& columns, int rowid_alias) {
  for (const UpsertAction& a : plan.upserts) {
    for (const auto& [col, expr] : a.assignments) {
      for (int c : columns) {
        if (col == c || (col == -2 && c == rowid_alias)) return true;
      }
    }
  }
  return false;
}

bool HasDoUpdate(const PlanNode& plan) {
  for (const UpsertAction& a : plan.upserts) {
    if (a.do_update) return true;
  }
  return false;
}

// Whether `plan` needs link `l`: for its prepare-time errors (`resolve`,
// as sqlite3FkCheck locates keys: a child's keys on INSERT and DELETE, and
// on UPDATE when the statement assigns a child column; a parent's on
// DELETE, and on UPDATE when it assigns a parent key column), or for a
// check after the write (a child's on INSERT and UPDATE, a parent's on
// DELETE, UPDATE and INSERT OR REPLACE, which may delete parent rows).
bool Needs(const Enforcer& e, const Link& l, const PlanNode& plan, bool resolve) {
  const Table& t = *plan.table;
  if (NameEqualsNoCase(l.child, t.name)) {
    if (plan.kind == PlanKind::kInsert) return true;
    if (plan.kind == PlanKind::kDelete && resolve) return true;
    if (plan.kind == PlanKind::kUpdate && Assigns(plan, l.fk.child_columns, t.rowid_alias)) return true;
  }
  if (!NameEqualsNoCase(l.fk.parent, t.name)) return false;
  if (plan.kind == PlanKind::kDelete) return true;
  if (plan.kind == PlanKind::kInsert && !HasDoUpdate(plan)) {
    return !resolve && plan.conflict == ConflictResolution::kReplace;
  }
  if (plan.kind != PlanKind::kUpdate && plan.kind != PlanKind::kInsert) return false;
  Result<ParentKey> pk = e.Resolve(l);
  if (pk.ok()) {
    if (plan.kind == PlanKind::kInsert) {
      return (!resolve && plan.conflict == ConflictResolution::kReplace) ||
             UpsertAssigns(plan, pk->columns, t.rowid_alias);
    }
    return Assigns(plan, pk->columns, t.rowid_alias);
  }
  if (plan.kind == PlanKind::kInsert) return !resolve && plan.conflict == ConflictResolution::kReplace;
  // No parent key: sqlite3 reports the mismatch when the statement assigns
  // one of the named parent columns (any column for the implicit key).
  if (l.fk.parent_columns.empty()) return true;
  for (const std::string& name : l.fk.parent_columns) {
    int c = t.column_index(name);
    if (c >= 0 && Assigns(plan, {c}, t.rowid_alias)) return true;
  }
  return false;
}

}  // namespace

Status CheckForeignKeysResolve(DatabaseImpl& db, const PlanNode& plan) {
  if (!db.foreign_keys().enabled || plan.table == nullptr) return Status::OK();
  Enforcer e(db);
  for (const Link& l : e.links()) {
    if (Needs(e, l, plan, true)) SLUICE_RETURN_IF_ERROR(e.Resolve(l).status());
  }
  return Status::OK();
}

ForeignKeyStatement::ForeignKeyStatement(DatabaseImpl& db, const PlanNode& plan) : db_(db) {
  if (!db.foreign_keys().enabled || db.replaying() || plan.table == nullptr) return;
  table_ = plan.table->name;
  Enforcer e(db);
  for (const Link& l : e.links()) {
    active_ = active_ || Needs(e, l, plan, false);
    if (plan.kind == PlanKind::kUpdate && NameEqualsNoCase(l.child, table_) &&
        Assigns(plan, l.fk.child_columns, plan.table->rowid_alias)) {
      assigned_fks_.push_back(l.fk.id);
    }
  }
  if (!active_) return;
  is_insert_ = plan.kind == PlanKind::kInsert;
  replace_ = plan.conflict == ConflictResolution::kReplace;
  // DO UPDATE changes rows in place, as an UPDATE OR REPLACE may: the
  // changes are found by comparing with a copy of the catalog.
  const bool do_update = is_insert_ && HasDoUpdate(plan);
  plain_insert_ = is_insert_ && !replace_ && !do_update;
  journal_ = plan.kind == PlanKind::kDelete || (is_insert_ && !plain_insert_ && !do_update) ||
             (plan.kind == PlanKind::kUpdate && plan.conflict != ConflictResolution::kReplace);
  if (journal_) return;
  if (plain_insert_) {
    const Table* t = db.catalog().FindTable(table_).get();
    rows_before_ = t == nullptr ? 0 : t->data.row_count();
  } else {
    before_.emplace(db.catalog());
  }
}

void ForeignKeyStatement::Attach(ExecContext* ctx) {
  if (!active_) return;
  if (journal_) {
    ctx->deleted = &deleted_;
    ctx->updated = &updated_;
    ctx->inserted = &inserted_;
  }
  ctx->renumbered = &renumbered_;
  if (!assigned_fks_.empty()) ctx->matched = &matched_;
}

Result<int64_t> ForeignKeyStatement::Finish(Result<int64_t> ran) {
  if (!active_ || !ran.ok()) return ran;
  Enforcer e(db_);
  ForeignKeyState& state = db_.foreign_keys();
  const size_t children_before = state.children.size(), parents_before = state.parents.size();
  Status st;
  if (plain_insert_) {
    st = e.CheckAppended(table_, rows_before_);
  } else if (journal_) {
    e.AddDeleted(table_, deleted_);
    std::sort(inserted_.begin(), inserted_.end());
    inserted_.erase(std::unique(inserted_.begin(), inserted_.end()), inserted_.end());
    st = e.AddInserted(table_, inserted_);
    Result<std::vector<int64_t>> now = e.AddUpdated(table_, updated_, renumbered_);
    if (now.ok()) new_rowids_ = std::move(*now);
    if (st.ok()) st = now.status();
    if (st.ok()) st = e.ApplyActions();
    if (st.ok()) st = e.CheckChanges();
    if (st.ok() && !assigned_fks_.empty()) st = e.CheckMatched(table_, assigned_fks_, matched_, renumbered_);
  } else {
    st = e.Diff(*before_, table_, renumbered_, is_insert_ && replace_);
    if (st.ok()) st = e.ApplyActions();
    if (st.ok()) st = e.CheckChanges();
    if (st.ok() && !assigned_fks_.empty()) st = e.CheckMatched(table_, assigned_fks_, matched_, renumbered_);
  }
  if (st.ok()) return ran;
  // Undo the statement: its rows, its actions, what it deferred.
  state.children.resize(children_before);
  state.parents.resize(parents_before);
  if (plain_insert_) {
    const Table* now = db_.catalog().FindTable(table_).get();
    if (now != nullptr && now->data.row_count() > rows_before_)
      db_.catalog().Mutable(table_)->data.Truncate(rows_before_);
  } else if (journal_) {
    e.UndoActions();
    Table* t = db_.catalog().Mutable(table_).get();
    std::vector<size_t> mine;  // the rows an INSERT OR REPLACE stored
    for (int64_t rowid : inserted_) {
      int64_t pos = t->data.FindRowid(rowid);
      if (pos >= 0) mine.push_back(static_cast<size_t>(pos));
    }
    if (!mine.empty()) t->data.DeleteRows(std::move(mine));
    for (auto& [rowid, values] : deleted_) t->data.AppendRow(std::move(values), rowid);
    // The matched rows get their values and rowids back (positions first:
    // FindRowid does not see renumbered rows while the update is open).
    std::vector<int64_t> at(new_rowids_.size());
    for (size_t i = 0; i < new_rowids_.size(); ++i) at[i] = t->data.FindRowid(new_rowids_[i]);
    t->data.BeginUpdate();
    for (size_t i = 0; i < at.size(); ++i) {
      if (at[i] < 0) continue;
      size_t p = static_cast<size_t>(at[i]);
      for (size_t c = 0; c < updated_[i].second.size(); ++c) t->data.UpdateValue(c, p, updated_[i].second[c]);
      if (t->data.rowid(p) != updated_[i].first) t->data.UpdateRowid(p, updated_[i].first);
    }
    t->data.CommitUpdate();
  } else {
    db_.catalog() = std::move(*before_);
  }
  return st;
}

Status CheckInsertedRows(DatabaseImpl& db, const std::string& table, size_t from) {
  if (!db.foreign_keys().enabled) return Status::OK();
  Enforcer e(db);
  for (const Link& l : e.links()) {
    if (NameEqualsNoCase(l.child, table)) SLUICE_RETURN_IF_ERROR(e.Resolve(l).status());
  }
  return e.CheckAppended(table, from);
}

Status DropTableForeignKeys(DatabaseImpl& db, const std::string& table) {
  if (!db.foreign_keys().enabled || db.replaying()) return Status::OK();
  Enforcer e(db);
  bool referenced = false;
  for (const Link& l : e.links()) {
    if (NameEqualsNoCase(l.fk.parent, table) && !NameEqualsNoCase(l.child, table)) referenced = true;
  }
  if (!referenced) return Status::OK();
  for (const Link& l : e.links()) {
    if (NameEqualsNoCase(l.fk.parent, table)) SLUICE_RETURN_IF_ERROR(e.Resolve(l).status());
  }
  Catalog before = db.catalog();
  ForeignKeyState& state = db.foreign_keys();
  const size_t children_before = state.children.size(), parents_before = state.parents.size();
  Status st = e.DeleteAll(table);
  if (st.ok()) st = e.ApplyActions();
  if (st.ok()) st = e.CheckChanges();
  if (st.ok()) return st;
  state.children.resize(children_before);
  state.parents.resize(parents_before);
  db.catalog() = std::move(before);
  return st;
}

Status CheckDeferredForeignKeys(DatabaseImpl& db) {
  ForeignKeyState& state = db.foreign_keys();
  if (state.children.empty() && state.parents.empty()) return Status::OK();
  Enforcer e(db);
  SLUICE_ASSIGN_OR_RETURN(bool violated, e.AnyPendingViolation());
  return violated ? ForeignKeyFailed() : Status::OK();
}

void EndForeignKeyTransaction(DatabaseImpl& db) {
  ForeignKeyState& state = db.foreign_keys();
  state.children.clear();
  state.parents.clear();
  state.defer_all = false;
}

}  // namespace sluice::sql

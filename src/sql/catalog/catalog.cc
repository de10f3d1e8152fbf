// Catalog: tables, views and indexes by name (see catalog.h).
#include "sql/catalog/catalog.h"

#include <algorithm>
#include <atomic>
#include <cctype>

#include "base/ascii.h"

namespace sluice::sql {

bool NameEqualsNoCase(std::string_view a, std::string_view b) { return EqualsIgnoreAsciiCase(a, b); }

TablePtr Catalog::FindTable(std::string_view name) const {
  for (const TablePtr& t : tables_) {
    if (NameEqualsNoCase(t->name, name)) return t;
  }
  return nullptr;
}

const ViewInfo* Catalog::FindView(std::string_view name) const {
  for (const ViewInfo& v : views_) {
    if (NameEqualsNoCase(v.name, name)) return &v;
  }
  return nullptr;
}

TablePtr Catalog::FindIndex(std::string_view name, size_t* index_pos) const {
  for (const TablePtr& t : tables_) {
    for (size_t i = 0; i < t->indexes.size(); ++i) {
      if (NameEqualsNoCase(t->indexes[i].name, name)) {
        if (index_pos != nullptr) *index_pos = i;
        return t;
      }
    }
  }
  return nullptr;
}

bool Catalog::NameInUse(std::string_view name) const {
  return FindTable(name) != nullptr || FindView(name) != nullptr || FindIndex(name, nullptr) != nullptr;
}

bool Catalog::IndexIsTemp(std::string_view name) const {
  TablePtr t = FindIndex(name, nullptr);
  return t != nullptr && t->temp;
}

bool Catalog::HasTemp() const {
  for (const TablePtr& t : tables_) {
    if (t->temp) return true;
  }
  for (const ViewInfo& v : views_) {
    if (v.temp) return true;
  }
  for (const TriggerInfo& t : triggers_) {
    if (t.temp) return true;
  }
  return false;
}

bool Catalog::ObjectIsTemp(const Object& o) const {
  switch (o.kind) {
    case Kind::kTable: {
      TablePtr t = FindTable(o.name);
      return t != nullptr && t->temp;
    }
    case Kind::kView: {
      const ViewInfo* v = FindView(o.name);
      return v != nullptr && v->temp;
    }
    case Kind::kIndex: return IndexIsTemp(o.name);
    case Kind::kTrigger: {
      const TriggerInfo* t = FindTrigger(o.name);
      return t != nullptr && t->temp;
    }
  }
  return false;
}

Catalog Catalog::Part(bool temp) const {
  Catalog out = *this;
  std::erase_if(out.order_, [&](const Object& o) { return ObjectIsTemp(o) != temp; });
  std::erase_if(out.tables_, [&](const TablePtr& t) { return t->temp != temp; });
  std::erase_if(out.views_, [&](const ViewInfo& v) { return v.temp != temp; });
  std::erase_if(out.triggers_, [&](const TriggerInfo& t) { return t.temp != temp; });
  return out;
}

void Catalog::AdoptTemp(const Catalog& from) {
  SchemaChanged();
  for (const Object& o : from.order_) {
    if (!from.ObjectIsTemp(o)) continue;
    order_.push_back(o);
    if (o.kind == Kind::kTable) tables_.push_back(from.FindTable(o.name));
    if (o.kind == Kind::kView) views_.push_back(*from.FindView(o.name));
    if (o.kind == Kind::kTrigger) triggers_.push_back(*from.FindTrigger(o.name));
  }
}

TablePtr Catalog::Mutable(std::string_view name, long own_references) {
  DataChanged();
  for (TablePtr& t : tables_) {
    if (NameEqualsNoCase(t->name, name)) {
      if (t.use_count() > 1 + own_references) t = t->Clone();
      return t;
    }
  }
  return nullptr;
}

void Catalog::AddTable(TablePtr table) {
  SchemaChanged();
  order_.push_back({Kind::kTable, table->name});
  tables_.push_back(std::move(table));
}

void Catalog::ReplaceTable(TablePtr table) {
  DataChanged();
  for (TablePtr& t : tables_) {
    if (NameEqualsNoCase(t->name, table->name)) {
      t = std::move(table);
      return;
    }
  }
}

void Catalog::AddView(ViewInfo view) {
  SchemaChanged();
  order_.push_back({Kind::kView, view.name});
  views_.push_back(std::move(view));
}

void Catalog::DropTable(std::string_view name) {
  SchemaChanged();
  TablePtr t = FindTable(name);
  if (t == nullptr) return;
  for (const IndexDef& idx : t->indexes) NoteIndexDropped(idx.name);
  std::vector<std::string> doomed;
  for (const TriggerInfo& tr : triggers_) {
    if (NameEqualsNoCase(tr.table, name)) doomed.push_back(tr.name);
  }
  for (const std::string& tr : doomed) DropTrigger(tr);
  std::erase_if(tables_, [&](const TablePtr& x) { return NameEqualsNoCase(x->name, name); });
  std::erase_if(order_, [&](const Object& o) { return o.kind == Kind::kTable && NameEqualsNoCase(o.name, name); });
}

void Catalog::DropView(std::string_view name) {
  SchemaChanged();
  std::vector<std::string> doomed;  // its INSTEAD OF triggers go with it
  for (const TriggerInfo& tr : triggers_) {
    if (NameEqualsNoCase(tr.table, name)) doomed.push_back(tr.name);
  }
  for (const std::string& tr : doomed) DropTrigger(tr);
  std::erase_if(views_, [&](const ViewInfo& v) { return NameEqualsNoCase(v.name, name); });
  std::erase_if(order_, [&](const Object& o) { return o.kind == Kind::kView && NameEqualsNoCase(o.name, name); });
}

void Catalog::AddTrigger(TriggerInfo trigger) {
  SchemaChanged();
  order_.push_back({Kind::kTrigger, trigger.name});
  triggers_.push_back(std::move(trigger));
}

const TriggerInfo* Catalog::FindTrigger(std::string_view name) const {
  for (const TriggerInfo& t : triggers_) {
    if (NameEqualsNoCase(t.name, name)) return &t;
  }
  return nullptr;
}

void Catalog::DropTrigger(std::string_view name) {
  SchemaChanged();
  std::erase_if(triggers_, [&](const TriggerInfo& t) { return NameEqualsNoCase(t.name, name); });
  std::erase_if(order_, [&](const Object& o) { return o.kind == Kind::kTrigger && NameEqualsNoCase(o.name, name); });
}

void Catalog::NoteIndexCreated(std::string_view name) {
  SchemaChanged();
  order_.push_back({Kind::kIndex, std::string(name)});
}

uint64_t Catalog::NewSchemaVersion() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

void Catalog::NoteIndexDropped(std::string_view name) {
  SchemaChanged();
  std::erase_if(order_, [&](const Object& o) { return o.kind == Kind::kIndex && NameEqualsNoCase(o.name, name); });
}

void Catalog::RenameTable(std::string_view old_name, TablePtr table) {
  SchemaChanged();
  for (Object& o : order_) {
    if (o.kind == Kind::kTable && NameEqualsNoCase(o.name, old_name)) o.name = table->name;
  }
  for (TablePtr& t : tables_) {
    if (NameEqualsNoCase(t->name, old_name)) {
      t = std::move(table);
      return;
    }
  }
}

ViewInfo* Catalog::MutableView(std::string_view name) {
  SchemaChanged();
  for (ViewInfo& v : views_) {
    if (NameEqualsNoCase(v.name, name)) return &v;
  }
  return nullptr;
}

TriggerInfo* Catalog::MutableTrigger(std::string_view name) {
  SchemaChanged();
  for (TriggerInfo& t : triggers_) {
    if (NameEqualsNoCase(t.name, name)) return &t;
  }
  return nullptr;
}

void Catalog::RenameTriggerTable(std::string_view old_name, std::string_view new_name) {
  SchemaChanged();
  for (TriggerInfo& t : triggers_) {
    if (NameEqualsNoCase(t.table, old_name)) t.table = std::string(new_name);
  }
}

std::vector<SchemaEntry> Catalog::SchemaRows(bool temp) const {
  std::vector<SchemaEntry> rows;
  for (const Object& o : order_) {
    if (ObjectIsTemp(o) != temp) continue;
    if (o.kind == Kind::kView) {
      const ViewInfo* v = FindView(o.name);
      rows.push_back({"view", v->name, v->name, 0, v->sql, false});
      continue;
    }
    if (o.kind == Kind::kTrigger) {
      const TriggerInfo* tr = FindTrigger(o.name);
      rows.push_back({"trigger", tr->name, tr->table, 0, tr->sql, false});
      continue;
    }
    if (o.kind == Kind::kIndex) {
      size_t pos = 0;
      TablePtr t = FindIndex(o.name, &pos);
      if (t == nullptr) continue;
      const IndexDef& idx = t->indexes[pos];
      rows.push_back({"index", idx.name, t->name, idx.rootpage, idx.sql, false});
      continue;
    }
    TablePtr t = FindTable(o.name);
    rows.push_back({"table", t->name, t->name, t->rootpage, t->sql, false});
    for (const IndexDef& idx : t->indexes) {
      // A WITHOUT ROWID table is its PRIMARY KEY index: no row of its own.
      if (idx.automatic && !(t->without_rowid && idx.primary_key)) {
        rows.push_back({"index", idx.name, t->name, idx.rootpage, idx.sql, true});
      }
    }
  }
  return rows;
}

}  // namespace sluice::sql

// Catalog: the schema of one in-memory database — tables, views and
// indexes by name, in creation order (the order of sqlite_schema rows).
//
// The TEMP schema lives
// in the same catalog: its objects carry a `temp` flag, are listed by
// SchemaRows(true) (sqlite_temp_schema) rather than SchemaRows(false), and
// are left out of WithoutTemp(), the part a file database stores. A name
// is used by at most one object across both schemas (the connection
// refuses a TEMP object named as a main one, and the reverse), so the
// lookups by name below need no schema.
//
// Names are case-insensitive (ASCII), as in SQLite. Tables are shared
// pointers: a statement that rewrites a table builds a copy and swaps it in
// only when it succeeds (Replace), and a transaction keeps the catalog as it
// was at BEGIN (a Catalog is a cheap value: copying it shares the tables,
// which are never modified in place while shared — see Mutable()).
//
// Thread safety: none; owned and serialised by the connection.
#ifndef SLUICE_SQL_CATALOG_CATALOG_H_
#define SLUICE_SQL_CATALOG_CATALOG_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/catalog/table.h"

namespace sluice::sql {

struct ViewInfo {
  std::string name;
  std::string sql;  // the CREATE VIEW text
  std::shared_ptr<const CreateViewStatement> ast;
  int64_t rootpage = 0;
  bool temp = false;  // a TEMP view (see TableSchema::temp)
};

// A trigger: its name, the table (or view) it is on and its CREATE
// TRIGGER text, from which the connection parses it when it fires
// (connection/triggers.cc).
struct TriggerInfo {
  std::string name;
  std::string table;
  std::string sql;
  bool temp = false;  // a TEMP trigger (see TableSchema::temp)
};

// A row of sqlite_schema.
struct SchemaEntry {
  std::string type;  // table, index, view
  std::string name;
  std::string tbl_name;
  int64_t rootpage = 0;
  std::string sql;  // empty -> NULL (automatic indexes)
  bool sql_is_null = false;
};

class Catalog {
 public:
  // Lookups; null when absent.
  TablePtr FindTable(std::string_view name) const;
  const ViewInfo* FindView(std::string_view name) const;
  // The table that owns index `name`, or null; *index_pos its position.
  TablePtr FindIndex(std::string_view name, size_t* index_pos) const;
  // True when a table, view or index has this name.
  bool NameInUse(std::string_view name) const;
  // Whether the trigger or index `name` belongs to the TEMP schema (an
  // index does when its table does).
  bool IndexIsTemp(std::string_view name) const;
  // True when the catalog holds any TEMP object.
  bool HasTemp() const;

  // The catalog without its TEMP objects (what a file database stores,
  // backs up or vacuums into); shares the tables.
  Catalog WithoutTemp() const { return Part(false); }
  // Only the TEMP objects (what a file database's rollback restores on
  // top of the files).
  Catalog OnlyTemp() const { return Part(true); }
  // Appends `from`'s TEMP objects (in their order) to this catalog: a file
  // database reloaded from disk keeps the connection's TEMP objects.
  void AdoptTemp(const Catalog& from);
  // Drops every TEMP object (PRAGMA temp_store resets the TEMP schema).
  void DropTemp() {
    *this = Part(false);
    SchemaChanged();
  }

  // A table for writing: when it is shared (e.g. with a transaction
  // snapshot or another statement), it is copied first so that the sharer
  // keeps what it saw. `own_references`: references the caller itself
  // holds and is done reading through (the plan of the writing statement),
  // which do not count as sharing.
  TablePtr Mutable(std::string_view name, long own_references = 0);

  void AddTable(TablePtr table);
  void ReplaceTable(TablePtr table);
  void AddView(ViewInfo view);
  void DropTable(std::string_view name);
  void DropView(std::string_view name);
  // Explicit indexes (CREATE INDEX) take their place in sqlite_schema in
  // creation order; automatic ones follow their table.
  void NoteIndexCreated(std::string_view name);
  void AddTrigger(TriggerInfo trigger);
  const TriggerInfo* FindTrigger(std::string_view name) const;
  void DropTrigger(std::string_view name);
  // In creation order.
  const std::vector<TriggerInfo>& triggers() const { return triggers_; }
  void NoteIndexDropped(std::string_view name);

  // ALTER TABLE: puts `table` in place of table `old_name` (a rename when
  // the names differ: it keeps its place in sqlite_schema), and gives
  // schema objects new text. Each is a schema change.
  void RenameTable(std::string_view old_name, TablePtr table);
  ViewInfo* MutableView(std::string_view name);
  TriggerInfo* MutableTrigger(std::string_view name);
  // Triggers on table `old_name` now belong to `new_name`.
  void RenameTriggerTable(std::string_view old_name, std::string_view new_name);

  // sqlite_schema rows in creation order: of main, or with `temp` of the
  // TEMP schema (sqlite_temp_schema).
  std::vector<SchemaEntry> SchemaRows(bool temp = false) const;
  // The TEMP schema numbers its pages on its own, from 2 as main does.
  int64_t NextRootpage(bool temp = false) { return temp ? next_temp_rootpage_++ : next_rootpage_++; }
  // A new Table::generation; NoteGeneration keeps later ones above `g`.
  uint64_t NewGeneration() { return next_generation_++; }
  uint64_t next_generation() const { return next_generation_; }
  void NoteGeneration(uint64_t g) {
    if (g >= next_generation_) next_generation_ = g + 1;
  }

  const std::vector<TablePtr>& tables() const { return tables_; }

  // PRAGMA user_version and application_id: 32-bit integers the
  // application keeps in the database (sqlite3's header fields 60 and 68),
  // 0 in a new one. Setting one counts as a schema change, so that a file
  // database commits it with a new image, which stores both.
  int32_t user_version() const { return user_version_; }
  int32_t application_id() const { return application_id_; }
  void set_user_version(int32_t v) {
    user_version_ = v;
    SchemaChanged();
  }
  void set_application_id(int32_t v) {
    application_id_ = v;
    SchemaChanged();
  }

  // Changes with every schema change (process-wide unique values, so that
  // a new Catalog never repeats an old one's): lets a statement reuse what
  // it bound at prepare time when nothing changed since.
  uint64_t schema_version() const { return schema_version_; }
  // Changes with every schema change and every write to a table (each
  // Mutable or ReplaceTable call), with values of the same process-wide
  // sequence: a statement prepared at one data_version holds the tables of
  // that moment, and must look them up again when it runs at another.
  uint64_t data_version() const { return data_version_; }

 private:
  // Creation order across tables and views (for sqlite_schema).
  enum class Kind : uint8_t { kTable, kView, kIndex, kTrigger };
  struct Object {
    Kind kind;
    std::string name;
  };
  std::vector<TablePtr> tables_;
  std::vector<ViewInfo> views_;
  std::vector<TriggerInfo> triggers_;
  std::vector<Object> order_;
  bool ObjectIsTemp(const Object& o) const;
  // A copy with only the TEMP objects (`temp`) or only main's.
  Catalog Part(bool temp) const;
  int64_t next_rootpage_ = 2;
  int64_t next_temp_rootpage_ = 2;
  uint64_t next_generation_ = 1;
  int32_t user_version_ = 0;
  int32_t application_id_ = 0;
  uint64_t schema_version_ = NewSchemaVersion();
  uint64_t data_version_ = schema_version_;
  static uint64_t NewSchemaVersion();
  void SchemaChanged() { data_version_ = schema_version_ = NewSchemaVersion(); }
  void DataChanged() { data_version_ = NewSchemaVersion(); }
};

bool NameEqualsNoCase(std::string_view a, std::string_view b);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CATALOG_CATALOG_H_

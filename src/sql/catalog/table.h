// Table: one table of the in-memory catalog — its schema (columns with
// declared type, affinity, collation, constraints, defaults) and its rows,
// stored column by column.
//
// Storage: `columns[c][i]` is the value of column c in the i-th row and
// `rowids[i]` its rowid. Rows are kept in ascending rowid order, which is
// SQLite's scan order (an INSERT with an explicit smaller rowid re-sorts).
// Every Value stored here owns its bytes. For INTEGER PRIMARY KEY tables the
// alias column holds the rowid too.
//
// Indexes (CREATE INDEX, UNIQUE, PRIMARY KEY) are described by IndexDef; the
// lookup structure is derived data (index.h), rebuilt lazily after changes.
//
// Thread safety: none; the connection serialises access. Statements that
// change a table work on a copy (Clone) or undo their appends, so a failed
// statement leaves the table as before.
#ifndef SLUICE_SQL_CATALOG_TABLE_H_
#define SLUICE_SQL_CATALOG_TABLE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "sluice/result.h"
#include "sql/ast/statement.h"
#include "sql/value/affinity.h"
#include "sql/value/compare.h"
#include "sql/value/value.h"

namespace sluice::sql {

class HashIndex;

// Where the columns of a table loaded from a database file come from until
// they are first read (sql/connection/durable.cc: the image's column
// blocks).
class ColumnSource {
 public:
  virtual ~ColumnSource() = default;
  virtual Result<std::vector<Value>> Load(size_t column) const = 0;
};

struct ColumnInfo {
  std::string name;
  std::string type_name;  // as declared, may be empty
  Affinity affinity = Affinity::kBlob;
  Collation collation = Collation::kBinary;
  bool not_null = false;
  // DEFAULT: the expression inside the owning CREATE TABLE AST (null: NULL).
  const Expr* default_expr = nullptr;
};

struct IndexDef {
  std::string name;  // sqlite_autoindex_t_N for constraint indexes
  std::vector<int> columns;
  std::vector<Collation> collations;
  bool unique = false;
  bool automatic = false;  // from a UNIQUE / PRIMARY KEY constraint
  std::string sql;         // CREATE INDEX text; empty for automatic ones
  int64_t rootpage = 0;
  // From a PRIMARY KEY constraint (a duplicate is SQLITE_CONSTRAINT_PRIMARYKEY).
  bool primary_key = false;
};

class Table {
 public:
  Table();
  ~Table();
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  // A deep copy of schema and rows (indexes are rebuilt on demand).
  std::shared_ptr<Table> Clone() const;

  size_t row_count() const { return rowids.size(); }
  int column_index(std::string_view name) const;  // -1 when absent

  // Appends a row whose values already have column affinity applied.
  // rowid: the row's rowid. Keeps rowid order (re-sorting when needed).
  void AppendRow(std::vector<Value> row, int64_t rowid);
  // Removes the last `n` appended rows (undo of a failed INSERT).
  // REQUIRES: no re-sort happened since they were appended.
  void Truncate(size_t new_size);
  // Position of `rowid`, or -1.
  int64_t FindRowid(int64_t rowid) const;
  // Keeps rows whose keep[i] is true.
  void Compact(const std::vector<bool>& keep);
  // Appends rows in bulk (log replay). REQUIRES: `new_rowids` ascending and
  // above every rowid present; one vector per column, each that long.
  void AppendRows(std::vector<std::vector<Value>> new_columns, const std::vector<int64_t>& new_rowids);
  // Restores ascending rowid order after rowids were changed in place.
  void SortByRowid();
  // Drops the derived lookup structures (after any change but an append).
  void InvalidateIndexes();
  // The lookup structure of indexes[i], built if needed.
  const HashIndex& Index(size_t i) const;
  // The next automatic rowid (max + 1, as SQLite while max < INT64_MAX).
  int64_t NextRowid() const { return rowids.empty() ? 1 : max_rowid_ + 1; }
  int64_t max_rowid() const { return max_rowid_; }

  std::string name;
  std::vector<ColumnInfo> columns_info;
  int rowid_alias = -1;  // the INTEGER PRIMARY KEY column, or -1
  std::vector<IndexDef> indexes;
  std::string sql;  // sqlite_schema.sql
  int64_t rootpage = 0;
  // Owns the AST that default_expr pointers refer to (may be null).
  std::shared_ptr<const Statement> create_ast;

  // Mutable so that a column can be read in from its ColumnSource on first
  // use through a const Table (EnsureColumn).
  mutable std::vector<std::vector<Value>> columns;
  std::vector<int64_t> rowids;

  // Lazy columns. A table loaded from a database file has its rowids and an
  // empty vector per column; EnsureColumn(c) reads column c in. Whatever
  // reads rows must ensure the columns first: scans ensure the columns they
  // emit; statements that change tables, checkpoints and integrity checks
  // ensure every column (EnsureAllColumns). Clone shares the source.
  void SetLazyColumns(std::shared_ptr<const ColumnSource> source, std::vector<int64_t> new_rowids);
  Status EnsureColumn(size_t c) const;
  Status EnsureAllColumns() const;
  bool all_columns_loaded() const { return source_ == nullptr; }
  // The source the rows were loaded from while they still are exactly its
  // rows (no change since, committed or not), else null: a checkpoint
  // copies such a table's stored columns instead of encoding them again.
  const ColumnSource* unchanged_origin() const {
    return !rewritten && !edited && rowids.size() == clean_rows ? origin_.get() : nullptr;
  }
  // The rows no longer match their origin (changed without the tracking
  // below noticing, e.g. by log replay).
  void ForgetOrigin() { origin_.reset(); }
  bool column_loaded(size_t c) const { return source_ == nullptr || c >= unloaded_.size() || !unloaded_[c]; }

  // Change tracking for durable databases (sql/durable): `generation`
  // names the logical table (set by CREATE TABLE, kept by Clone). Since the
  // last commit the table is in one of three states, and a commit logs
  // accordingly:
  //   appended   rows [0, clean_rows) are exactly as committed, rows after
  //              them are new: the new rows are logged;
  //   edited     `edited_rowids` lists the rows added or changed in place,
  //              `removed_rowids` the rows deleted (a row deleted after a
  //              change is only there): those rows are logged by rowid;
  //   rewritten  anything else (rowids renumbered): the whole table.
  // Mutators of this class keep the state; code that writes `columns` in
  // place must call NoteRowChanged, and set `rewritten` when it changes
  // rowids.
  uint64_t generation = 0;
  size_t clean_rows = 0;
  bool rewritten = false;
  bool edited = false;
  std::unordered_set<int64_t> edited_rowids;
  std::unordered_set<int64_t> removed_rowids;
  void NoteRowChanged(int64_t rowid) {
    if (BeginEdits()) edited_rowids.insert(rowid);
  }
  // Marks the table's current rows as committed.
  void MarkCommitted() {
    if (rewritten || edited || rowids.size() != clean_rows) origin_.reset();
    clean_rows = rowids.size();
    rewritten = false;
    edited = false;
    edited_rowids.clear();
    removed_rowids.clear();
  }
  // Replaces all rows (loading a database file). REQUIRES: rowids ascending,
  // one vector per column, all of rowids.size().
  void SetRows(std::vector<std::vector<Value>> new_columns, std::vector<int64_t> new_rowids);

 private:
  // Switches from `appended` to `edited` (the rows appended so far become
  // edits); false when the table is `rewritten` (nothing to track).
  bool BeginEdits();
  void NoteRowRemoved(int64_t rowid) {
    if (BeginEdits()) {
      edited_rowids.erase(rowid);
      removed_rowids.insert(rowid);
    }
  }

  int64_t max_rowid_ = 0;
  mutable std::shared_ptr<const ColumnSource> source_;  // null: every column loaded
  std::shared_ptr<const ColumnSource> origin_;          // see unchanged_origin()
  mutable std::vector<uint8_t> unloaded_;               // per column, while source_
  mutable std::vector<std::unique_ptr<HashIndex>> built_;
};

using TablePtr = std::shared_ptr<Table>;

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CATALOG_TABLE_H_

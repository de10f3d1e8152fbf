// TableData: the rows of one table, stored column by column in rowid order,
// with the change log that durable commits write from.
//
// Storage: column(c)[i] is the value of column c in the i-th row and
// rowid(i) its rowid. Every Value stored here owns its bytes. For INTEGER
// PRIMARY KEY tables the alias column holds the rowid too (the caller's:
// TableData knows no schema).
//
// Order: SQLite scans in rowid order, so readers that walk the rows in
// order call EnsureOrdered() first. Rows [0, ordered_end()) are in
// ascending rowid order; rows appended out of order (a smaller rowid than
// the largest, as with shuffled INTEGER PRIMARY KEY values) stay after
// them, unsorted, and are found through a rowid map, so that such an
// insert costs O(1) and not a re-sort; EnsureOrdered merges them in
// (O(n + k log k) for k of them). Positions change only in EnsureOrdered,
// Compact, Truncate and a renumbering CommitUpdate.
//
// Deleted rows: DeleteRows removes a row from every lookup (FindRowid,
// built indexes) in O(1) but leaves it in storage, marked dead, until the
// next EnsureOrdered or Compact drops the dead rows in the same pass that
// orders the rest (a row at the very end goes at once). So a point delete
// costs O(1), not a move of every later row. Positions of dead rows are
// never handed out by a lookup; code walking positions directly either
// orders first or skips is_dead() rows.
//
// The storage is private: every change goes through a mutator below, and
// the mutators keep the change log themselves, so a commit always knows
// what changed. Reads (scans, indexes, encoders) use the const accessors;
// a full scan may reference column(c).data() directly while the table is
// unchanged (data_chunk.h's lifetime rules).
//
// Lazy columns: a table loaded from a database file has its rowids and
// empty columns; EnsureColumn(c) reads column c in from its ColumnSource.
// Reading a column that is not loaded is a bug (SLUICE_DCHECK), and every
// row change requires all columns loaded.
//
// Change log (since the last MarkCommitted), one of three states:
//   kAppended   rows [0, clean_rows()) are exactly as committed, rows after
//               them are new: the new rows are logged;
//   kEdited     edited_rowids() lists the rows added or changed in place,
//               removed_rowids() the rows deleted (a row deleted after a
//               change is only there): those rows are logged by rowid;
//   kRewritten  anything else (rowids renumbered): the whole table.
//
// Thread safety: none; the connection serialises access. Copy-on-write is
// the catalog's (Catalog::Mutable copies a shared Table).
#ifndef SLUICE_SQL_CATALOG_TABLE_DATA_H_
#define SLUICE_SQL_CATALOG_TABLE_DATA_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/check.h"
#include "sluice/result.h"
#include "sql/catalog/table_schema.h"
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

class TableData {
 public:
  enum class ChangeState : uint8_t { kAppended, kEdited, kRewritten };

  TableData();
  ~TableData();
  // Copies rows, lazy source and change log (built indexes are rebuilt on
  // demand). REQUIRES: no update open.
  TableData(const TableData& other);
  TableData& operator=(const TableData&) = delete;

  // Gives a new, empty table `n` empty columns. REQUIRES: no rows.
  void InitColumns(size_t n);

  // --- Reads -------------------------------------------------------------
  size_t row_count() const { return rowids_.size(); }
  size_t column_count() const { return columns_.size(); }
  // REQUIRES: column_loaded(c).
  const std::vector<Value>& column(size_t c) const {
    SLUICE_DCHECK_MSG(column_loaded(c), "a lazy column read before EnsureColumn");
    return columns_[c];
  }
  const Value& value(size_t c, size_t pos) const { return column(c)[pos]; }
  int64_t rowid(size_t pos) const { return rowids_[pos]; }
  // In position order (see Order above).
  const std::vector<int64_t>& rowids() const { return rowids_; }
  // Position of `rowid`, or -1. O(log n), or O(1) for a row appended out
  // of order. While an update that renumbers rows is open, only rows not
  // renumbered are found.
  int64_t FindRowid(int64_t rowid) const;
  // Puts every row in ascending rowid order and drops the dead ones (see
  // Order and Deleted rows above). Logically const: the rows and the
  // change log stay the same, only positions move (built indexes follow).
  // REQUIRES: no update open.
  void EnsureOrdered() const;
  bool ordered() const { return ordered_end_ == rowids_.size() && dead_count_ == 0; }
  // True when the row at `pos` was deleted (see Deleted rows above).
  bool is_dead(size_t pos) const { return pos < dead_.size() && dead_[pos] != 0; }
  // Rows not deleted.
  size_t live_count() const { return rowids_.size() - dead_count_; }
  // The next automatic rowid (max + 1, as SQLite while max < INT64_MAX;
  // REQUIRES: max_rowid() < INT64_MAX when rows exist: at INT64_MAX SQLite
  // picks unused rowids at random, exec/ops/table_write.cc).
  int64_t NextRowid() const { return live_count() == 0 ? 1 : max_rowid_ + 1; }
  int64_t max_rowid() const { return max_rowid_; }

  // --- Row changes --------------------------------------------------------
  // REQUIRES (all): all_columns_loaded(), no update open.
  //
  // Appends a row whose values already have column affinity applied, at
  // position row_count() (out of rowid order when `rowid` is not the
  // largest; see Order above), and adds it to the built indexes.
  // REQUIRES: `rowid` not present.
  void AppendRow(std::vector<Value> row, int64_t rowid);
  // Removes the rows from position `new_size` on (undo of appends); the
  // built indexes stay, without them. REQUIRES: new_size <= row_count().
  void Truncate(size_t new_size);
  // Deletes the rows at `positions` (distinct, live, any order) in O(1)
  // each plus their index entries (see Deleted rows above); logged as
  // Compact would.
  void DeleteRows(std::vector<size_t> positions);
  // Keeps the rows whose keep[i] is true, in their relative order (built
  // indexes are renumbered, not rebuilt). REQUIRES: keep.size() == row_count().
  void Compact(const std::vector<bool>& keep);

  // In-place update of existing rows, as one undoable step: BeginUpdate,
  // then any number of UpdateValue / UpdateRowid, then CommitUpdate (logs
  // the changed rows; renumbered rows re-sort and make the table
  // kRewritten) or RollbackUpdate (restores every value and rowid written).
  // While an update is open only reads and these calls are allowed; rowids
  // changed by UpdateRowid are out of order until CommitUpdate. Built
  // indexes follow each UpdateValue (and its rollback) row by row, so a
  // UNIQUE check in the middle of an update sees the rows as they are.
  void BeginUpdate();
  void UpdateValue(size_t c, size_t pos, Value v);
  void UpdateRowid(size_t pos, int64_t rowid);
  void CommitUpdate();
  void RollbackUpdate();
  bool updating() const { return updating_; }

  // --- Loading (database files, log replay) -------------------------------
  // Not changes of their own: the caller marks the result committed.
  //
  // Appends rows in bulk. REQUIRES: `new_rowids` ascending and above every
  // rowid present; one vector per column, each that long.
  void AppendRows(std::vector<std::vector<Value>> new_columns, const std::vector<int64_t>& new_rowids);
  // Replaces all rows. REQUIRES: rowids ascending, one vector per column,
  // all of rowids.size().
  void SetRows(std::vector<std::vector<Value>> new_columns, std::vector<int64_t> new_rowids);
  // Rows whose columns are read from `source` on first use (copies share
  // the source).
  void SetLazyColumns(std::shared_ptr<const ColumnSource> source, std::vector<int64_t> new_rowids);
  // Reads column c in if needed. `table`, `column`: names for the error.
  Status EnsureColumn(size_t c, std::string_view table, std::string_view column) const;
  bool all_columns_loaded() const { return source_ == nullptr; }
  bool column_loaded(size_t c) const { return source_ == nullptr || c >= unloaded_.size() || !unloaded_[c]; }
  // The source the rows were loaded from while they still are exactly its
  // rows (no change since, committed or not), else null: a checkpoint
  // copies such a table's stored columns instead of encoding them again.
  const ColumnSource* unchanged_origin() const {
    return state_ == ChangeState::kAppended && rowids_.size() == clean_rows_ ? origin_.get() : nullptr;
  }
  // The rows no longer match their origin (about to change by log replay).
  void ForgetOrigin() { origin_.reset(); }

  // --- Change log ----------------------------------------------------------
  ChangeState change_state() const { return state_; }
  size_t clean_rows() const { return clean_rows_; }
  const std::unordered_set<int64_t>& edited_rowids() const { return edited_rowids_; }
  const std::unordered_set<int64_t>& removed_rowids() const { return removed_rowids_; }
  // Marks the current rows as committed (state kAppended, nothing new).
  void MarkCommitted();

  // --- Derived lookup structures ------------------------------------------
  // The lookup structure of index `def` at position `i` of the schema's
  // indexes, built if needed and then kept current by the row changes
  // above. REQUIRES: all columns loaded.
  const HashIndex& Index(size_t i, const IndexDef& def) const;
  // Drops them (a change of the indexes themselves must).
  void InvalidateIndexes() const;

 private:
  // Switches from kAppended to kEdited (the rows appended so far become
  // edits); false when the table is kRewritten (nothing to track).
  bool BeginEdits();
  void NoteRowChanged(int64_t rowid) {
    if (BeginEdits()) edited_rowids_.insert(rowid);
  }
  void NoteRowRemoved(int64_t rowid) {
    if (BeginEdits()) {
      edited_rowids_.erase(rowid);
      removed_rowids_.insert(rowid);
    }
  }
  // Restores ascending rowid order (positions change, rowids do not).
  void SortByRowid();
  // The positions of all rows in rowid order (prefix and tail merged).
  std::vector<size_t> MergeOrder() const;
  // Row order[i] moves to position i; rows not listed are dropped.
  void Permute(const std::vector<size_t>& order) const;
  // Recomputes max_rowid_ (over live rows) and the map of the rows after
  // ordered_end_.
  void RecountAfterRemoval();
  // Marks one row dead and takes it out of every lookup (DeleteRows);
  // true when it was the largest rowid.
  bool DeleteRow(size_t pos);
  // Drops rows from the end while they are dead.
  void PopDeadTail();
  // Keeps built indexes covering column c current around a value change.
  void UnindexValue(size_t c, size_t pos);
  void ReindexValue(size_t c, size_t pos);
  // The change-log invariants (checked in SLUICE_DCHECK builds).
  bool StateConsistent() const;
  void CheckWritable() const {
    SLUICE_DCHECK_MSG(!updating_, "a row change while an update is open");
    SLUICE_DCHECK_MSG(source_ == nullptr, "a row change before EnsureAllColumns");
  }

  // Mutable so that EnsureColumn can read a column in through a const table.
  mutable std::vector<std::vector<Value>> columns_;
  // Mutable, with ordered_end_ and unordered_, for EnsureOrdered.
  mutable std::vector<int64_t> rowids_;
  int64_t max_rowid_ = 0;
  mutable size_t ordered_end_ = 0;
  // rowid -> position of the live rows from ordered_end_ on.
  mutable std::unordered_map<int64_t, size_t> unordered_;
  // Per position (possibly shorter than the rows: missing is live); set
  // for deleted rows still in storage, dead_count_ of them.
  mutable std::vector<uint8_t> dead_;
  mutable size_t dead_count_ = 0;

  ChangeState state_ = ChangeState::kAppended;
  size_t clean_rows_ = 0;
  std::unordered_set<int64_t> edited_rowids_;
  std::unordered_set<int64_t> removed_rowids_;

  // The open update (BeginUpdate): what to restore, and what changed.
  struct OldValue {
    size_t pos;
    int column;  // -1: the rowid
    Value value;
    int64_t rowid;
  };
  bool updating_ = false;
  bool renumbered_ = false;
  std::vector<OldValue> undo_;
  std::vector<int64_t> touched_;  // rowids of rows changed (before renumbering)

  mutable std::shared_ptr<const ColumnSource> source_;  // null: every column loaded
  std::shared_ptr<const ColumnSource> origin_;          // see unchanged_origin()
  mutable std::vector<uint8_t> unloaded_;               // per column, while source_
  mutable std::vector<std::unique_ptr<HashIndex>> built_;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CATALOG_TABLE_DATA_H_

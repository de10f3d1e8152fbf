// TableData: columnar rows in rowid order and their change log (see
// table_data.h).
#include "sql/catalog/table_data.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "sql/catalog/index.h"

namespace sluice::sql {

TableData::TableData() = default;
TableData::~TableData() = default;

TableData::TableData(const TableData& other)
    : columns_(other.columns_),
      rowids_(other.rowids_),
      max_rowid_(other.max_rowid_),
      state_(other.state_),
      clean_rows_(other.clean_rows_),
      edited_rowids_(other.edited_rowids_),
      removed_rowids_(other.removed_rowids_),
      source_(other.source_),
      unloaded_(other.unloaded_) {
  SLUICE_DCHECK_MSG(!other.updating_, "a table copied while an update is open");
  // origin_ is not copied, as before the split: a copy is about to change.
}

void TableData::InitColumns(size_t n) {
  SLUICE_DCHECK(rowids_.empty());
  columns_.assign(n, {});
}

int64_t TableData::FindRowid(int64_t rowid) const {
  auto it = std::lower_bound(rowids_.begin(), rowids_.end(), rowid);
  if (it == rowids_.end() || *it != rowid) return -1;
  return it - rowids_.begin();
}

bool TableData::BeginEdits() {
  if (state_ == ChangeState::kRewritten) return false;
  if (state_ == ChangeState::kAppended) {
    state_ = ChangeState::kEdited;
    for (size_t i = clean_rows_; i < rowids_.size(); ++i) edited_rowids_.insert(rowids_[i]);
  }
  return true;
}

bool TableData::StateConsistent() const {
  if (state_ != ChangeState::kEdited && (!edited_rowids_.empty() || !removed_rowids_.empty())) return false;
  for (const auto& col : columns_) {
    if (source_ == nullptr && col.size() != rowids_.size()) return false;
  }
  return true;
}

void TableData::AppendRow(std::vector<Value> row, int64_t rowid) {
  CheckWritable();
  SLUICE_DCHECK(row.size() == columns_.size());
  bool in_order = rowids_.empty() || rowid > max_rowid_;
  // Out of order, the row lands inside the committed prefix: track by rowid.
  if (state_ == ChangeState::kEdited || !in_order) NoteRowChanged(rowid);
  for (size_t c = 0; c < columns_.size(); ++c) columns_[c].push_back(std::move(row[c]));
  rowids_.push_back(rowid);
  if (rowids_.size() == 1 || rowid > max_rowid_) max_rowid_ = rowid;
  if (!in_order) {
    SortByRowid();
  } else {
    // Appended in order: built indexes could be extended, but rebuilding
    // lazily is simpler and still linear per statement.
    InvalidateIndexes();
  }
  SLUICE_DCHECK(StateConsistent());
}

void TableData::Truncate(size_t new_size) {
  CheckWritable();
  SLUICE_DCHECK(new_size <= rowids_.size());
  if (new_size < clean_rows_ || state_ == ChangeState::kEdited) {
    for (size_t i = new_size; i < rowids_.size(); ++i) NoteRowRemoved(rowids_[i]);
  }
  for (auto& col : columns_) col.resize(new_size);
  rowids_.resize(new_size);
  max_rowid_ = rowids_.empty() ? 0 : rowids_.back();
  InvalidateIndexes();
  SLUICE_DCHECK(StateConsistent());
}

void TableData::Compact(const std::vector<bool>& keep) {
  CheckWritable();
  SLUICE_DCHECK(keep.size() == rowids_.size());
  // Removing only rows appended since the commit keeps the table kAppended.
  bool track = state_ == ChangeState::kEdited;
  for (size_t i = 0; i < clean_rows_ && i < rowids_.size() && !track; ++i) track = !keep[i];
  if (track) BeginEdits();
  size_t out = 0;
  for (size_t i = 0; i < rowids_.size(); ++i) {
    if (!keep[i]) {
      if (track) NoteRowRemoved(rowids_[i]);
      continue;
    }
    if (out != i) {
      for (auto& col : columns_) col[out] = std::move(col[i]);
      rowids_[out] = rowids_[i];
    }
    ++out;
  }
  for (auto& col : columns_) col.resize(out);
  rowids_.resize(out);
  // SQLite keeps handing out max+1 based on the current max.
  max_rowid_ = rowids_.empty() ? 0 : rowids_.back();
  InvalidateIndexes();
  SLUICE_DCHECK(StateConsistent());
}

void TableData::BeginUpdate() {
  CheckWritable();
  updating_ = true;
  renumbered_ = false;
  undo_.clear();
  touched_.clear();
}

void TableData::UpdateValue(size_t c, size_t pos, Value v) {
  SLUICE_DCHECK_MSG(updating_, "UpdateValue outside BeginUpdate");
  SLUICE_DCHECK(c < columns_.size() && pos < rowids_.size());
  if (!renumbered_ && (touched_.empty() || touched_.back() != rowids_[pos])) touched_.push_back(rowids_[pos]);
  undo_.push_back({pos, static_cast<int>(c), std::move(columns_[c][pos]), 0});
  columns_[c][pos] = std::move(v);
}

void TableData::UpdateRowid(size_t pos, int64_t rowid) {
  SLUICE_DCHECK_MSG(updating_, "UpdateRowid outside BeginUpdate");
  SLUICE_DCHECK(pos < rowids_.size());
  undo_.push_back({pos, -1, Value(), rowids_[pos]});
  rowids_[pos] = rowid;
  renumbered_ = true;  // the whole table is logged: no need to list rows
}

void TableData::CommitUpdate() {
  SLUICE_DCHECK_MSG(updating_, "CommitUpdate outside BeginUpdate");
  updating_ = false;
  if (renumbered_) {
    // Rows renumbered: logged as a whole.
    state_ = ChangeState::kRewritten;
    edited_rowids_.clear();
    removed_rowids_.clear();
    SortByRowid();
  } else {
    for (int64_t rowid : touched_) NoteRowChanged(rowid);
  }
  undo_.clear();
  touched_.clear();
  InvalidateIndexes();
  SLUICE_DCHECK(StateConsistent());
}

void TableData::RollbackUpdate() {
  SLUICE_DCHECK_MSG(updating_, "RollbackUpdate outside BeginUpdate");
  updating_ = false;
  for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
    if (it->column < 0) {
      rowids_[it->pos] = it->rowid;
    } else {
      columns_[static_cast<size_t>(it->column)][it->pos] = std::move(it->value);
    }
  }
  undo_.clear();
  touched_.clear();
  InvalidateIndexes();
}

void TableData::AppendRows(std::vector<std::vector<Value>> new_columns, const std::vector<int64_t>& new_rowids) {
  CheckWritable();
  SLUICE_DCHECK(new_columns.size() == columns_.size());
  for (size_t c = 0; c < columns_.size(); ++c) {
    columns_[c].insert(columns_[c].end(), std::make_move_iterator(new_columns[c].begin()),
                       std::make_move_iterator(new_columns[c].end()));
  }
  rowids_.insert(rowids_.end(), new_rowids.begin(), new_rowids.end());
  if (!rowids_.empty()) max_rowid_ = rowids_.back();
  InvalidateIndexes();
}

void TableData::SetRows(std::vector<std::vector<Value>> new_columns, std::vector<int64_t> new_rowids) {
  SLUICE_DCHECK(!updating_);
  source_.reset();
  origin_.reset();
  unloaded_.clear();
  columns_ = std::move(new_columns);
  rowids_ = std::move(new_rowids);
  max_rowid_ = rowids_.empty() ? 0 : rowids_.back();
  InvalidateIndexes();
}

void TableData::SetLazyColumns(std::shared_ptr<const ColumnSource> source, std::vector<int64_t> new_rowids) {
  SLUICE_DCHECK(!updating_);
  size_t ncols = columns_.size();
  columns_.assign(ncols, {});
  rowids_ = std::move(new_rowids);
  max_rowid_ = rowids_.empty() ? 0 : rowids_.back();
  source_ = std::move(source);
  origin_ = source_;
  unloaded_.assign(ncols, 1);
  InvalidateIndexes();
}

Status TableData::EnsureColumn(size_t c, std::string_view table, std::string_view column) const {
  if (source_ == nullptr || c >= unloaded_.size() || !unloaded_[c]) return Status::OK();
  SLUICE_ASSIGN_OR_RETURN(std::vector<Value> loaded, source_->Load(c));
  if (loaded.size() != rowids_.size()) {
    return Status::Corruption("column " + std::string(column) + " of " + std::string(table) + " has " +
                              std::to_string(loaded.size()) + " rows, expected " + std::to_string(rowids_.size()));
  }
  columns_[c] = std::move(loaded);
  unloaded_[c] = 0;
  if (std::find(unloaded_.begin(), unloaded_.end(), 1) == unloaded_.end()) {
    // Every column is in: the source is no longer needed.
    source_.reset();
    unloaded_.clear();
  }
  return Status::OK();
}

void TableData::MarkCommitted() {
  SLUICE_DCHECK(!updating_);
  if (unchanged_origin() == nullptr) origin_.reset();
  clean_rows_ = rowids_.size();
  state_ = ChangeState::kAppended;
  edited_rowids_.clear();
  removed_rowids_.clear();
}

// Positions change, rows keep their rowids: the change log (by position
// for kAppended) is the callers' to keep.
void TableData::SortByRowid() {
  std::vector<size_t> order(rowids_.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rowids_[a] < rowids_[b]; });
  for (auto& col : columns_) {
    std::vector<Value> sorted(col.size());
    for (size_t i = 0; i < order.size(); ++i) sorted[i] = std::move(col[order[i]]);
    col = std::move(sorted);
  }
  std::vector<int64_t> sorted_ids(rowids_.size());
  for (size_t i = 0; i < order.size(); ++i) sorted_ids[i] = rowids_[order[i]];
  rowids_ = std::move(sorted_ids);
  max_rowid_ = rowids_.empty() ? 0 : rowids_.back();
  InvalidateIndexes();
}

void TableData::InvalidateIndexes() { built_.clear(); }

const HashIndex& TableData::Index(size_t i, const IndexDef& def) const {
  if (built_.size() <= i) built_.resize(i + 1);
  if (!built_[i]) built_[i] = std::make_unique<HashIndex>(*this, def);
  return *built_[i];
}

}  // namespace sluice::sql

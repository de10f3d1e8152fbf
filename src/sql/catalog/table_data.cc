// TableData: columnar rows in rowid order and their change log (see
// table_data.h).
#include "sql/catalog/table_data.h"

#include <algorithm>
#include <string>

#include "sql/catalog/index.h"

namespace sluice::sql {

TableData::TableData() = default;
TableData::~TableData() = default;

TableData::TableData(const TableData& other)
    : columns_(other.columns_),
      rowids_(other.rowids_),
      max_rowid_(other.max_rowid_),
      ordered_end_(other.ordered_end_),
      unordered_(other.unordered_),
      dead_(other.dead_),
      dead_count_(other.dead_count_),
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
  auto end = rowids_.begin() + static_cast<std::ptrdiff_t>(ordered_end_);
  auto it = std::lower_bound(rowids_.begin(), end, rowid);
  if (it != end && *it == rowid && !is_dead(static_cast<size_t>(it - rowids_.begin()))) return it - rowids_.begin();
  if (unordered_.empty()) return -1;
  auto found = unordered_.find(rowid);
  return found == unordered_.end() ? -1 : static_cast<int64_t>(found->second);
}

void TableData::EnsureOrdered() const {
  if (ordered()) return;
  SLUICE_DCHECK_MSG(!updating_, "EnsureOrdered while an update is open");
  Permute(MergeOrder());
}

std::vector<size_t> TableData::MergeOrder() const {
  // Merge the sorted prefix with the sorted tail: O(n + k log k).
  std::vector<size_t> tail;
  tail.reserve(rowids_.size() - ordered_end_);
  for (size_t i = ordered_end_; i < rowids_.size(); ++i) {
    if (!is_dead(i)) tail.push_back(i);
  }
  std::sort(tail.begin(), tail.end(), [&](size_t a, size_t b) { return rowids_[a] < rowids_[b]; });
  std::vector<size_t> order;
  order.reserve(rowids_.size());
  size_t p = 0, q = 0;
  while (p < ordered_end_ || q < tail.size()) {
    if (p < ordered_end_ && is_dead(p)) {
      ++p;
    } else if (q == tail.size() || (p < ordered_end_ && rowids_[p] < rowids_[tail[q]])) {
      order.push_back(p++);
    } else {
      order.push_back(tail[q++]);
    }
  }
  return order;
}

void TableData::Permute(const std::vector<size_t>& order) const {
  if (!built_.empty()) {
    std::vector<uint32_t> to(rowids_.size(), HashIndex::kNone);
    for (size_t i = 0; i < order.size(); ++i) to[order[i]] = static_cast<uint32_t>(i);
    for (auto& index : built_) {
      if (index != nullptr) index->Renumber(to, order.size());
    }
  }
  for (auto& col : columns_) {
    if (col.size() != rowids_.size()) continue;  // a lazy column not read in yet
    std::vector<Value> sorted(order.size());
    for (size_t i = 0; i < order.size(); ++i) sorted[i] = std::move(col[order[i]]);
    col = std::move(sorted);
  }
  std::vector<int64_t> sorted_ids(order.size());
  for (size_t i = 0; i < order.size(); ++i) sorted_ids[i] = rowids_[order[i]];
  rowids_ = std::move(sorted_ids);
  ordered_end_ = rowids_.size();
  unordered_.clear();
  dead_.clear();
  dead_count_ = 0;
}

void TableData::RecountAfterRemoval() {
  if (ordered_end_ > rowids_.size()) ordered_end_ = rowids_.size();
  unordered_.clear();
  size_t last = ordered_end_;
  while (last > 0 && is_dead(last - 1)) --last;
  max_rowid_ = last == 0 ? 0 : rowids_[last - 1];
  bool any = last > 0;
  for (size_t i = ordered_end_; i < rowids_.size(); ++i) {
    if (is_dead(i)) continue;
    unordered_.emplace(rowids_[i], i);
    max_rowid_ = any ? std::max(max_rowid_, rowids_[i]) : rowids_[i];
    any = true;
  }
}

void TableData::UnindexValue(size_t c, size_t pos) {
  for (auto& index : built_) {
    if (index != nullptr && index->Covers(c)) index->Remove(pos);
  }
}

void TableData::ReindexValue(size_t c, size_t pos) {
  for (auto& index : built_) {
    if (index != nullptr && index->Covers(c)) index->Add(pos);
  }
}

bool TableData::BeginEdits() {
  if (state_ == ChangeState::kRewritten) return false;
  if (state_ == ChangeState::kAppended) {
    state_ = ChangeState::kEdited;
    for (size_t i = clean_rows_; i < rowids_.size(); ++i) {
      if (!is_dead(i)) edited_rowids_.insert(rowids_[i]);
    }
  }
  return true;
}

bool TableData::StateConsistent() const {
  if (state_ != ChangeState::kEdited && (!edited_rowids_.empty() || !removed_rowids_.empty())) return false;
  for (const auto& col : columns_) {
    if (source_ == nullptr && col.size() != rowids_.size()) return false;
  }
  return ordered_end_ <= rowids_.size() && unordered_.size() <= rowids_.size() - ordered_end_ &&
         dead_count_ <= rowids_.size() && dead_.size() <= rowids_.size() && (dead_count_ == 0 || !dead_.empty());
}

void TableData::AppendRow(std::vector<Value> row, int64_t rowid) {
  CheckWritable();
  SLUICE_DCHECK(row.size() == columns_.size());
  SLUICE_DCHECK_MSG(FindRowid(rowid) < 0, "AppendRow of a rowid present");
  bool in_order = live_count() == 0 || rowid > max_rowid_;
  // Out of order, the row belongs inside the committed rows: track by rowid.
  if (state_ == ChangeState::kEdited || !in_order) NoteRowChanged(rowid);
  size_t pos = rowids_.size();
  bool extends_prefix = ordered_end_ == pos && (pos == 0 || rowid > rowids_[pos - 1]);
  if (live_count() == 0 || rowid > max_rowid_) max_rowid_ = rowid;
  for (size_t c = 0; c < columns_.size(); ++c) columns_[c].push_back(std::move(row[c]));
  rowids_.push_back(rowid);
  if (!dead_.empty()) dead_.push_back(0);
  if (extends_prefix) {
    ordered_end_ = pos + 1;
  } else {
    unordered_.emplace(rowid, pos);
  }
  for (auto& index : built_) {
    if (index != nullptr) index->Add(pos);
  }
  SLUICE_DCHECK(StateConsistent());
}

void TableData::Truncate(size_t new_size) {
  CheckWritable();
  SLUICE_DCHECK(new_size <= rowids_.size());
  if (new_size < clean_rows_ || state_ == ChangeState::kEdited) {
    for (size_t i = new_size; i < rowids_.size(); ++i) {
      if (!is_dead(i)) NoteRowRemoved(rowids_[i]);
    }
  }
  for (auto& index : built_) {
    for (size_t pos = new_size; index != nullptr && pos < rowids_.size(); ++pos) index->Remove(pos);
  }
  for (size_t pos = new_size; pos < dead_.size(); ++pos) dead_count_ -= dead_[pos];
  if (dead_.size() > new_size) dead_.resize(new_size);
  for (auto& col : columns_) col.resize(new_size);
  rowids_.resize(new_size);
  RecountAfterRemoval();
  SLUICE_DCHECK(StateConsistent());
}

void TableData::Compact(const std::vector<bool>& keep) {
  CheckWritable();
  SLUICE_DCHECK(keep.size() == rowids_.size());
  // Removing only rows appended since the commit keeps the table kAppended.
  bool track = state_ == ChangeState::kEdited;
  for (size_t i = 0; i < clean_rows_ && i < rowids_.size() && !track; ++i) track = !keep[i];
  if (track) BeginEdits();
  // The survivors, in rowid order: rows appended out of order and dead
  // rows are settled in the same pass (built indexes are renumbered).
  std::vector<size_t> order = MergeOrder();
  size_t kept = 0;
  for (size_t i : order) {
    if (keep[i]) {
      order[kept++] = i;
    } else if (track) {
      NoteRowRemoved(rowids_[i]);
    }
  }
  order.resize(kept);
  Permute(order);
  // SQLite keeps handing out max+1 based on the current max.
  max_rowid_ = rowids_.empty() ? 0 : rowids_.back();
  SLUICE_DCHECK(StateConsistent());
}

void TableData::DeleteRows(std::vector<size_t> positions) {
  CheckWritable();
  bool max_deleted = false;
  for (size_t pos : positions) max_deleted |= DeleteRow(pos);
  PopDeadTail();
  if (max_deleted) RecountAfterRemoval();
  SLUICE_DCHECK(StateConsistent());
}

bool TableData::DeleteRow(size_t pos) {
  SLUICE_DCHECK(pos < rowids_.size() && !is_dead(pos));
  const int64_t rowid = rowids_[pos];
  // Logged as Compact logs: deleting only rows appended since the commit
  // keeps the table kAppended.
  if (state_ == ChangeState::kEdited || pos < clean_rows_) NoteRowRemoved(rowid);
  for (auto& index : built_) {
    if (index != nullptr) index->Remove(pos);
  }
  if (pos >= ordered_end_) unordered_.erase(rowid);
  // Sized once, then kept in step with the rows (PopDeadTail, AppendRow),
  // so that deleting row after row allocates nothing.
  if (dead_.size() < rowids_.size()) dead_.resize(rowids_.size(), 0);
  dead_[pos] = 1;
  ++dead_count_;
  return rowid == max_rowid_;
}

void TableData::PopDeadTail() {
  while (!rowids_.empty() && is_dead(rowids_.size() - 1)) {
    for (auto& col : columns_) col.pop_back();
    rowids_.pop_back();
    dead_.pop_back();
    --dead_count_;
  }
  if (ordered_end_ > rowids_.size()) ordered_end_ = rowids_.size();
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
  SLUICE_DCHECK(c < columns_.size() && pos < rowids_.size() && !is_dead(pos));
  if (!renumbered_ && (touched_.empty() || touched_.back() != rowids_[pos])) touched_.push_back(rowids_[pos]);
  UnindexValue(c, pos);
  undo_.push_back({pos, static_cast<int>(c), std::move(columns_[c][pos]), 0});
  columns_[c][pos] = std::move(v);
  ReindexValue(c, pos);
}

void TableData::UpdateRowid(size_t pos, int64_t rowid) {
  SLUICE_DCHECK_MSG(updating_, "UpdateRowid outside BeginUpdate");
  SLUICE_DCHECK(pos < rowids_.size());
  undo_.push_back({pos, -1, Value(), rowids_[pos]});
  if (pos >= ordered_end_) {
    unordered_.erase(rowids_[pos]);
    unordered_.emplace(rowid, pos);
  }
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
  SLUICE_DCHECK(StateConsistent());
}

void TableData::RollbackUpdate() {
  SLUICE_DCHECK_MSG(updating_, "RollbackUpdate outside BeginUpdate");
  updating_ = false;
  for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
    if (it->column < 0) {
      if (it->pos >= ordered_end_) {
        unordered_.erase(rowids_[it->pos]);
        unordered_.emplace(it->rowid, it->pos);
      }
      rowids_[it->pos] = it->rowid;
    } else {
      size_t c = static_cast<size_t>(it->column);
      UnindexValue(c, it->pos);
      columns_[c][it->pos] = std::move(it->value);
      ReindexValue(c, it->pos);
    }
  }
  undo_.clear();
  touched_.clear();
}

void TableData::AppendRows(std::vector<std::vector<Value>> new_columns, const std::vector<int64_t>& new_rowids) {
  CheckWritable();
  SLUICE_DCHECK(new_columns.size() == columns_.size());
  EnsureOrdered();
  for (size_t c = 0; c < columns_.size(); ++c) {
    columns_[c].insert(columns_[c].end(), std::make_move_iterator(new_columns[c].begin()),
                       std::make_move_iterator(new_columns[c].end()));
  }
  rowids_.insert(rowids_.end(), new_rowids.begin(), new_rowids.end());
  if (!rowids_.empty()) max_rowid_ = rowids_.back();
  ordered_end_ = rowids_.size();
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
  ordered_end_ = rowids_.size();
  unordered_.clear();
  dead_.clear();
  dead_count_ = 0;
  InvalidateIndexes();
}

void TableData::SetLazyColumns(std::shared_ptr<const ColumnSource> source, std::vector<int64_t> new_rowids) {
  SLUICE_DCHECK(!updating_);
  size_t ncols = columns_.size();
  columns_.assign(ncols, {});
  rowids_ = std::move(new_rowids);
  max_rowid_ = rowids_.empty() ? 0 : rowids_.back();
  ordered_end_ = rowids_.size();
  unordered_.clear();
  dead_.clear();
  dead_count_ = 0;
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
  std::vector<size_t> order;
  order.reserve(live_count());
  for (size_t i = 0; i < rowids_.size(); ++i) {
    if (!is_dead(i)) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rowids_[a] < rowids_[b]; });
  Permute(order);
  max_rowid_ = rowids_.empty() ? 0 : rowids_.back();
}

void TableData::InvalidateIndexes() const { built_.clear(); }

const HashIndex& TableData::Index(size_t i, const IndexDef& def) const {
  if (built_.size() <= i) built_.resize(i + 1);
  if (!built_[i]) built_[i] = std::make_unique<HashIndex>(*this, def);
  return *built_[i];
}

}  // namespace sluice::sql

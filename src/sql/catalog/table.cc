// Table: columnar rows in rowid order, and lazily built index structures.
#include "sql/catalog/table.h"

#include <algorithm>
#include <cctype>
#include <numeric>

#include "base/ascii.h"
#include "sql/catalog/index.h"
#include "sql/value/compare.h"

namespace sluice::sql {

Table::Table() = default;
Table::~Table() = default;

std::shared_ptr<Table> Table::Clone() const {
  auto copy = std::make_shared<Table>();
  copy->name = name;
  copy->columns_info = columns_info;
  copy->rowid_alias = rowid_alias;
  copy->indexes = indexes;
  copy->sql = sql;
  copy->rootpage = rootpage;
  copy->create_ast = create_ast;
  copy->columns = columns;
  copy->rowids = rowids;
  copy->max_rowid_ = max_rowid_;
  copy->source_ = source_;
  copy->unloaded_ = unloaded_;
  copy->generation = generation;
  copy->clean_rows = clean_rows;
  copy->rewritten = rewritten;
  copy->edited = edited;
  copy->edited_rowids = edited_rowids;
  copy->removed_rowids = removed_rowids;
  return copy;
}

int Table::column_index(std::string_view n) const {
  for (size_t i = 0; i < columns_info.size(); ++i) {
    const std::string& c = columns_info[i].name;
    if (EqualsIgnoreAsciiCase(c, n)) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

bool Table::BeginEdits() {
  if (rewritten) return false;
  if (!edited) {
    edited = true;
    for (size_t i = clean_rows; i < rowids.size(); ++i) edited_rowids.insert(rowids[i]);
  }
  return true;
}

void Table::AppendRow(std::vector<Value> row, int64_t rowid) {
  bool in_order = rowids.empty() || rowid > max_rowid_;
  // Out of order, the row lands inside the committed prefix: track by rowid.
  if (edited || !in_order) NoteRowChanged(rowid);
  for (size_t c = 0; c < columns.size(); ++c) columns[c].push_back(std::move(row[c]));
  rowids.push_back(rowid);
  if (rowids.size() == 1 || rowid > max_rowid_) max_rowid_ = rowid;
  if (!in_order) {
    SortByRowid();
  } else {
    // Appended in order: built indexes could be extended, but rebuilding
    // lazily is simpler and still linear per statement.
    InvalidateIndexes();
  }
}

void Table::SetLazyColumns(std::shared_ptr<const ColumnSource> source, std::vector<int64_t> new_rowids) {
  columns.assign(columns_info.size(), {});
  rowids = std::move(new_rowids);
  max_rowid_ = rowids.empty() ? 0 : rowids.back();
  source_ = std::move(source);
  origin_ = source_;
  unloaded_.assign(columns_info.size(), 1);
  InvalidateIndexes();
}

Status Table::EnsureColumn(size_t c) const {
  if (source_ == nullptr || c >= unloaded_.size() || !unloaded_[c]) return Status::OK();
  SLUICE_ASSIGN_OR_RETURN(std::vector<Value> loaded, source_->Load(c));
  if (loaded.size() != rowids.size()) {
    return Status::Corruption("column " + columns_info[c].name + " of " + name + " has " +
                              std::to_string(loaded.size()) + " rows, expected " + std::to_string(rowids.size()));
  }
  columns[c] = std::move(loaded);
  unloaded_[c] = 0;
  if (std::find(unloaded_.begin(), unloaded_.end(), 1) == unloaded_.end()) {
    // Every column is in: the source is no longer needed.
    source_.reset();
    unloaded_.clear();
  }
  return Status::OK();
}

Status Table::EnsureAllColumns() const {
  for (size_t c = 0; c < columns_info.size() && source_ != nullptr; ++c) SLUICE_RETURN_IF_ERROR(EnsureColumn(c));
  return Status::OK();
}

void Table::SetRows(std::vector<std::vector<Value>> new_columns, std::vector<int64_t> new_rowids) {
  source_.reset();
  origin_.reset();
  unloaded_.clear();
  columns = std::move(new_columns);
  rowids = std::move(new_rowids);
  max_rowid_ = rowids.empty() ? 0 : rowids.back();
  InvalidateIndexes();
}

void Table::Truncate(size_t new_size) {
  if (new_size < clean_rows || edited) {
    for (size_t i = new_size; i < rowids.size(); ++i) NoteRowRemoved(rowids[i]);
  }
  for (auto& col : columns) col.resize(new_size);
  rowids.resize(new_size);
  max_rowid_ = rowids.empty() ? 0 : rowids.back();
  InvalidateIndexes();
}

int64_t Table::FindRowid(int64_t rowid) const {
  auto it = std::lower_bound(rowids.begin(), rowids.end(), rowid);
  if (it == rowids.end() || *it != rowid) return -1;
  return it - rowids.begin();
}

void Table::Compact(const std::vector<bool>& keep) {
  // Removing only rows appended since the commit keeps the table `appended`.
  bool track = edited;
  for (size_t i = 0; i < clean_rows && i < rowids.size() && !track; ++i) track = !keep[i];
  if (track) BeginEdits();
  size_t out = 0;
  for (size_t i = 0; i < rowids.size(); ++i) {
    if (!keep[i]) {
      if (track) NoteRowRemoved(rowids[i]);
      continue;
    }
    if (out != i) {
      for (auto& col : columns) col[out] = std::move(col[i]);
      rowids[out] = rowids[i];
    }
    ++out;
  }
  for (auto& col : columns) col.resize(out);
  rowids.resize(out);
  // SQLite keeps handing out max+1 based on the current max.
  max_rowid_ = rowids.empty() ? 0 : rowids.back();
  InvalidateIndexes();
}

void Table::AppendRows(std::vector<std::vector<Value>> new_columns, const std::vector<int64_t>& new_rowids) {
  for (size_t c = 0; c < columns.size(); ++c) {
    columns[c].insert(columns[c].end(), std::make_move_iterator(new_columns[c].begin()),
                      std::make_move_iterator(new_columns[c].end()));
  }
  rowids.insert(rowids.end(), new_rowids.begin(), new_rowids.end());
  if (!rowids.empty()) max_rowid_ = rowids.back();
  InvalidateIndexes();
}

// Positions change, rows keep their rowids: the change tracking (by
// position for `appended`) is the caller's (see the header).
void Table::SortByRowid() {
  std::vector<size_t> order(rowids.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rowids[a] < rowids[b]; });
  for (auto& col : columns) {
    std::vector<Value> sorted(col.size());
    for (size_t i = 0; i < order.size(); ++i) sorted[i] = std::move(col[order[i]]);
    col = std::move(sorted);
  }
  std::vector<int64_t> sorted_ids(rowids.size());
  for (size_t i = 0; i < order.size(); ++i) sorted_ids[i] = rowids[order[i]];
  rowids = std::move(sorted_ids);
  max_rowid_ = rowids.empty() ? 0 : rowids.back();
  InvalidateIndexes();
}

void Table::InvalidateIndexes() { built_.clear(); }

const HashIndex& Table::Index(size_t i) const {
  if (built_.size() < indexes.size()) built_.resize(indexes.size());
  if (!built_[i]) built_[i] = std::make_unique<HashIndex>(*this, indexes[i]);
  return *built_[i];
}

}  // namespace sluice::sql

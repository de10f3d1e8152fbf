// Table scan: the rows of a table in rowid order, a chunk at a time, as
// the table's columns followed by the rowid. A full scan references the
// table's column storage (data_chunk.h) instead of copying it. With an
// index lookup, only the rows matching one of the lookup keys (still in
// rowid order), copied; with a rowid lookup, the rows of those rowids.
// A WITHOUT ROWID table's rows come in PRIMARY KEY order instead (its
// collations and DESC columns), as sqlite3 walks the key's b-tree: the
// positions are sorted by key and the values copied.
#include <algorithm>
#include <cmath>

#include "sql/catalog/index.h"
#include "sql/exec/expr_eval.h"
#include "sql/exec/ops/ops.h"
#include "sql/value/compare.h"

namespace sluice::sql::ops {

namespace {

class ScanOp : public Operator {
 public:
  ScanOp(const PlanNode& node, ExecContext* ctx) : node_(node), ctx_(ctx) {}

  Result<bool> Next(DataChunk* out) override {
    const Table& t = *node_.table;
    size_t ncols = t.columns_info.size();
    out->Reset(node_.outputs.size());
    if (!loaded_) {
      // A table from a database file reads a column in on first use: only
      // the columns this scan emits (an index lookup needs them all).
      if (lookup() || t.without_rowid) {
        SLUICE_RETURN_IF_ERROR(t.EnsureAllColumns());
        if (!lookup()) {
          t.data.EnsureOrdered();
          positions_.resize(t.row_count());
          for (size_t i = 0; i < positions_.size(); ++i) positions_[i] = static_cast<uint32_t>(i);
          looked_up_ = true;
        }
      } else {
        t.data.EnsureOrdered();  // a full scan walks positions in rowid order
        for (size_t c = 0; c < node_.outputs.size(); ++c) {
          int src = node_.scan_columns.empty() ? (c < ncols ? static_cast<int>(c) : -1) : node_.scan_columns[c];
          if (src >= 0) SLUICE_RETURN_IF_ERROR(t.EnsureColumn(static_cast<size_t>(src)));
        }
      }
      loaded_ = true;
    }
    if (node_.rowid_lookup && !looked_up_) {
      looked_up_ = true;
      for (const auto& key : node_.lookup_keys) {
        SLUICE_ASSIGN_OR_RETURN(Value v, EvaluateConstant(*key[0], ctx_));
        int64_t rowid;
        if (!AsRowid(v, &rowid)) continue;
        int64_t pos = t.data.FindRowid(rowid);
        if (pos >= 0) positions_.push_back(static_cast<uint32_t>(pos));
      }
    }
    if (node_.index >= 0 && !looked_up_) {
      looked_up_ = true;
      const HashIndex& index = t.Index(static_cast<size_t>(node_.index));
      for (const auto& key : node_.lookup_keys) {
        std::vector<Value> values;
        for (const BoundExprPtr& k : key) {
          SLUICE_ASSIGN_OR_RETURN(Value v, EvaluateConstant(*k, ctx_));
          values.push_back(std::move(v));
        }
        for (uint32_t pos : index.Lookup(values)) positions_.push_back(pos);
      }
      // Rowid order, as SQLite's lookups return rows (positions are in rowid
      // order only once the table is ordered).
    }
    if (by_positions() && !sorted_) {
      sorted_ = true;
      std::sort(positions_.begin(), positions_.end(),
                [&t](uint32_t a, uint32_t b) { return t.data.rowid(a) < t.data.rowid(b); });
      positions_.erase(std::unique(positions_.begin(), positions_.end()), positions_.end());
      if (t.without_rowid) SortByPrimaryKey(t);
    }
    size_t total = by_positions() ? positions_.size() : t.row_count();
    if (next_ >= total) return false;
    size_t n = std::min(kChunkSize, total - next_);
    for (size_t c = 0; c < node_.outputs.size(); ++c) {
      // Column c of the batch: table column `src`, or the rowid.
      int src = node_.scan_columns.empty() ? (c < ncols ? static_cast<int>(c) : -1) : node_.scan_columns[c];
      if (src >= 0 && !by_positions()) {
        out->Reference(c, t.data.column(static_cast<size_t>(src)).data() + next_);
        continue;
      }
      std::vector<Value>& dst = out->column(c);
      dst.resize(n);
      for (size_t i = 0; i < n; ++i) {
        size_t pos = by_positions() ? positions_[next_ + i] : next_ + i;
        if (src >= 0) {
          dst[i] = t.data.value(static_cast<size_t>(src), pos);
        } else {
          dst[i] = Value::Integer(t.data.rowid(pos));
        }
      }
    }
    next_ += n;
    out->SetSize(n);
    return true;
  }

 private:
  const PlanNode& node_;
  ExecContext* ctx_;
  size_t next_ = 0;
  bool lookup() const { return node_.index >= 0 || node_.rowid_lookup; }
  // The rows come from positions_ (a lookup, or any scan of a WITHOUT
  // ROWID table), not straight from the column storage.
  bool by_positions() const { return lookup() || node_.table->without_rowid; }

  // positions_ in the order of the table's PRIMARY KEY (ties cannot
  // happen: the key is unique and NOT NULL).
  void SortByPrimaryKey(const Table& t) {
    const IndexDef* key = nullptr;
    for (const IndexDef& def : t.indexes) {
      if (def.primary_key) key = &def;
    }
    if (key == nullptr) return;
    std::stable_sort(positions_.begin(), positions_.end(), [&](uint32_t a, uint32_t b) {
      for (size_t k = 0; k < key->columns.size(); ++k) {
        size_t c = static_cast<size_t>(key->columns[k]);
        int cmp = CompareValues(t.data.value(c, a), t.data.value(c, b), key->collations[k]);
        if (k < t.key_descending.size() && t.key_descending[k]) cmp = -cmp;
        if (cmp != 0) return cmp < 0;
      }
      return false;
    });
  }
  // A lookup key as a rowid: an integer, or a real with an integer value
  // (rowid 5 equals 5.0); nothing else equals a rowid.
  static bool AsRowid(const Value& v, int64_t* rowid) {
    if (v.is_integer()) {
      *rowid = v.integer();
      return true;
    }
    if (!v.is_real()) return false;
    double d = v.real();
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) || d != std::trunc(d)) return false;
    *rowid = static_cast<int64_t>(d);
    return true;
  }

  bool looked_up_ = false;
  bool sorted_ = false;
  bool loaded_ = false;
  std::vector<uint32_t> positions_;
};

class ValuesOp : public Operator {
 public:
  ValuesOp(const PlanNode& node, ExecContext* ctx) : node_(node), eval_(ctx, &kEmpty) {}

  Result<bool> Next(DataChunk* out) override {
    out->Reset(node_.outputs.size());
    if (next_ >= node_.rows.size()) return false;
    RowRef none;
    size_t n = 0;
    while (next_ < node_.rows.size() && n < kChunkSize) {
      const auto& row = node_.rows[next_++];
      for (size_t c = 0; c < row.size(); ++c) {
        SLUICE_ASSIGN_OR_RETURN(Value v, eval_.Eval(*row[c], none));
        out->column(c).push_back(std::move(v));
      }
      ++n;
    }
    out->SetSize(n);
    return true;
  }

 private:
  static inline const std::vector<ColumnId> kEmpty{};
  const PlanNode& node_;
  ExprEvaluator eval_;
  size_t next_ = 0;
};

}  // namespace

OperatorPtr MakeScan(const PlanNode& node, ExecContext* ctx) { return std::make_unique<ScanOp>(node, ctx); }
OperatorPtr MakeValues(const PlanNode& node, ExecContext* ctx) { return std::make_unique<ValuesOp>(node, ctx); }

}  // namespace sluice::sql::ops

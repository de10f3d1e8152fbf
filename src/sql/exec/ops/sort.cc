// Sort (ORDER BY) and top-N (ORDER BY ... LIMIT): materializes its input,
// computes the sort keys, and orders rows stably — ties keep input order,
// as SQLite's sorter does for equal keys. NULLs sort first ascending and
// last descending unless NULLS FIRST/LAST says otherwise; text compares
// under each key's collation. A top-N keeps only the first limit_hint rows
// (partial sort over a stable index order).
#include <algorithm>
#include <numeric>

#include "sql/exec/expr_eval.h"
#include "sql/exec/ops/ops.h"

namespace sluice::sql::ops {

bool StoreEmitter::Emit(RowStore& store, const std::vector<size_t>* order, DataChunk* out) {
  out->Reset(store.columns.size());
  size_t total = order != nullptr ? order->size() : store.size;
  if (next_ >= total) return false;
  size_t n = std::min(kChunkSize, total - next_);
  for (size_t c = 0; c < store.columns.size(); ++c) {
    auto& dst = out->column(c);
    dst.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      size_t r = order != nullptr ? (*order)[next_ + i] : next_ + i;
      dst.push_back(std::move(store.columns[c][r]));
    }
  }
  next_ += n;
  out->SetSize(n);
  return true;
}

int CompareRows(const std::vector<std::vector<Value>>& a, size_t ra, const std::vector<std::vector<Value>>& b,
                size_t rb, size_t ncols) {
  for (size_t c = 0; c < ncols; ++c) {
    int cmp = CompareValues(a[c][ra], b[c][rb]);
    if (cmp != 0) return cmp;
  }
  return 0;
}

namespace {

class SortOp : public Operator {
 public:
  SortOp(const PlanNode& node, ExecContext* ctx, OperatorPtr child)
      : node_(node), child_(std::move(child)), eval_(ctx, &node.children[0]->outputs) {}

  Result<bool> Next(DataChunk* out) override {
    if (!sorted_) {
      SLUICE_RETURN_IF_ERROR(SortAll());
      sorted_ = true;
    }
    return emitter_.Emit(rows_, &order_, out);
  }

 private:
  Status SortAll() {
    rows_.Init(node_.outputs.size());
    size_t nkeys = node_.sort_keys.size();
    keys_.assign(nkeys, {});
    DataChunk in;
    std::vector<Value> col;
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(bool more, child_->Next(&in));
      if (!more) break;
      for (size_t k = 0; k < nkeys; ++k) {
        SLUICE_RETURN_IF_ERROR(eval_.EvalColumn(*node_.sort_keys[k].expr, in, &col));
        keys_[k].insert(keys_[k].end(), std::make_move_iterator(col.begin()), std::make_move_iterator(col.end()));
      }
      rows_.Append(in);
    }
    order_.resize(rows_.size);
    std::iota(order_.begin(), order_.end(), 0);
    auto less = [&](size_t a, size_t b) {
      for (size_t k = 0; k < nkeys; ++k) {
        const SortKey& key = node_.sort_keys[k];
        const Value& x = keys_[k][a];
        const Value& y = keys_[k][b];
        int c;
        if (x.is_null() || y.is_null()) {
          if (x.is_null() && y.is_null()) continue;
          c = x.is_null() ? -1 : 1;
          if (!key.nulls_first) c = -c;
          return c < 0;
        }
        c = CompareValues(x, y, key.collation);
        if (c == 0) continue;
        if (key.descending) c = -c;
        return c < 0;
      }
      return a < b;  // stable
    };
    if (node_.limit_hint >= 0 && static_cast<size_t>(node_.limit_hint) < order_.size()) {
      auto mid = order_.begin() + node_.limit_hint;
      std::partial_sort(order_.begin(), mid, order_.end(), less);
      order_.erase(mid, order_.end());
    } else {
      std::sort(order_.begin(), order_.end(), less);
    }
    return Status::OK();
  }

  const PlanNode& node_;
  OperatorPtr child_;
  ExprEvaluator eval_;
  bool sorted_ = false;
  RowStore rows_;
  std::vector<std::vector<Value>> keys_;
  std::vector<size_t> order_;
  StoreEmitter emitter_;
};

}  // namespace

OperatorPtr MakeSort(const PlanNode& node, ExecContext* ctx, OperatorPtr child) {
  return std::make_unique<SortOp>(node, ctx, std::move(child));
}

}  // namespace sluice::sql::ops

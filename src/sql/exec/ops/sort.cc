// Sort (ORDER BY) and top-N (ORDER BY ... LIMIT): materializes its input,
// computes the sort keys, and orders rows stably — ties keep input order,
// as SQLite's sorter does for equal keys. NULLs sort first ascending and
// last descending unless NULLS FIRST/LAST says otherwise; text compares
// under each key's collation. A top-N (ORDER BY ... LIMIT n) streams its
// input through a bounded heap of the n best rows.
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

// The ORDER BY comparison of two key values: NULLs first ascending and
// last descending unless NULLS FIRST/LAST says otherwise; text under the
// key's collation.
inline int CompareKey(const SortKey& key, const Value& x, const Value& y) {
  int c;
  if (x.is_integer() && y.is_integer()) {
    c = CompareInt64s(x.integer(), y.integer());
  } else if (x.is_null() || y.is_null()) {
    if (x.is_null() && y.is_null()) return 0;
    c = x.is_null() ? -1 : 1;
    return key.nulls_first ? c : -c;
  } else if (key.collation == Collation::kBinary && x.is_text() && y.is_text()) {
    c = CompareTextBinary(x.bytes(), y.bytes());
  } else {
    c = CompareValues(x, y, key.collation);
  }
  return key.descending ? -c : c;
}

// Largest LIMIT kept in a bounded heap while streaming; above it the input
// is sorted whole.
constexpr int64_t kMaxHeapLimit = 65536;

class SortOp : public Operator {
 public:
  SortOp(const PlanNode& node, ExecContext* ctx, OperatorPtr child)
      : node_(node), child_(std::move(child)), eval_(ctx, &node.children[0]->outputs) {}

  Result<bool> Next(DataChunk* out) override {
    if (!sorted_) {
      if (node_.limit_hint > 0 && node_.limit_hint <= kMaxHeapLimit) {
        SLUICE_RETURN_IF_ERROR(TopN(static_cast<size_t>(node_.limit_hint)));
      } else {
        SLUICE_RETURN_IF_ERROR(SortAll());
      }
      sorted_ = true;
    }
    return emitter_.Emit(rows_, &order_, out);
  }

 private:
  // Stable order of stored rows a and b (input order breaks ties).
  bool Less(size_t a, size_t b) const {
    for (size_t k = 0; k < keys_.size(); ++k) {
      int c = CompareKey(node_.sort_keys[k], keys_[k][a], keys_[k][b]);
      if (c != 0) return c < 0;
    }
    return seq_[a] < seq_[b];
  }

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
    seq_.resize(rows_.size);
    std::iota(seq_.begin(), seq_.end(), 0);
    auto less = [&](size_t a, size_t b) { return Less(a, b); };
    if (node_.limit_hint >= 0 && static_cast<size_t>(node_.limit_hint) < order_.size()) {
      auto mid = order_.begin() + node_.limit_hint;
      std::partial_sort(order_.begin(), mid, order_.end(), less);
      order_.erase(mid, order_.end());
    } else {
      std::sort(order_.begin(), order_.end(), less);
    }
    return Status::OK();
  }

  // ORDER BY ... LIMIT n: streams the input through a max-heap of the n
  // best rows so far (by Less), so memory and work per row stay bounded;
  // a row enters only when it beats the worst kept one.
  Status TopN(size_t limit) {
    size_t nkeys = node_.sort_keys.size();
    size_t width = node_.outputs.size();
    rows_.Init(width);
    keys_.assign(nkeys, {});
    std::vector<size_t> heap;  // slots; heap.front() is the worst kept row
    auto less = [&](size_t a, size_t b) { return Less(a, b); };
    std::vector<ColumnView> views(nkeys);
    DataChunk in;
    uint64_t seq = 0;
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(bool more, child_->Next(&in));
      if (!more) break;
      eval_.BeginChunk();
      for (size_t k = 0; k < nkeys; ++k) {
        SLUICE_ASSIGN_OR_RETURN(views[k], eval_.EvalView(*node_.sort_keys[k].expr, in));
      }
      for (size_t r = 0; r < in.size(); ++r, ++seq) {
        size_t slot;
        if (heap.size() < limit) {
          slot = heap.size();
          for (size_t k = 0; k < nkeys; ++k) keys_[k].emplace_back();
          for (size_t c = 0; c < width; ++c) rows_.columns[c].emplace_back();
          seq_.push_back(0);
          ++rows_.size;
        } else {
          // Does row r come before the worst kept row? (Later rows lose ties.)
          size_t worst = heap.front();
          int c = 0;
          for (size_t k = 0; k < nkeys && c == 0; ++k) c = CompareKey(node_.sort_keys[k], views[k][r], keys_[k][worst]);
          if (c >= 0) continue;
          std::pop_heap(heap.begin(), heap.end(), less);
          slot = heap.back();
          heap.pop_back();
        }
        for (size_t k = 0; k < nkeys; ++k) keys_[k][slot] = views[k][r].Owned();
        for (size_t c = 0; c < width; ++c) rows_.columns[c][slot] = in.at(c, r).Owned();
        seq_[slot] = seq;
        heap.push_back(slot);
        std::push_heap(heap.begin(), heap.end(), less);
      }
    }
    order_.resize(rows_.size);
    std::iota(order_.begin(), order_.end(), 0);
    std::sort(order_.begin(), order_.end(), less);
    return Status::OK();
  }

  const PlanNode& node_;
  OperatorPtr child_;
  ExprEvaluator eval_;
  bool sorted_ = false;
  RowStore rows_;
  std::vector<std::vector<Value>> keys_;  // [key][row]
  std::vector<uint64_t> seq_;             // input position of each row
  std::vector<size_t> order_;
  StoreEmitter emitter_;
};

}  // namespace

OperatorPtr MakeSort(const PlanNode& node, ExecContext* ctx, OperatorPtr child) {
  return std::make_unique<SortOp>(node, ctx, std::move(child));
}

}  // namespace sluice::sql::ops

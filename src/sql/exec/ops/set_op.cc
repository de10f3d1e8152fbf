// Compound operators. UNION ALL streams the left input then the right one.
// UNION, INTERSECT and EXCEPT materialize, remove duplicates (NULLs equal)
// and emit in ascending row order, as SQLite's temporary b-tree does.
#include <algorithm>
#include <numeric>

#include "sql/exec/ops/ops.h"

namespace sluice::sql::ops {

namespace {

class SetOp : public Operator {
 public:
  SetOp(const PlanNode& node, ExecContext* ctx, OperatorPtr left, OperatorPtr right)
      : node_(node), left_(std::move(left)), right_(std::move(right)) {
    (void)ctx;
  }

  Result<bool> Next(DataChunk* out) override {
    size_t width = node_.outputs.size();
    if (node_.set_op == CompoundOp::kUnionAll) {
      while (left_) {
        SLUICE_ASSIGN_OR_RETURN(bool more, left_->Next(out));
        if (more) return true;
        left_.reset();
      }
      SLUICE_ASSIGN_OR_RETURN(bool more, right_->Next(out));
      if (!more) out->Reset(width);
      return more;
    }
    if (!done_) {
      SLUICE_RETURN_IF_ERROR(Compute());
      done_ = true;
    }
    return emitter_.Emit(rows_, &order_, out);
  }

 private:
  Status Compute() {
    size_t width = node_.outputs.size();
    RowStore left, right;
    SLUICE_RETURN_IF_ERROR(Drain(left_.get(), &left));
    SLUICE_RETURN_IF_ERROR(Drain(right_.get(), &right));
    left_.reset();
    right_.reset();
    auto sorted_distinct = [&](const RowStore& s) {
      std::vector<size_t> idx(s.size);
      std::iota(idx.begin(), idx.end(), 0);
      std::stable_sort(idx.begin(), idx.end(),
                       [&](size_t a, size_t b) { return CompareRows(s.columns, a, s.columns, b, width) < 0; });
      idx.erase(std::unique(idx.begin(), idx.end(),
                            [&](size_t a, size_t b) { return CompareRows(s.columns, a, s.columns, b, width) == 0; }),
                idx.end());
      return idx;
    };
    rows_.Init(width);
    auto take = [&](RowStore& s, size_t r) {
      for (size_t c = 0; c < width; ++c) rows_.columns[c].push_back(std::move(s.columns[c][r]));
      ++rows_.size;
    };
    if (node_.set_op == CompoundOp::kUnion) {
      for (size_t c = 0; c < width; ++c) {
        left.columns[c].insert(left.columns[c].end(), std::make_move_iterator(right.columns[c].begin()),
                               std::make_move_iterator(right.columns[c].end()));
      }
      left.size += right.size;
      for (size_t r : sorted_distinct(left)) take(left, r);
    } else {
      std::vector<size_t> l = sorted_distinct(left);
      std::vector<size_t> r = sorted_distinct(right);
      size_t j = 0;
      for (size_t i : l) {
        while (j < r.size() && CompareRows(right.columns, r[j], left.columns, i, width) < 0) ++j;
        bool in_right = j < r.size() && CompareRows(right.columns, r[j], left.columns, i, width) == 0;
        if (in_right == (node_.set_op == CompoundOp::kIntersect)) take(left, i);
      }
    }
    order_.resize(rows_.size);
    std::iota(order_.begin(), order_.end(), 0);
    return Status::OK();
  }

  Status Drain(Operator* op, RowStore* out) {
    out->Init(node_.outputs.size());
    DataChunk chunk;
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(bool more, op->Next(&chunk));
      if (!more) return Status::OK();
      out->Append(chunk);
    }
  }

  const PlanNode& node_;
  OperatorPtr left_;
  OperatorPtr right_;
  bool done_ = false;
  RowStore rows_;
  std::vector<size_t> order_;
  StoreEmitter emitter_;
};

}  // namespace

OperatorPtr MakeSetOp(const PlanNode& node, ExecContext* ctx, OperatorPtr left, OperatorPtr right) {
  return std::make_unique<SetOp>(node, ctx, std::move(left), std::move(right));
}

}  // namespace sluice::sql::ops

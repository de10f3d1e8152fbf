// Joins. Both consume the right (inner) input first — the build side —
// then stream the left (outer) input: for each left row in order, its
// matches in build order, which is the order of SQLite's nested loop with
// the left table outermost. LEFT joins emit a left row with NULLs when no
// match passes the residual condition.
//
// HashJoin: the build keys (after the comparison affinity of each key pair,
// under its collation, so that 1 and 1.0 and '1' in a numeric comparison
// meet) are numbered by a KeyTable; rows with the same key are chained in
// build order. NULL keys never match. NestedLoopJoin: every build row is a
// candidate.
//
// Per output batch: candidate pairs (left row, build row) are listed, their
// columns gathered into one chunk, the residual condition evaluated on it
// column-at-a-time, and the passing pairs (plus NULL-extended rows for
// unmatched LEFT rows) emitted in order.
#include "sql/exec/expr_eval.h"
#include "sql/exec/key_table.h"
#include "sql/exec/ops/ops.h"

namespace sluice::sql::ops {

namespace {

constexpr uint32_t kNone = UINT32_MAX;

// The value `v` takes in a comparison under `affinity` (ApplyComparisonAffinity
// without the copy when nothing changes).
inline bool AffinityChanges(Affinity affinity, const Value& v) {
  if (IsNumericAffinity(affinity)) return v.is_text();
  if (affinity == Affinity::kText) return v.is_numeric();
  return false;
}

class JoinOp : public Operator {
 public:
  JoinOp(const PlanNode& node, ExecContext* ctx, OperatorPtr left, OperatorPtr right, bool hash)
      : node_(node),
        left_(std::move(left)),
        right_(std::move(right)),
        hash_(hash),
        left_eval_(ctx, &node.children[0]->outputs),
        right_eval_(ctx, &node.children[1]->outputs),
        pair_eval_(ctx, &node.outputs),
        keys_(node.key_collation) {}

  Result<bool> Next(DataChunk* out) override {
    if (!built_) {
      SLUICE_RETURN_IF_ERROR(Build());
      built_ = true;
    }
    while (true) {
      out->Reset(node_.outputs.size());
      if (done_) return false;
      SLUICE_RETURN_IF_ERROR(ListPairs());
      if (pairs_left_.empty()) {
        if (done_) return false;
        continue;
      }
      SLUICE_RETURN_IF_ERROR(EmitPairs(out));
      if (!out->empty()) return true;
    }
  }

 private:
  size_t left_width() const { return node_.children[0]->outputs.size(); }
  size_t right_width() const { return node_.children[1]->outputs.size(); }
  bool is_left_join() const { return node_.join_type == JoinType::kLeft; }

  // Evaluates the join keys of `chunk` into key_values_ (after affinity);
  // has_null_[r] tells rows with a NULL key.
  Status EvalKeys(ExprEvaluator& eval, const std::vector<BoundExprPtr>& exprs, const DataChunk& chunk) {
    size_t n = chunk.size();
    size_t nkeys = exprs.size();
    eval.BeginChunk();
    key_views_.resize(nkeys);
    key_values_.resize(nkeys);
    has_null_.assign(n, 0);
    for (size_t k = 0; k < nkeys; ++k) {
      SLUICE_ASSIGN_OR_RETURN(ColumnView v, eval.EvalView(*exprs[k], chunk));
      Affinity aff = node_.key_affinity[k];
      bool changes = false;
      for (size_t r = 0; r < n && !changes; ++r) changes = AffinityChanges(aff, v[r]);
      if (changes) {
        std::vector<Value>& conv = key_values_[k];
        conv.resize(n);
        for (size_t r = 0; r < n; ++r) conv[r] = ApplyComparisonAffinity(aff, v[r]);
        v = ColumnView{conv.data(), false};
      }
      for (size_t r = 0; r < n; ++r) has_null_[r] |= v[r].is_null() ? 1 : 0;
      key_views_[k] = v;
    }
    hashes_.resize(n);
    keys_.Hash(key_views_.data(), n, hashes_.data());
    return Status::OK();
  }

  Status Build() {
    build_.Init(right_width());
    DataChunk chunk;
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(bool more, right_->Next(&chunk));
      if (!more) break;
      if (chunk.empty()) continue;
      if (hash_) {
        SLUICE_RETURN_IF_ERROR(EvalKeys(right_eval_, node_.right_keys, chunk));
        for (size_t r = 0; r < chunk.size(); ++r) {
          uint32_t row = static_cast<uint32_t>(build_.size + r);
          next_.push_back(kNone);
          if (has_null_[r]) continue;
          bool inserted;
          uint32_t id = keys_.FindOrInsert(key_views_.data(), r, hashes_[r], &inserted);
          if (inserted) {
            first_.push_back(row);
            last_.push_back(row);
          } else {
            next_[last_[id]] = row;
            last_[id] = row;
          }
        }
      }
      build_.Append(chunk);
    }
    right_.reset();
    build_columns_ = build_.column_pointers();
    return Status::OK();
  }

  // Fills pairs_left_/pairs_right_ with up to kChunkSize candidate pairs,
  // continuing where the last batch stopped. kNone on the right: a left row
  // without candidates in a LEFT join.
  Status ListPairs() {
    pairs_left_.clear();
    pairs_right_.clear();
    row_end_.clear();
    while (pairs_left_.size() < kChunkSize) {
      if (row_ >= in_.size()) {
        // The batch refers to rows of in_: emit it before replacing in_.
        if (!pairs_left_.empty()) return Status::OK();
        SLUICE_ASSIGN_OR_RETURN(bool more, left_->Next(&in_));
        if (!more) {
          done_ = true;
          return Status::OK();
        }
        row_ = 0;
        cursor_ = kNone;
        in_row_started_ = false;
        if (hash_ && !in_.empty()) SLUICE_RETURN_IF_ERROR(EvalKeys(left_eval_, node_.left_keys, in_));
        continue;
      }
      if (!in_row_started_) {
        in_row_started_ = true;
        cursor_ = FirstCandidate(row_);
        if (cursor_ == kNone) {
          if (is_left_join()) {
            pairs_left_.push_back(static_cast<uint32_t>(row_));
            pairs_right_.push_back(kNone);
          }
          FinishRow();
          continue;
        }
      }
      while (cursor_ != kNone && pairs_left_.size() < kChunkSize) {
        pairs_left_.push_back(static_cast<uint32_t>(row_));
        pairs_right_.push_back(cursor_);
        cursor_ = NextCandidate(cursor_);
      }
      if (cursor_ == kNone) FinishRow();
    }
    return Status::OK();
  }

  uint32_t FirstCandidate(size_t r) {
    if (!hash_) return build_.size > 0 ? 0 : kNone;
    if (has_null_[r]) return kNone;
    int64_t id = keys_.Find(key_views_.data(), r, hashes_[r]);
    return id < 0 ? kNone : first_[static_cast<size_t>(id)];
  }
  uint32_t NextCandidate(uint32_t b) const {
    if (!hash_) return b + 1 < build_.size ? b + 1 : kNone;
    return next_[b];
  }
  // The pairs of the current left row are all listed.
  void FinishRow() {
    // Only rows with pairs in this batch need a mark (see EmitPairs).
    if (row_end_.empty() || row_end_.back() != pairs_left_.size()) row_end_.push_back(pairs_left_.size());
    ++row_;
    in_row_started_ = false;
    cursor_ = kNone;
  }

  Status EmitPairs(DataChunk* out) {
    size_t n = pairs_left_.size();
    size_t lw = left_width(), rw = right_width();
    // Gather the candidate pairs.
    cand_.Reset(lw + rw);
    for (size_t c = 0; c < lw; ++c) {
      std::vector<Value>& dst = cand_.column(c);
      dst.resize(n);
      const Value* src = in_.data(c);
      for (size_t i = 0; i < n; ++i) dst[i] = src[pairs_left_[i]];
    }
    for (size_t c = 0; c < rw; ++c) {
      std::vector<Value>& dst = cand_.column(lw + c);
      dst.resize(n);
      const Value* src = build_columns_[c];
      for (size_t i = 0; i < n; ++i) {
        if (pairs_right_[i] != kNone) {
          dst[i] = src[pairs_right_[i]];
        } else {
          dst[i] = Value();
        }
      }
    }
    cand_.SetSize(n);
    if (!node_.predicate) {
      std::swap(*out, cand_);
      return Status::OK();
    }
    pair_eval_.BeginChunk();
    SLUICE_RETURN_IF_ERROR(pair_eval_.SelectTrue(*node_.predicate, cand_, &selected_));
    keep_.assign(n, 0);
    for (uint32_t i : selected_) keep_[i] = 1;
    // Rows the batch ends with: where each left row's pairs end (a row
    // whose pairs continue in the next batch has no end here).
    size_t end_pos = 0;
    size_t out_rows = 0;
    for (size_t i = 0; i < n; ++i) {
      bool null_row = pairs_right_[i] == kNone;
      if (null_row || keep_[i]) {
        for (size_t c = 0; c < lw + rw; ++c) out->column(c).push_back(std::move(cand_.column(c)[i]));
        ++out_rows;
        if (!null_row) row_matched_batch_ = true;
      }
      bool row_ends = end_pos < row_end_.size() && row_end_[end_pos] == i + 1;
      if (row_ends) {
        ++end_pos;
        if (is_left_join() && !null_row && !row_matched_batch_) {
          for (size_t c = 0; c < lw; ++c) out->column(c).push_back(cand_.column(c)[i]);
          for (size_t c = 0; c < rw; ++c) out->column(lw + c).push_back(Value());
          ++out_rows;
        }
        row_matched_batch_ = false;
      }
    }
    out->SetSize(out_rows);
    return Status::OK();
  }

  const PlanNode& node_;
  OperatorPtr left_;
  OperatorPtr right_;
  bool hash_;
  ExprEvaluator left_eval_;
  ExprEvaluator right_eval_;
  ExprEvaluator pair_eval_;
  bool built_ = false;
  bool done_ = false;

  // Build side.
  RowStore build_;
  const Value* const* build_columns_ = nullptr;
  KeyTable keys_;
  std::vector<uint32_t> first_, last_;  // per key id: chain ends
  std::vector<uint32_t> next_;          // per build row: next with its key

  // Probe side.
  DataChunk in_;
  size_t row_ = 0;
  bool in_row_started_ = false;
  uint32_t cursor_ = kNone;
  bool row_matched_batch_ = false;  // a pair of the current left row passed
  std::vector<ColumnView> key_views_;
  std::vector<std::vector<Value>> key_values_;
  std::vector<uint8_t> has_null_;
  std::vector<uint64_t> hashes_;

  // Current batch.
  std::vector<uint32_t> pairs_left_, pairs_right_;
  std::vector<size_t> row_end_;  // pair counts at which a left row's pairs end
  DataChunk cand_;
  std::vector<uint32_t> selected_;
  std::vector<uint8_t> keep_;
};

}  // namespace

OperatorPtr MakeHashJoin(const PlanNode& node, ExecContext* ctx, OperatorPtr left, OperatorPtr right) {
  return std::make_unique<JoinOp>(node, ctx, std::move(left), std::move(right), true);
}
OperatorPtr MakeNestedLoopJoin(const PlanNode& node, ExecContext* ctx, OperatorPtr left, OperatorPtr right) {
  return std::make_unique<JoinOp>(node, ctx, std::move(left), std::move(right), false);
}

}  // namespace sluice::sql::ops

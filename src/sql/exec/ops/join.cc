// Joins. Both consume the right (inner) input first — the build side —
// then stream the left (outer) input: for each left row in order, its
// matches in build order, which is the order of SQLite's nested loop with
// the left table outermost. LEFT joins emit a left row with NULLs when no
// match passes the residual condition.
//
// HashJoin: the build rows are hashed on the right keys (after the
// comparison affinity of each key pair, under its collation, so that 1 and
// 1.0 and '1' in a numeric comparison meet); NULL keys never match.
// NestedLoopJoin: every pair is tested against the condition.
#include <unordered_map>

#include "sql/exec/expr_eval.h"
#include "sql/exec/ops/ops.h"
#include "sql/value/value_hash.h"

namespace sluice::sql::ops {

namespace {

class JoinOp : public Operator {
 public:
  JoinOp(const PlanNode& node, ExecContext* ctx, OperatorPtr left, OperatorPtr right, bool hash)
      : node_(node),
        left_(std::move(left)),
        right_(std::move(right)),
        hash_(hash),
        left_eval_(ctx, &node.children[0]->outputs),
        right_eval_(ctx, &node.children[1]->outputs),
        pair_eval_(ctx, &node.outputs) {}

  Result<bool> Next(DataChunk* out) override {
    out->Reset(node_.outputs.size());
    if (done_) return false;
    if (!built_) {
      SLUICE_RETURN_IF_ERROR(Build());
      built_ = true;
    }
    size_t left_width = node_.children[0]->outputs.size();
    size_t right_width = node_.children[1]->outputs.size();
    while (!out->full()) {
      if (row_ >= in_.size()) {
        SLUICE_ASSIGN_OR_RETURN(bool more, left_->Next(&in_));
        if (!more) {
          done_ = true;
          return !out->empty();
        }
        row_ = 0;
        candidates_valid_ = false;
        continue;
      }
      if (!candidates_valid_) {
        SLUICE_RETURN_IF_ERROR(FindCandidates());
        candidates_valid_ = true;
        candidate_ = 0;
        matched_ = false;
      }
      RowRef pair;
      pair.left = &in_.columns();
      pair.left_row = row_;
      pair.left_width = left_width;
      pair.right = &build_.columns;
      while (candidate_ < candidates_.size() && !out->full()) {
        size_t b = candidates_[candidate_++];
        pair.right_row = b;
        if (node_.predicate) {
          SLUICE_ASSIGN_OR_RETURN(bool ok, pair_eval_.Test(*node_.predicate, pair));
          if (!ok) continue;
        }
        matched_ = true;
        for (size_t c = 0; c < left_width; ++c) out->column(c).push_back(in_.at(c, row_));
        for (size_t c = 0; c < right_width; ++c) out->column(left_width + c).push_back(build_.columns[c][b]);
        out->SetSize(out->size() + 1);
      }
      if (candidate_ < candidates_.size()) break;  // output full mid-row
      if (!matched_ && node_.join_type == JoinType::kLeft) {
        for (size_t c = 0; c < left_width; ++c) out->column(c).push_back(in_.at(c, row_));
        for (size_t c = 0; c < right_width; ++c) out->column(left_width + c).push_back(Value());
        out->SetSize(out->size() + 1);
      }
      ++row_;
      candidates_valid_ = false;
    }
    return true;
  }

 private:
  Status Build() {
    // Sink the whole build side (right input).
    build_.Init(node_.children[1]->outputs.size());
    DataChunk chunk;
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(bool more, right_->Next(&chunk));
      if (!more) break;
      build_.Append(chunk);
    }
    right_.reset();
    if (!hash_) return Status::OK();
    size_t nkeys = node_.right_keys.size();
    build_keys_.assign(nkeys, {});
    for (size_t r = 0; r < build_.size; ++r) {
      RowRef row;
      row.left = &build_.columns;
      row.left_row = r;
      row.left_width = build_.columns.size();
      uint64_t h = 0;
      bool has_null = false;
      for (size_t k = 0; k < nkeys; ++k) {
        SLUICE_ASSIGN_OR_RETURN(Value v, right_eval_.Eval(*node_.right_keys[k], row));
        v = ApplyComparisonAffinity(node_.key_affinity[k], v);
        has_null |= v.is_null();
        h = h * 1000003 + HashValue(v, node_.key_collation[k]);
        build_keys_[k].push_back(std::move(v));
      }
      if (!has_null) table_[h].push_back(r);
    }
    return Status::OK();
  }

  Status FindCandidates() {
    candidates_.clear();
    if (!hash_) {
      candidates_.resize(build_.size);
      for (size_t i = 0; i < build_.size; ++i) candidates_[i] = i;
      return Status::OK();
    }
    RowRef row = ChunkRow(in_, row_);
    size_t nkeys = node_.left_keys.size();
    probe_.resize(nkeys);
    uint64_t h = 0;
    for (size_t k = 0; k < nkeys; ++k) {
      SLUICE_ASSIGN_OR_RETURN(Value v, left_eval_.Eval(*node_.left_keys[k], row));
      probe_[k] = ApplyComparisonAffinity(node_.key_affinity[k], v);
      if (probe_[k].is_null()) return Status::OK();
      h = h * 1000003 + HashValue(probe_[k], node_.key_collation[k]);
    }
    auto it = table_.find(h);
    if (it == table_.end()) return Status::OK();
    for (size_t b : it->second) {
      bool eq = true;
      for (size_t k = 0; k < nkeys && eq; ++k) {
        eq = CompareValues(probe_[k], build_keys_[k][b], node_.key_collation[k]) == 0;
      }
      if (eq) candidates_.push_back(b);
    }
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
  RowStore build_;
  std::vector<std::vector<Value>> build_keys_;
  std::unordered_map<uint64_t, std::vector<size_t>> table_;
  DataChunk in_;
  size_t row_ = 0;
  bool candidates_valid_ = false;
  std::vector<size_t> candidates_;
  size_t candidate_ = 0;
  bool matched_ = false;
  std::vector<Value> probe_;
};

}  // namespace

OperatorPtr MakeHashJoin(const PlanNode& node, ExecContext* ctx, OperatorPtr left, OperatorPtr right) {
  return std::make_unique<JoinOp>(node, ctx, std::move(left), std::move(right), true);
}
OperatorPtr MakeNestedLoopJoin(const PlanNode& node, ExecContext* ctx, OperatorPtr left, OperatorPtr right) {
  return std::make_unique<JoinOp>(node, ctx, std::move(left), std::move(right), false);
}

}  // namespace sluice::sql::ops

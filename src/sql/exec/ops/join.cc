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
// Per output batch: candidate pairs (left row, build row) are listed, the
// columns the residual condition reads gathered into one chunk, the
// condition evaluated on it column-at-a-time, and the passing pairs (plus
// NULL-extended rows for unmatched LEFT rows) gathered in full, in order.
// The build side is stored clustered by key, so a probe's candidates are
// one contiguous range.
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
        ctx_(ctx),
        left_(std::move(left)),
        right_(std::move(right)),
        hash_(hash),
        left_eval_(ctx, &node.children[0]->outputs),
        right_eval_(ctx, &node.children[1]->outputs),
        pair_eval_(ctx, &node.outputs),
        keys_(node.key_collation) {
    if (node.predicate) {
      residual_slots_.assign(left_width() + right_width(), 0);
      residual_reads_all_ = !CollectSlots(*node.predicate);
      pair_compare_ = PairOperand(0, &pair_a_) && PairOperand(1, &pair_b_);
    }
  }

  Result<bool> Next(DataChunk* out) override {
    if (!built_) {
      SLUICE_RETURN_IF_ERROR(Build());
      built_ = true;
    }
    while (true) {
      out->Reset(node_.outputs.size());
      if (done_) return false;
      // A batch that passes no pair does not reach a leaf: poll here.
      SLUICE_RETURN_IF_ERROR(ctx_->CheckInterrupt());
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
    RowStore raw;
    raw.Init(right_width());
    std::vector<uint32_t> row_key;  // key id per build row (kNone: NULL key)
    DataChunk chunk;
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(bool more, right_->Next(&chunk));
      if (!more) break;
      if (chunk.empty()) continue;
      if (hash_) {
        SLUICE_RETURN_IF_ERROR(EvalKeys(right_eval_, node_.right_keys, chunk));
        for (size_t r = 0; r < chunk.size(); ++r) {
          if (has_null_[r]) {
            row_key.push_back(kNone);
            continue;
          }
          bool inserted;
          row_key.push_back(keys_.FindOrInsert(key_views_.data(), r, hashes_[r], &inserted));
        }
      }
      raw.Append(chunk);
    }
    right_.reset();
    if (!hash_) {
      build_ = std::move(raw);
    } else {
      // Cluster the rows by key (build order within a key), so that the
      // candidates of a probe are one contiguous, sequentially read range.
      size_t nkeys = keys_.size();
      key_begin_.assign(nkeys + 1, 0);
      for (uint32_t id : row_key) {
        if (id != kNone) ++key_begin_[id + 1];
      }
      for (size_t k = 0; k < nkeys; ++k) key_begin_[k + 1] += key_begin_[k];
      std::vector<uint32_t> fill(key_begin_.begin(), key_begin_.end() - 1);
      size_t kept = key_begin_[nkeys];
      build_.Init(right_width());
      build_.size = kept;
      for (size_t c = 0; c < raw.columns.size(); ++c) {
        std::vector<Value>& src = raw.columns[c];
        std::vector<Value>& dst = build_.columns[c];
        dst.resize(kept);
        std::copy(key_begin_.begin(), key_begin_.end() - 1, fill.begin());
        for (size_t r = 0; r < row_key.size(); ++r) {
          if (row_key[r] != kNone) dst[fill[row_key[r]]++] = std::move(src[r]);
        }
        std::vector<Value>().swap(src);
      }
    }
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
        cursor_ = cursor_end_ = 0;
        in_row_started_ = false;
        if (hash_ && !in_.empty()) SLUICE_RETURN_IF_ERROR(EvalKeys(left_eval_, node_.left_keys, in_));
        continue;
      }
      if (!in_row_started_) {
        in_row_started_ = true;
        CandidateRange(row_, &cursor_, &cursor_end_);
        if (cursor_ == cursor_end_) {
          if (is_left_join()) {
            pairs_left_.push_back(static_cast<uint32_t>(row_));
            pairs_right_.push_back(kNone);
          }
          FinishRow();
          continue;
        }
      }
      while (cursor_ < cursor_end_ && pairs_left_.size() < kChunkSize) {
        pairs_left_.push_back(static_cast<uint32_t>(row_));
        pairs_right_.push_back(cursor_++);
      }
      if (cursor_ == cursor_end_) FinishRow();
    }
    return Status::OK();
  }

  // The build rows that may match left row r: [*begin, *end).
  void CandidateRange(size_t r, uint32_t* begin, uint32_t* end) {
    *begin = *end = 0;
    if (!hash_) {
      *end = static_cast<uint32_t>(build_.size);
      return;
    }
    if (has_null_[r]) return;
    int64_t id = keys_.Find(key_views_.data(), r, hashes_[r]);
    if (id < 0) return;
    *begin = key_begin_[static_cast<size_t>(id)];
    *end = key_begin_[static_cast<size_t>(id) + 1];
  }
  // The pairs of the current left row are all listed.
  void FinishRow() {
    // Only rows with pairs in this batch need a mark (see EmitPairs).
    if (row_end_.empty() || row_end_.back() != pairs_left_.size()) row_end_.push_back(pairs_left_.size());
    ++row_;
    in_row_started_ = false;
    cursor_ = cursor_end_ = 0;
  }

  // Copies the columns of pairs (left[i], right[i]) into `out` (a kNone
  // right row gives NULLs). only: the columns to fill (null: all); the
  // others show NULLs. REQUIRES: at most kChunkSize pairs.
  void Gather(const std::vector<uint32_t>& left, const std::vector<uint32_t>& right, const std::vector<uint8_t>* only,
              DataChunk* out) {
    size_t n = left.size();
    size_t lw = left_width(), rw = right_width();
    for (size_t c = 0; c < lw; ++c) {
      if (only != nullptr && !(*only)[c]) {
        out->Reference(c, NullColumn());
        continue;
      }
      std::vector<Value>& dst = out->column(c);
      dst.resize(n);
      const Value* src = in_.data(c);
      for (size_t i = 0; i < n; ++i) dst[i] = src[left[i]];
    }
    for (size_t c = 0; c < rw; ++c) {
      if (only != nullptr && !(*only)[lw + c]) {
        out->Reference(lw + c, NullColumn());
        continue;
      }
      std::vector<Value>& dst = out->column(lw + c);
      dst.resize(n);
      const Value* src = build_columns_[c];
      for (size_t i = 0; i < n; ++i) {
        if (right[i] != kNone) {
          dst[i] = src[right[i]];
        } else {
          dst[i] = Value();
        }
      }
    }
    out->SetSize(n);
  }

  Status EmitPairs(DataChunk* out) {
    const std::vector<uint8_t>* read =
        node_.output_read.size() == left_width() + right_width() ? &node_.output_read : nullptr;
    if (!node_.predicate) {
      Gather(pairs_left_, pairs_right_, read, out);
      return Status::OK();
    }
    // Evaluate the residual on the columns it reads only, then gather the
    // passing pairs (and NULL-extended unmatched LEFT rows) in full.
    size_t n = pairs_left_.size();
    keep_.assign(n, 0);
    if (pair_compare_) {
      ComparePairsInPlace(n);
    } else {
      cand_.Reset(left_width() + right_width());
      Gather(pairs_left_, pairs_right_, residual_reads_all_ ? nullptr : &residual_slots_, &cand_);
      pair_eval_.BeginChunk();
      SLUICE_RETURN_IF_ERROR(pair_eval_.SelectTrue(*node_.predicate, cand_, &selected_));
      for (uint32_t i : selected_) keep_[i] = 1;
    }
    out_left_.clear();
    out_right_.clear();
    size_t end_pos = 0;
    for (size_t i = 0; i < n; ++i) {
      bool null_row = pairs_right_[i] == kNone;
      if (null_row || keep_[i]) {
        out_left_.push_back(pairs_left_[i]);
        out_right_.push_back(pairs_right_[i]);
        if (!null_row) row_matched_batch_ = true;
      }
      // row_end_ marks where each left row with pairs in this batch ends
      // (a row whose pairs continue in the next batch has no mark here).
      if (end_pos < row_end_.size() && row_end_[end_pos] == i + 1) {
        ++end_pos;
        if (is_left_join() && !null_row && !row_matched_batch_) {
          out_left_.push_back(pairs_left_[i]);
          out_right_.push_back(kNone);
        }
        row_matched_batch_ = false;
      }
    }
    Gather(out_left_, out_right_, read, out);
    return Status::OK();
  }

  // One operand of a residual `column OP column`: which side's column.
  struct PairSide {
    bool left = true;
    size_t column = 0;
  };
  // True when operand `i` of the predicate is a plain column of this join's
  // input (so the predicate qualifies for ComparePairsInPlace).
  bool PairOperand(size_t i, PairSide* side) const {
    const BoundExpr& p = *node_.predicate;
    if (p.kind != BoundKind::kCompare || p.children.size() != 2) return false;
    const BoundExpr& c = *p.children[i];
    if (c.kind != BoundKind::kColumn || c.slot < 0) return false;
    size_t slot = static_cast<size_t>(c.slot);
    if (slot >= left_width() + right_width()) return false;
    side->left = slot < left_width();
    side->column = side->left ? slot : slot - left_width();
    return true;
  }
  // keep_[i] = the residual `column OP column` on pair i, judged on the
  // input values in place (see ComparePairs). Pairs without a build row
  // (NULL-extended LEFT rows) are compared against build row 0 and their
  // verdict ignored by EmitPairs.
  void ComparePairsInPlace(size_t n) {
    if (build_.size == 0) return;  // every pair is a NULL-extended row
    const std::vector<uint32_t>* right = &pairs_right_;
    if (is_left_join()) {
      right_rows_.assign(pairs_right_.begin(), pairs_right_.end());
      for (uint32_t& r : right_rows_) r = r == kNone ? 0 : r;
      right = &right_rows_;
    }
    auto operand = [&](const PairSide& side, const uint32_t** rows) {
      *rows = side.left ? pairs_left_.data() : right->data();
      return side.left ? in_.data(side.column) : build_columns_[side.column];
    };
    const uint32_t* a_rows;
    const uint32_t* b_rows;
    const Value* a = operand(pair_a_, &a_rows);
    const Value* b = operand(pair_b_, &b_rows);
    ComparePairs(*node_.predicate, a, a_rows, b, b_rows, n, keep_.data());
  }

  // Marks in residual_slots_ the input slots `e` reads; false when it has a
  // subquery (which may read any column of the row as an outer column).
  bool CollectSlots(const BoundExpr& e) {
    if (e.subquery != nullptr) return false;
    if (e.kind == BoundKind::kColumn && e.slot >= 0 && static_cast<size_t>(e.slot) < residual_slots_.size()) {
      residual_slots_[static_cast<size_t>(e.slot)] = 1;
    }
    for (const BoundExprPtr& c : e.children) {
      if (!CollectSlots(*c)) return false;
    }
    return true;
  }

  const PlanNode& node_;
  ExecContext* ctx_;
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
  std::vector<uint32_t> key_begin_;  // key id k's rows: [key_begin_[k], key_begin_[k + 1])

  // Probe side.
  DataChunk in_;
  size_t row_ = 0;
  bool in_row_started_ = false;
  uint32_t cursor_ = 0;  // next candidate of the current left row
  uint32_t cursor_end_ = 0;
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
  std::vector<uint32_t> out_left_, out_right_;
  std::vector<uint8_t> residual_slots_;  // input slots the residual reads
  bool residual_reads_all_ = false;
  bool pair_compare_ = false;  // the residual is `column OP column`
  PairSide pair_a_, pair_b_;
  std::vector<uint32_t> right_rows_;  // pairs_right_ without kNone (LEFT joins)
};

}  // namespace

OperatorPtr MakeHashJoin(const PlanNode& node, ExecContext* ctx, OperatorPtr left, OperatorPtr right) {
  return std::make_unique<JoinOp>(node, ctx, std::move(left), std::move(right), true);
}
OperatorPtr MakeNestedLoopJoin(const PlanNode& node, ExecContext* ctx, OperatorPtr left, OperatorPtr right) {
  return std::make_unique<JoinOp>(node, ctx, std::move(left), std::move(right), false);
}

}  // namespace sluice::sql::ops

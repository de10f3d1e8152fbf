// Hash aggregation, a chunk at a time. Per input chunk: the GROUP BY
// expressions are evaluated as vectors, a KeyTable (key_table.h) turns
// each row's key into a dense group id (NULLs form one group; values equal
// under the key's collation share a group), and then each aggregate runs
// one tight loop over the chunk updating the state of row r's group in a
// per-aggregate state array (count: int64; sum/total/avg, min/max,
// group_concat: the accumulators of sql/function/aggregates.h). DISTINCT
// aggregates first drop rows whose (group, value) pair was seen, with a
// KeyTable of their own.
//
// Bare columns next to the aggregates take the values of the group's first
// row, or of the row where the last min()/max() of the query found its
// extreme, as SQLite. The result lists groups in GROUP BY key order (SQLite
// sorts its groups). Without GROUP BY there is exactly one group, even for
// an empty input.
//
// Shape for parallelism: Sink() per input chunk into local state; per-worker
// states merge group by group (accumulators have Merge); Finalize() sorts.
#include <algorithm>
#include <numeric>

#include "sql/exec/expr_eval.h"
#include "sql/exec/key_table.h"
#include "sql/exec/ops/ops.h"
#include "sql/function/aggregates.h"

namespace sluice::sql::ops {

namespace {

Collation ExprCollation(const BoundExpr& e) {
  return e.collation_source != CollationSource::kNone ? e.collation : Collation::kBinary;
}

// The states of one aggregate for every group (indexed by group id).
// How many rows ahead the per-group loops prefetch the group's slot or
// state: with many groups these are cache misses, and issuing them early
// lets several be in flight at once.
constexpr size_t kAhead = 8;

struct AggregateStates {
  AggregateKind kind;
  Collation collation;  // min/max
  std::vector<int64_t> counts;
  std::vector<SumAccumulator> sums;
  std::vector<MinMaxAccumulator> extremes;
  std::vector<GroupConcatAccumulator> concats;
  // DISTINCT: the (group id, value) pairs seen.
  std::unique_ptr<KeyTable> seen;

  void AddGroup() {
    switch (kind) {
      case AggregateKind::kCount:
      case AggregateKind::kCountStar: counts.push_back(0); break;
      case AggregateKind::kSum:
      case AggregateKind::kTotal:
      case AggregateKind::kAvg: sums.emplace_back(); break;
      case AggregateKind::kMin:
      case AggregateKind::kMax: extremes.emplace_back(kind == AggregateKind::kMax, collation); break;
      case AggregateKind::kGroupConcat: concats.emplace_back(); break;
    }
  }

  Result<Value> Finalize(size_t g) const {
    switch (kind) {
      case AggregateKind::kCount:
      case AggregateKind::kCountStar: return Value::Integer(counts[g]);
      case AggregateKind::kSum: return sums[g].FinalizeSum();
      case AggregateKind::kTotal: return sums[g].FinalizeTotal();
      case AggregateKind::kAvg: return sums[g].FinalizeAvg();
      case AggregateKind::kMin:
      case AggregateKind::kMax: return extremes[g].Finalize();
      case AggregateKind::kGroupConcat: return concats[g].Finalize();
    }
    return Status::Internal("unknown aggregate");
  }
};

class HashAggregateOp : public Operator {
 public:
  HashAggregateOp(const PlanNode& node, ExecContext* ctx, OperatorPtr child)
      : node_(node), child_(std::move(child)), eval_(ctx, &node.children[0]->outputs), groups_(KeyCollations(node)) {
    const auto& in = node.children[0]->outputs;
    for (ColumnId id : node.bare) {
      bare_slots_.push_back(static_cast<size_t>(std::find(in.begin(), in.end(), id) - in.begin()));
    }
    bare_.resize(node.bare.size());
    for (const BoundExprPtr& a : node.aggregates) {
      AggregateStates s;
      s.kind = *a->function->aggregate;
      s.collation = a->collation;
      if (a->distinct) {
        Collation c = !a->children.empty() ? ExprCollation(*a->children[0]) : Collation::kBinary;
        s.seen = std::make_unique<KeyTable>(std::vector<Collation>{Collation::kBinary, c});
      }
      states_.push_back(std::move(s));
    }
  }

  Result<bool> Next(DataChunk* out) override {
    out->Reset(node_.outputs.size());
    if (!finalized_) {
      if (node_.groups.empty()) NewGroup();
      DataChunk in;
      while (true) {
        SLUICE_ASSIGN_OR_RETURN(bool more, child_->Next(&in));
        if (!more) break;
        SLUICE_RETURN_IF_ERROR(Sink(in));
      }
      child_.reset();
      SLUICE_RETURN_IF_ERROR(Finalize());
      finalized_ = true;
    }
    if (emitted_ >= results_.size) return false;
    size_t n = std::min(kChunkSize, results_.size - emitted_);
    for (size_t c = 0; c < results_.columns.size(); ++c) {
      auto& src = results_.columns[c];
      out->column(c).assign(std::make_move_iterator(src.begin() + static_cast<std::ptrdiff_t>(emitted_)),
                            std::make_move_iterator(src.begin() + static_cast<std::ptrdiff_t>(emitted_ + n)));
    }
    emitted_ += n;
    out->SetSize(n);
    return true;
  }

 private:
  static std::vector<Collation> KeyCollations(const PlanNode& node) {
    std::vector<Collation> out;
    for (const BoundExprPtr& g : node.groups) out.push_back(ExprCollation(*g));
    return out;
  }

  void NewGroup() {
    for (AggregateStates& s : states_) s.AddGroup();
    for (auto& b : bare_) b.emplace_back();
    ++group_count_;
  }

  Status Sink(const DataChunk& in) {
    size_t n = in.size();
    if (n == 0) return Status::OK();
    eval_.BeginChunk();
    ids_.resize(n);
    take_bare_.assign(n, 0);
    if (node_.groups.empty()) {
      std::fill(ids_.begin(), ids_.end(), 0);
      if (!first_row_seen_) {
        take_bare_[0] = 1;
        first_row_seen_ = true;
      }
    } else {
      keys_.clear();
      for (const BoundExprPtr& g : node_.groups) {
        SLUICE_ASSIGN_OR_RETURN(ColumnView v, eval_.EvalView(*g, in));
        keys_.push_back(v);
      }
      hashes_.resize(n);
      groups_.Hash(keys_.data(), n, hashes_.data());
      for (size_t r = 0; r < n && r < kAhead; ++r) groups_.Prefetch(hashes_[r]);
      for (size_t r = 0; r < n; ++r) {
        if (r + kAhead < n) groups_.Prefetch(hashes_[r + kAhead]);
        bool inserted;
        ids_[r] = groups_.FindOrInsert(keys_.data(), r, hashes_[r], &inserted);
        if (inserted) {
          NewGroup();
          take_bare_[r] = 1;
        }
      }
    }
    for (size_t a = 0; a < states_.size(); ++a) SLUICE_RETURN_IF_ERROR(Update(a, in));
    if (!bare_slots_.empty()) {
      for (size_t r = 0; r < n; ++r) {
        if (!take_bare_[r]) continue;
        for (size_t b = 0; b < bare_slots_.size(); ++b) bare_[b][ids_[r]] = in.at(bare_slots_[b], r).Owned();
      }
    }
    return Status::OK();
  }

  // Runs aggregate `a` over the rows of `in`.
  Status Update(size_t a, const DataChunk& in) {
    const BoundExpr& agg = *node_.aggregates[a];
    AggregateStates& s = states_[a];
    size_t n = in.size();
    if (s.kind == AggregateKind::kCountStar || agg.children.empty()) {
      for (size_t r = 0; r < n; ++r) ++s.counts[ids_[r]];
      return Status::OK();
    }
    SLUICE_ASSIGN_OR_RETURN(ColumnView arg, eval_.EvalView(*agg.children[0], in));
    ColumnView sep;
    if (agg.children.size() > 1) {
      SLUICE_ASSIGN_OR_RETURN(sep, eval_.EvalView(*agg.children[1], in));
    }
    // The rows to step: all, or those with a (group, value) not seen before.
    const uint32_t* rows = nullptr;
    size_t count = n;
    if (s.seen != nullptr) {
      distinct_rows_.clear();
      group_values_.resize(n);
      for (size_t r = 0; r < n; ++r) group_values_[r] = Value::Integer(ids_[r]);
      ColumnView pair[2] = {ColumnView{group_values_.data(), false}, arg};
      hashes_.resize(n);
      s.seen->Hash(pair, n, hashes_.data());
      for (size_t r = 0; r < n; ++r) {
        if (arg[r].is_null()) continue;
        bool inserted;
        s.seen->FindOrInsert(pair, r, hashes_[r], &inserted);
        if (inserted) distinct_rows_.push_back(static_cast<uint32_t>(r));
      }
      rows = distinct_rows_.data();
      count = distinct_rows_.size();
    }
    auto row_at = [&](size_t i) -> size_t { return rows != nullptr ? rows[i] : i; };
    bool tracks_bare = static_cast<int>(a) == node_.minmax_aggregate;
    switch (s.kind) {
      case AggregateKind::kCount:
        for (size_t i = 0; i < count; ++i) {
          size_t r = row_at(i);
          if (i + kAhead < count) __builtin_prefetch(&s.counts[ids_[row_at(i + kAhead)]]);
          s.counts[ids_[r]] += arg[r].is_null() ? 0 : 1;
        }
        break;
      case AggregateKind::kSum:
      case AggregateKind::kTotal:
      case AggregateKind::kAvg:
        for (size_t i = 0; i < count; ++i) {
          size_t r = row_at(i);
          if (i + kAhead < count) __builtin_prefetch(&s.sums[ids_[row_at(i + kAhead)]]);
          const Value& v = arg[r];
          if (v.is_integer()) {
            s.sums[ids_[r]].StepInt64(v.integer());
          } else {
            s.sums[ids_[r]].Step(v);
          }
        }
        break;
      case AggregateKind::kMin:
      case AggregateKind::kMax:
        for (size_t i = 0; i < count; ++i) {
          size_t r = row_at(i);
          if (i + kAhead < count) __builtin_prefetch(&s.extremes[ids_[row_at(i + kAhead)]]);
          bool changed = s.extremes[ids_[r]].Step(arg[r]);
          if (tracks_bare && changed) take_bare_[r] = 1;
        }
        break;
      case AggregateKind::kGroupConcat:
        for (size_t i = 0; i < count; ++i) {
          size_t r = row_at(i);
          s.concats[ids_[r]].Step(arg[r], agg.children.size() > 1 ? &sep[r] : nullptr);
        }
        break;
      case AggregateKind::kCountStar: break;
    }
    return Status::OK();
  }

  Status Finalize() {
    std::vector<uint32_t> order(group_count_);
    std::iota(order.begin(), order.end(), 0);
    size_t nkeys = node_.groups.size();
    if (nkeys > 0 && node_.group_order_needed) {
      std::vector<Collation> collations = KeyCollations(node_);
      std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        for (size_t k = 0; k < nkeys; ++k) {
          const Value& x = groups_.key_column(k)[a];
          const Value& y = groups_.key_column(k)[b];
          int c = x.is_integer() && y.is_integer() ? CompareInt64s(x.integer(), y.integer())
                                                   : CompareValues(x, y, collations[k]);
          if (c != 0) return c < 0;
        }
        return a < b;
      });
    }
    results_.Init(node_.outputs.size());
    for (auto& col : results_.columns) col.reserve(group_count_);
    for (uint32_t g : order) {
      size_t c = 0;
      for (size_t k = 0; k < nkeys; ++k) results_.columns[c++].push_back(std::move(groups_.mutable_key_column(k)[g]));
      for (const AggregateStates& s : states_) {
        SLUICE_ASSIGN_OR_RETURN(Value v, s.Finalize(g));
        results_.columns[c++].push_back(std::move(v));
      }
      for (auto& b : bare_) results_.columns[c++].push_back(std::move(b[g]));
      ++results_.size;
    }
    states_.clear();
    bare_.clear();
    return Status::OK();
  }

  const PlanNode& node_;
  OperatorPtr child_;
  ExprEvaluator eval_;
  KeyTable groups_;
  size_t group_count_ = 0;
  std::vector<AggregateStates> states_;
  std::vector<size_t> bare_slots_;
  std::vector<std::vector<Value>> bare_;  // [bare column][group]
  bool first_row_seen_ = false;
  bool finalized_ = false;
  RowStore results_;
  size_t emitted_ = 0;
  // Per-chunk scratch.
  std::vector<ColumnView> keys_;
  std::vector<uint64_t> hashes_;
  std::vector<uint32_t> ids_;
  std::vector<uint8_t> take_bare_;
  std::vector<uint32_t> distinct_rows_;
  std::vector<Value> group_values_;
};

}  // namespace

OperatorPtr MakeHashAggregate(const PlanNode& node, ExecContext* ctx, OperatorPtr child) {
  return std::make_unique<HashAggregateOp>(node, ctx, std::move(child));
}

}  // namespace sluice::sql::ops

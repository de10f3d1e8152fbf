// Hash aggregation. Groups are found by hashing the GROUP BY values (NULLs
// form one group; values equal under the key's collation share a group);
// each group holds one accumulator per aggregate (sql/value/aggregates.h),
// DISTINCT filters, and the bare columns the query shows next to the
// aggregates (values of the group's first row, or of the row where the last
// min()/max() of the query found its extreme, as SQLite). The result lists groups in GROUP BY key order (SQLite sorts
// its groups). Without GROUP BY there is exactly one group, even for an
// empty input.
//
// Shape for parallelism: Sink() per input chunk into a local table,
// (Combine of per-worker tables: accumulators Merge), Finalize() sorts and
// emits.
#include <algorithm>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "sql/exec/expr_eval.h"
#include "sql/exec/ops/ops.h"
#include "sql/value/aggregates.h"
#include "sql/value/value_hash.h"

namespace sluice::sql::ops {

namespace {

struct Group {
  std::vector<Value> keys;
  std::vector<std::unique_ptr<Aggregator>> accs;
  std::vector<std::unordered_set<Value, ValueHasher, ValueEqual>> distinct;
  std::vector<Value> bare;
  // min()/max() with bare columns: the typed accumulator tells when the
  // extreme changes.
  std::unique_ptr<MinMaxAccumulator> tracker;
  bool seen_row = false;
};

class HashAggregateOp : public Operator {
 public:
  HashAggregateOp(const PlanNode& node, ExecContext* ctx, OperatorPtr child)
      : node_(node), child_(std::move(child)), eval_(ctx, &node.children[0]->outputs) {
    const auto& in = node.children[0]->outputs;
    for (ColumnId id : node.bare) {
      bare_slots_.push_back(static_cast<size_t>(std::find(in.begin(), in.end(), id) - in.begin()));
    }
  }

  Result<bool> Next(DataChunk* out) override {
    out->Reset(node_.outputs.size());
    if (!finalized_) {
      DataChunk in;
      while (true) {
        SLUICE_ASSIGN_OR_RETURN(bool more, child_->Next(&in));
        if (!more) break;
        SLUICE_RETURN_IF_ERROR(Sink(in));
      }
      if (node_.groups.empty() && groups_.empty()) NewGroup({});
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
  Group& NewGroup(std::vector<Value> keys) {
    auto g = std::make_unique<Group>();
    g->keys = std::move(keys);
    for (const BoundExprPtr& a : node_.aggregates) {
      g->accs.push_back(MakeAggregator(*a->function->aggregate, a->collation));
    }
    for (const BoundExprPtr& a : node_.aggregates) {
      Collation c = !a->children.empty() && a->children[0]->collation_source != CollationSource::kNone
                        ? a->children[0]->collation
                        : Collation::kBinary;
      g->distinct.emplace_back(16, ValueHasher{c}, ValueEqual{c});
    }
    g->bare.resize(node_.bare.size());
    if (node_.minmax_aggregate >= 0) {
      const BoundExpr& a = *node_.aggregates[node_.minmax_aggregate];
      g->tracker = std::make_unique<MinMaxAccumulator>(*a.function->aggregate == AggregateKind::kMax, a.collation);
    }
    groups_.push_back(std::move(g));
    return *groups_.back();
  }

  Status Sink(const DataChunk& in) {
    std::vector<Value> keys(node_.groups.size());
    std::vector<Value> args;
    for (size_t r = 0; r < in.size(); ++r) {
      RowRef row = ChunkRow(in, r);
      uint64_t h = 0;
      for (size_t k = 0; k < keys.size(); ++k) {
        SLUICE_ASSIGN_OR_RETURN(keys[k], eval_.Eval(*node_.groups[k], row));
        h = h * 1000003 + HashValue(keys[k], KeyCollation(k));
      }
      Group* g = nullptr;
      bool fresh = false;
      if (keys.empty()) {
        fresh = groups_.empty() || !groups_[0]->seen_row;
        g = groups_.empty() ? &NewGroup({}) : groups_[0].get();
      } else {
        auto& bucket = index_[h];
        for (size_t gi : bucket) {
          bool eq = true;
          for (size_t k = 0; k < keys.size() && eq; ++k) {
            eq = CompareValues(groups_[gi]->keys[k], keys[k], KeyCollation(k)) == 0;
          }
          if (eq) {
            g = groups_[gi].get();
            break;
          }
        }
        if (g == nullptr) {
          bucket.push_back(groups_.size());
          std::vector<Value> owned;
          for (const Value& v : keys) owned.push_back(v.Owned());
          g = &NewGroup(std::move(owned));
          fresh = true;
        }
      }
      // Bare columns: SQLite shows the group's first row, or the row where
      // the (last) min()/max() found its extreme.
      bool take_bare = fresh;
      g->seen_row = true;
      for (size_t a = 0; a < node_.aggregates.size(); ++a) {
        const BoundExpr& agg = *node_.aggregates[a];
        args.clear();
        for (const BoundExprPtr& c : agg.children) {
          SLUICE_ASSIGN_OR_RETURN(Value v, eval_.Eval(*c, row));
          args.push_back(std::move(v));
        }
        if (agg.distinct) {
          if (args[0].is_null()) continue;
          if (!g->distinct[a].insert(args[0].Owned()).second) continue;
        }
        if (static_cast<int>(a) == node_.minmax_aggregate && !args.empty()) {
          take_bare |= g->tracker->Step(args[0]);
        }
        SLUICE_RETURN_IF_ERROR(g->accs[a]->Step(args));
      }
      if (take_bare) {
        for (size_t b = 0; b < bare_slots_.size(); ++b) g->bare[b] = in.at(bare_slots_[b], r).Owned();
      }
    }
    return Status::OK();
  }

  Collation KeyCollation(size_t k) const {
    const BoundExpr& e = *node_.groups[k];
    return e.collation_source != CollationSource::kNone ? e.collation : Collation::kBinary;
  }

  Status Finalize() {
    std::vector<size_t> order(groups_.size());
    std::iota(order.begin(), order.end(), 0);
    if (!node_.groups.empty()) {
      std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        for (size_t k = 0; k < node_.groups.size(); ++k) {
          int c = CompareValues(groups_[a]->keys[k], groups_[b]->keys[k], KeyCollation(k));
          if (c != 0) return c < 0;
        }
        return false;
      });
    }
    results_.Init(node_.outputs.size());
    for (size_t gi : order) {
      Group& g = *groups_[gi];
      size_t c = 0;
      for (Value& k : g.keys) results_.columns[c++].push_back(std::move(k));
      for (auto& acc : g.accs) {
        SLUICE_ASSIGN_OR_RETURN(Value v, acc->Finalize());
        results_.columns[c++].push_back(std::move(v));
      }
      for (Value& b : g.bare) results_.columns[c++].push_back(std::move(b));
      ++results_.size;
    }
    groups_.clear();
    index_.clear();
    return Status::OK();
  }

  const PlanNode& node_;
  OperatorPtr child_;
  ExprEvaluator eval_;
  std::vector<size_t> bare_slots_;
  std::vector<std::unique_ptr<Group>> groups_;
  std::unordered_map<uint64_t, std::vector<size_t>> index_;
  bool finalized_ = false;
  RowStore results_;
  size_t emitted_ = 0;
};

}  // namespace

OperatorPtr MakeHashAggregate(const PlanNode& node, ExecContext* ctx, OperatorPtr child) {
  return std::make_unique<HashAggregateOp>(node, ctx, std::move(child));
}

}  // namespace sluice::sql::ops

// LIMIT/OFFSET (evaluated once when the operator starts; a negative limit
// means none; non-integers are "datatype mismatch" as in SQLite) and
// DISTINCT (first occurrence of each row, input order kept; NULLs equal).
#include <unordered_set>

#include "sql/exec/expr_eval.h"
#include "sql/exec/ops/ops.h"
#include "sql/value/conversion.h"

namespace sluice::sql::ops {

namespace {

Result<int64_t> LimitValue(const BoundExpr& e, ExecContext* ctx) {
  SLUICE_ASSIGN_OR_RETURN(Value v, EvaluateConstant(e, ctx));
  Value n = NumericAffinityOf(v, true);
  if (n.is_real()) {
    double d = n.real();
    if (d == static_cast<double>(static_cast<int64_t>(d))) n = Value::Integer(static_cast<int64_t>(d));
  }
  if (!n.is_integer()) return Status::InvalidArgument("datatype mismatch", ResultCode::kMismatch);
  return n.integer();
}

class LimitOp : public Operator {
 public:
  LimitOp(const PlanNode& node, ExecContext* ctx, OperatorPtr child)
      : node_(node), ctx_(ctx), child_(std::move(child)) {}

  Result<bool> Next(DataChunk* out) override {
    out->Reset(node_.outputs.size());
    if (!started_) {
      started_ = true;
      SLUICE_ASSIGN_OR_RETURN(limit_, LimitValue(*node_.limit, ctx_));
      if (node_.offset) {
        SLUICE_ASSIGN_OR_RETURN(skip_, LimitValue(*node_.offset, ctx_));
      }
      if (skip_ < 0) skip_ = 0;
    }
    while (limit_ != 0) {
      SLUICE_ASSIGN_OR_RETURN(bool more, child_->Next(&in_));
      if (!more) break;
      for (size_t r = 0; r < in_.size() && limit_ != 0; ++r) {
        if (skip_ > 0) {
          --skip_;
          continue;
        }
        out->AppendRow(in_, r);
        if (limit_ > 0) --limit_;
      }
      if (!out->empty()) return true;
    }
    return false;
  }

 private:
  const PlanNode& node_;
  ExecContext* ctx_;
  OperatorPtr child_;
  bool started_ = false;
  int64_t limit_ = -1;
  int64_t skip_ = 0;
  DataChunk in_;
};

Collation KeyCollation(const std::vector<Collation>* colls, size_t i) {
  return i < colls->size() ? (*colls)[i] : Collation::kBinary;
}
struct RowKeyHash {
  const std::vector<Collation>* colls;
  size_t operator()(const std::vector<Value>& row) const {
    uint64_t h = 1;
    for (size_t i = 0; i < row.size(); ++i) h = h * 1000003 + HashValue(row[i], KeyCollation(colls, i));
    return static_cast<size_t>(h);
  }
};
struct RowKeyEq {
  const std::vector<Collation>* colls;
  bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const {
    for (size_t i = 0; i < a.size(); ++i) {
      if (!ValuesEqual(a[i], b[i], KeyCollation(colls, i))) return false;
    }
    return true;
  }
};

class DistinctOp : public Operator {
 public:
  DistinctOp(const PlanNode& node, OperatorPtr child)
      : node_(node),
        child_(std::move(child)),
        seen_(16, RowKeyHash{&node.key_collation}, RowKeyEq{&node.key_collation}) {}

  Result<bool> Next(DataChunk* out) override {
    out->Reset(node_.outputs.size());
    size_t nkeys = node_.limit_hint >= 0 ? static_cast<size_t>(node_.limit_hint) : node_.outputs.size();
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(bool more, child_->Next(&in_));
      if (!more) return false;
      for (size_t r = 0; r < in_.size(); ++r) {
        std::vector<Value> key(nkeys);
        for (size_t c = 0; c < nkeys; ++c) key[c] = in_.at(c, r).Owned();
        if (seen_.insert(std::move(key)).second) out->AppendRow(in_, r);
      }
      if (!out->empty()) return true;
    }
  }

 private:
  const PlanNode& node_;
  OperatorPtr child_;
  DataChunk in_;
  std::unordered_set<std::vector<Value>, RowKeyHash, RowKeyEq> seen_;
};

}  // namespace

OperatorPtr MakeLimit(const PlanNode& node, ExecContext* ctx, OperatorPtr child) {
  return std::make_unique<LimitOp>(node, ctx, std::move(child));
}
OperatorPtr MakeDistinct(const PlanNode& node, ExecContext*, OperatorPtr child) {
  return std::make_unique<DistinctOp>(node, std::move(child));
}

}  // namespace sluice::sql::ops

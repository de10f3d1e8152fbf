// Filter (keeps the rows whose predicate is true, in order) and Project
// (computes the output expressions per row).
#include "sql/exec/expr_eval.h"
#include "sql/exec/ops/ops.h"

namespace sluice::sql::ops {

namespace {

class FilterOp : public Operator {
 public:
  FilterOp(const PlanNode& node, ExecContext* ctx, OperatorPtr child)
      : node_(node), child_(std::move(child)), eval_(ctx, &node.children[0]->outputs) {}

  Result<bool> Next(DataChunk* out) override {
    out->Reset(node_.outputs.size());
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(bool more, child_->Next(&in_));
      if (!more) return false;
      for (size_t r = 0; r < in_.size(); ++r) {
        SLUICE_ASSIGN_OR_RETURN(bool keep, eval_.Test(*node_.predicate, ChunkRow(in_, r)));
        if (keep) out->AppendRow(in_, r);
      }
      if (!out->empty()) return true;
    }
  }

 private:
  const PlanNode& node_;
  OperatorPtr child_;
  ExprEvaluator eval_;
  DataChunk in_;
};

class ProjectOp : public Operator {
 public:
  ProjectOp(const PlanNode& node, ExecContext* ctx, OperatorPtr child)
      : node_(node), child_(std::move(child)), eval_(ctx, &node.children[0]->outputs) {}

  Result<bool> Next(DataChunk* out) override {
    out->Reset(node_.outputs.size());
    SLUICE_ASSIGN_OR_RETURN(bool more, child_->Next(&in_));
    if (!more) return false;
    for (size_t c = 0; c < node_.exprs.size(); ++c) {
      SLUICE_RETURN_IF_ERROR(eval_.EvalColumn(*node_.exprs[c], in_, &out->column(c)));
    }
    out->SetSize(in_.size());
    return true;
  }

 private:
  const PlanNode& node_;
  OperatorPtr child_;
  ExprEvaluator eval_;
  DataChunk in_;
};

}  // namespace

OperatorPtr MakeFilter(const PlanNode& node, ExecContext* ctx, OperatorPtr child) {
  return std::make_unique<FilterOp>(node, ctx, std::move(child));
}
OperatorPtr MakeProject(const PlanNode& node, ExecContext* ctx, OperatorPtr child) {
  return std::make_unique<ProjectOp>(node, ctx, std::move(child));
}

}  // namespace sluice::sql::ops

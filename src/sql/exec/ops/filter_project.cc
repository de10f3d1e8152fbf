// Filter (keeps the rows whose predicate is true, in order) and Project
// (computes the output expressions), both column-at-a-time.
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
      eval_.BeginChunk();
      SLUICE_RETURN_IF_ERROR(eval_.SelectTrue(*node_.predicate, in_, &selected_));
      if (selected_.empty()) continue;
      if (selected_.size() == in_.size()) {
        std::swap(*out, in_);
        return true;
      }
      const std::vector<uint8_t>& read = node_.output_read;
      bool all = read.size() != in_.column_count();
      for (size_t c = 0; c < in_.column_count(); ++c) {
        if (!all && !read[c]) {
          out->Reference(c, NullColumn());  // no ancestor reads it
          continue;
        }
        std::vector<Value>& dst = out->column(c);
        dst.reserve(selected_.size());
        if (in_.is_referenced(c)) {
          const Value* src = in_.data(c);
          for (uint32_t r : selected_) dst.push_back(src[r]);
        } else {
          std::vector<Value>& src = in_.column(c);
          for (uint32_t r : selected_) dst.push_back(std::move(src[r]));
        }
      }
      out->SetSize(selected_.size());
      return true;
    }
  }

 private:
  const PlanNode& node_;
  OperatorPtr child_;
  ExprEvaluator eval_;
  DataChunk in_;
  std::vector<uint32_t> selected_;
};

class ProjectOp : public Operator {
 public:
  ProjectOp(const PlanNode& node, ExecContext* ctx, OperatorPtr child)
      : node_(node), child_(std::move(child)), eval_(ctx, &node.children[0]->outputs) {}

  Result<bool> Next(DataChunk* out) override {
    out->Reset(node_.outputs.size());
    SLUICE_ASSIGN_OR_RETURN(bool more, child_->Next(&in_));
    if (!more) return false;
    eval_.BeginChunk();
    for (size_t c = 0; c < node_.exprs.size(); ++c) {
      const BoundExpr& e = *node_.exprs[c];
      if (e.kind == BoundKind::kColumn && e.slot >= 0) {
        // A plain input column: shown, not copied (valid until our next
        // Next(), which is when in_ changes).
        out->Reference(c, in_.data(static_cast<size_t>(e.slot)));
        continue;
      }
      SLUICE_RETURN_IF_ERROR(eval_.EvalColumn(e, in_, &out->column(c)));
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

// The operator factory: one operator per plan node (see operator.h), and
// the interrupt check at the leaves.
#include "sql/exec/operator.h"

#include "base/check.h"
#include "sql/exec/ops/ops.h"

namespace sluice::sql {

namespace {

// Polls the interrupt flag before each chunk of a leaf (scan, VALUES).
// Every loop that pulls rows ends at a leaf, so a running statement stops
// within one chunk of Database::Interrupt(); loops that work on rows they
// already hold (a join's pairs) poll the flag themselves.
class InterruptCheck : public Operator {
 public:
  InterruptCheck(ExecContext* ctx, OperatorPtr child) : ctx_(ctx), child_(std::move(child)) {}
  Result<bool> Next(DataChunk* out) override {
    SLUICE_RETURN_IF_ERROR(ctx_->CheckInterrupt());
    return child_->Next(out);
  }

 private:
  ExecContext* ctx_;
  OperatorPtr child_;
};

OperatorPtr Leaf(ExecContext* ctx, OperatorPtr op) {
  if (ctx->interrupt == nullptr) return op;
  return std::make_unique<InterruptCheck>(ctx, std::move(op));
}

}  // namespace

OperatorPtr MakeOperator(const PlanNode& node, ExecContext* ctx) {
  SLUICE_DCHECK_MSG(PlanNodeProblem(node) == nullptr, PlanNodeProblem(node));
  // Plan trees are as deep as the query's nesting of FROM subqueries and
  // compound terms, which the parser bounds.
  // An insert makes its source's operators itself (literal VALUES need none).
  if (node.kind == PlanKind::kInsert) return ops::MakeInsert(node, ctx);
  std::vector<OperatorPtr> kids;
  for (const PlanPtr& c : node.children) kids.push_back(MakeOperator(*c, ctx));
  switch (node.kind) {
    case PlanKind::kGet: return Leaf(ctx, ops::MakeScan(node, ctx));
    case PlanKind::kValues: return Leaf(ctx, ops::MakeValues(node, ctx));
    case PlanKind::kFilter: return ops::MakeFilter(node, ctx, std::move(kids[0]));
    case PlanKind::kProject: return ops::MakeProject(node, ctx, std::move(kids[0]));
    case PlanKind::kJoin:
      if (node.algorithm == JoinAlgorithm::kHash) {
        return ops::MakeHashJoin(node, ctx, std::move(kids[0]), std::move(kids[1]));
      }
      return ops::MakeNestedLoopJoin(node, ctx, std::move(kids[0]), std::move(kids[1]));
    case PlanKind::kAggregate: return ops::MakeHashAggregate(node, ctx, std::move(kids[0]));
    case PlanKind::kSort: return ops::MakeSort(node, ctx, std::move(kids[0]));
    case PlanKind::kLimit: return ops::MakeLimit(node, ctx, std::move(kids[0]));
    case PlanKind::kDistinct: return ops::MakeDistinct(node, ctx, std::move(kids[0]));
    case PlanKind::kSetOp: return ops::MakeSetOp(node, ctx, std::move(kids[0]), std::move(kids[1]));
    case PlanKind::kInsert: return ops::MakeInsert(node, ctx);
    case PlanKind::kUpdate: return ops::MakeUpdate(node, ctx, std::move(kids[0]));
    case PlanKind::kDelete: return ops::MakeDelete(node, ctx, std::move(kids[0]));
  }
  return nullptr;
}

Status Materialize(const PlanNode& node, ExecContext* ctx, RowStore* out) {
  out->Init(node.outputs.size());
  OperatorPtr op = MakeOperator(node, ctx);
  DataChunk chunk;
  while (true) {
    SLUICE_RETURN_IF_ERROR(ctx->CheckInterrupt());  // a sort's output reads no leaf
    SLUICE_ASSIGN_OR_RETURN(bool more, op->Next(&chunk));
    if (!more) return Status::OK();
    out->Append(chunk);
  }
}

}  // namespace sluice::sql

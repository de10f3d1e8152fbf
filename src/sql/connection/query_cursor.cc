// QueryCursor (statement_impl.h): SELECT binds and plans at prepare time;
// Step pulls result chunks from the operator tree (made by the first Step)
// and hands out their rows one by one. EXPLAIN hands out its plan's lines.
#include "sql/binder/binder.h"
#include "sql/connection/statement_impl.h"

namespace sluice::sql {

Status QueryCursor::PrepareQuery(const Select& select) {
  Binder binder(db_->catalog(), db_->parameters());
  Result<BoundQuery> bound = binder.BindSelect(select, *ast_);
  if (!bound.ok()) {
    error_offset_ = binder.error_offset();
    return bound.status();
  }
  BoundQuery q = std::move(*bound);
  SLUICE_RETURN_IF_ERROR(PlanQuery(q.plan.get(), DatabaseImpl::DefaultPlannerOptions()));
  plan_ = q.plan;
  names_ = q.names;
  return Status::OK();
}

Status QueryCursor::Prepare() {
  if (ast_->kind == StatementKind::kSelect) return PrepareQuery(*ast_->As<SelectStatement>().select);
  const ExplainStatement& ex = ast_->As<ExplainStatement>();
  names_ = {ex.query_plan ? "detail" : "plan"};
  if (ex.statement->kind == StatementKind::kSelect) {
    // Bind against the inner statement's text.
    Binder binder(db_->catalog(), db_->parameters());
    SLUICE_ASSIGN_OR_RETURN(BoundQuery q,
                            binder.BindSelect(*ex.statement->As<SelectStatement>().select, *ex.statement));
    SLUICE_RETURN_IF_ERROR(PlanQuery(q.plan.get(), DatabaseImpl::DefaultPlannerOptions()));
    explain_ = ExplainPlan(*q.plan);
  } else {
    explain_ = {std::string("EXECUTE ") + std::string(ex.statement->sql.substr(0, 40))};
  }
  return Status::OK();
}

Result<bool> QueryCursor::StepExplain() {
  if (explain_next_ >= explain_.size()) {
    finished_ = true;
    return false;
  }
  chunk_.Reset(1);
  chunk_.column(0).push_back(Value::Text(explain_[explain_next_++]));
  chunk_.SetSize(1);
  row_ = 0;
  return true;
}

Result<bool> QueryCursor::Step() {
  if (finished_) return false;
  if (is_explain()) return StepExplain();
  if (!started_) {
    started_ = true;
    SetRunning(true);
    ctx_ = std::make_unique<ExecContext>();
    ctx_->interrupt = db_->interrupt_flag();
    ctx_->connection = &db_->connection_state();
    root_ = MakeOperator(*plan_, ctx_.get());
    row_ = 0;
    chunk_.Reset(0);
  } else {
    ++row_;
  }
  while (row_ >= chunk_.size()) {
    // Rows a blocking operator (sort, aggregate) hands out after its input
    // is read pull no leaf, which is where the operators poll: poll here.
    Result<bool> more = ctx_->interrupted() ? Result<bool>(ExecContext::InterruptedStatus()) : root_->Next(&chunk_);
    if (!more.ok()) {
      finished_ = true;
      root_.reset();
      SetRunning(false);
      return more.status();
    }
    if (!*more) {
      finished_ = true;
      root_.reset();
      SetRunning(false);
      return false;
    }
    // The caller may change tables between steps: own what we hand out.
    chunk_.Materialize();
    row_ = 0;
  }
  return true;
}

}  // namespace sluice::sql

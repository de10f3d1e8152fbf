// DatabaseImpl::Prepare, StatementImpl's query path and column accessors,
// Database::Open and Database::Execute.
#include "sql/connection/database_impl.h"

#include "sql/connection/connection_internal.h"

#include "sql/exec/expr_eval.h"
#include "sql/parser/parser.h"
#include "sql/value/conversion.h"
#include "sql/value/value_print.h"

namespace sluice {

Result<std::unique_ptr<Database>> Database::Open(std::string_view path, const OpenOptions& options) {
  auto db = std::make_unique<sql::DatabaseImpl>();
  if (path.empty() || path == ":memory:") return std::unique_ptr<Database>(std::move(db));
  storage::Env* env = options.env != nullptr ? options.env : storage::Env::Default();
  SLUICE_RETURN_IF_ERROR(db->OpenFile(std::string(path), env));
  return std::unique_ptr<Database>(std::move(db));
}

Status Database::Execute(std::string_view sql) {
  while (!sql.empty()) {
    PrepareOutcome p = Prepare(sql);
    if (!p.status.ok()) return p.status;
    sql.remove_prefix(p.consumed);
    if (!p.statement) {
      if (p.consumed == 0) break;
      continue;
    }
    while (true) {
      Result<bool> row = p.statement->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
    }
  }
  return Status::OK();
}

}  // namespace sluice

namespace sluice::sql {

PlannerOptions DatabaseImpl::DefaultPlannerOptions() {
  PlannerOptions options;
  options.evaluate_constant = [](const BoundExpr& e) {
    ExecContext ctx;
    return EvaluateConstant(e, &ctx);
  };
  return options;
}

PrepareOutcome DatabaseImpl::Prepare(std::string_view sql) {
  PrepareOutcome out;
  ScriptParser parser(sql);
  Result<StatementPtr> parsed = parser.Next();
  out.statement_offset = parser.statement_begin();
  out.consumed = parser.position();
  if (!parsed.ok()) {
    out.status = parsed.status()
                     .WithPhase(ErrorPhase::kPrepare)
                     .WithErrorOffset(parser.error().has_caret ? static_cast<int64_t>(parser.error().offset) : -1);
    return out;
  }
  if (*parsed == nullptr) {
    out.consumed = sql.size();
    return out;
  }
  // The statement's text, through its ';' when there is one.
  size_t begin = parser.statement_begin();
  size_t end = parser.position();
  std::string_view rest = sql.substr(end);
  size_t k = 0;
  while (k < rest.size() && (rest[k] == ' ' || rest[k] == '\t' || rest[k] == '\n' || rest[k] == '\r')) ++k;
  if (k < rest.size() && rest[k] == ';' && (end == begin || sql[end - 1] != ';')) {
    end += k + 1;
    out.consumed = end;
  }
  std::shared_ptr<sql::Statement> ast(std::move(*parsed));
  // A write statement catches up with other processes when it takes the
  // writer lock (and binds again if the schema changed), so it may prepare
  // against what we have; only if that fails do we catch up and retry.
  bool write = IsWriteStatement(ast->kind) && !in_transaction();
  if (!write) {
    if (Status caught_up = CatchUp(); !caught_up.ok()) {
      out.status = caught_up.WithPhase(ErrorPhase::kPrepare);
      return out;
    }
  }
  auto statement = std::make_unique<StatementImpl>(this, ast, std::string(sql.substr(begin, end - begin)));
  Status status = statement->Prepare();
  if (!status.ok() && write && durable_ != nullptr) {
    if (Status caught_up = CatchUp(); !caught_up.ok()) {
      out.status = caught_up.WithPhase(ErrorPhase::kPrepare);
      return out;
    }
    statement = std::make_unique<StatementImpl>(this, ast, std::string(sql.substr(begin, end - begin)));
    status = statement->Prepare();
  }
  if (!status.ok()) {
    out.status = status.WithPhase(ErrorPhase::kPrepare).WithErrorOffset(statement->error_offset());
    return out;
  }
  out.statement = std::move(statement);
  return out;
}

Status StatementImpl::PrepareQuery(const Select& select) {
  Binder binder(db_->catalog());
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

Status StatementImpl::Prepare() {
  switch (ast_->kind) {
    case StatementKind::kSelect: is_query_ = true; return PrepareQuery(*ast_->As<SelectStatement>().select);
    case StatementKind::kExplain: {
      const ExplainStatement& ex = ast_->As<ExplainStatement>();
      names_ = {ex.query_plan ? "detail" : "plan"};
      if (ex.statement->kind == StatementKind::kSelect) {
        // Bind against the inner statement's text.
        std::shared_ptr<sql::Statement> keep = ast_;
        Binder binder(db_->catalog());
        SLUICE_ASSIGN_OR_RETURN(BoundQuery q,
                                binder.BindSelect(*ex.statement->As<SelectStatement>().select, *ex.statement));
        SLUICE_RETURN_IF_ERROR(PlanQuery(q.plan.get(), DatabaseImpl::DefaultPlannerOptions()));
        explain_ = ExplainPlan(*q.plan);
      } else {
        explain_ = {std::string("EXECUTE ") + std::string(ex.statement->sql.substr(0, 40))};
      }
      return Status::OK();
    }
    case StatementKind::kPragma: {
      const PragmaStatement& p = ast_->As<PragmaStatement>();
      if (PragmaHasRows(p)) {
        has_rows_ = true;
        names_ = PragmaColumnNames(p);
      }
      return Status::OK();
    }
    default: return PrepareDdl();
  }
}

Result<bool> StatementImpl::Step() {
  if (finished_) return false;
  if (has_rows_) {
    if (!started_) {
      started_ = true;
      if (Status s = RunRowStatement(); !s.ok()) return std::move(s).WithPhase(ErrorPhase::kStep);
      row_ = 0;
    } else {
      ++row_;
    }
    if (row_ >= chunk_.size()) {
      finished_ = true;
      return false;
    }
    return true;
  }
  if (is_explain()) {
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
  if (!is_query_) {
    finished_ = true;
    Result<int64_t> n = RunDurably();
    if (!n.ok()) return n.status().WithPhase(ErrorPhase::kStep);
    changes_ = *n;
    return false;
  }
  if (!started_) {
    started_ = true;
    ctx_ = std::make_unique<ExecContext>();
    root_ = MakeOperator(*plan_, ctx_.get());
    row_ = 0;
    chunk_.Reset(0);
  } else {
    ++row_;
  }
  while (row_ >= chunk_.size()) {
    Result<bool> more = root_->Next(&chunk_);
    if (!more.ok()) {
      finished_ = true;
      root_.reset();
      return more.status().WithPhase(ErrorPhase::kStep);
    }
    if (!*more) {
      finished_ = true;
      root_.reset();
      return false;
    }
    // The caller may change tables between steps: own what we hand out.
    chunk_.Materialize();
    row_ = 0;
  }
  return true;
}

ColumnType StatementImpl::column_type(int i) const {
  switch (current(i).type()) {
    case StorageClass::kNull: return ColumnType::kNull;
    case StorageClass::kInteger: return ColumnType::kInteger;
    case StorageClass::kReal: return ColumnType::kReal;
    case StorageClass::kText: return ColumnType::kText;
    case StorageClass::kBlob: return ColumnType::kBlob;
  }
  return ColumnType::kNull;
}

int64_t StatementImpl::column_int64(int i) const { return ValueToInt64(current(i)); }
double StatementImpl::column_double(int i) const { return ValueToDouble(current(i)); }

std::string_view StatementImpl::column_text(int i) const {
  const Value& v = current(i);
  if (v.is_string()) return v.bytes();
  if (text_buffers_.size() < names_.size()) text_buffers_.resize(names_.size());
  text_buffers_[i] = TextForm(v);
  return text_buffers_[i];
}

std::string_view StatementImpl::column_blob(int i) const { return column_text(i); }

}  // namespace sluice::sql

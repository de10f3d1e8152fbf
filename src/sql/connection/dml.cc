// DML: INSERT [OR conflict] / REPLACE, UPDATE, DELETE. The binder makes
// each a plan rooted at a modify node (kInsert / kUpdate / kDelete,
// binder/plan.h), the planner plans it, and the modify operators
// (exec/ops/insert.cc, update.cc, delete.cc) apply it with SQLite's
// constraint checks and messages, each statement atomic. This file
// prepares and drives them: the catalog access the operators write
// through, the reuse of what was bound at prepare time, and the short way
// of INSERT ... VALUES.
#include <algorithm>
#include <vector>

#include "sql/connection/connection_internal.h"
#include "sql/connection/triggers.h"
#include "sql/connection/foreign_keys.h"
#include "sql/planner/rules/rules.h"

namespace sluice::sql {

// What CheckDml bound for an INSERT, valid while the schema is unchanged.
struct PreparedDml {
  uint64_t schema_version = 0;
  PlanPtr plan;
};

namespace {

bool HasSubquery(const BoundExpr& e) {
  if (e.subquery != nullptr) return true;
  for (const BoundExprPtr& c : e.children) {
    if (HasSubquery(*c)) return true;
  }
  return false;
}

// True when the plan (or a subquery in it) scans a table.
bool ReadsTables(const PlanNode* n) {
  if (n == nullptr) return false;
  if (n->kind == PlanKind::kGet) return true;
  bool found = false;
  rules::ForEachNodeExpr(const_cast<PlanNode*>(n), [&](BoundExprPtr& e) { found = found || HasSubquery(*e); });
  if (found) return true;
  for (const PlanPtr& c : n->children) {
    if (ReadsTables(c.get())) return true;
  }
  return false;
}

// INSERT ... VALUES with literal rows (no subqueries) is the shape of nearly
// every small transaction; its rows need no planning, which would cost more
// than the insert itself. (The insert operator still evaluates every row
// before it inserts any.)
bool NeedsNoPlanning(const PlanNode& plan) {
  if (plan.kind != PlanKind::kInsert) return false;
  if (plan.children.empty()) return true;  // DEFAULT VALUES
  const PlanNode& source = *plan.children[0];
  return source.kind == PlanKind::kValues && source.children.empty() && !ReadsTables(&source);
}

// Distinct plan nodes (few: a statement rarely reads its target table more
// than once or twice), kept without allocating up to kInline of them.
class NodeSet {
 public:
  void Insert(const PlanNode* n) {
    if (std::find(inline_, inline_ + inline_size_, n) != inline_ + inline_size_) return;
    if (std::find(more_.begin(), more_.end(), n) != more_.end()) return;
    if (inline_size_ < kInline) {
      inline_[inline_size_++] = n;
    } else {
      more_.push_back(n);
    }
  }
  size_t size() const { return inline_size_ + more_.size(); }

 private:
  static constexpr size_t kInline = 8;
  const PlanNode* inline_[kInline] = {};
  size_t inline_size_ = 0;
  std::vector<const PlanNode*> more_;
};

// Adds the nodes of `n`'s tree (and of the subquery plans inside it) that
// refer to `table` to *found (trees may share nodes: each counts once).
void FindTableReferences(const PlanNode& n, const Table* table, NodeSet* found);

void FindInExpr(const BoundExpr& e, const Table* table, NodeSet* found) {
  if (e.subquery != nullptr) FindTableReferences(*e.subquery, table, found);
  for (const BoundExprPtr& c : e.children) FindInExpr(*c, table, found);
}

void FindTableReferences(const PlanNode& n, const Table* table, NodeSet* found) {
  if (n.table.get() == table) found->Insert(&n);
  rules::ForEachNodeExpr(const_cast<PlanNode*>(&n), [&](BoundExprPtr& e) { FindInExpr(*e, table, found); });
  for (const PlanPtr& c : n.children) FindTableReferences(*c, table, found);
}

// The catalog as the modify operators see it. The running statement's own
// plan refers to the tables it reads; those references do not count as
// sharing, because an operator writes only after it has read its input
// (so a table is copied only for a transaction snapshot or another
// statement, as Catalog::Mutable says).
class CatalogWriteAccess : public TableWriteAccess {
 public:
  CatalogWriteAccess(Catalog& catalog, const PlanNode& plan) : catalog_(catalog), plan_(plan) {}

  Table* Writable(const std::string& name) override {
    NodeSet own;
    if (TablePtr current = catalog_.FindTable(name)) FindTableReferences(plan_, current.get(), &own);
    return catalog_.Mutable(name, static_cast<long>(own.size())).get();
  }

 private:
  Catalog& catalog_;
  const PlanNode& plan_;
};

Result<PlanPtr> BindDml(Binder& binder, const Statement& s) {
  switch (s.kind) {
    case StatementKind::kInsert: return binder.BindInsert(s.As<InsertStatement>());
    case StatementKind::kUpdate: return binder.BindUpdate(s.As<UpdateStatement>());
    case StatementKind::kDelete: return binder.BindDelete(s.As<DeleteStatement>());
    default: return Status::Internal("not a DML statement");
  }
}

// Plans (unless NeedsNoPlanning) and runs a modify plan; returns the
// number of rows it changed.
Result<int64_t> RunPlannedModify(DatabaseImpl& db, PlanPtr plan, RowTriggers* triggers, ForeignKeyStatement* fk,
                                 ReturnedRows* returning) {
  if (!NeedsNoPlanning(*plan)) SLUICE_RETURN_IF_ERROR(PlanQuery(plan.get(), DatabaseImpl::DefaultPlannerOptions()));
  CatalogWriteAccess access(db.catalog(), *plan);
  ExecContext ctx;
  ctx.tables = &access;
  ctx.row_triggers = triggers;
  ctx.interrupt = db.interrupt_flag();
  ctx.connection = &db.connection_state();
  fk->Attach(&ctx);
  ctx.returning = returning;
  OperatorPtr op = MakeOperator(*plan, &ctx);
  DataChunk out;
  SLUICE_ASSIGN_OR_RETURN(bool more, op->Next(&out));
  SLUICE_CHECK(more && out.size() == 1);
  return out.at(0, 0).integer();
}

}  // namespace

// The foreign key checks and actions come after the write (the plan is
// gone by then: it holds tables the checks may write).
Result<int64_t> RunModifyPlan(DatabaseImpl& db, PlanPtr plan, RowTriggers* triggers, ReturnedRows* returning) {
  ForeignKeyStatement fk(db, *plan);
  return fk.Finish(RunPlannedModify(db, std::move(plan), triggers, &fk, returning));
}

namespace {

Result<int64_t> RunModify(DatabaseImpl& db, PlanPtr plan, ReturnedRows* returning) {
  return RunModifyPlan(db, std::move(plan), nullptr, returning);
}

Result<int64_t> BindAndRun(DatabaseImpl& db, const Statement& s, ReturnedRows* returning) {
  if (MayFireTriggers(db.catalog(), s)) return RunDmlFiringTriggers(db, s, returning);
  Binder binder(db.catalog(), db.parameters());
  SLUICE_ASSIGN_OR_RETURN(PlanPtr plan, BindDml(binder, s));
  return RunModify(db, std::move(plan), returning);
}

}  // namespace

Status CheckDml(DatabaseImpl& db, const Statement& s, int64_t* error_offset, std::shared_ptr<PreparedDml>* prepared,
                std::vector<std::string>* returning_names) {
  if (s.kind != StatementKind::kInsert && s.kind != StatementKind::kUpdate && s.kind != StatementKind::kDelete) {
    return Status::OK();
  }
  if (MayFireTriggers(db.catalog(), s)) {
    // A view with INSTEAD OF triggers is written through them: no plan.
    if (WritesViewThroughTriggers(db.catalog(), s)) return CheckDmlTriggers(db, s);
    SLUICE_RETURN_IF_ERROR(CheckDmlTriggers(db, s));
  }
  Binder binder(db.catalog(), db.parameters());
  Result<PlanPtr> plan = BindDml(binder, s);
  if (!plan.ok()) {
    if (error_offset != nullptr && binder.error_offset() >= 0) *error_offset = binder.error_offset();
    return plan.status();
  }
  SLUICE_RETURN_IF_ERROR(CheckForeignKeysResolve(db, **plan));
  if (returning_names != nullptr) *returning_names = (*plan)->returning_names;
  // Kept for the run only when the rows come from VALUES (or no table at
  // all): a plan that scans tables holds the table objects of prepare
  // time, which later statements may have replaced.
  if (s.kind == StatementKind::kInsert && prepared != nullptr && !ReadsTables(plan->get()) &&
      !MayFireTriggers(db.catalog(), s)) {
    *prepared = std::make_shared<PreparedDml>();
    (*prepared)->schema_version = db.catalog().schema_version();
    (*prepared)->plan = std::move(*plan);
  }
  return Status::OK();
}

Result<int64_t> RunInsert(DatabaseImpl& db, const InsertStatement& s, PreparedDml* prepared, ReturnedRows* returning) {
  if (MayFireTriggers(db.catalog(), s)) return RunDmlFiringTriggers(db, s, returning);
  if (prepared != nullptr && prepared->plan != nullptr && prepared->schema_version == db.catalog().schema_version()) {
    PlanPtr plan = std::move(prepared->plan);  // bound at prepare time, schema unchanged since
    prepared->plan = nullptr;
    return RunModify(db, std::move(plan), returning);
  }
  return BindAndRun(db, s, returning);
}

Result<int64_t> RunUpdate(DatabaseImpl& db, const UpdateStatement& s, ReturnedRows* returning) {
  return BindAndRun(db, s, returning);
}

Result<int64_t> RunDelete(DatabaseImpl& db, const DeleteStatement& s, ReturnedRows* returning) {
  return BindAndRun(db, s, returning);
}

}  // namespace sluice::sql

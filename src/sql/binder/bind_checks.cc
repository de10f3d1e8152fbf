// The CHECK constraints and generated columns of a table, bound for the
// writes that enforce / compute them (INSERT, UPDATE, the Appender) and for
// CREATE TABLE, which refuses one that does not bind as sqlite3 does ("no
// such column: b", "subqueries prohibited in CHECK constraints",
// "parameters prohibited in generated columns").
//
// Each expression reads the row being written: its column references are
// resolved to slots of the layout (table columns in order, then the rowid),
// so no planner pass is needed.
#include <unordered_map>

#include "sql/binder/binder.h"
#include "sql/binder/binder_internal.h"

namespace sluice::sql {

namespace {

// The scope of a row of `t` (its columns, then the rowid names when
// `with_rowid`) and the slot of each column id.
void RowScope(Binder::Impl& b, const TableSchema& t, bool with_rowid, Scope* scope,
              std::unordered_map<ColumnId, int>* slots) {
  scope->has_from = true;
  scope->tables.push_back(t.name);
  for (size_t i = 0; i < t.columns_info.size(); ++i) {
    const ColumnInfo& info = t.columns_info[i];
    ScopeColumn c;
    c.table = t.name;
    c.name = info.name;
    c.id = b.NewId();
    c.affinity = info.affinity;
    c.collation = info.collation;
    c.type_name = info.type_name;
    slots->emplace(c.id, static_cast<int>(i));
    scope->columns.push_back(std::move(c));
  }
  if (!with_rowid) return;
  ColumnId rowid = b.NewId();
  slots->emplace(rowid, static_cast<int>(t.columns_info.size()));
  for (const char* name : {"rowid", "oid", "_rowid_"}) {
    ScopeColumn c;
    c.table = t.name;
    c.name = name;
    c.id = rowid;
    c.affinity = Affinity::kInteger;
    c.hidden = true;
    scope->columns.push_back(std::move(c));
  }
}

void CollectSlots(const BoundExpr& e, std::vector<int>* out) {
  if (e.kind == BoundKind::kColumn && e.slot >= 0) out->push_back(e.slot);
  for (const BoundExprPtr& c : e.children) CollectSlots(*c, out);
}

}  // namespace

Result<std::vector<BoundExprPtr>> Binder::Impl::BindTableChecks(const TableSchema& t, const Statement& create) {
  std::vector<BoundExprPtr> out;
  if (t.checks.empty()) return out;
  const Statement* saved_statement = statement_;
  statement_ = &create;
  prohibited_in_ = "CHECK constraints";
  Scope scope;
  std::unordered_map<ColumnId, int> slots;
  RowScope(*this, t, true, &scope, &slots);
  Status failure;
  for (const CheckDef& check : t.checks) {
    ExprContext ctx{&scope, false};
    Result<BoundExprPtr> e = BindExpr(*check.expr, ctx);
    if (!e.ok()) {
      failure = e.status();
      break;
    }
    SetSlots(e->get(), slots);
    out.push_back(std::move(*e));
  }
  prohibited_in_ = nullptr;
  statement_ = saved_statement;
  if (!failure.ok()) return failure;
  return out;
}

Result<std::vector<GeneratedColumn>> Binder::Impl::BindTableGenerated(const TableSchema& t, const Statement& create,
                                                                      bool allow_loop) {
  std::vector<GeneratedColumn> bound;
  bool any = false;
  for (const ColumnInfo& info : t.columns_info) any |= info.generated != nullptr;
  if (!any) return bound;
  const Statement* saved_statement = statement_;
  statement_ = &create;
  prohibited_in_ = "generated columns";
  deterministic_only_ = true;
  Scope scope;
  std::unordered_map<ColumnId, int> slots;
  RowScope(*this, t, false, &scope, &slots);
  Status failure;
  for (size_t c = 0; c < t.columns_info.size(); ++c) {
    if (t.columns_info[c].generated == nullptr) continue;
    ExprContext ctx{&scope, false};
    Result<BoundExprPtr> e = BindExpr(*t.columns_info[c].generated, ctx);
    if (!e.ok()) {
      failure = e.status();
      break;
    }
    SetSlots(e->get(), slots);
    bound.push_back({static_cast<int>(c), std::move(*e)});
  }
  prohibited_in_ = nullptr;
  deterministic_only_ = false;
  statement_ = saved_statement;
  if (!failure.ok()) return failure;
  // Evaluation order: a generated column after the generated columns it
  // reads (a pass adds every column whose inputs are ready).
  std::vector<bool> ready(t.columns_info.size());
  for (size_t c = 0; c < ready.size(); ++c) ready[c] = t.columns_info[c].generated == nullptr;
  std::vector<GeneratedColumn> out;
  while (!bound.empty()) {
    size_t before = bound.size();
    for (size_t i = 0; i < bound.size();) {
      std::vector<int> reads;
      CollectSlots(*bound[i].expr, &reads);
      bool inputs_ready = true;
      for (int s : reads) inputs_ready &= static_cast<size_t>(s) < ready.size() && ready[static_cast<size_t>(s)];
      if (!inputs_ready) {
        ++i;
        continue;
      }
      ready[static_cast<size_t>(bound[i].column)] = true;
      out.push_back(std::move(bound[i]));
      bound.erase(bound.begin() + static_cast<std::ptrdiff_t>(i));
    }
    if (bound.size() == before) {
      if (allow_loop) return out;
      return Status::InvalidArgument("generated column loop on \"" + t.columns_info[bound[0].column].name + "\"");
    }
  }
  return out;
}

Result<std::vector<BoundExprPtr>> Binder::BindChecks(const TableSchema& table, const Statement& create) {
  return impl_->BindTableChecks(table, create);
}

Result<BoundExprPtr> Binder::BindIndexExpr(const TableSchema& table, const Statement& create, const Expr& expr,
                                           const char* prohibited_in) {
  const Statement* saved_statement = impl_->statement_;
  impl_->statement_ = &create;
  impl_->prohibited_in_ = prohibited_in;
  impl_->deterministic_only_ = true;
  Scope scope;
  std::unordered_map<ColumnId, int> slots;
  RowScope(*impl_, table, true, &scope, &slots);
  ExprContext ctx{&scope, false};
  Result<BoundExprPtr> e = impl_->BindExpr(expr, ctx);
  if (e.ok()) SetSlots(e->get(), slots);
  impl_->prohibited_in_ = nullptr;
  impl_->deterministic_only_ = false;
  impl_->statement_ = saved_statement;
  return e;
}

Result<std::vector<GeneratedColumn>> Binder::BindGenerated(const TableSchema& table, const Statement& create,
                                                           bool allow_loop) {
  return impl_->BindTableGenerated(table, create, allow_loop);
}

}  // namespace sluice::sql

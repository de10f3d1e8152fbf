// Planner driver (planner.h): runs the rules, resolves slots, and plans the
// subqueries found in expressions.
#include "sql/planner/planner.h"

#include <unordered_map>
#include <vector>

#include "sql/planner/rules/rules.h"

namespace sluice::sql {

void SplitConjuncts(BoundExprPtr expr, std::vector<BoundExprPtr>* out) {
  if (!expr) return;
  if (expr->kind == BoundKind::kAnd) {
    for (BoundExprPtr& c : expr->children) SplitConjuncts(std::move(c), out);
    return;
  }
  out->push_back(std::move(expr));
}

BoundExprPtr MakeConjunction(std::vector<BoundExprPtr> conjuncts) {
  if (conjuncts.empty()) return nullptr;
  if (conjuncts.size() == 1) return std::move(conjuncts[0]);
  auto e = std::make_unique<BoundExpr>(BoundKind::kAnd);
  e->children = std::move(conjuncts);
  return e;
}

namespace {

void Resolve(BoundExpr* e, const std::unordered_map<ColumnId, int>& slots) {
  if (e->kind == BoundKind::kColumn) {
    auto it = slots.find(e->column);
    e->slot = it == slots.end() ? -1 : it->second;
  }
  for (BoundExprPtr& c : e->children) Resolve(c.get(), slots);
}

std::unordered_map<ColumnId, int> SlotMap(const std::vector<ColumnId>& layout) {
  std::unordered_map<ColumnId, int> m;
  for (size_t i = 0; i < layout.size(); ++i) m.emplace(layout[i], static_cast<int>(i));
  return m;
}

// sqlite3's isSimpleCount: count(*) alone over one table, read straight
// from it (no WHERE), is answered from the table or a full index whatever
// its INDEXED BY says; so a partial index named there is no error.
bool IsSimpleCount(const PlanNode& n) {
  if (n.kind != PlanKind::kAggregate || !n.groups.empty() || n.aggregates.size() != 1 || !n.bare.empty()) {
    return false;
  }
  const BoundExpr& a = *n.aggregates[0];
  if (a.function == nullptr || !a.function->aggregate.has_value() ||
      *a.function->aggregate != AggregateKind::kCountStar || a.distinct) {
    return false;
  }
  const PlanNode& get = *n.children[0];
  return get.kind == PlanKind::kGet && get.index < 0 && !get.rowid_lookup && get.lookup_keys.empty();
}

void CollectSubqueries(BoundExpr* e, std::vector<PlanNode*>* out) {
  if (e->subquery) out->push_back(e->subquery.get());
  for (BoundExprPtr& c : e->children) CollectSubqueries(c.get(), out);
}

}  // namespace

void ResolveSlots(BoundExpr* expr, const std::vector<ColumnId>& layout) { Resolve(expr, SlotMap(layout)); }

Status PlanExpression(BoundExprPtr* expr, const std::vector<ColumnId>& layout, const PlannerOptions& options) {
  // A one-node holder lets the plan passes treat the expression uniformly.
  auto holder = std::make_shared<PlanNode>(PlanKind::kValues);
  holder->rows.emplace_back();
  holder->rows[0].push_back(std::move(*expr));
  rules::FoldConstants(holder.get(), options);
  *expr = std::move(holder->rows[0][0]);
  ResolveSlots(expr->get(), layout);
  std::vector<PlanNode*> subs;
  CollectSubqueries(expr->get(), &subs);
  for (PlanNode* s : subs) SLUICE_RETURN_IF_ERROR(PlanQuery(s, options));
  return Status::OK();
}

Status PlanQuery(PlanNode* root, const PlannerOptions& options) {
  std::vector<PlanNode*> pending{root};
  while (!pending.empty()) {
    PlanNode* plan = pending.back();
    pending.pop_back();
    if (plan->planned) continue;
    plan->planned = true;
    rules::FoldConstants(plan, options);
    // Push-down may replace the node it starts from, so it runs on the
    // root's children; a Filter root keeps its object and takes whatever
    // predicate stays above its (new) child.
    if (plan->kind == PlanKind::kFilter) {
      auto wrapper = std::make_shared<PlanNode>(PlanKind::kFilter);
      wrapper->outputs = plan->children[0]->outputs;
      wrapper->children.push_back(plan->children[0]);
      wrapper->predicate = std::move(plan->predicate);
      PlanPtr pushed = rules::PushDownFilters(wrapper, options);
      if (pushed->kind == PlanKind::kFilter) {
        plan->predicate = std::move(pushed->predicate);
        plan->children[0] = pushed->children[0];
      } else {
        plan->predicate = MakeConstant(Value::Integer(1));
        plan->children[0] = pushed;
      }
    } else {
      for (PlanPtr& c : plan->children) c = rules::PushDownFilters(c, options);
    }
    if (options.top_n) rules::MarkTopN(plan);
    rules::SkipUnobservableGroupOrder(plan);
    // UPDATE and DELETE read every column and the rowid of their rows (so
    // do bare Filter or Get roots).
    if (options.prune_columns && plan->kind != PlanKind::kFilter && plan->kind != PlanKind::kGet &&
        plan->kind != PlanKind::kUpdate && plan->kind != PlanKind::kDelete) {
      rules::PruneColumns(plan);
    }
    // Resolve slots, node by node, and find subqueries.
    std::vector<PlanNode*> stack{plan};
    while (!stack.empty()) {
      PlanNode* n = stack.back();
      stack.pop_back();
      if (IsSimpleCount(*n)) n->children[0]->indexed_by_partial = -1;
      if (n->kind == PlanKind::kGet && n->indexed_by_partial >= 0 && !n->indexed_by_usable && options.use_indexes &&
          options.push_down_filters) {
        return Status::InvalidArgument("no query solution");  // INDEXED BY a partial index it cannot use
      }
      std::vector<PlanNode*> subs;
      rules::ForEachNodeExpr(n, [&](BoundExprPtr& e) { CollectSubqueries(e.get(), &subs); });
      for (PlanNode* s : subs) pending.push_back(s);
      if (n->kind == PlanKind::kJoin) {
        auto l = SlotMap(n->children[0]->outputs);
        auto r = SlotMap(n->children[1]->outputs);
        for (auto& e : n->left_keys) Resolve(e.get(), l);
        for (auto& e : n->right_keys) Resolve(e.get(), r);
        if (n->predicate) Resolve(n->predicate.get(), SlotMap(n->outputs));
      } else if (!n->children.empty()) {
        auto m = SlotMap(n->children[0]->outputs);
        rules::ForEachNodeExpr(n, [&](BoundExprPtr& e) { Resolve(e.get(), m); });
      } else {
        std::unordered_map<ColumnId, int> none;
        rules::ForEachNodeExpr(n, [&](BoundExprPtr& e) { Resolve(e.get(), none); });
      }
      for (const PlanPtr& c : n->children) stack.push_back(c.get());
    }
  }
  return Status::OK();
}

}  // namespace sluice::sql

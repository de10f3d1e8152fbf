// Rule: column pruning. Walks the plan top-down with the set of column ids
// the ancestors read; a scan keeps only those (its `scan_columns`), and
// joins, filters, sorts and limits re-derive their layouts bottom-up.
// Nodes that define their own outputs (projections, aggregates, set
// operations, VALUES) keep them; DISTINCT needs all of its input.
#include <set>
#include <vector>

#include "sql/planner/rules/rules.h"

namespace sluice::sql::rules {

namespace {

using IdSet = std::set<ColumnId>;

void AddExprColumns(const BoundExpr* e, IdSet* out) {
  if (e == nullptr) return;
  std::vector<ColumnId> cols;
  CollectColumns(*e, &cols);
  out->insert(cols.begin(), cols.end());
}

// Prunes `n` given the ids its parent reads; recursion depth is the plan's
// depth (bounded by the query's nesting).
void Prune(PlanNode* n, const IdSet& required) {
  IdSet need;
  switch (n->kind) {
    case PlanKind::kGet: {
      std::vector<int> cols;
      std::vector<ColumnId> outputs;
      size_t ncols = n->table->columns_info.size();
      for (size_t i = 0; i < n->outputs.size(); ++i) {
        if (required.count(n->outputs[i]) == 0) continue;
        int col = n->scan_columns.empty() ? (i < ncols ? static_cast<int>(i) : -1) : n->scan_columns[i];
        cols.push_back(col);
        outputs.push_back(n->outputs[i]);
      }
      n->scan_columns = std::move(cols);
      n->outputs = std::move(outputs);
      if (n->scan_columns.empty()) {
        // Keep one column so that batches still count rows: a stored one
        // already in memory, which a scan references for free; else the
        // rowid (built per batch, but it reads no column from the file).
        int keep = -1;
        for (size_t c = 0; c < ncols && keep < 0; ++c) {
          if (n->table->data.column_loaded(c)) keep = static_cast<int>(c);
        }
        n->scan_columns.push_back(keep);
        n->outputs.push_back(0);
      }
      return;
    }
    case PlanKind::kValues: return;
    case PlanKind::kProject:
      for (const auto& e : n->exprs) AddExprColumns(e.get(), &need);
      Prune(n->children[0].get(), need);
      return;
    case PlanKind::kAggregate:
      for (const auto& e : n->groups) AddExprColumns(e.get(), &need);
      for (const auto& e : n->aggregates) AddExprColumns(e.get(), &need);
      need.insert(n->bare.begin(), n->bare.end());
      Prune(n->children[0].get(), need);
      return;
    case PlanKind::kDistinct:
    case PlanKind::kSetOp:
    case PlanKind::kInsert:
    case PlanKind::kUpdate:
    case PlanKind::kDelete:
      for (const PlanPtr& c : n->children) Prune(c.get(), IdSet(c->outputs.begin(), c->outputs.end()));
      return;
    case PlanKind::kFilter:
    case PlanKind::kSort:
    case PlanKind::kLimit:
    case PlanKind::kJoin: {
      need = required;
      AddExprColumns(n->predicate.get(), &need);
      for (const auto& k : n->sort_keys) AddExprColumns(k.expr.get(), &need);
      for (const auto& e : n->left_keys) AddExprColumns(e.get(), &need);
      for (const auto& e : n->right_keys) AddExprColumns(e.get(), &need);
      for (const PlanPtr& c : n->children) Prune(c.get(), need);
      n->outputs.clear();
      for (const PlanPtr& c : n->children) n->outputs.insert(n->outputs.end(), c->outputs.begin(), c->outputs.end());
      if (n->kind == PlanKind::kJoin || n->kind == PlanKind::kFilter) {
        n->output_read.clear();
        for (ColumnId id : n->outputs) n->output_read.push_back(required.count(id) != 0 ? 1 : 0);
      }
      return;
    }
  }
}

}  // namespace

void PruneColumns(PlanNode* root) { Prune(root, IdSet(root->outputs.begin(), root->outputs.end())); }

}  // namespace sluice::sql::rules

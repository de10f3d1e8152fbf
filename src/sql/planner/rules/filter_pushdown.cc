// Rule: filter push-down with equi-join detection and index selection.
//
// Conjuncts of WHERE and of inner-join ON clauses travel down the tree to
// the lowest node whose inputs produce all the columns they read (columns
// of enclosing queries count as constants). At an inner join, a conjunct
// `l = r` with l reading only the left input and r only the right one
// becomes a hash-join key pair; the rest stays as the join's residual.
// At a LEFT join, WHERE conjuncts may only go to the left input; ON
// conjuncts that read only the right input go to the right one.
// At a table scan, `col = const` or `col IN (consts)` on the rowid (or its
// INTEGER PRIMARY KEY alias), or on the column of a one-column index with
// matching affinity/collation, turns the scan into lookups; so does
// `expr = const` for an index on that one expression. A partial index
// serves only a query whose WHERE has the index's WHERE as a term.
#include <algorithm>
#include <set>
#include <vector>

#include "sql/planner/rules/rules.h"
#include "sql/value/affinity.h"

namespace sluice::sql::rules {

namespace {

using IdSet = std::set<ColumnId>;

IdSet Outputs(const PlanNode& n) { return IdSet(n.outputs.begin(), n.outputs.end()); }

// Columns of `e` that `all` (the subtree's outputs) produces.
IdSet LocalColumns(const BoundExpr& e, const IdSet& all) {
  std::vector<ColumnId> cols;
  CollectColumns(e, &cols);
  IdSet out;
  for (ColumnId id : cols) {
    if (all.count(id) != 0) out.insert(id);
  }
  return out;
}

bool Subset(const IdSet& a, const IdSet& b) { return std::includes(b.begin(), b.end(), a.begin(), a.end()); }

PlanPtr WrapFilter(PlanPtr child, std::vector<BoundExprPtr> preds) {
  if (preds.empty()) return child;
  auto f = std::make_shared<PlanNode>(PlanKind::kFilter);
  f->outputs = child->outputs;
  f->children.push_back(std::move(child));
  f->predicate = MakeConjunction(std::move(preds));
  return f;
}

PlanPtr Push(PlanPtr node, std::vector<BoundExprPtr> preds, const PlannerOptions& options);

// True when `q`, a term of a query over the scan `get`, is the index
// expression `ix` (bound with slots over the table's columns, then the
// rowid): the same tree, q's columns at ix's slots.
bool SameAsIndexExpr(const BoundExpr& q, const BoundExpr& ix, const PlanNode& get) {
  const size_t ncols = get.table->columns_info.size();
  return SameAsIndexExpr(q, ix, [&get, ncols](ColumnId column, int slot) {
    return slot >= 0 && static_cast<size_t>(slot) < get.outputs.size() && static_cast<size_t>(slot) <= ncols &&
           get.outputs[static_cast<size_t>(slot)] == column;
  });
}

// True when the query's terms `preds` imply a partial index's WHERE `w`:
// `w` is one of them, or each term of an AND is (so `x BETWEEN 1 AND 2`,
// which binds as two comparisons, matches the same text in the index).
bool ImpliesIndexWhere(const std::vector<BoundExprPtr>& preds, const BoundExpr& w, const PlanNode& get) {
  for (const BoundExprPtr& p : preds) {
    if (SameAsIndexExpr(*p, w, get)) return true;
  }
  if (w.kind != BoundKind::kAnd) return false;
  for (const BoundExprPtr& c : w.children) {
    if (!ImpliesIndexWhere(preds, *c, get)) return false;
  }
  return true;
}

// Tries to turn a scan with filters into index lookups.
void ChooseIndex(PlanNode* get, std::vector<BoundExprPtr>* preds) {
  const Table& table = *get->table;
  IdSet all = Outputs(*get);
  // A partial index serves only a query whose WHERE has its WHERE as a
  // term (then every row the query wants is in the index).
  std::vector<bool> usable(table.indexes.size(), true);
  for (size_t i = 0; i < table.indexes.size(); ++i) {
    if (table.indexes[i].filter == nullptr) continue;
    usable[i] = ImpliesIndexWhere(*preds, table.indexes[i].filter->bound(), *get);
  }
  if (get->indexed_by_partial >= 0) get->indexed_by_usable = usable[static_cast<size_t>(get->indexed_by_partial)];
  for (size_t p = 0; p < preds->size(); ++p) {
    BoundExpr& e = *(*preds)[p];
    const BoundExpr* col = nullptr;
    std::vector<const BoundExpr*> values;
    if (e.kind == BoundKind::kCompare && e.op == static_cast<uint8_t>(CompareOp::kEq)) {
      for (int side = 0; side < 2; ++side) {
        const BoundExpr& a = *e.children[side];
        const BoundExpr& b = *e.children[1 - side];
        if (a.kind == BoundKind::kColumn && all.count(a.column) != 0 && LocalColumns(b, all).empty() &&
            b.kind == BoundKind::kConstant) {
          col = &a;
          values = {&b};
          break;
        }
      }
    } else if (e.kind == BoundKind::kInList && !e.negated && e.children[0]->kind == BoundKind::kColumn &&
               all.count(e.children[0]->column) != 0) {
      col = e.children[0].get();
      for (size_t i = 1; i < e.children.size(); ++i) {
        if (e.children[i]->kind != BoundKind::kConstant) {
          col = nullptr;
          break;
        }
        values.push_back(e.children[i].get());
      }
    }
    if (col == nullptr && e.kind == BoundKind::kCompare && e.op == static_cast<uint8_t>(CompareOp::kEq)) {
      // `expr = const` on an index of that one expression, when the
      // comparison applies no affinity (the index holds the raw values).
      for (int side = 0; side < 2; ++side) {
        const BoundExpr& x = *e.children[side];
        const BoundExpr& v = *e.children[1 - side];
        if (v.kind != BoundKind::kConstant || x.kind == BoundKind::kConstant || x.kind == BoundKind::kColumn) continue;
        Affinity aff = ComparisonAffinity(x.affinity, v.affinity);
        if (aff != Affinity::kNone && aff != Affinity::kBlob) continue;
        for (size_t i = 0; i < table.indexes.size(); ++i) {
          const IndexDef& idx = table.indexes[i];
          if (!usable[i] || idx.key_exprs.size() != 1 || idx.key_exprs[0] == nullptr ||
              idx.collations[0] != e.collation || !SameAsIndexExpr(x, idx.key_exprs[0]->bound(), *get)) {
            continue;
          }
          std::vector<BoundExprPtr> key;
          key.push_back(MakeConstant(v.constant));
          get->index = static_cast<int>(i);
          get->lookup_keys.clear();
          get->lookup_keys.push_back(std::move(key));
          preds->erase(preds->begin() + static_cast<std::ptrdiff_t>(p));
          return;
        }
      }
    }
    if (col == nullptr) continue;
    int column = -1;  // ncols: the rowid
    const size_t ncols = table.columns_info.size();
    for (size_t c = 0; c <= ncols && c < get->outputs.size(); ++c) {
      if (get->outputs[c] == col->column) column = static_cast<int>(c);
    }
    if (column < 0) continue;
    if (column == static_cast<int>(ncols) || column == table.rowid_alias) {
      // The rowid: keys are the constants after numeric comparison
      // affinity (the scan matches integers and integral reals only, as
      // an integer compares with them). Without numeric affinity ('5'
      // against an untyped expression) the filter stays.
      std::vector<std::vector<BoundExprPtr>> keys;
      bool ok = true;
      for (const BoundExpr* v : values) {
        Affinity aff = e.kind == BoundKind::kCompare ? ComparisonAffinity(col->affinity, v->affinity) : col->affinity;
        if (!IsNumericAffinity(aff) && !(v->constant.is_integer() || v->constant.is_real())) {
          ok = false;
          break;
        }
        std::vector<BoundExprPtr> key;
        key.push_back(MakeConstant(ApplyComparisonAffinity(aff, v->constant)));
        keys.push_back(std::move(key));
      }
      if (!ok) continue;
      get->rowid_lookup = true;
      get->lookup_keys = std::move(keys);
      preds->erase(preds->begin() + static_cast<std::ptrdiff_t>(p));
      return;
    }
    const ColumnInfo& info = table.columns_info[column];
    Collation coll = e.kind == BoundKind::kCompare ? e.collation : col->collation;
    for (size_t i = 0; i < table.indexes.size(); ++i) {
      const IndexDef& idx = table.indexes[i];
      if (idx.columns.size() != 1 || idx.columns[0] != column || idx.collations[0] != coll) continue;
      if (!usable[i]) continue;  // a partial index lacks the rows its WHERE leaves out
      // Lookup keys are the constants after the comparison affinity; the
      // stored values already carry the column affinity, which must then
      // be the comparison affinity for the lookup to be exact.
      std::vector<std::vector<BoundExprPtr>> keys;
      bool ok = true;
      for (const BoundExpr* v : values) {
        Affinity aff = e.kind == BoundKind::kCompare ? ComparisonAffinity(col->affinity, v->affinity) : col->affinity;
        if (!(aff == info.affinity || aff == Affinity::kNone || aff == Affinity::kBlob) ||
            (info.affinity == Affinity::kBlob && aff != Affinity::kBlob && aff != Affinity::kNone)) {
          ok = false;
          break;
        }
        if (IsNumericAffinity(info.affinity) && v->constant.is_string()) {
          // Text that is not wholly numeric compares as text; fine either way.
        }
        std::vector<BoundExprPtr> key;
        key.push_back(MakeConstant(ApplyComparisonAffinity(aff, v->constant)));
        keys.push_back(std::move(key));
      }
      if (!ok) continue;
      get->index = static_cast<int>(i);
      get->lookup_keys = std::move(keys);
      preds->erase(preds->begin() + static_cast<std::ptrdiff_t>(p));
      return;
    }
  }
}

// True when WHERE term `p` cannot hold for a row whose `right` columns are
// all NULL (a comparison with one of them as an operand is NULL then), so
// a LEFT JOIN under it returns no row the inner join would not.
bool RejectsNullRight(const BoundExpr& p, const IdSet& right) {
  if (p.kind != BoundKind::kCompare) return false;
  for (const BoundExprPtr& c : p.children) {
    if (c->kind == BoundKind::kColumn && right.count(c->column) != 0) return true;
  }
  return false;
}

PlanPtr PushJoin(PlanPtr node, std::vector<BoundExprPtr> preds, const PlannerOptions& options) {
  PlanNode& j = *node;
  IdSet left = Outputs(*j.children[0]);
  IdSet right = Outputs(*j.children[1]);
  IdSet all = Outputs(j);
  std::vector<BoundExprPtr> to_left, to_right, here, above;
  std::vector<BoundExprPtr> on;
  if (j.predicate) SplitConjuncts(std::move(j.predicate), &on);
  bool left_join = j.join_type == JoinType::kLeft;
  if (left_join && options.push_down_filters) {
    // sqlite3's LEFT JOIN simplification: a null-rejecting WHERE term on
    // the right side makes it an inner join (its ON terms then filter too),
    // so the WHERE may reach the right side's scan and its indexes.
    for (const BoundExprPtr& p : preds) {
      if (RejectsNullRight(*p, right)) {
        j.join_type = JoinType::kInner;
        left_join = false;
        break;
      }
    }
  }
  if (!options.push_down_filters) {
    if (left_join) {
      for (auto& p : on) here.push_back(std::move(p));
      for (auto& p : preds) above.push_back(std::move(p));
    } else {
      for (auto& p : on) here.push_back(std::move(p));
      for (auto& p : preds) here.push_back(std::move(p));
    }
  } else if (left_join) {
    for (auto& p : preds) {
      IdSet cols = LocalColumns(*p, all);
      if (Subset(cols, left) && !HasSideEffectsOrAggregates(*p)) {
        to_left.push_back(std::move(p));
      } else {
        above.push_back(std::move(p));
      }
    }
    for (auto& p : on) {
      IdSet cols = LocalColumns(*p, all);
      if (Subset(cols, right) && !cols.empty() && !HasSideEffectsOrAggregates(*p)) {
        to_right.push_back(std::move(p));
      } else {
        here.push_back(std::move(p));
      }
    }
  } else {
    for (auto* list : {&on, &preds}) {
      for (auto& p : *list) {
        IdSet cols = LocalColumns(*p, all);
        if (HasSideEffectsOrAggregates(*p)) {
          here.push_back(std::move(p));
        } else if (Subset(cols, left)) {
          to_left.push_back(std::move(p));
        } else if (Subset(cols, right)) {
          to_right.push_back(std::move(p));
        } else {
          here.push_back(std::move(p));
        }
      }
    }
  }
  // Equi-join detection.
  if (options.hash_joins) {
    std::vector<BoundExprPtr> residual;
    for (auto& p : here) {
      bool taken = false;
      if (p->kind == BoundKind::kCompare && p->op == static_cast<uint8_t>(CompareOp::kEq)) {
        IdSet a = LocalColumns(*p->children[0], all);
        IdSet b = LocalColumns(*p->children[1], all);
        int left_side = -1;
        if (!a.empty() && !b.empty() && Subset(a, left) && Subset(b, right)) left_side = 0;
        if (!a.empty() && !b.empty() && Subset(a, right) && Subset(b, left)) left_side = 1;
        if (left_side >= 0) {
          j.key_affinity.push_back(ComparisonAffinity(p->children[0]->affinity, p->children[1]->affinity));
          j.key_collation.push_back(p->collation);
          j.left_keys.push_back(std::move(p->children[left_side]));
          j.right_keys.push_back(std::move(p->children[1 - left_side]));
          taken = true;
        }
      }
      if (!taken) residual.push_back(std::move(p));
    }
    here = std::move(residual);
    if (!j.left_keys.empty()) j.algorithm = JoinAlgorithm::kHash;
  }
  if (!here.empty()) j.predicate = MakeConjunction(std::move(here));
  j.children[0] = Push(j.children[0], std::move(to_left), options);
  j.children[1] = Push(j.children[1], std::move(to_right), options);
  return WrapFilter(node, std::move(above));
}

// Join ordering for a chain of inner joins: flattens the left-deep chain to
// its inputs and rebuilds it so that each next input is the first one (in
// FROM order) that some conjunct connects to the inputs already joined —
// which is FROM order itself whenever that order is connected, so output
// order stays SQLite's nested-loop order in the common case, while chains
// written out of order do not become cross products.
PlanPtr ReorderInnerJoins(PlanPtr node, std::vector<BoundExprPtr>* preds) {
  std::vector<PlanPtr> leaves;
  PlanPtr cur = node;
  while (cur->kind == PlanKind::kJoin && cur->join_type == JoinType::kInner) {
    if (cur->predicate) SplitConjuncts(std::move(cur->predicate), preds);
    leaves.push_back(cur->children[1]);
    cur = cur->children[0];
  }
  leaves.push_back(cur);
  std::reverse(leaves.begin(), leaves.end());
  if (leaves.size() <= 2) {
    // Nothing to reorder: rebuild as it was.
  }
  std::vector<IdSet> leaf_ids;
  IdSet all;
  for (const PlanPtr& l : leaves) {
    leaf_ids.push_back(Outputs(*l));
    all.insert(l->outputs.begin(), l->outputs.end());
  }
  std::vector<IdSet> pred_cols;
  for (const BoundExprPtr& p : *preds) pred_cols.push_back(LocalColumns(*p, all));
  std::vector<bool> used(leaves.size(), false);
  IdSet joined = leaf_ids[0];
  used[0] = true;
  PlanPtr tree = leaves[0];
  for (size_t step = 1; step < leaves.size(); ++step) {
    size_t pick = leaves.size();
    for (size_t i = 0; i < leaves.size() && pick == leaves.size(); ++i) {
      if (used[i]) continue;
      for (const IdSet& cols : pred_cols) {
        bool touches_leaf = false, touches_joined = false, covered = true;
        for (ColumnId id : cols) {
          bool in_leaf = leaf_ids[i].count(id) != 0;
          bool in_joined = joined.count(id) != 0;
          touches_leaf |= in_leaf;
          touches_joined |= in_joined;
          covered &= in_leaf || in_joined;
        }
        if (touches_leaf && touches_joined && covered) {
          pick = i;
          break;
        }
      }
    }
    if (pick == leaves.size()) {
      for (size_t i = 0; i < leaves.size(); ++i) {
        if (!used[i]) {
          pick = i;
          break;
        }
      }
    }
    used[pick] = true;
    joined.insert(leaf_ids[pick].begin(), leaf_ids[pick].end());
    auto j = std::make_shared<PlanNode>(PlanKind::kJoin);
    j->join_type = JoinType::kInner;
    j->outputs = tree->outputs;
    j->outputs.insert(j->outputs.end(), leaves[pick]->outputs.begin(), leaves[pick]->outputs.end());
    j->children.push_back(tree);
    j->children.push_back(leaves[pick]);
    tree = j;
  }
  return tree;
}

PlanPtr Push(PlanPtr node, std::vector<BoundExprPtr> preds, const PlannerOptions& options) {
  if (node->kind == PlanKind::kJoin && node->join_type == JoinType::kInner && options.push_down_filters &&
      !node->planned) {
    node = ReorderInnerJoins(node, &preds);
    // Mark the rebuilt chain so that the recursive pushes below do not
    // reorder it again.
    for (PlanNode* j = node.get(); j->kind == PlanKind::kJoin && j->join_type == JoinType::kInner;
         j = j->children[0].get()) {
      j->planned = true;
    }
  }
  switch (node->kind) {
    case PlanKind::kFilter: {
      if (!options.push_down_filters) break;
      SplitConjuncts(std::move(node->predicate), &preds);
      return Push(node->children[0], std::move(preds), options);
    }
    case PlanKind::kJoin: return PushJoin(std::move(node), std::move(preds), options);
    case PlanKind::kGet:
      if (options.use_indexes && node->lookup_keys.empty()) ChooseIndex(node.get(), &preds);
      return WrapFilter(std::move(node), std::move(preds));
    default: break;
  }
  for (PlanPtr& c : node->children) c = Push(c, {}, options);
  if (node->kind == PlanKind::kFilter) {
    SplitConjuncts(std::move(node->predicate), &preds);
    return WrapFilter(node->children[0], std::move(preds));
  }
  return WrapFilter(std::move(node), std::move(preds));
}

}  // namespace

PlanPtr PushDownFilters(PlanPtr root, const PlannerOptions& options) { return Push(std::move(root), {}, options); }

}  // namespace sluice::sql::rules

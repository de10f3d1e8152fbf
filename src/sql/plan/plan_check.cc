// PlanNodeProblem (plan.h): the per-kind shape of a plan node.
#include "sql/plan/plan.h"

namespace sluice::sql {

const char* PlanNodeProblem(const PlanNode& node) {
  const size_t nkids = node.children.size();
  const bool is_modify =
      node.kind == PlanKind::kInsert || node.kind == PlanKind::kUpdate || node.kind == PlanKind::kDelete;
  // Fields that belong to one kind are empty on every other kind.
  if (node.kind != PlanKind::kValues && !node.rows.empty()) return "VALUES rows on a node that is not kValues";
  if (node.kind != PlanKind::kJoin && (!node.left_keys.empty() || !node.right_keys.empty())) {
    return "join keys on a node that is not kJoin";
  }
  if (node.kind != PlanKind::kAggregate && (!node.groups.empty() || !node.aggregates.empty())) {
    return "groups or aggregates on a node that is not kAggregate";
  }
  if (node.kind != PlanKind::kSort && !node.sort_keys.empty()) return "sort keys on a node that is not kSort";
  if (node.kind != PlanKind::kInsert && !node.insert_columns.empty()) {
    return "insert columns on a node that is not kInsert";
  }
  // kUpdate: OR REPLACE's DEFAULTs for NOT NULL columns.
  if (node.kind != PlanKind::kInsert && node.kind != PlanKind::kUpdate && !node.insert_defaults.empty()) {
    return "insert defaults on a node that is not kInsert or kUpdate";
  }
  if (node.kind != PlanKind::kUpdate && !node.assignments.empty()) return "assignments on a node that is not kUpdate";
  if (node.kind != PlanKind::kGet && (node.index >= 0 || node.rowid_lookup || !node.lookup_keys.empty())) {
    return "an index lookup on a node that is not kGet";
  }
  if (node.table == nullptr && (node.kind == PlanKind::kGet || is_modify))
    return "a scan or modify node without a table";
  // Each kind's own fields and inputs.
  switch (node.kind) {
    case PlanKind::kGet:
      if (nkids != 0) return "kGet with inputs";
      if (node.index >= static_cast<int>(node.table->indexes.size())) return "kGet with an index the table lacks";
      if (node.index >= 0 && node.rowid_lookup) return "kGet with both an index and a rowid lookup";
      if ((node.index >= 0 || node.rowid_lookup) != !node.lookup_keys.empty())
        return "kGet with an index but no lookup keys, or keys alone";
      return nullptr;
    case PlanKind::kValues: return nkids == 0 ? nullptr : "kValues with inputs";
    case PlanKind::kFilter:
      if (nkids != 1) return "kFilter without exactly one input";
      return node.predicate != nullptr ? nullptr : "kFilter without a predicate";
    case PlanKind::kProject:
      if (nkids != 1) return "kProject without exactly one input";
      return node.exprs.size() == node.outputs.size() ? nullptr
                                                      : "kProject with a different count of exprs and outputs";
    case PlanKind::kJoin:
      if (nkids != 2) return "kJoin without exactly two inputs";
      if (node.left_keys.size() != node.right_keys.size()) return "kJoin with unpaired keys";
      if (node.algorithm == JoinAlgorithm::kHash && node.left_keys.empty()) return "a hash join without keys";
      return nullptr;
    case PlanKind::kAggregate: return nkids == 1 ? nullptr : "kAggregate without exactly one input";
    case PlanKind::kSort:
      if (nkids != 1) return "kSort without exactly one input";
      return node.sort_keys.empty() ? "kSort without keys" : nullptr;
    case PlanKind::kLimit:
      if (nkids != 1) return "kLimit without exactly one input";
      return node.limit != nullptr ? nullptr : "kLimit without a limit";
    case PlanKind::kDistinct: return nkids == 1 ? nullptr : "kDistinct without exactly one input";
    case PlanKind::kSetOp: return nkids == 2 ? nullptr : "kSetOp without exactly two inputs";
    case PlanKind::kInsert: return nkids <= 1 ? nullptr : "kInsert with more than one input";
    case PlanKind::kUpdate: return nkids == 1 ? nullptr : "kUpdate without exactly one input";
    case PlanKind::kDelete: return nkids == 1 ? nullptr : "kDelete without exactly one input";
  }
  return "a plan node of no known kind";
}

}  // namespace sluice::sql

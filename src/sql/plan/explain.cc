// ExplainPlan: the plan tree as text, one line per node (EXPLAIN's rows).
#include <string>
#include <utility>
#include <vector>

#include "sql/plan/plan.h"

namespace sluice::sql {

namespace {

std::string List(const std::vector<BoundExprPtr>& exprs) {
  std::string s;
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (i > 0) s += ", ";
    s += ExprToString(*exprs[i]);
  }
  return s;
}

std::string Describe(const PlanNode& n) {
  switch (n.kind) {
    case PlanKind::kGet: {
      std::string s = "SCAN " + n.table->name;
      if (n.alias != n.table->name) s += " AS " + n.alias;
      if (n.index >= 0) {
        s = "SEARCH " + n.table->name + (n.alias != n.table->name ? " AS " + n.alias : "") + " USING INDEX " +
            n.table->indexes[n.index].name + " (" + std::to_string(n.lookup_keys.size()) + " keys)";
      } else if (n.rowid_lookup) {
        s = "SEARCH " + n.table->name + (n.alias != n.table->name ? " AS " + n.alias : "") + " USING ROWID (" +
            std::to_string(n.lookup_keys.size()) + " keys)";
      }
      return s;
    }
    case PlanKind::kValues: return "VALUES " + std::to_string(n.rows.size()) + " rows";
    case PlanKind::kFilter: return "FILTER " + ExprToString(*n.predicate);
    case PlanKind::kProject: return "PROJECT " + List(n.exprs);
    case PlanKind::kJoin: {
      std::string s = n.algorithm == JoinAlgorithm::kHash ? "HASH JOIN" : "NESTED LOOP JOIN";
      if (n.join_type == JoinType::kLeft) s = "LEFT " + s;
      if (n.algorithm == JoinAlgorithm::kHash) s += " ON [" + List(n.left_keys) + "] = [" + List(n.right_keys) + "]";
      if (n.predicate) s += " WHERE " + ExprToString(*n.predicate);
      return s;
    }
    case PlanKind::kAggregate: {
      std::string s = "HASH AGGREGATE";
      if (!n.groups.empty()) s += " GROUP BY " + List(n.groups);
      if (!n.aggregates.empty()) s += " COMPUTE " + List(n.aggregates);
      return s;
    }
    case PlanKind::kSort: {
      std::string s = n.limit_hint >= 0 ? "TOP " + std::to_string(n.limit_hint) + " BY " : "SORT BY ";
      for (size_t i = 0; i < n.sort_keys.size(); ++i) {
        if (i > 0) s += ", ";
        s += ExprToString(*n.sort_keys[i].expr) + (n.sort_keys[i].descending ? " DESC" : "");
      }
      return s;
    }
    case PlanKind::kLimit:
      return "LIMIT " + ExprToString(*n.limit) + (n.offset ? " OFFSET " + ExprToString(*n.offset) : "");
    case PlanKind::kDistinct: return "DISTINCT";
    case PlanKind::kSetOp: return std::string(CompoundOpSql(n.set_op));
    case PlanKind::kInsert: return "INSERT INTO " + n.table->name;
    case PlanKind::kUpdate: return "UPDATE " + n.table->name;
    case PlanKind::kDelete: return "DELETE FROM " + n.table->name;
  }
  return "?";
}

}  // namespace

std::vector<std::string> ExplainPlan(const PlanNode& root) {
  std::vector<std::string> lines;
  // Explicit stack: plans can be deep (long compound chains).
  std::vector<std::pair<const PlanNode*, int>> stack{{&root, 0}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    lines.push_back(std::string(2 * depth, ' ') + Describe(*node));
    for (size_t i = node->children.size(); i-- > 0;) stack.push_back({node->children[i].get(), depth + 1});
  }
  return lines;
}

}  // namespace sluice::sql

// PlanNodeProblem: what each plan kind requires of its node.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "sql/plan/plan.h"

namespace sluice::sql {
namespace {

PlanPtr Node(PlanKind kind) { return std::make_shared<PlanNode>(kind); }

std::string Problem(const PlanNode& node) {
  const char* p = PlanNodeProblem(node);
  return p == nullptr ? "ok" : p;
}

TEST(PlanCheckTest, EachKindItsInputsAndFields) {
  PlanPtr values = Node(PlanKind::kValues);
  EXPECT_EQ(Problem(*values), "ok");

  PlanPtr filter = Node(PlanKind::kFilter);
  filter->children.push_back(values);
  EXPECT_EQ(Problem(*filter), "kFilter without a predicate");
  filter->predicate = MakeConstant(Value::Integer(1));
  EXPECT_EQ(Problem(*filter), "ok");
  filter->children.push_back(values);
  EXPECT_EQ(Problem(*filter), "kFilter without exactly one input");

  PlanPtr get = Node(PlanKind::kGet);
  EXPECT_EQ(Problem(*get), "a scan or modify node without a table");
  get->table = std::make_shared<Table>();
  EXPECT_EQ(Problem(*get), "ok");
  get->index = 0;
  EXPECT_EQ(Problem(*get), "kGet with an index the table lacks");

  PlanPtr join = Node(PlanKind::kJoin);
  join->children = {values, values};
  join->algorithm = JoinAlgorithm::kHash;
  EXPECT_EQ(Problem(*join), "a hash join without keys");
}

TEST(PlanCheckTest, AnotherKindsFieldIsAProblem) {
  PlanPtr values = Node(PlanKind::kValues);
  PlanPtr distinct = Node(PlanKind::kDistinct);
  distinct->children.push_back(values);
  EXPECT_EQ(Problem(*distinct), "ok");
  distinct->sort_keys.push_back(SortKey{MakeConstant(Value::Integer(1))});
  EXPECT_EQ(Problem(*distinct), "sort keys on a node that is not kSort");
  distinct->sort_keys.clear();
  distinct->assignments.emplace_back(0, MakeConstant(Value()));
  EXPECT_EQ(Problem(*distinct), "assignments on a node that is not kUpdate");
}

}  // namespace
}  // namespace sluice::sql

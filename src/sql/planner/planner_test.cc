// Planner rules checked through EXPLAIN text, each with its rule toggled.
#include "sql/planner/planner.h"

#include <gtest/gtest.h>

#include "sql/planner/test_catalog.h"
#include "sql/value/arithmetic.h"

namespace sluice::sql {
namespace {

class PlannerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AddTestTable(&catalog_, "t", {"a", "b"}, {});
    AddTestTable(&catalog_, "u", {"c", "d"}, {});
    TablePtr v = AddTestTable(&catalog_, "v", {"e", "f"}, {});
    IndexDef idx;
    idx.name = "ve";
    idx.columns = {0};
    idx.collations = {Collation::kBinary};
    v->indexes.push_back(idx);
  }
  std::string Explain(const std::string& sql, PlannerOptions options = PlannerOptions()) {
    StatementPtr holder;
    Result<BoundQuery> q = PlanSelect(catalog_, sql, options, &holder);
    if (!q.ok()) return "error: " + q.status().message();
    std::string out;
    for (const std::string& line : ExplainPlan(*q->plan)) out += line + "\n";
    return out;
  }
  Catalog catalog_;
};

TEST_F(PlannerTest, PushesFiltersToScansAndDetectsEquiJoins) {
  std::string plan = Explain("select a, d from t, u where a = c and b > 5 and d < 3");
  EXPECT_EQ(plan,
            "PROJECT #0, #3\n"
            "  HASH JOIN ON [#0] = [#0]\n"
            "    FILTER (#1 > 5)\n"
            "      SCAN t\n"
            "    FILTER (#1 < 3)\n"
            "      SCAN u\n");
}

TEST_F(PlannerTest, WithoutRulesTheFilterStaysOnTop) {
  PlannerOptions off;
  off.push_down_filters = false;
  off.hash_joins = false;
  std::string plan = Explain("select a, d from t, u where a = c and b > 5", off);
  EXPECT_EQ(plan,
            "PROJECT #0, #3\n"
            "  FILTER ((#0 = #2) AND (#1 > 5))\n"
            "    NESTED LOOP JOIN\n"
            "      SCAN t\n"
            "      SCAN u\n");
}

TEST_F(PlannerTest, LeftJoinKeepsWhereAboveAndOnBelow) {
  std::string plan = Explain("select a from t left join u on a = c and d = 1 where d is null");
  EXPECT_EQ(plan,
            "PROJECT #0\n"
            "  FILTER (#2 IS NULL)\n"
            "    LEFT HASH JOIN ON [#0] = [#0]\n"
            "      SCAN t\n"
            "      FILTER (#1 = 1)\n"
            "        SCAN u\n");
}

TEST_F(PlannerTest, FoldsConstants) {
  // The executor layer provides the evaluator; a small stand-in here.
  PlannerOptions on;
  on.evaluate_constant = [](const BoundExpr& e) -> Result<Value> {
    if (e.kind != BoundKind::kArith) return Status::InvalidArgument("not supported");
    return Arithmetic(static_cast<ArithOp>(e.op), e.children[0]->constant, e.children[1]->constant);
  };
  EXPECT_EQ(Explain("select a from t where b > 2 * 3 + 1", on), "PROJECT #0\n  FILTER (#1 > 7)\n    SCAN t\n");
  PlannerOptions off;
  off.evaluate_constant = nullptr;
  EXPECT_EQ(Explain("select a from t where b > 2 * 3", off), "PROJECT #0\n  FILTER (#1 > (2 * 3))\n    SCAN t\n");
}

TEST_F(PlannerTest, TopN) {
  EXPECT_EQ(Explain("select a from t order by b limit 3 offset 2"),
            "PROJECT #0\n  LIMIT 3 OFFSET 2\n    TOP 5 BY #1\n      PROJECT #0, #1\n        SCAN t\n");
  PlannerOptions off;
  off.top_n = false;
  EXPECT_EQ(Explain("select a from t order by b limit 3", off),
            "PROJECT #0\n  LIMIT 3\n    SORT BY #1\n      PROJECT #0, #1\n        SCAN t\n");
}

TEST_F(PlannerTest, IndexLookup) {
  EXPECT_EQ(Explain("select f from v where e = 3"), "PROJECT #0\n  SEARCH v USING INDEX ve (1 keys)\n");
  EXPECT_EQ(Explain("select f from v where e in (1, 2)"), "PROJECT #0\n  SEARCH v USING INDEX ve (2 keys)\n");
  PlannerOptions off;
  off.use_indexes = false;
  EXPECT_EQ(Explain("select f from v where e = 3", off), "PROJECT #1\n  FILTER (#0 = 3)\n    SCAN v\n");
}

TEST_F(PlannerTest, ColumnPruning) {
  // With pruning the join carries 3 columns (a, c, d); without, 6 (a, b,
  // rowid, c, d, rowid): the projection's slots show it.
  EXPECT_EQ(Explain("select a, d from t, u where a = c"),
            "PROJECT #0, #2\n  HASH JOIN ON [#0] = [#0]\n    SCAN t\n    SCAN u\n");
  PlannerOptions off;
  off.prune_columns = false;
  EXPECT_EQ(Explain("select a, d from t, u where a = c", off),
            "PROJECT #0, #4\n  HASH JOIN ON [#0] = [#0]\n    SCAN t\n    SCAN u\n");
}

TEST_F(PlannerTest, JoinOrderFollowsConnectedPredicates) {
  // t and v are not connected directly: u comes second.
  std::string plan = Explain("select a from t, v, u where a = c and d = e");
  EXPECT_NE(plan.find("    HASH JOIN ON [#0] = [#0]\n      SCAN t\n      SCAN u\n"), std::string::npos) << plan;
}

}  // namespace
}  // namespace sluice::sql

// Operator tests against naive references: hash join vs nested loop (same
// rows, same order) on random data, hash aggregation with NULL groups and
// NULL inputs, sort and top-N with ties and NULLs vs std::stable_sort.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "sql/exec/expr_eval.h"
#include "sql/exec/operator.h"
#include "sql/planner/test_catalog.h"

namespace sluice::sql {
namespace {

PlannerOptions Options(bool hash) {
  PlannerOptions o;
  o.hash_joins = hash;
  o.evaluate_constant = [](const BoundExpr& e) {
    ExecContext ctx;
    return EvaluateConstant(e, &ctx);
  };
  return o;
}

// Runs a query; rows as debug strings.
std::vector<std::string> RunQuery(const Catalog& catalog, const std::string& sql, bool hash = true,
                                  std::string* explain = nullptr) {
  StatementPtr holder;
  Result<BoundQuery> q = PlanSelect(catalog, sql, Options(hash), &holder);
  EXPECT_TRUE(q.ok()) << q.status().message();
  if (!q.ok()) return {};
  if (explain != nullptr) {
    explain->clear();
    for (const std::string& l : ExplainPlan(*q->plan)) *explain += l + "\n";
  }
  ExecContext ctx;
  RowStore rows;
  Status st = Materialize(*q->plan, &ctx, &rows);
  EXPECT_TRUE(st.ok()) << st.message();
  std::vector<std::string> out;
  for (size_t r = 0; r < rows.size; ++r) {
    std::string s;
    for (auto& col : rows.columns) s += col[r].DebugString() + "|";
    out.push_back(s);
  }
  return out;
}

Value RandomValue(std::mt19937& rng) {
  switch (rng() % 6) {
    case 0: return Value();
    case 1: return Value::Real(static_cast<double>(rng() % 5));
    case 2: return Value::Text(std::to_string(rng() % 5));
    default: return Value::Integer(rng() % 5);
  }
}

TEST(JoinTest, HashJoinMatchesNestedLoopOnRandomData) {
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    std::mt19937 rng(seed);
    Catalog catalog;
    std::vector<std::vector<Value>> l, r;
    for (int i = 0; i < 300; ++i) l.push_back({RandomValue(rng), Value::Integer(i)});
    for (int i = 0; i < 200; ++i) r.push_back({RandomValue(rng), Value::Integer(i)});
    // Untyped columns: 1, 1.0 and '1' follow SQLite's comparison rules.
    AddTestTable(&catalog, "l", {"k", "i"}, l, "");
    AddTestTable(&catalog, "r", {"k", "j"}, r, seed % 2 ? "INTEGER" : "");
    for (const char* sql :
         {"select i, j from l, r where l.k = r.k", "select i, j from l left join r on l.k = r.k and j % 3 = 0",
          "select i, j from l join r on r.k = l.k and i < j"}) {
      std::string hash_plan, loop_plan;
      std::vector<std::string> hashed = RunQuery(catalog, sql, true, &hash_plan);
      std::vector<std::string> looped = RunQuery(catalog, sql, false, &loop_plan);
      EXPECT_NE(hash_plan.find("HASH JOIN"), std::string::npos) << hash_plan;
      EXPECT_EQ(loop_plan.find("HASH JOIN"), std::string::npos) << loop_plan;
      EXPECT_EQ(hashed, looped) << sql << " seed " << seed;
    }
  }
}

TEST(AggregateTest, NullsAndGroupOrder) {
  Catalog catalog;
  AddTestTable(&catalog, "t", {"g", "v"},
               {{Value::Integer(2), Value::Integer(5)},
                {Value(), Value::Integer(1)},
                {Value::Integer(1), Value()},
                {Value::Integer(2), Value()},
                {Value(), Value::Integer(7)}},
               "");
  EXPECT_EQ(RunQuery(catalog, "select g, count(*), count(v), sum(v), min(v) from t group by g"),
            (std::vector<std::string>{"NULL|2|2|8|1|", "1|1|0|NULL|NULL|", "2|2|1|5|5|"}));
  EXPECT_EQ(RunQuery(catalog, "select count(*), sum(v), max(g) from t where v > 100"),
            (std::vector<std::string>{"0|NULL|NULL|"}));
  EXPECT_EQ(RunQuery(catalog, "select g, count(*) from t where v > 100 group by g"), std::vector<std::string>{});
  EXPECT_EQ(RunQuery(catalog, "select count(distinct g), count(distinct v) from t"),
            (std::vector<std::string>{"2|3|"}));
}

TEST(SortTest, MatchesStableSortWithTiesAndNulls) {
  std::mt19937 rng(7);
  Catalog catalog;
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 5000; ++i) rows.push_back({RandomValue(rng), Value::Integer(i)});
  AddTestTable(&catalog, "t", {"k", "i"}, rows, "");
  // Reference: stable sort by k (NULLs first), ties in input order.
  std::vector<size_t> order(rows.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return CompareValues(rows[a][0], rows[b][0]) < 0; });
  std::vector<std::string> want;
  for (size_t i : order) want.push_back(rows[i][0].DebugString() + "|" + std::to_string(i) + "|");
  EXPECT_EQ(RunQuery(catalog, "select k, i from t order by k"), want);
  std::vector<std::string> top(want.begin(), want.begin() + 100);
  std::string plan;
  EXPECT_EQ(RunQuery(catalog, "select k, i from t order by k limit 100", true, &plan), top);
  EXPECT_NE(plan.find("TOP 100"), std::string::npos) << plan;
  std::vector<std::string> mid(want.begin() + 10, want.begin() + 30);
  EXPECT_EQ(RunQuery(catalog, "select k, i from t order by k limit 20 offset 10"), mid);
  // DESC puts NULLs last; NULLS FIRST overrides.
  std::vector<std::string> desc = RunQuery(catalog, "select k from t order by k desc");
  EXPECT_EQ(desc.back(), "NULL|");
  std::vector<std::string> nulls_first = RunQuery(catalog, "select k from t order by k desc nulls first");
  EXPECT_EQ(nulls_first.front(), "NULL|");
}

TEST(SetOpTest, SortedDistinctResults) {
  Catalog catalog;
  EXPECT_EQ(RunQuery(catalog, "select 2 union select 1 union select 2 union select null"),
            (std::vector<std::string>{"NULL|", "1|", "2|"}));
  EXPECT_EQ(RunQuery(catalog, "select 3 union all select 1 except select 3"), (std::vector<std::string>{"1|"}));
}

}  // namespace
}  // namespace sluice::sql

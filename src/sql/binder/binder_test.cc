// Binder unit tests: name resolution, result column names, aggregate
// detection and SQLite's error messages and result codes.
#include "sql/binder/binder.h"

#include <gtest/gtest.h>
#include <pthread.h>

#include <functional>

#include "sql/parser/parser.h"

namespace sluice::sql {
namespace {

// Runs `body` on a thread with a 256 MB stack and waits for it. The
// deepest statements the binder's limits allow fit in a few MB in an
// optimised build (the main thread has 8 MB), but the sanitizer builds use
// several times the stack per frame; the tests are about the limits, not
// about the build's frame sizes.
void OnLargeStack(const std::function<void()>& body) {
  pthread_attr_t attr;
  ASSERT_EQ(pthread_attr_init(&attr), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&attr, size_t{256} << 20), 0);
  pthread_t thread;
  auto run = [](void* arg) -> void* {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&thread, &attr, run, const_cast<std::function<void()>*>(&body)), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

class BinderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AddTable("t", {{"a", "INTEGER"}, {"b", "TEXT"}});
    AddTable("u", {{"a", "INTEGER"}, {"c", ""}});
  }
  void AddTable(const std::string& name, std::vector<std::pair<std::string, std::string>> cols) {
    auto t = std::make_shared<Table>();
    t->name = name;
    for (auto& [n, type] : cols) {
      ColumnInfo c;
      c.name = n;
      c.type_name = type;
      c.affinity = AffinityFromTypeName(type);
      t->columns_info.push_back(c);
    }
    t->data.InitColumns(cols.size());
    catalog_.AddTable(t);
  }
  // Binds a SELECT; returns its column names joined by ',' or the error as
  // "<SQLite result code name>: <message>".
  std::string Bind(const std::string& sql) {
    Result<StatementPtr> s = ParseStatement(sql);
    if (!s.ok()) return Describe(s.status());
    statements_.push_back(std::move(*s));
    Binder binder(catalog_);
    Result<BoundQuery> q = binder.BindSelect(*statements_.back()->As<SelectStatement>().select, *statements_.back());
    if (!q.ok()) return Describe(q.status());
    std::string names;
    for (const std::string& n : q->names) names += (names.empty() ? "" : ",") + n;
    return names;
  }

  static std::string Describe(const Status& s) {
    return std::string(ResultCodeName(s.extended_result_code())) + ": " + s.message();
  }

  // Binds an INSERT / UPDATE / DELETE; returns its plan as EXPLAIN lines
  // joined by '|', or the error.
  std::string BindDml(const std::string& sql) {
    Result<StatementPtr> s = ParseStatement(sql);
    if (!s.ok()) return "parse: " + s.status().message();
    statements_.push_back(std::move(*s));
    const Statement& st = *statements_.back();
    Binder binder(catalog_);
    Result<PlanPtr> plan = st.kind == StatementKind::kInsert   ? binder.BindInsert(st.As<InsertStatement>())
                           : st.kind == StatementKind::kUpdate ? binder.BindUpdate(st.As<UpdateStatement>())
                                                               : binder.BindDelete(st.As<DeleteStatement>());
    if (!plan.ok()) return "error: " + plan.status().message();
    std::string out;
    for (const std::string& line : ExplainPlan(**plan)) out += (out.empty() ? "" : "|") + line;
    return out;
  }

  Catalog catalog_;
  std::vector<StatementPtr> statements_;
};

TEST_F(BinderTest, ModifyStatementsArePlansUnderAModifyNode) {
  EXPECT_EQ(BindDml("insert into t values (1, 'x'), (2, 'y')"), "INSERT INTO t|  VALUES 2 rows");
  EXPECT_EQ(BindDml("insert into t(b) select c from u"), "INSERT INTO t|  PROJECT @3|    SCAN u");
  EXPECT_EQ(BindDml("insert into t default values"), "INSERT INTO t");
  EXPECT_EQ(BindDml("update t set b = 'z' where a = 1"), "UPDATE t|  FILTER (@1 = 1)|    SCAN t");
  EXPECT_EQ(BindDml("delete from u"), "DELETE FROM u|  SCAN u");
  EXPECT_EQ(BindDml("insert into t values (1)"), "error: table t has 2 columns but 1 values were supplied");
  EXPECT_EQ(BindDml("insert into t(a, zz) values (1, 2)"), "error: table t has no column named zz");
  EXPECT_EQ(BindDml("update t set zz = 1"), "error: no such column: zz");
  EXPECT_EQ(BindDml("delete from nosuch"), "error: no such table: nosuch");
}

TEST_F(BinderTest, ResultColumnNames) {
  EXPECT_EQ(Bind("select a+b  from t"), "a+b");
  EXPECT_EQ(Bind("select A, t.B, a AS x from t"), "a,b,x");
  EXPECT_EQ(Bind("select * from t, u"), "a,b,a,c");
  EXPECT_EQ(Bind("select * from t join u using (a)"), "a,b,c");
  EXPECT_EQ(Bind("select u.* from t, u"), "a,c");
  EXPECT_EQ(Bind("select \"dog\" as name"), "name");
  EXPECT_EQ(Bind("select count(*), max( a ) from t"), "count(*),max( a )");
  EXPECT_EQ(Bind("select * from (values (1, 2))"), "column1,column2");
}

TEST_F(BinderTest, NameResolutionErrors) {
  EXPECT_EQ(Bind("select * from nosuch"), "SQLITE_ERROR: no such table: nosuch");
  EXPECT_EQ(Bind("select x from t"), "SQLITE_ERROR: no such column: x");
  EXPECT_EQ(Bind("select v.a from t"), "SQLITE_ERROR: no such column: v.a");
  EXPECT_EQ(Bind("select a from t, u"), "SQLITE_ERROR: ambiguous column name: a");
  EXPECT_EQ(Bind("select v.* from t"), "SQLITE_ERROR: no such table: v");
  EXPECT_EQ(Bind("select *"), "SQLITE_ERROR: no tables specified");
  EXPECT_EQ(Bind("select \"x\" from t"), "\"x\"");  // falls back to a string
  EXPECT_EQ(Bind("select b from t where (a, b) = (1, 2)"), "SQLITE_ERROR: row value misused");
}

TEST_F(BinderTest, CorrelationAndAliases) {
  EXPECT_EQ(Bind("select (select count(*) from u where u.a = t.a) from t"), "(select count(*) from u where u.a = t.a)");
  EXPECT_EQ(Bind("select a+1 as z from t where z > 2 order by z"), "z");
  EXPECT_EQ(Bind("select a as k, count(*) from t group by k having count(*) > 1"), "k,count(*)");
}

TEST_F(BinderTest, AggregateErrors) {
  EXPECT_EQ(Bind("select a from t where max(a) > 1"), "SQLITE_ERROR: misuse of aggregate: max()");
  EXPECT_EQ(Bind("select count(count(a)) from t"), "SQLITE_ERROR: misuse of aggregate function count()");
  EXPECT_EQ(Bind("select a from t having a > 1"), "SQLITE_ERROR: HAVING clause on a non-aggregate query");
  EXPECT_EQ(Bind("select a from t group by 3"),
            "SQLITE_ERROR: 1st GROUP BY term out of range - should be between 1 and 1");
  EXPECT_EQ(Bind("select foo(a) from t"), "SQLITE_ERROR: no such function: foo");
  EXPECT_EQ(Bind("select abs(a, b) from t"), "SQLITE_ERROR: wrong number of arguments to function abs()");
}

TEST_F(BinderTest, OrderByAndCompoundErrors) {
  EXPECT_EQ(Bind("select a, b from t order by 3"),
            "SQLITE_ERROR: 1st ORDER BY term out of range - should be between 1 and 2");
  EXPECT_EQ(Bind("select a from t order by a, 0"),
            "SQLITE_ERROR: 2nd ORDER BY term out of range - should be between 1 and 1");
  EXPECT_EQ(Bind("select 1 union select 1, 2"),
            "SQLITE_ERROR: SELECTs to the left and right of UNION do not have the same number of result columns");
  EXPECT_EQ(Bind("select 1 as x union select 2 order by y"),
            "SQLITE_ERROR: 1st ORDER BY term does not match any column in the result set");
  EXPECT_EQ(Bind("select (select a, b from t)"), "SQLITE_ERROR: sub-select returns 2 columns - expected 1");
  EXPECT_EQ(Bind("select 1 as x union select 2 order by x"), "x");
}

// A chain of WITH tables: each is a nested query of the next.
std::string CteChain(int n) {
  std::string sql = "with c0 as (select 1)";
  for (int i = 1; i < n; ++i) sql += ", c" + std::to_string(i) + " as (select * from c" + std::to_string(i - 1) + ")";
  return sql + " select * from c" + std::to_string(n - 1);
}

TEST_F(BinderTest, NestedQueriesAreBoundedNotAStackOverflow) {
  OnLargeStack([&] {
    EXPECT_EQ(Bind(CteChain(500)), "1");
    // Without a limit this chain overflowed the stack.
    EXPECT_EQ(Bind(CteChain(3000)),
              "SQLITE_ERROR: views, WITH tables and subqueries nested too deeply (maximum depth 1000)");
  });
}

TEST_F(BinderTest, ViewChainsHitTheDepthLimitAndCyclesAreCircular) {
  auto add_view = [&](const std::string& name, const std::string& from) {
    std::string sql = "create view " + name + " as select * from " + from;
    Result<StatementPtr> s = ParseStatement(sql);
    ASSERT_TRUE(s.ok());
    ViewInfo v;
    v.name = name;
    v.sql = sql;
    v.ast = std::shared_ptr<const CreateViewStatement>(static_cast<CreateViewStatement*>(s->release()));
    catalog_.AddView(std::move(v));
  };
  add_view("v0", "t");
  for (int i = 1; i < 1500; ++i) add_view("v" + std::to_string(i), "v" + std::to_string(i - 1));
  OnLargeStack([&] {
    EXPECT_EQ(Bind("select * from v900"), "a,b");
    EXPECT_EQ(Bind("select * from v1499"),
              "SQLITE_ERROR: views, WITH tables and subqueries nested too deeply (maximum depth 1000)");
  });
  add_view("x", "y");
  add_view("y", "z");
  add_view("z", "x");
  EXPECT_EQ(Bind("select * from x"), "SQLITE_ERROR: view x is circularly defined");
}

TEST_F(BinderTest, ExpressionsNestedThroughQueriesAreBounded) {
  // Each WITH table is 400 expression levels deep over the previous one:
  // the parser accepts every part, the binder bounds the sum.
  std::string sql = "with c0 as (select 1 as a)";
  std::string minus;
  for (int i = 0; i < 400; ++i) minus += "- ";
  for (int i = 1; i < 8; ++i) {
    sql += ", c" + std::to_string(i) + " as (select " + minus + "(select a from c" + std::to_string(i - 1) + ") as a)";
  }
  OnLargeStack([&] {
    EXPECT_EQ(Bind(sql + " select a from c4"), "a");
    EXPECT_EQ(Bind(sql + " select a from c7"), "SQLITE_ERROR: Expression tree is too large (maximum depth 2000)");
  });
}

TEST_F(BinderTest, AtMost64TablesInAJoin) {
  auto tables = [](int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += std::string(i > 0 ? "," : "") + "t";
    return out;
  };
  EXPECT_EQ(Bind("select count(*) from " + tables(64)), "count(*)");
  EXPECT_EQ(Bind("select count(*) from " + tables(65)), "SQLITE_ERROR: at most 64 tables in a join");
  EXPECT_EQ(Bind("select count(*) from " + tables(5000)), "SQLITE_ERROR: at most 64 tables in a join");
  // A subquery's tables count for the subquery.
  EXPECT_EQ(Bind("select count(*) from " + tables(60) + ", (select count(*) from " + tables(10) + ")"), "count(*)");
  // Binding names comes first (sqlite3 resolves names before planning).
  EXPECT_EQ(Bind("select count(*) from " + tables(64) + ", nosuch"), "SQLITE_ERROR: no such table: nosuch");
}

TEST_F(BinderTest, JoinsNestedThroughSubqueriesAreBounded) {
  // Each level joins 63 tables to the level below: the plan is as deep as
  // all those tables together, and the planner walks it recursively.
  auto nest = [](int levels) {
    std::string q = "select 1 as a";
    for (int i = 0; i < levels; ++i) {
      q = "select x.a from (" + q + ") as x";
      for (int j = 0; j < 63; ++j) q += ", t";
    }
    return q;
  };
  EXPECT_EQ(Bind(nest(31)), "a");
  EXPECT_EQ(Bind(nest(32)),
            "SQLITE_ERROR: joins nested too deeply (at most 2000 tables in the FROM clauses of nested queries)");
}

}  // namespace
}  // namespace sluice::sql

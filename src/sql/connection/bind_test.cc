// Tests of parameters (Statement::Bind*, bind_parameter_*, ClearBindings,
// Reset). Expected values and messages are what sqlite3 3.40's C API
// gives for the same calls (sqlite3_bind_*, sqlite3_errmsg).
#include <gtest/gtest.h>

#include <cmath>

#include "sluice/database.h"

namespace sluice {
namespace {

class BindTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::Open(":memory:");
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
  }
  std::unique_ptr<Statement> Prepare(std::string_view sql) {
    PrepareOutcome p = db_->Prepare(sql);
    EXPECT_TRUE(p.status.ok()) << p.status.message();
    return std::move(p.statement);
  }
  // The rows of a run: "a|b;c|d;" (NULL as "NULL"), or "error: msg".
  static std::string Run(Statement* s) {
    std::string out;
    while (true) {
      Result<bool> row = s->Step();
      if (!row.ok()) return out + "error: " + row.status().message();
      if (!*row) break;
      for (int c = 0; c < s->column_count(); ++c) {
        if (c > 0) out += "|";
        out += s->column_type(c) == ColumnType::kNull ? std::string("NULL") : std::string(s->column_text(c));
      }
      out += ";";
    }
    return out;
  }
  std::string Query(std::string_view sql) { return Run(Prepare(sql).get()); }

  std::unique_ptr<Database> db_;
};

TEST_F(BindTest, SlotsAreNumberedAsSqliteNumbersThem) {
  auto s = Prepare("select ?, ?5, :a, @b, $c, ?, :a, ?2");
  EXPECT_EQ(s->bind_parameter_count(), 9);
  const char* names[] = {"", "", "?2", "", "", "?5", ":a", "@b", "$c", "", ""};
  for (int i = 0; i <= 10; ++i) EXPECT_EQ(s->bind_parameter_name(i), names[i]) << i;
  EXPECT_EQ(s->bind_parameter_index(":a"), 6);
  EXPECT_EQ(s->bind_parameter_index("@b"), 7);
  EXPECT_EQ(s->bind_parameter_index("$c"), 8);
  EXPECT_EQ(s->bind_parameter_index("?5"), 5);
  EXPECT_EQ(s->bind_parameter_index("?2"), 2);
  EXPECT_EQ(s->bind_parameter_index("a"), 0);
  EXPECT_EQ(s->bind_parameter_index("?1"), 0);
  EXPECT_EQ(Prepare("select 1")->bind_parameter_count(), 0);
}

TEST_F(BindTest, ValuesOfEveryType) {
  auto s = Prepare("select ?, ?5, :a, @b, $c, ?, :a, ?2");
  ASSERT_TRUE(s->BindInt64(1, 42).ok());
  ASSERT_TRUE(s->BindDouble(5, 2.5).ok());
  ASSERT_TRUE(s->BindText(6, "hi").ok());
  ASSERT_TRUE(s->BindBlob(7, std::string_view("\x01\x02", 2)).ok());
  ASSERT_TRUE(s->BindNull(8).ok());
  ASSERT_TRUE(s->BindInt64(2, 7).ok());
  ASSERT_TRUE(*s->Step());
  const ColumnType types[] = {ColumnType::kInteger, ColumnType::kReal, ColumnType::kText, ColumnType::kBlob,
                              ColumnType::kNull,    ColumnType::kNull, ColumnType::kText, ColumnType::kInteger};
  for (int c = 0; c < 8; ++c) EXPECT_EQ(s->column_type(c), types[c]) << c;
  EXPECT_EQ(s->column_name(1), "?5");
  EXPECT_EQ(s->column_int64(0), 42);
  EXPECT_EQ(s->column_double(1), 2.5);
  EXPECT_EQ(s->column_text(2), "hi");
  EXPECT_EQ(s->column_blob(3), std::string_view("\x01\x02", 2));
  EXPECT_EQ(s->column_text(6), "hi");
  EXPECT_EQ(s->column_int64(7), 7);
  EXPECT_FALSE(*s->Step());

  auto t = Prepare("select ?1 || ?1, typeof(?1), ?1 + 1, quote(?2)");
  ASSERT_TRUE(t->BindDouble(1, 2.5).ok());
  ASSERT_TRUE(t->BindBlob(2, "ab").ok());
  EXPECT_EQ(Run(t.get()), "2.52.5|real|3.5|X'6162';");
  auto nan = Prepare("select ?1 is null, typeof(?1)");
  ASSERT_TRUE(nan->BindDouble(1, std::nan("")).ok());
  EXPECT_EQ(Run(nan.get()), "1|null;");
}

// Binding by name: bind_parameter_index gives the slot of a name written
// with its prefix; every use of the name reads that one slot.
TEST_F(BindTest, BindingByName) {
  auto s = Prepare("select :name || '-' || @n, :name, $v * 2, ?");
  ASSERT_TRUE(s->BindText(s->bind_parameter_index(":name"), "ann").ok());
  ASSERT_TRUE(s->BindInt64(s->bind_parameter_index("@n"), 7).ok());
  ASSERT_TRUE(s->BindDouble(s->bind_parameter_index("$v"), 1.25).ok());
  ASSERT_TRUE(s->BindText(4, "last").ok());  // a bare ? has no name
  EXPECT_EQ(s->bind_parameter_count(), 4);
  EXPECT_EQ(Run(s.get()), "ann-7|ann|2.5|last;");
  // ?3 names slot 3 only when no name took it (here $v did), as in sqlite3.
  EXPECT_EQ(Prepare("select :a, :b, $v, ?3")->bind_parameter_index("?3"), 0);
  // A name not in the statement has no slot; binding slot 0 is refused.
  EXPECT_EQ(s->bind_parameter_index(":nosuch"), 0);
  s->Reset();
  EXPECT_EQ(s->BindInt64(s->bind_parameter_index(":nosuch"), 1).message(), "column index out of range");
  // Writes by name, rerun with new values after Reset.
  ASSERT_EQ(Query("create table p(k text, v)"), "");
  auto ins = Prepare("insert into p values (:k, :v)");
  for (const auto& [k, v] : {std::pair<const char*, int64_t>{"a", 1}, {"b", 2}}) {
    ASSERT_TRUE(ins->BindText(ins->bind_parameter_index(":k"), k).ok());
    ASSERT_TRUE(ins->BindInt64(ins->bind_parameter_index(":v"), v).ok());
    EXPECT_EQ(Run(ins.get()), "");
    ins->Reset();
  }
  EXPECT_EQ(Query("select k, v from p order by k"), "a|1;b|2;");
}

TEST_F(BindTest, ErrorsAreSqlites) {
  auto s = Prepare("select ?, ?");
  EXPECT_EQ(s->BindInt64(0, 1).message(), "column index out of range");
  EXPECT_EQ(s->BindInt64(3, 1).message(), "column index out of range");
  EXPECT_EQ(Prepare("select 1")->BindInt64(1, 1).message(), "column index out of range");
  ASSERT_TRUE(*s->Step());
  EXPECT_EQ(s->BindInt64(1, 1).message(), "bad parameter or other API misuse");
  EXPECT_FALSE(*s->Step());
  EXPECT_EQ(s->BindText(1, "x").message(), "bad parameter or other API misuse");
  s->Reset();
  EXPECT_TRUE(s->BindText(1, "x").ok());
  EXPECT_EQ(Run(s.get()), "x|NULL;");
}

TEST_F(BindTest, ResetRunsAgainWithTheBindingsKeptUntilCleared) {
  auto s = Prepare("select ?1, ?2");
  ASSERT_TRUE(s->BindInt64(1, 1).ok());
  ASSERT_TRUE(s->BindText(2, "a").ok());
  EXPECT_EQ(Run(s.get()), "1|a;");
  EXPECT_EQ(Run(s.get()), "");  // finished until reset
  s->Reset();
  EXPECT_EQ(Run(s.get()), "1|a;");
  s->Reset();
  ASSERT_TRUE(s->BindInt64(2, 3).ok());
  EXPECT_EQ(Run(s.get()), "1|3;");
  s->Reset();
  s->ClearBindings();
  EXPECT_EQ(Run(s.get()), "NULL|NULL;");
}

TEST_F(BindTest, InsertUpdateDeleteWithParameters) {
  ASSERT_TRUE(db_->Execute("create table t(a integer primary key, b text)").ok());
  auto ins = Prepare("insert into t(a,b) values(:a,:b)");
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(ins->BindInt64(1, i).ok());
    ASSERT_TRUE(ins->BindText(2, "r" + std::to_string(i)).ok());
    EXPECT_EQ(Run(ins.get()), "");
    EXPECT_EQ(ins->changes(), 1);
    ins->Reset();
  }
  ASSERT_TRUE(ins->BindInt64(1, 2).ok());
  EXPECT_EQ(Run(ins.get()), "error: UNIQUE constraint failed: t.a");
  auto upd = Prepare("update t set b = ?2 || b where a >= ?1");
  ASSERT_TRUE(upd->BindInt64(1, 2).ok());
  ASSERT_TRUE(upd->BindText(2, "x").ok());
  EXPECT_EQ(Run(upd.get()), "");
  EXPECT_EQ(upd->changes(), 2);
  auto del = Prepare("delete from t where b = $b");
  ASSERT_TRUE(del->BindText(1, "xr3").ok());
  EXPECT_EQ(Run(del.get()), "");
  EXPECT_EQ(del->changes(), 1);
  EXPECT_EQ(Query("select * from t"), "1|r1;2|xr2;");
}

TEST_F(BindTest, AffinityAppliesToBoundValues) {
  ASSERT_TRUE(db_->Execute("create table t(a integer, b text, c)").ok());
  auto ins = Prepare("insert into t values(?1, ?1, ?1)");
  ASSERT_TRUE(ins->BindText(1, "12").ok());
  EXPECT_EQ(Run(ins.get()), "");
  ins->Reset();
  ASSERT_TRUE(ins->BindInt64(1, 5).ok());
  EXPECT_EQ(Run(ins.get()), "");
  ins->Reset();
  ASSERT_TRUE(ins->BindDouble(1, 3.0).ok());
  EXPECT_EQ(Run(ins.get()), "");
  auto q = Prepare("select a, typeof(a), b, typeof(b), c, typeof(c) from t where a > ? order by a limit ?");
  ASSERT_TRUE(q->BindInt64(1, 3).ok());
  ASSERT_TRUE(q->BindInt64(2, 5).ok());
  EXPECT_EQ(Run(q.get()), "5|integer|5|text|5|integer;12|integer|12|text|12|text;");
  q->Reset();
  ASSERT_TRUE(q->BindInt64(1, 0).ok());
  ASSERT_TRUE(q->BindInt64(2, 1).ok());
  EXPECT_EQ(Run(q.get()), "3|integer|3.0|text|3.0|real;");
}

TEST_F(BindTest, ResetSeesTheCurrentSchemaAndRows) {
  ASSERT_TRUE(db_->Execute("create table t(a); insert into t values (1), (2)").ok());
  auto s = Prepare("select count(*) from t");
  EXPECT_EQ(Run(s.get()), "2;");
  ASSERT_TRUE(db_->Execute("insert into t values (10)").ok());
  s->Reset();
  EXPECT_EQ(Run(s.get()), "3;");
  ASSERT_TRUE(db_->Execute("drop table t").ok());
  s->Reset();
  EXPECT_EQ(Run(s.get()), "error: no such table: t");
  EXPECT_EQ(Run(s.get()), "");
}

}  // namespace
}  // namespace sluice

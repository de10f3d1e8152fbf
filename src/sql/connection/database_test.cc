// Tests of the public API implementation: prepare vs step errors with
// sqlite3's messages, result codes and offsets, statement text and
// consumption, changes(), column names and accessors, atomicity,
// transactions, the Appender, schema text.
#include "sluice/database.h"
#include "sql/connection/test_util.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::Open(":memory:");
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
  }
  // "prepare: msg" / "step: msg", from the phase the error carries.
  static std::string Describe(const Status& s) {
    switch (s.phase()) {
      case ErrorPhase::kPrepare: return "prepare: " + s.message();
      case ErrorPhase::kStep: return "step: " + s.message();
      case ErrorPhase::kNone: break;
    }
    return "no phase: " + s.message();
  }
  // "rows a|b;c|d" / "prepare: msg" / "step: msg" of one statement.
  std::string Q(std::string_view sql) {
    PrepareOutcome p = db_->Prepare(sql);
    if (!p.status.ok()) return Describe(p.status);
    if (!p.statement) return "empty";
    std::string out;
    if (Status s = sql::testing::AppendRowsText(*p.statement, &out); !s.ok()) return out + Describe(s);
    return out;
  }
  void Exec(std::string_view sql) { ASSERT_TRUE(db_->Execute(sql).ok()) << sql; }
  // The error of one statement (prepared and stepped to the end).
  Status Run(std::string_view sql) {
    PrepareOutcome p = db_->Prepare(sql);
    if (!p.status.ok() || !p.statement) return p.status;
    while (true) {
      Result<bool> row = p.statement->Step();
      if (!row.ok()) return row.status();
      if (!*row) return Status::OK();
    }
  }
  // "<primary>/<extended>" result codes of Run(sql).
  std::string Codes(std::string_view sql) {
    Status s = Run(sql);
    return std::to_string(static_cast<int>(s.result_code())) + "/" +
           std::to_string(static_cast<int>(s.extended_result_code()));
  }

  std::unique_ptr<Database> db_;
};

TEST_F(DatabaseTest, OpenInMemoryAndReportUnopenableFiles) {
  EXPECT_TRUE(Database::Open("").ok());
  Result<std::unique_ptr<Database>> f = Database::Open("/nonexistent-dir/x.db");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("/nonexistent-dir/x.db"), std::string::npos) << f.status().message();
}

TEST_F(DatabaseTest, PrepareConsumesOneStatement) {
  std::string_view sql = "select 1;  select 2 ;\n-- done\n";
  PrepareOutcome p = db_->Prepare(sql);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.statement->sql(), "select 1;");
  EXPECT_EQ(p.consumed, 9u);
  sql.remove_prefix(p.consumed);
  p = db_->Prepare(sql);
  EXPECT_EQ(p.statement->sql(), "select 2 ;");
  sql.remove_prefix(p.consumed);
  p = db_->Prepare(sql);
  EXPECT_TRUE(p.status.ok());
  EXPECT_EQ(p.statement, nullptr);
  PrepareOutcome bad = db_->Prepare("selec 1; select 2");
  EXPECT_EQ(bad.status.message(), "near \"selec\": syntax error");
  EXPECT_EQ(bad.status.error_offset(), 0);
  EXPECT_EQ(bad.consumed, 8u);
}

TEST_F(DatabaseTest, ErrorMessagesAndWhenTheyHappen) {
  Exec("create table t(a integer primary key, b not null, c unique)");
  EXPECT_EQ(Q("create table t(x)"), "prepare: table t already exists");
  EXPECT_EQ(Q("select * from u"), "prepare: no such table: u");
  EXPECT_EQ(Q("insert into t values (1, 2)"), "prepare: table t has 3 columns but 2 values were supplied");
  EXPECT_EQ(Q("insert into t(a) values (1, 2)"), "prepare: 2 values for 1 columns");
  EXPECT_EQ(Q("insert into t(z) values (1)"), "prepare: table t has no column named z");
  EXPECT_EQ(Q("insert into t values ('x', 1, 1)"), "step: datatype mismatch");
  EXPECT_EQ(Q("insert into t values (1, null, 1)"), "step: NOT NULL constraint failed: t.b");
  EXPECT_EQ(Q("insert into t values (1, 1, 1), (2, 2, 1)"), "step: UNIQUE constraint failed: t.c");
  EXPECT_EQ(Q("insert into t values (1, 1, 1), (1, 2, 2)"), "step: UNIQUE constraint failed: t.a");
  EXPECT_EQ(Q("select count(*) from t"), "0;");  // both statements undone
  EXPECT_EQ(Q("begin"), "");
  EXPECT_EQ(Q("begin"), "step: cannot start a transaction within a transaction");
  EXPECT_EQ(Q("commit"), "");
  EXPECT_EQ(Q("commit"), "step: cannot commit - no transaction is active");
  EXPECT_EQ(Q("rollback"), "step: cannot rollback - no transaction is active");
  EXPECT_EQ(Q("select 1 limit 'x'"), "step: datatype mismatch");
  EXPECT_EQ(Q("create table big(x); insert into big values (9223372036854775807), (1)"), "");
  Exec("insert into big values (9223372036854775807), (1)");
  EXPECT_EQ(Q("select sum(x) from big"), "step: integer overflow");
  EXPECT_EQ(Q("drop table nosuch"), "prepare: no such table: nosuch");
  EXPECT_EQ(Q("drop index nosuch"), "prepare: no such index: nosuch");
  EXPECT_EQ(Q("pragma nosuch_pragma"), "");
  EXPECT_EQ(Q("create trigger tr after insert on t begin delete from t; end"), "");
  EXPECT_EQ(Q("create trigger tr after insert on t begin select 1; end"), "prepare: trigger tr already exists");
  EXPECT_EQ(Q("create trigger tr2 before insert on t begin select raise(abort, 'refused'); end"), "");
  EXPECT_EQ(Q("insert into t values (5, 5, 5)"), "step: refused");  // a program's errors are the run's
  EXPECT_EQ(Q("create trigger tr3 after delete on t begin select old.nosuch; end"), "");
  EXPECT_EQ(Q("delete from t"), "prepare: no such column: old.nosuch");  // ... its binding errors the prepare's
}

TEST_F(DatabaseTest, ColumnCountsAreLimitedToSqliteMaxColumn) {
  // "<prefix>x0, x1, ..." with n items (item i is `item` + i when numbered).
  auto list = [](int n, const std::string& item, bool numbered) {
    std::string out;
    for (int i = 0; i < n; ++i) out += (i > 0 ? "," : "") + item + (numbered ? std::to_string(i) : "");
    return out;
  };
  EXPECT_EQ(Q("create table t(" + list(2001, "c", true) + ")"), "prepare: too many columns on t");
  Exec("create table t(" + list(2000, "c", true) + ")");
  EXPECT_EQ(Q("select " + list(2001, "1", false)), "prepare: too many columns in result set");
  EXPECT_EQ(Q("values(" + list(2001, "1", false) + ")"), "prepare: too many columns in result set");
  EXPECT_EQ(Q("select * from t, t as u"), "prepare: too many columns in result set");
  EXPECT_EQ(Q("create index i on t(" + list(2001, "c1", false) + ")"), "prepare: too many columns in index");
  EXPECT_EQ(Q("select 1 from t group by " + list(2001, "c1", false)), "prepare: too many terms in GROUP BY clause");
  EXPECT_EQ(Q("select 1 from t order by " + list(2001, "c1", false)), "prepare: too many terms in ORDER BY clause");
  EXPECT_EQ(Q("select 1 from t union select 2 order by " + list(2001, "1", false)),
            "prepare: too many terms in ORDER BY clause");
  EXPECT_EQ(Q("update t set " + list(2001, "c1=", true)), "prepare: too many columns in set list");
}

TEST_F(DatabaseTest, ErrorOffsetsPointAtTheExpression) {
  Exec("create table t(a)");
  // sqlite3_error_offset() of each: the caret of sqlite3's shell.
  EXPECT_EQ(db_->Prepare("select 1; select t.zz from t").status.error_offset(), -1);  // first statement is fine
  EXPECT_EQ(db_->Prepare("select t.zz from t").status.error_offset(), 7);
  EXPECT_EQ(db_->Prepare("  select foo(a) from t").status.error_offset(), 9);
  EXPECT_EQ(db_->Prepare("select count(*) from t where max(a)").status.error_offset(), 29);
  EXPECT_EQ(db_->Prepare("insert into t values(zz)").status.error_offset(), 21);
  EXPECT_EQ(db_->Prepare("select * from nosuch").status.error_offset(), -1);
  EXPECT_EQ(db_->Prepare("select 1 +;").status.error_offset(), 10);
}

// sqlite3_errcode / sqlite3_extended_errcode of sqlite3 3.40 for the same
// statements (Python's sqlite3 module: sqlite_errorcode).
TEST_F(DatabaseTest, ErrorsCarrySqliteResultCodes) {
  Exec(
      "create table t(a integer primary key, b not null, c unique);"
      "create table p(x text primary key, y); create table q(x, y, primary key(x, y));"
      "create table u(a, b, unique(a, b)); create table r(x);"
      "insert into t values (1, 1, 1); insert into p values ('a', 1); insert into q values (1, 1);"
      "insert into u values (1, 1); insert into r(rowid, x) values (1, 1);");
  EXPECT_EQ(Codes("select 1"), "0/0");
  EXPECT_EQ(Codes("insert into t values (1, 2, 2)"), "19/1555");     // SQLITE_CONSTRAINT_PRIMARYKEY
  EXPECT_EQ(Codes("insert into t values (2, null, 3)"), "19/1299");  // _NOTNULL
  EXPECT_EQ(Codes("insert into t values (2, 2, 1)"), "19/2067");     // _UNIQUE
  EXPECT_EQ(Codes("insert into p values ('a', 2)"), "19/1555");
  EXPECT_EQ(Codes("insert into q values (1, 1)"), "19/1555");
  EXPECT_EQ(Codes("insert into u values (1, 1)"), "19/2067");
  EXPECT_EQ(Codes("insert into r(rowid, x) values (1, 2)"), "19/2579");  // _ROWID
  EXPECT_EQ(Codes("update t set b = null"), "19/1299");
  EXPECT_EQ(Codes("update t set c = 5 where a = 1; insert into t values (3, 3, 5)"), "0/0");
  EXPECT_EQ(Codes("insert into t values (3, 3, 5)"), "19/2067");
  EXPECT_EQ(Codes("create unique index i on r(x); insert into r values (1)"), "0/0");
  Exec("drop index i; insert into r values (1)");
  EXPECT_EQ(Codes("create unique index i on r(x)"), "19/2067");
  EXPECT_EQ(Codes("insert into t values ('x', 1, 9)"), "20/20");  // SQLITE_MISMATCH
  EXPECT_EQ(Codes("select 1 limit 'x'"), "20/20");
  EXPECT_EQ(Codes("select zeroblob(2000000000)"), "18/18");  // SQLITE_TOOBIG
  EXPECT_EQ(Codes("select abs(-9223372036854775808)"), "1/1");
  EXPECT_EQ(Codes("select * from nosuch"), "1/1");
  EXPECT_EQ(Codes("selec 1"), "1/1");
  EXPECT_EQ(Codes("commit"), "1/1");

  Status syntax = Run("select 1,\n  2 frm t");
  EXPECT_EQ(syntax.result_code(), ResultCode::kError);
  EXPECT_EQ(syntax.phase(), ErrorPhase::kPrepare);
  EXPECT_EQ(syntax.error_offset(), 18);  // sqlite3_error_offset(): the "t"
  Status unique = Run("insert into t values (2, 2, 5)");
  EXPECT_EQ(unique.result_code(), ResultCode::kConstraint);
  EXPECT_EQ(unique.extended_result_code(), ResultCode::kConstraintUnique);
  EXPECT_EQ(unique.phase(), ErrorPhase::kStep);
  EXPECT_EQ(unique.error_offset(), -1);
  EXPECT_EQ(unique.message(), "UNIQUE constraint failed: t.c");
  // Database::Execute passes the failed call's status on.
  Status executed = db_->Execute("select 1; insert into t values (2, null, 3); select 2");
  EXPECT_EQ(executed.extended_result_code(), ResultCode::kConstraintNotNull);
  EXPECT_EQ(executed.phase(), ErrorPhase::kStep);
}

TEST_F(DatabaseTest, ChangesNamesAndAccessors) {
  Exec("create table t(x, y)");
  PrepareOutcome p = db_->Prepare("insert into t values (1, 2.5), ('a', null)");
  ASSERT_FALSE(*p.statement->Step());
  EXPECT_EQ(p.statement->changes(), 2);
  p = db_->Prepare("select x, y*2 as z, x+1 from t");
  ASSERT_EQ(p.statement->column_count(), 3);
  EXPECT_EQ(p.statement->column_name(0), "x");
  EXPECT_EQ(p.statement->column_name(1), "z");
  EXPECT_EQ(p.statement->column_name(2), "x+1");
  ASSERT_TRUE(*p.statement->Step());
  EXPECT_EQ(p.statement->column_type(1), ColumnType::kReal);
  EXPECT_EQ(p.statement->column_text(1), "5.0");
  EXPECT_EQ(p.statement->column_double(1), 5.0);
  EXPECT_EQ(p.statement->column_int64(2), 2);
  ASSERT_TRUE(*p.statement->Step());
  EXPECT_EQ(p.statement->column_type(1), ColumnType::kNull);
  EXPECT_EQ(p.statement->column_text(0), "a");
  EXPECT_FALSE(*p.statement->Step());
  EXPECT_FALSE(*p.statement->Step());
  p = db_->Prepare("update t set y = 0 where x = 1");
  ASSERT_FALSE(*p.statement->Step());
  EXPECT_EQ(p.statement->changes(), 1);
}

TEST_F(DatabaseTest, SchemaTextAndExplain) {
  Exec("create table cities as select 38 as latitude, 122 as longitude, 'Berkeley' as name");
  Exec("create table u as select latitude, name || 'x', cast(1 as real) r from cities");
  Exec("create table if not exists primes (n unique, prime default 1)");
  EXPECT_EQ(Q("select sql from sqlite_master where name = 'cities'"),
            "CREATE TABLE cities(\n  latitude,\n  longitude,\n  name\n);");  // 50 bytes: multi-line, as sqlite3
  EXPECT_EQ(Q("select sql from sqlite_master where name = 'u'"), "CREATE TABLE u(latitude,\"name || 'x'\",r REAL);");
  EXPECT_EQ(Q("select sql from sqlite_schema where name = 'primes'"),
            "CREATE TABLE primes (n unique, prime default 1);");
  EXPECT_EQ(Q("select type, name from sqlite_master where tbl_name = 'primes'"),
            "table|primes;index|sqlite_autoindex_primes_1;");
  PrepareOutcome p = db_->Prepare("explain select name from cities where latitude > 40");
  ASSERT_TRUE(p.status.ok());
  EXPECT_TRUE(p.statement->is_explain());
  std::string plan;
  while (*p.statement->Step()) plan += std::string(p.statement->column_text(0)) + "\n";
  EXPECT_EQ(plan, "PROJECT #1\n  FILTER (#0 > 40)\n    SCAN cities\n");
}

TEST_F(DatabaseTest, TransactionsRestoreTheSnapshot) {
  Exec("create table t(x); insert into t values (1)");
  Exec("begin; insert into t values (2); create table u(y); create index ti on t(x)");
  EXPECT_TRUE(db_->in_transaction());
  Exec("rollback");
  EXPECT_FALSE(db_->in_transaction());
  EXPECT_EQ(Q("select x from t"), "1;");
  EXPECT_EQ(Q("select count(*) from sqlite_master"), "1;");
}

TEST_F(DatabaseTest, Appender) {
  Exec("create table t(a integer, b text, c)");
  Result<std::unique_ptr<Appender>> app = db_->CreateAppender("t");
  ASSERT_TRUE(app.ok());
  std::string_view r1[] = {"1", "2", ""};
  std::string_view r2[] = {"x", "3.5", "4"};
  ASSERT_TRUE((*app)->AppendRow(r1).ok());
  ASSERT_TRUE((*app)->AppendRow(r2).ok());
  ASSERT_TRUE((*app)->Finish().ok());
  EXPECT_EQ(Q("select typeof(a), typeof(b), typeof(c), c = '' from t"), "integer|text|text|1;text|text|text|0;");
  EXPECT_FALSE(db_->CreateAppender("nosuch").ok());
}

// Typed values and NULLs; a failing row is left out with the INSERT's
// error and the others are kept (as sqlite3 gives for the same INSERTs).
TEST_F(DatabaseTest, AppenderValuesAndRowErrors) {
  Exec("create table u(a integer primary key, b text not null unique, c real)");
  Result<std::unique_ptr<Appender>> app = db_->CreateAppender("u");
  ASSERT_TRUE(app.ok());
  auto append = [&](std::initializer_list<AppendValue> row) { return (*app)->Append(std::vector<AppendValue>(row)); };
  using V = AppendValue;
  EXPECT_TRUE(append({V::Integer(1), V::Text("x"), V::Null()}).ok());
  EXPECT_EQ(append({V::Integer(2), V::Null(), V::Integer(1)}).message(), "NOT NULL constraint failed: u.b");
  EXPECT_EQ(append({V::Integer(3), V::Text("x"), V::Integer(1)}).message(), "UNIQUE constraint failed: u.b");
  EXPECT_EQ(append({V::Integer(1), V::Text("y"), V::Integer(1)}).message(), "UNIQUE constraint failed: u.a");
  EXPECT_TRUE(append({V::Text("4"), V::Text("z"), V::Text("2")}).ok());
  EXPECT_TRUE(append({V::Integer(5), V::Integer(7), V::Blob("A")}).ok());
  EXPECT_TRUE(append({V::Integer(6), V::Text("w"), V::Real(2.5)}).ok());
  ASSERT_TRUE((*app)->Finish().ok());
  EXPECT_EQ(Q("select a, typeof(a), b, typeof(b), quote(c), typeof(c) from u"),
            "1|integer|x|text|NULL|null;4|integer|z|text|2.0|real;5|integer|7|text|X'41'|blob;"
            "6|integer|w|text|2.5|real;");
}

// CHECK, STRICT and generated columns through the API: sqlite3's extended
// result codes and messages, the Appender included, and changes() of an
// UPDATE OR IGNORE counting only the rows it changed.
TEST_F(DatabaseTest, DeclaredConstraintsAreEnforcedWithTheirResultCodes) {
  Exec("create table c(x int check (x > 0), y int as (x * 2) check (y < 20), z text) strict");
  EXPECT_EQ(Codes("insert into c(x) values (0)"), "19/275");  // SQLITE_CONSTRAINT_CHECK
  EXPECT_EQ(Run("insert into c(x) values (0)").message(), "CHECK constraint failed: x > 0");
  EXPECT_EQ(Run("insert into c(x) values (10)").message(), "CHECK constraint failed: y < 20");
  EXPECT_EQ(Codes("insert into c(x) values ('a')"), "19/3091");  // SQLITE_CONSTRAINT_DATATYPE
  EXPECT_EQ(Run("insert into c(x, z) values (1, x'00')").message(), "cannot store BLOB value in TEXT column c.z");
  EXPECT_EQ(Run("insert into c(x, y) values (1, 2)").message(), "cannot INSERT into generated column \"y\"");
  Result<std::unique_ptr<Appender>> app = db_->CreateAppender("c");
  ASSERT_TRUE(app.ok());
  using V = AppendValue;
  auto append = [&](std::initializer_list<AppendValue> row) { return (*app)->Append(std::vector<AppendValue>(row)); };
  EXPECT_TRUE(append({V::Integer(3), V::Null(), V::Text("a")}).ok());
  Status bad = append({V::Integer(-3), V::Null(), V::Text("b")});
  EXPECT_EQ(bad.extended_result_code(), ResultCode::kConstraintCheck);
  EXPECT_EQ(bad.message(), "CHECK constraint failed: x > 0");
  EXPECT_TRUE(append({V::Integer(4), V::Integer(99), V::Text("c")}).ok());
  ASSERT_TRUE((*app)->Finish().ok());
  EXPECT_EQ(Q("select x, y, z from c order by x"), "3|6|a;4|8|c;");
  PrepareOutcome p = db_->Prepare("update or ignore c set x = x + 6");
  ASSERT_TRUE(p.status.ok());
  ASSERT_FALSE(*p.statement->Step());
  EXPECT_EQ(p.statement->changes(), 1);  // 3 -> 9; 4 -> 10 would make y 20
  EXPECT_EQ(Q("select x, y from c order by x"), "4|8;9|18;");
}

// A statement reads the tables as they are when it first steps, not as
// they were when it was prepared (sqlite3 prepares against the schema and
// reads the data at step time).
TEST_F(DatabaseTest, FirstStepReadsTheCurrentRows) {
  Exec("create table t(a); insert into t values (1)");
  PrepareOutcome count = db_->Prepare("select count(*), sum(a) from t");
  ASSERT_TRUE(count.status.ok());
  PrepareOutcome update = db_->Prepare("update t set a = a * 10");
  ASSERT_TRUE(update.status.ok());
  Exec("insert into t values (2)");
  ASSERT_TRUE(*count.statement->Step());
  EXPECT_EQ(count.statement->column_int64(0), 2);
  EXPECT_EQ(count.statement->column_int64(1), 3);
  EXPECT_FALSE(*update.statement->Step());
  EXPECT_EQ(update.statement->changes(), 2);
  EXPECT_EQ(Q("select a from t"), "10;20;");
}

// While an appender writes (first Append to Finish) other writes are
// refused (SQLITE_MISUSE); a query in between sees its rows so far, and
// the appender's later rows are kept even when that query shared the
// table (the next write copies it). Inside a transaction too.
TEST_F(DatabaseTest, AppenderRefusesWritesInBetweenAndSurvivesQueries) {
  Exec("create table t(a); insert into t values (1); begin");
  {
    Result<std::unique_ptr<Appender>> app = db_->CreateAppender("t");
    ASSERT_TRUE(app.ok());
    AppendValue two[] = {AppendValue::Integer(2)};
    ASSERT_TRUE((*app)->Append(two).ok());
    Status insert = db_->Execute("insert into t values (3)");
    EXPECT_EQ(insert.extended_result_code(), ResultCode::kMisuse);
    EXPECT_EQ(insert.message(), "cannot write while an Appender is writing to this database: Finish it first");
    Result<std::unique_ptr<Appender>> second = db_->CreateAppender("t");
    ASSERT_TRUE(second.ok());
    AppendValue nine[] = {AppendValue::Integer(9)};
    EXPECT_EQ((*second)->Append(nine).extended_result_code(), ResultCode::kMisuse);
    PrepareOutcome q = db_->Prepare("select count(*) from t");
    ASSERT_TRUE(q.status.ok());
    ASSERT_TRUE(*q.statement->Step());
    EXPECT_EQ(q.statement->column_int64(0), 2);
    AppendValue four[] = {AppendValue::Integer(4)};
    ASSERT_TRUE((*app)->Append(four).ok());
    ASSERT_TRUE((*app)->Finish().ok());
  }
  EXPECT_EQ(Q("select a from t"), "1;2;4;");
  Exec("insert into t values (5)");  // writes work again after Finish
  {
    Result<std::unique_ptr<Appender>> app = db_->CreateAppender("t");
    ASSERT_TRUE(app.ok());
    AppendValue six[] = {AppendValue::Integer(6)};
    ASSERT_TRUE((*app)->Append(six).ok());
    // Destroyed without Finish: its row goes, and writes work again.
  }
  Exec("insert into t values (7)");
  Exec("commit");
  EXPECT_EQ(Q("select a from t"), "1;2;4;5;7;");
}

TEST_F(DatabaseTest, AppenderDestroyedBeforeFinishLeavesTheTable) {
  Exec("create table t(a); insert into t values (1)");
  {
    Result<std::unique_ptr<Appender>> app = db_->CreateAppender("t");
    ASSERT_TRUE(app.ok());
    AppendValue row[] = {AppendValue::Integer(2)};
    ASSERT_TRUE((*app)->Append(row).ok());
  }
  EXPECT_EQ(Q("select a from t"), "1;");
  Exec("begin");
  {
    Result<std::unique_ptr<Appender>> app = db_->CreateAppender("t");
    ASSERT_TRUE(app.ok());
    AppendValue row[] = {AppendValue::Null()};
    ASSERT_TRUE((*app)->Append(row).ok());
    ASSERT_TRUE((*app)->Finish().ok());
  }
  EXPECT_TRUE(db_->in_transaction());
  Exec("rollback");
  EXPECT_EQ(Q("select a from t"), "1;");
}

TEST_F(DatabaseTest, AppenderErrorsCarryTheirResultCodes) {
  Exec("create table k(a unique, b)");
  Result<std::unique_ptr<Appender>> app = db_->CreateAppender("k");
  ASSERT_TRUE(app.ok());
  std::string_view row[] = {"1", "x"};
  Status s = (*app)->AppendRow(row);
  if (s.ok()) s = (*app)->AppendRow(row);
  if (s.ok()) s = (*app)->Finish();
  EXPECT_EQ(s.message(), "UNIQUE constraint failed: k.a");
  EXPECT_EQ(s.extended_result_code(), ResultCode::kConstraintUnique);
  EXPECT_EQ(s.phase(), ErrorPhase::kNone);
  Result<std::unique_ptr<Appender>> none = db_->CreateAppender("nosuch");
  EXPECT_EQ(none.status().result_code(), ResultCode::kError);
}

}  // namespace
}  // namespace sluice

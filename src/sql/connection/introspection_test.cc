// Tests of the connection's introspection: changes(), total_changes(),
// last_insert_rowid() read when the statement runs (not when it was
// prepared), PRAGMA case_sensitive_like, and PRAGMA user_version /
// application_id on a file database (kept across reopen, rolled back with
// the transaction, invisible to a file written before they were set).
// Expected values are what sqlite3 3.40.1 gives for the same statements.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "sluice/database.h"
#include "sql/connection/test_util.h"

namespace sluice {
namespace {

std::string Query(Database& db, std::string_view sql) {
  PrepareOutcome p = db.Prepare(sql);
  if (!p.status.ok()) return "prepare error: " + p.status.message();
  std::string out;
  Status s = sql::testing::AppendRowsText(*p.statement, &out);
  return s.ok() ? out : out + "error: " + s.message();
}

std::unique_ptr<Database> Open(const std::string& path) {
  auto db = Database::Open(path);
  EXPECT_TRUE(db.ok()) << db.status().message();
  return db.ok() ? std::move(*db) : nullptr;
}

TEST(IntrospectionTest, CountersFollowTheFinishedStatements) {
  auto db = Open(":memory:");
  ASSERT_TRUE(db);
  EXPECT_EQ(Query(*db, "select changes(), total_changes(), last_insert_rowid()"), "0|0|0;");
  EXPECT_EQ(Query(*db, "create table t(a integer primary key, b unique)"), "");
  EXPECT_EQ(Query(*db, "insert into t values (1, 1), (2, 2)"), "");
  EXPECT_EQ(Query(*db, "select changes(), total_changes(), last_insert_rowid()"), "2|2|2;");
  // A failed INSERT counts 0 rows but keeps the rowid of the row it stored
  // before failing, as sqlite3.
  EXPECT_EQ(Query(*db, "insert into t values (3, 3), (4, 1)"), "error: UNIQUE constraint failed: t.b");
  EXPECT_EQ(Query(*db, "select changes(), total_changes(), last_insert_rowid()"), "0|2|3;");
  EXPECT_EQ(Query(*db, "update t set b = b + 10"), "");
  EXPECT_EQ(Query(*db, "create table u(x)"), "");  // DDL leaves the counts alone
  EXPECT_EQ(Query(*db, "select changes(), total_changes()"), "2|4;");
  // Rolled back work still counts.
  EXPECT_EQ(Query(*db, "begin; "), "");
  EXPECT_EQ(Query(*db, "insert into u values (1)"), "");
  EXPECT_EQ(Query(*db, "rollback"), "");
  EXPECT_EQ(Query(*db, "select changes(), total_changes(), last_insert_rowid()"), "1|5|1;");
  EXPECT_EQ(Query(*db, "insert or ignore into t values (1, 11)"), "");
  EXPECT_EQ(Query(*db, "select changes(), total_changes(), last_insert_rowid()"), "0|5|1;");
  // OR FAIL keeps, and counts, the rows before the one that failed.
  EXPECT_EQ(Query(*db, "insert or fail into t values (7, 7), (8, 8), (9, 11)"), "error: UNIQUE constraint failed: t.b");
  EXPECT_EQ(Query(*db, "select changes(), total_changes(), last_insert_rowid()"), "2|7|8;");
  EXPECT_EQ(Query(*db, "update or fail t set b = 20 where a >= 7"), "error: UNIQUE constraint failed: t.b");
  EXPECT_EQ(Query(*db, "select changes(), total_changes()"), "1|8;");
}

TEST(IntrospectionTest, CountersAreReadWhenTheStatementRuns) {
  auto db = Open(":memory:");
  ASSERT_TRUE(db);
  ASSERT_EQ(Query(*db, "create table t(a)"), "");
  PrepareOutcome counts = db->Prepare("select changes(), last_insert_rowid(), sqlite_version()");
  ASSERT_TRUE(counts.status.ok());
  ASSERT_EQ(Query(*db, "insert into t values (1), (2), (3)"), "");
  std::string out;
  ASSERT_TRUE(sql::testing::AppendRowsText(*counts.statement, &out).ok());
  EXPECT_EQ(out, "3|3|3.40.1;");
}

TEST(IntrospectionTest, CaseSensitiveLike) {
  auto db = Open(":memory:");
  ASSERT_TRUE(db);
  // Planned before the PRAGMA, run after it: the PRAGMA still applies.
  PrepareOutcome like = db->Prepare("select 'a' like 'A', like('a', 'A'), 'a' like 'a'");
  ASSERT_TRUE(like.status.ok());
  EXPECT_EQ(Query(*db, "pragma case_sensitive_like = 1"), "");
  std::string out;
  ASSERT_TRUE(sql::testing::AppendRowsText(*like.statement, &out).ok());
  EXPECT_EQ(out, "0|0|1;");
  EXPECT_EQ(Query(*db, "create table t(s check (s like 'A%'))"), "");
  EXPECT_EQ(Query(*db, "insert into t values ('abc')"), "error: CHECK constraint failed: s like 'A%'");
  for (const char* off : {"0", "off", "no", "false", "maybe"}) {
    EXPECT_EQ(Query(*db, std::string("pragma case_sensitive_like = ") + off), "");
    EXPECT_EQ(Query(*db, "select 'a' like 'A'"), "1;") << off;
    EXPECT_EQ(Query(*db, "pragma case_sensitive_like = on"), "");
    EXPECT_EQ(Query(*db, "select 'a' like 'A'"), "0;");
  }
  EXPECT_EQ(Query(*db, "pragma case_sensitive_like"), "");  // no rows, as sqlite3
}

TEST(IntrospectionTest, UserVersionValuesAreReadAsSqliteReadsThem) {
  auto db = Open(":memory:");
  ASSERT_TRUE(db);
  const std::pair<const char*, const char*> cases[] = {
      {"4294967297", "0"},
      {"2147483647", "2147483647"},
      {"2147483648", "0"},
      {"-2147483648", "-2147483648"},
      {"-5", "-5"},
      {"'12abc'", "12"},
      {"1.9", "1"},
      {"abc", "0"},
      {"+7", "7"},
      {"0x10", "16"},
      {"0xffffffff", "0"},
      {"0x100000000", "0"},
      {"0x00000000ff", "255"},
  };
  for (const auto& [value, expected] : cases) {
    EXPECT_EQ(Query(*db, std::string("pragma user_version = ") + value), "");
    EXPECT_EQ(Query(*db, "pragma user_version"), std::string(expected) + ";") << value;
  }
}

class FileIntrospectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "introXXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_, path_;
};

TEST_F(FileIntrospectionTest, UserVersionAndApplicationIdAreDurableAndTransactional) {
  {
    auto db = Open(path_);
    ASSERT_TRUE(db);
    EXPECT_EQ(Query(*db, "pragma user_version; pragma application_id"), "0;");
    EXPECT_EQ(Query(*db, "create table t(x)"), "");
    EXPECT_EQ(Query(*db, "insert into t values (1)"), "");
    EXPECT_EQ(Query(*db, "pragma user_version = 7"), "");
    EXPECT_EQ(Query(*db, "pragma application_id = 12"), "");
    EXPECT_EQ(Query(*db, "begin"), "");
    EXPECT_EQ(Query(*db, "pragma user_version = 9"), "");
    EXPECT_EQ(Query(*db, "pragma user_version"), "9;");
    EXPECT_EQ(Query(*db, "rollback"), "");
    EXPECT_EQ(Query(*db, "pragma user_version"), "7;");
    EXPECT_EQ(Query(*db, "savepoint s"), "");
    EXPECT_EQ(Query(*db, "pragma application_id = 13"), "");
    EXPECT_EQ(Query(*db, "rollback to s"), "");
    EXPECT_EQ(Query(*db, "release s"), "");
    // A second connection sees what was committed.
    auto other = Open(path_);
    ASSERT_TRUE(other);
    EXPECT_EQ(Query(*other, "select * from pragma_user_version, pragma_application_id"), "7|12;");
  }
  {
    auto db = Open(path_);
    ASSERT_TRUE(db);
    EXPECT_EQ(Query(*db, "pragma user_version"), "7;");
    EXPECT_EQ(Query(*db, "pragma application_id"), "12;");
    EXPECT_EQ(Query(*db, "select * from t"), "1;");
    // Opening a file counts no changes.
    EXPECT_EQ(Query(*db, "select changes(), total_changes()"), "0|0;");
    EXPECT_EQ(Query(*db, "pragma user_version = 0"), "");
    EXPECT_EQ(Query(*db, "pragma application_id = 0"), "");
  }
  auto db = Open(path_);
  ASSERT_TRUE(db);
  EXPECT_EQ(Query(*db, "pragma user_version"), "0;");
  EXPECT_EQ(Query(*db, "pragma integrity_check"), "ok;");
}

}  // namespace
}  // namespace sluice

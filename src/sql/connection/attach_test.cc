// ATTACH / DETACH (attach.cc): statements routed to the database they
// name, files that keep what was committed in them, the transaction rules
// across databases (one file written per transaction, DETACH "locked").
// Messages are sqlite3 3.40's where sqlite3 has the case.
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "gtest/gtest.h"
#include "sluice/database.h"
#include "sql/connection/test_util.h"

namespace sluice::sql {
namespace {

using ::sluice::sql::testing::AppendRowsText;

std::string Query(Database& db, std::string_view sql) {
  std::string out;
  while (!sql.empty()) {
    PrepareOutcome p = db.Prepare(sql);
    if (!p.status.ok()) return "ERROR: " + std::string(p.status.message());
    sql.remove_prefix(p.consumed);
    if (!p.statement) continue;
    Status s = AppendRowsText(*p.statement, &out);
    if (!s.ok()) return "ERROR: " + std::string(s.message());
  }
  return out;
}

class AttachTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "attachXXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    Result<std::unique_ptr<Database>> db = Database::Open(dir_ + "/main.db");
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    ASSERT_EQ(Query(*db_, "CREATE TABLE t(a); INSERT INTO t VALUES (1); ATTACH '" + dir_ + "/aux.db' AS aux;" +
                              "CREATE TABLE aux.u(b); INSERT INTO aux.u VALUES (10)"),
              "");
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string AuxRows() {
    Result<std::unique_ptr<Database>> aux = Database::Open(dir_ + "/aux.db");
    if (!aux.ok()) return "ERROR: " + std::string(aux.status().message());
    return Query(**aux, "SELECT * FROM u ORDER BY b");
  }

  std::string dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(AttachTest, StatementsRunInTheDatabaseTheyName) {
  EXPECT_EQ(Query(*db_, "SELECT * FROM aux.u; SELECT * FROM u; SELECT * FROM t"), "10;10;1;");
  EXPECT_EQ(Query(*db_, "SELECT name FROM aux.sqlite_schema; SELECT name FROM main.sqlite_schema"), "u;t;");
  EXPECT_EQ(AuxRows(), "10;");
  Result<std::unique_ptr<Database>> main = Database::Open(dir_ + "/main.db");
  ASSERT_TRUE(main.ok());
  EXPECT_EQ(Query(**main, "SELECT name FROM sqlite_schema"), "t;");
}

TEST_F(AttachTest, StatementsOverTwoDatabasesAreRefused) {
  EXPECT_EQ(Query(*db_, "INSERT INTO aux.u SELECT a FROM t"),
            "ERROR: statements that use tables of several databases (aux and main) are not supported");
  EXPECT_EQ(Query(*db_, "SELECT * FROM t, aux.u"),
            "ERROR: statements that use tables of several databases (aux and main) are not supported");
  EXPECT_EQ(AuxRows(), "10;");
}

TEST_F(AttachTest, ATransactionWritesOneFileAndRollsBackEverywhere) {
  EXPECT_EQ(Query(*db_, "BEGIN; INSERT INTO aux.u VALUES (20)"), "");
  EXPECT_EQ(Query(*db_, "INSERT INTO t VALUES (2)"),
            "ERROR: a transaction may write to only one database file: COMMIT the changes to the other first");
  EXPECT_EQ(Query(*db_, "DETACH aux"), "ERROR: database aux is locked");
  EXPECT_EQ(Query(*db_, "ROLLBACK; SELECT * FROM aux.u; SELECT * FROM t"), "10;1;");
  EXPECT_EQ(AuxRows(), "10;");
  EXPECT_EQ(Query(*db_, "BEGIN; INSERT INTO aux.u VALUES (30); SELECT count(*) FROM t; COMMIT"), "1;");
  EXPECT_EQ(AuxRows(), "10;30;");
  EXPECT_FALSE(db_->in_transaction());
}

TEST_F(AttachTest, DetachWaitsForStatementsAndTransactions) {
  PrepareOutcome p = db_->Prepare("SELECT * FROM aux.u");
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(Query(*db_, "DETACH aux"), "ERROR: database aux is locked");
  p.statement.reset();
  EXPECT_EQ(Query(*db_, "DETACH aux; SELECT * FROM aux.u"), "ERROR: no such table: aux.u");
  EXPECT_EQ(Query(*db_, "DETACH aux"), "ERROR: no such database: aux");
  EXPECT_EQ(Query(*db_, "DETACH main"), "ERROR: cannot detach database main");
}

TEST_F(AttachTest, AStatementPreparedBeforeBeginJoinsTheTransaction) {
  PrepareOutcome p = db_->Prepare("INSERT INTO aux.u VALUES (50)");
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(Query(*db_, "BEGIN"), "");
  std::string rows;
  EXPECT_TRUE(AppendRowsText(*p.statement, &rows).ok());
  EXPECT_EQ(Query(*db_, "ROLLBACK; SELECT * FROM aux.u"), "10;");
  EXPECT_EQ(AuxRows(), "10;");
}

TEST_F(AttachTest, NamesAndLimits) {
  EXPECT_EQ(Query(*db_, "ATTACH ':memory:' AS AUX"), "ERROR: database AUX is already in use");
  EXPECT_EQ(Query(*db_, "ATTACH ':memory:' AS temp"), "ERROR: database temp is already in use");
  EXPECT_EQ(Query(*db_, "BEGIN; ATTACH ':memory:' AS m; ROLLBACK"), "ERROR: cannot ATTACH database within transaction");
  EXPECT_EQ(Query(*db_, "ROLLBACK"), "");
  for (int i = 1; i < 10; ++i) EXPECT_EQ(Query(*db_, "ATTACH '' AS m" + std::to_string(i)), "");
  EXPECT_EQ(Query(*db_, "ATTACH '' AS m10"), "ERROR: too many attached databases - max 10");
  std::string list = Query(*db_, "PRAGMA database_list");
  EXPECT_NE(list.find("2|aux|"), std::string::npos) << list;
  EXPECT_NE(list.find("11|m9|;"), std::string::npos) << list;
}

}  // namespace
}  // namespace sluice::sql

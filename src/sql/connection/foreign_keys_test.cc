// Tests of foreign key enforcement (foreign_keys.h): result codes and
// phases of the errors, atomicity of a failing statement, deferred keys at
// COMMIT, the Appender, and a file database reopened. The expected values
// are what sqlite3 3.40 gives for the same statements.
#include <gtest/gtest.h>

#include <filesystem>

#include "sluice/database.h"
#include "sql/connection/test_util.h"

namespace sluice {
namespace {

class ForeignKeysTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(":memory:"); }
  void Open(const std::string& path) {
    db_.reset();
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
  }
  void Exec(std::string_view sql) { ASSERT_TRUE(db_->Execute(sql).ok()) << sql; }
  // "rows a|b;" or "prepare: msg" / "step: msg (extended code)".
  std::string Q(std::string_view sql) {
    PrepareOutcome p = db_->Prepare(sql);
    if (!p.status.ok()) return "prepare: " + p.status.message();
    if (!p.statement) return "empty";
    std::string out;
    Status s = sql::testing::AppendRowsText(*p.statement, &out);
    if (!s.ok()) {
      return out + "step: " + s.message() + " (" + std::to_string(static_cast<int>(s.extended_result_code())) + ")";
    }
    return out;
  }

  std::unique_ptr<Database> db_;
};

TEST_F(ForeignKeysTest, OffByDefaultThenEnforcedWithSqlitesCode) {
  Exec("CREATE TABLE p(id INTEGER PRIMARY KEY); CREATE TABLE c(x REFERENCES p)");
  EXPECT_EQ(Q("PRAGMA foreign_keys"), "0;");
  EXPECT_EQ(Q("INSERT INTO c VALUES (1)"), "");
  Exec("PRAGMA foreign_keys = ON");
  EXPECT_EQ(Q("PRAGMA foreign_keys"), "1;");
  EXPECT_EQ(Q("INSERT INTO c VALUES (2)"), "step: FOREIGN KEY constraint failed (787)");
  EXPECT_EQ(Q("PRAGMA foreign_key_check"), "c|1|p|0;");
}

TEST_F(ForeignKeysTest, AFailingStatementLeavesNoTrace) {
  Exec("PRAGMA foreign_keys = ON");
  Exec(
      "CREATE TABLE p(id INTEGER PRIMARY KEY); CREATE TABLE c(x REFERENCES p ON DELETE CASCADE);"
      "CREATE TABLE k(x REFERENCES c(x)); CREATE UNIQUE INDEX cx ON c(x)");
  Exec("INSERT INTO p VALUES (1), (2); INSERT INTO c VALUES (1), (2); INSERT INTO k VALUES (2)");
  EXPECT_EQ(Q("INSERT INTO c VALUES (3), (4), (9)"), "step: FOREIGN KEY constraint failed (787)");
  // The cascade deletes c's row 2, which k still refers to: all is undone.
  EXPECT_EQ(Q("DELETE FROM p"), "step: FOREIGN KEY constraint failed (787)");
  EXPECT_EQ(Q("SELECT count(*) FROM p; "), "2;");
  EXPECT_EQ(Q("SELECT group_concat(x) FROM c"), "1,2;");
  Exec("DELETE FROM p WHERE id = 1");
  EXPECT_EQ(Q("SELECT group_concat(x) FROM c"), "2;");
}

TEST_F(ForeignKeysTest, MismatchAndMissingParentArePrepareErrors) {
  Exec("PRAGMA foreign_keys = ON");
  Exec("CREATE TABLE p(a, b); CREATE TABLE c(x REFERENCES p(a)); CREATE TABLE d(x REFERENCES nosuch)");
  EXPECT_EQ(Q("INSERT INTO c VALUES (1)"), "prepare: foreign key mismatch - \"c\" referencing \"p\"");
  EXPECT_EQ(Q("INSERT INTO d VALUES (NULL)"), "prepare: no such table: main.nosuch");
  EXPECT_EQ(Q("UPDATE p SET b = 1"), "");
}

TEST_F(ForeignKeysTest, DeferredKeysHoldCommitOpen) {
  Exec("PRAGMA foreign_keys = ON");
  Exec("CREATE TABLE p(id INTEGER PRIMARY KEY); CREATE TABLE c(x REFERENCES p DEFERRABLE INITIALLY DEFERRED)");
  Exec("BEGIN; INSERT INTO c VALUES (5)");
  EXPECT_EQ(Q("COMMIT"), "step: FOREIGN KEY constraint failed (787)");
  EXPECT_TRUE(db_->in_transaction());
  Exec("INSERT INTO p VALUES (5); COMMIT");
  EXPECT_FALSE(db_->in_transaction());
  EXPECT_EQ(Q("INSERT INTO c VALUES (6)"), "step: FOREIGN KEY constraint failed (787)");
}

TEST_F(ForeignKeysTest, AppenderLeavesOutOrphanRows) {
  Exec("PRAGMA foreign_keys = ON");
  Exec("CREATE TABLE p(id INTEGER PRIMARY KEY); CREATE TABLE c(x REFERENCES p); INSERT INTO p VALUES (1)");
  auto app = db_->CreateAppender("c");
  ASSERT_TRUE(app.ok());
  AppendValue one = AppendValue::Integer(1);
  AppendValue two = AppendValue::Integer(2);
  EXPECT_TRUE((*app)->Append({&one, 1}).ok());
  Status bad = (*app)->Append({&two, 1});
  EXPECT_EQ(bad.message(), "FOREIGN KEY constraint failed");
  EXPECT_TRUE((*app)->Finish().ok());
  EXPECT_EQ(Q("SELECT group_concat(x) FROM c"), "1;");
}

TEST_F(ForeignKeysTest, FileDatabaseKeepsKeysAndCascades) {
  std::string dir = ::testing::TempDir() + "/fk_file_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string path = dir + "/x.db";
  Open(path);
  Exec("PRAGMA foreign_keys = ON");
  Exec("CREATE TABLE p(id INTEGER PRIMARY KEY); CREATE TABLE c(x REFERENCES p ON DELETE CASCADE)");
  Exec("INSERT INTO p VALUES (1), (2); INSERT INTO c VALUES (1), (2), (2)");
  Exec("DELETE FROM p WHERE id = 2");
  Open(path);
  EXPECT_EQ(Q("PRAGMA foreign_keys"), "0;");
  EXPECT_EQ(Q("SELECT count(*) FROM c"), "1;");
  Exec("PRAGMA foreign_keys = ON");
  EXPECT_EQ(Q("INSERT INTO c VALUES (3)"), "step: FOREIGN KEY constraint failed (787)");
  db_.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sluice

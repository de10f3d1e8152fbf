// Transaction (transaction.h): explicit transactions and the savepoint
// stack, through the internal API and through SQL (SAVEPOINT, RELEASE,
// ROLLBACK TO), in memory and on a file database. Expected behaviour is
// sqlite3's for the same SAVEPOINT / RELEASE / ROLLBACK TO sequences.
#include "sql/connection/transaction.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "sluice/database.h"
#include "sql/connection/test_util.h"
#include "sql/connection/database_impl.h"

namespace sluice::sql {
namespace {

// Param: true for a file database.
class TransactionTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam()) {
      std::string tmpl = ::testing::TempDir() + "txnXXXXXX";
      ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
      dir_ = tmpl;
      path_ = dir_ + "/t.db";
    }
    Reopen();
    Exec("create table t(a integer primary key, b text unique)");
  }
  void TearDown() override {
    db_.reset();
    if (dir_.empty()) return;
    for (const std::string& p : {path_, path_ + "-wal", path_ + ".tmp"}) std::remove(p.c_str());
    rmdir(dir_.c_str());
  }
  void Reopen() {
    db_.reset();
    Result<std::unique_ptr<Database>> db = Database::Open(path_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
  }
  DatabaseImpl& impl() { return static_cast<DatabaseImpl&>(*db_); }
  Transaction& txn() { return impl().transaction(); }
  void Exec(std::string_view sql) { ASSERT_TRUE(db_->Execute(sql).ok()) << sql; }
  // The rows of `sql` as "a|b;c|d;", or "error: msg".
  std::string Q(std::string_view sql) {
    PrepareOutcome p = db_->Prepare(sql);
    if (!p.status.ok()) return "error: " + p.status.message();
    std::string out;
    if (Status s = testing::AppendRowsText(*p.statement, &out); !s.ok()) return out + "error: " + s.message();
    return out;
  }
  std::string Rows() { return Q("select a, b from t order by a"); }

  std::string dir_, path_;
  std::unique_ptr<Database> db_;
};

TEST_P(TransactionTest, BeginCommitRollbackAndTheirErrors) {
  EXPECT_EQ(txn().Commit().message(), "cannot commit - no transaction is active");
  EXPECT_EQ(txn().Rollback().message(), "cannot rollback - no transaction is active");
  ASSERT_TRUE(txn().Begin().ok());
  EXPECT_TRUE(db_->in_transaction());
  EXPECT_EQ(txn().Begin().message(), "cannot start a transaction within a transaction");
  Exec("insert into t values (1, 'x')");
  ASSERT_TRUE(txn().Rollback().ok());
  EXPECT_FALSE(db_->in_transaction());
  EXPECT_EQ(Rows(), "");
  ASSERT_TRUE(txn().Begin().ok());
  Exec("insert into t values (2, 'y')");
  ASSERT_TRUE(txn().Commit().ok());
  EXPECT_EQ(Rows(), "2|y;");
  if (GetParam()) {
    Reopen();
    EXPECT_EQ(Rows(), "2|y;");
  }
}

// sqlite3: savepoint a; insert; savepoint b; insert; rollback to a;
// -> no rows, a still set; insert; release a -> committed.
TEST_P(TransactionTest, SavepointOutsideATransactionBeginsOneAndItsReleaseCommits) {
  ASSERT_TRUE(txn().Savepoint("a").ok());
  EXPECT_TRUE(db_->in_transaction());
  Exec("insert into t values (1, 'one')");
  ASSERT_TRUE(txn().Savepoint("b").ok());
  Exec("insert into t values (2, 'two')");
  EXPECT_EQ(Rows(), "1|one;2|two;");
  ASSERT_TRUE(txn().RollbackTo("a").ok());
  EXPECT_EQ(Rows(), "");
  EXPECT_EQ(txn().savepoint_count(), 1u);
  EXPECT_TRUE(db_->in_transaction());
  Exec("insert into t values (3, 'three')");
  ASSERT_TRUE(txn().Release("A").ok());  // names are case-insensitive
  EXPECT_FALSE(db_->in_transaction());
  EXPECT_EQ(txn().savepoint_count(), 0u);
  EXPECT_EQ(txn().Rollback().message(), "cannot rollback - no transaction is active");
  EXPECT_EQ(Rows(), "3|three;");
  if (GetParam()) {
    Reopen();
    EXPECT_EQ(Rows(), "3|three;");
  }
}

TEST_P(TransactionTest, ReleaseKeepsChangesInsideBeginAndRollbackDropsTheStack) {
  Exec("insert into t values (1, 'one')");
  ASSERT_TRUE(txn().Begin().ok());
  ASSERT_TRUE(txn().Savepoint("outer").ok());
  Exec("update t set b = 'uno'");
  ASSERT_TRUE(txn().Savepoint("inner").ok());
  Exec("insert into t values (2, 'two')");
  ASSERT_TRUE(txn().Savepoint("inner").ok());  // a repeated name: the innermost is meant
  Exec("delete from t where a = 1");
  ASSERT_TRUE(txn().RollbackTo("inner").ok());
  EXPECT_EQ(Rows(), "1|uno;2|two;");
  EXPECT_EQ(txn().savepoint_count(), 3u);
  ASSERT_TRUE(txn().Release("inner").ok());  // the innermost 'inner' only
  EXPECT_EQ(txn().savepoint_count(), 2u);
  ASSERT_TRUE(txn().Release("inner").ok());
  EXPECT_EQ(txn().savepoint_count(), 1u);
  EXPECT_TRUE(db_->in_transaction());  // begun by BEGIN: releasing does not commit
  EXPECT_EQ(Rows(), "1|uno;2|two;");
  ASSERT_TRUE(txn().RollbackTo("outer").ok());
  EXPECT_EQ(Rows(), "1|one;");
  Exec("insert into t values (5, 'five')");
  ASSERT_TRUE(txn().Rollback().ok());
  EXPECT_EQ(txn().savepoint_count(), 0u);
  EXPECT_EQ(Rows(), "1|one;");
}

TEST_P(TransactionTest, UnknownSavepointIsAnErrorAndChangesNothing) {
  EXPECT_EQ(txn().Release("x").message(), "no such savepoint: x");
  EXPECT_EQ(txn().RollbackTo("x").message(), "no such savepoint: x");
  EXPECT_FALSE(db_->in_transaction());
  ASSERT_TRUE(txn().Savepoint("a").ok());
  Exec("insert into t values (1, 'one')");
  EXPECT_EQ(txn().RollbackTo("b").message(), "no such savepoint: b");
  EXPECT_EQ(txn().savepoint_count(), 1u);
  EXPECT_EQ(Rows(), "1|one;");
  ASSERT_TRUE(txn().Commit().ok());
  EXPECT_EQ(txn().savepoint_count(), 0u);
  EXPECT_EQ(Rows(), "1|one;");
}

TEST_P(TransactionTest, RollbackToUndoesSchemaChangesAndTheCommitAfterIsConsistent) {
  Exec("insert into t values (1, 'one')");
  ASSERT_TRUE(txn().Begin().ok());
  Exec("insert into t values (2, 'two')");
  ASSERT_TRUE(txn().Savepoint("s").ok());
  Exec("create table u(x); insert into u values (9); drop table t");
  EXPECT_EQ(Q("select count(*) from u"), "1;");
  ASSERT_TRUE(txn().RollbackTo("s").ok());
  EXPECT_EQ(Q("select x from u"), "error: no such table: u");
  EXPECT_EQ(Rows(), "1|one;2|two;");
  Exec("update t set b = 'deux' where a = 2");
  ASSERT_TRUE(txn().Commit().ok());
  EXPECT_EQ(Rows(), "1|one;2|deux;");
  if (GetParam()) {
    Reopen();
    EXPECT_EQ(Rows(), "1|one;2|deux;");
    EXPECT_EQ(Q("select x from u"), "error: no such table: u");
    EXPECT_EQ(Q("pragma integrity_check"), "ok;");
  }
}

// The same rules reached through SQL; sqlite3 3.40 gives these results and
// messages for the same statements.
TEST_P(TransactionTest, SqlSavepointStatementsDriveTheStack) {
  EXPECT_EQ(Q("savepoint a"), "");
  EXPECT_TRUE(db_->in_transaction());
  EXPECT_EQ(Q("insert into t values (1, 'one')"), "");
  EXPECT_EQ(Q("SAVEPOINT \"B\""), "");
  EXPECT_EQ(Q("insert into t values (2, 'two')"), "");
  EXPECT_EQ(txn().savepoint_count(), 2u);
  EXPECT_EQ(Q("rollback transaction to savepoint b"), "");
  EXPECT_EQ(Rows(), "1|one;");
  EXPECT_EQ(txn().savepoint_count(), 2u);  // b stays set
  EXPECT_EQ(Q("begin"), "error: cannot start a transaction within a transaction");
  EXPECT_EQ(Q("release nosuch"), "error: no such savepoint: nosuch");
  EXPECT_EQ(Q("rollback to 'NoSuch'"), "error: no such savepoint: NoSuch");
  EXPECT_EQ(txn().savepoint_count(), 2u);
  EXPECT_EQ(Q("release savepoint A"), "");  // begun by SAVEPOINT: commits
  EXPECT_FALSE(db_->in_transaction());
  EXPECT_EQ(txn().savepoint_count(), 0u);
  EXPECT_EQ(Q("release a"), "error: no such savepoint: a");
  EXPECT_EQ(Q("rollback to a"), "error: no such savepoint: a");
  EXPECT_EQ(Rows(), "1|one;");
  if (GetParam()) {
    Reopen();
    EXPECT_EQ(Rows(), "1|one;");
  }
}

// As sqlite3_prepare/sqlite3_step: the statements prepare whatever the
// state, and an unknown name is SQLITE_ERROR from Step.
TEST_P(TransactionTest, UnknownSavepointIsAStepError) {
  PrepareOutcome p = db_->Prepare("rollback to x");
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  ASSERT_NE(p.statement, nullptr);
  Status s = p.statement->Step().status();
  EXPECT_EQ(s.message(), "no such savepoint: x");
  EXPECT_EQ(s.result_code(), ResultCode::kError);
  EXPECT_EQ(s.phase(), ErrorPhase::kStep);
}

TEST_P(TransactionTest, FailingStatementInsideASavepointUndoesOnlyItself) {
  Exec("savepoint s; insert into t values (1, 'one')");
  EXPECT_EQ(Q("insert into t values (2, 'two'), (3, 'one')"), "error: UNIQUE constraint failed: t.b");
  EXPECT_EQ(Q("update t set a = 5, b = 'two' where a = 1 and b = 'nothing'"), "");
  EXPECT_EQ(Rows(), "1|one;");
  EXPECT_TRUE(db_->in_transaction());
  EXPECT_EQ(txn().savepoint_count(), 1u);
  EXPECT_EQ(Q("vacuum"), "error: cannot VACUUM from within a transaction");
  Exec("insert into t values (2, 'two'); release s");
  EXPECT_FALSE(db_->in_transaction());
  EXPECT_EQ(Rows(), "1|one;2|two;");
}

TEST_P(TransactionTest, CommitAndRollbackInsideSavepointsEndEverything) {
  Exec("savepoint p; insert into t values (1, 'one'); savepoint q; insert into t values (2, 'two'); commit");
  EXPECT_FALSE(db_->in_transaction());
  EXPECT_EQ(txn().savepoint_count(), 0u);
  EXPECT_EQ(Q("release p"), "error: no such savepoint: p");
  Exec("begin; savepoint r; delete from t; release r");
  EXPECT_TRUE(db_->in_transaction());  // begun by BEGIN: RELEASE does not commit
  Exec("savepoint s; insert into t values (3, 'three'); rollback");
  EXPECT_FALSE(db_->in_transaction());
  EXPECT_EQ(Q("rollback to s"), "error: no such savepoint: s");
  EXPECT_EQ(Rows(), "1|one;2|two;");
  if (GetParam()) {
    Reopen();
    EXPECT_EQ(Rows(), "1|one;2|two;");
  }
}

// On a file database a savepoint set before anything is written (one that
// begins the transaction, or right after BEGIN) keeps no catalog copy: the
// files hold its state, and ROLLBACK TO reloads them. So the writes after
// it change the tables in place instead of copying each first (a whole
// table per transaction otherwise).
TEST_P(TransactionTest, OnFileASavepointBeforeAnyWriteCopiesNoTable) {
  if (!GetParam()) GTEST_SKIP() << "in memory a transaction keeps the catalog at BEGIN (tables copied on write)";
  Exec("insert into t values (1, 'one')");
  Exec("savepoint a");
  const Table* table = impl().catalog().FindTable("t").get();
  Exec("insert into t values (2, 'two'); update t set b = 'uno' where a = 1");
  EXPECT_EQ(impl().catalog().FindTable("t").get(), table);  // written in place
  Exec("savepoint b; insert into t values (3, 'three')");
  EXPECT_EQ(Rows(), "1|uno;2|two;3|three;");
  Exec("rollback to b");
  EXPECT_EQ(Rows(), "1|uno;2|two;");
  Exec("rollback to a");  // reloads the files
  EXPECT_EQ(Rows(), "1|one;");
  EXPECT_TRUE(db_->in_transaction());
  EXPECT_EQ(txn().savepoint_count(), 1u);
  Exec("insert into t values (4, 'four'); rollback to a; insert into t values (5, 'five')");
  Exec("release a");
  EXPECT_FALSE(db_->in_transaction());
  EXPECT_EQ(Rows(), "1|one;5|five;");
  Exec("begin; savepoint c");
  table = impl().catalog().FindTable("t").get();
  Exec("delete from t where a = 1");
  EXPECT_EQ(impl().catalog().FindTable("t").get(), table);
  Exec("rollback to c; release c");
  EXPECT_TRUE(db_->in_transaction());  // begun by BEGIN
  Exec("commit");
  Reopen();
  EXPECT_EQ(Rows(), "1|one;5|five;");
  EXPECT_EQ(Q("pragma integrity_check"), "ok;");
}

// An Appender holds the write from its first Append to Finish: a
// savepoint (or transaction) change in between would take back or commit
// part of its rows behind its back, so it is refused as writes are.
TEST_P(TransactionTest, TransactionControlIsRefusedWhileAnAppenderWrites) {
  Exec("begin; savepoint s; insert into t values (1, 'one')");
  Result<std::unique_ptr<Appender>> app = db_->CreateAppender("t");
  ASSERT_TRUE(app.ok());
  AppendValue two[] = {AppendValue::Integer(2), AppendValue::Text("two")};
  ASSERT_TRUE((*app)->Append(two).ok());
  for (const char* sql : {"rollback to s", "release s", "savepoint u", "commit", "rollback", "begin"}) {
    PrepareOutcome p = db_->Prepare(sql);
    ASSERT_TRUE(p.status.ok()) << sql;
    Status s = p.statement->Step().status();
    EXPECT_EQ(s.message(),
              "cannot change the transaction while an Appender is writing to this database: Finish it first")
        << sql;
    EXPECT_EQ(s.result_code(), ResultCode::kMisuse) << sql;
  }
  EXPECT_EQ(txn().savepoint_count(), 1u);
  ASSERT_TRUE((*app)->Finish().ok());
  Exec("release s");
  EXPECT_TRUE(db_->in_transaction());
  Exec("commit");
  EXPECT_EQ(Rows(), "1|one;2|two;");
  if (GetParam()) {
    Reopen();
    EXPECT_EQ(Rows(), "1|one;2|two;");
  }
}

INSTANTIATE_TEST_SUITE_P(MemoryAndFile, TransactionTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) { return info.param ? "File" : "Memory"; });

}  // namespace
}  // namespace sluice::sql

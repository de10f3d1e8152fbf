// Tests of Database::Interrupt (sqlite3_interrupt): another thread stops a
// long statement with SQLITE_INTERRUPT "interrupted"; the connection stays
// usable; an open transaction survives an interrupted query but not an
// interrupted write, nor do its savepoints (sqlite3's rule); an interrupt
// with nothing running is forgotten.
#include <atomic>
#include <chrono>
#include <thread>

#include "sluice/database.h"
#include "sql/connection/test_util.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

using std::chrono::milliseconds;

class InterruptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::Open(":memory:");
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    // 1024 rows: a four-way cross join is 2^40 pairs, hours of work.
    Exec("create table a(x); insert into a values (1)");
    for (int i = 0; i < 10; ++i) Exec("insert into a select x + (select count(*) from a) from a");
  }
  void Exec(std::string_view sql) { ASSERT_TRUE(db_->Execute(sql).ok()) << sql; }
  std::string Q(std::string_view sql) {
    PrepareOutcome p = db_->Prepare(sql);
    if (!p.status.ok()) return "prepare: " + p.status.message();
    std::string out;
    if (Status s = sql::testing::AppendRowsText(*p.statement, &out); !s.ok()) return out + "step: " + s.message();
    return out;
  }
  // Runs `sql` while another thread calls Interrupt() after `delay`;
  // returns the statement's status and how long it ran.
  Status RunInterrupted(std::string_view sql, milliseconds delay, milliseconds* took) {
    PrepareOutcome p = db_->Prepare(sql);
    if (!p.status.ok()) return p.status;
    std::atomic<bool> done{false};
    std::thread canceller([&] {
      std::this_thread::sleep_for(delay);
      // Keep interrupting until the statement ends: the first call may come
      // before its first Step starts (and would be forgotten then).
      while (!done.load()) {
        db_->Interrupt();
        std::this_thread::sleep_for(milliseconds(5));
      }
    });
    auto begin = std::chrono::steady_clock::now();
    std::string rows;
    Status s = sql::testing::AppendRowsText(*p.statement, &rows);
    *took = std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - begin);
    done.store(true);
    canceller.join();
    return s;
  }

  std::unique_ptr<Database> db_;
};

TEST_F(InterruptTest, AnotherThreadStopsALongQuery) {
  ASSERT_EQ(Q("select count(*) from a"), "1024;");
  milliseconds took{};
  Status s = RunInterrupted("select count(*) from a, a as b, a as c, a as d", milliseconds(100), &took);
  EXPECT_EQ(s.result_code(), ResultCode::kInterrupt);
  EXPECT_EQ(static_cast<int>(s.result_code()), 9);
  EXPECT_EQ(s.message(), "interrupted");
  EXPECT_EQ(s.phase(), ErrorPhase::kStep);
  EXPECT_LT(took.count(), 10000) << "the interrupt took effect late";
  // The connection is usable, and the interrupt does not linger.
  EXPECT_EQ(Q("select count(*) from a"), "1024;");
  EXPECT_EQ(Q("select count(*) from a, a as b"), "1048576;");
}

TEST_F(InterruptTest, StopsAJoinWhoseConditionRejectsEveryPair) {
  // No pair passes: the join works through batches without returning any.
  milliseconds took{};
  Status s = RunInterrupted("select a.x from a, a as b, a as c where a.x + b.x + c.x < 0", milliseconds(100), &took);
  EXPECT_EQ(s.result_code(), ResultCode::kInterrupt) << s.message();
  EXPECT_LT(took.count(), 10000);
}

TEST_F(InterruptTest, StopsAQueryWhileItHandsOutSortedRows) {
  // All rows are read and sorted before the first comes out; the interrupt
  // then comes between rows handed out.
  PrepareOutcome p = db_->Prepare("select a.x, b.x from a, a as b order by 2, 1");
  ASSERT_TRUE(p.status.ok());
  Result<bool> row = p.statement->Step();
  ASSERT_TRUE(row.ok() && *row);
  db_->Interrupt();
  int rows = 1;
  while (true) {
    row = p.statement->Step();
    if (!row.ok() || !*row) break;
    ++rows;
  }
  ASSERT_FALSE(row.ok()) << "all " << rows << " rows came out";
  EXPECT_EQ(row.status().result_code(), ResultCode::kInterrupt);
  EXPECT_LT(rows, 1024 * 1024);
  EXPECT_EQ(Q("select count(*) from a"), "1024;");
}

TEST_F(InterruptTest, AnInterruptWithNothingRunningIsForgotten) {
  db_->Interrupt();
  EXPECT_EQ(Q("select count(*) from a, a as b"), "1048576;");
}

TEST_F(InterruptTest, AnInterruptedQueryKeepsTheTransaction) {
  Exec("create table t(v); begin; insert into t values (1)");
  milliseconds took{};
  Status s = RunInterrupted("select count(*) from a, a as b, a as c, a as d", milliseconds(50), &took);
  EXPECT_EQ(s.result_code(), ResultCode::kInterrupt);
  EXPECT_TRUE(db_->in_transaction());
  EXPECT_EQ(Q("select count(*) from t"), "1;");
  Exec("commit");
  EXPECT_EQ(Q("select count(*) from t"), "1;");
}

TEST_F(InterruptTest, AnInterruptedWriteRollsTheTransactionBack) {
  Exec("create table t(v); begin; insert into t values (1)");
  milliseconds took{};
  Status s = RunInterrupted("insert into t select a.x from a, a as b, a as c where a.x + b.x + c.x < 0",
                            milliseconds(50), &took);
  EXPECT_EQ(s.result_code(), ResultCode::kInterrupt);
  EXPECT_FALSE(db_->in_transaction());
  EXPECT_EQ(Q("select count(*) from t"), "0;");
  EXPECT_EQ(Q("commit"), "step: cannot commit - no transaction is active");
}

// SQLite rolls the whole transaction back and closes every savepoint
// (sqlite3VdbeHalt), whether BEGIN or a SAVEPOINT began it.
TEST_F(InterruptTest, AnInterruptedWriteInsideASavepointRollsEverythingBack) {
  Exec("create table t(v); savepoint outer_sp; insert into t values (1); savepoint inner_sp");
  milliseconds took{};
  Status s = RunInterrupted("insert into t select a.x from a, a as b, a as c where a.x + b.x + c.x < 0",
                            milliseconds(50), &took);
  EXPECT_EQ(s.result_code(), ResultCode::kInterrupt);
  EXPECT_FALSE(db_->in_transaction());
  EXPECT_EQ(Q("select count(*) from t"), "0;");
  EXPECT_EQ(Q("rollback to inner_sp"), "step: no such savepoint: inner_sp");
  EXPECT_EQ(Q("release outer_sp"), "step: no such savepoint: outer_sp");
}

TEST_F(InterruptTest, AnInterruptedWriteOutsideATransactionIsUndone) {
  Exec("create table t(v); insert into t values (1)");
  milliseconds took{};
  Status s = RunInterrupted("insert into t select a.x from a, a as b, a as c where (a.x + b.x + c.x) % 1000 = 0",
                            milliseconds(100), &took);
  EXPECT_EQ(s.result_code(), ResultCode::kInterrupt);
  EXPECT_EQ(Q("select count(*) from t"), "1;");
  EXPECT_FALSE(db_->in_transaction());
}

}  // namespace
}  // namespace sluice

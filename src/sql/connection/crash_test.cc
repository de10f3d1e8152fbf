// Crash test: a child process runs random transactions against a file
// database and is killed with SIGKILL at a random moment, again and again.
// After each kill the database must open, pass PRAGMA integrity_check, and
// hold exactly the transactions that committed: all those whose COMMIT had
// returned in the child (it reports each on a pipe) and possibly the one in
// flight — never part of one. The expected contents come from replaying the
// same deterministic transactions on an in-memory database.
//
// Two workloads: rows only (inserts, updates, deletes, savepoints), and
// the schema workload, whose transactions also fire triggers, ALTER the
// table (ADD and DROP COLUMN, RENAME), create and drop triggers, and write
// an ATTACHed in-memory database beside the file.
//
// SLUICE_CRASH_ITERATIONS sets the number of kills per workload (default
// 30; `make crash-test` runs hundreds).
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "sluice/database.h"

namespace sluice {
namespace {

// Transaction number n (1, 2, ...): deterministic in n. It bumps meta.n,
// so the database itself says how many transactions it holds. Every third
// one is a SAVEPOINT that its RELEASE commits, with work taken back by
// ROLLBACK TO (to that savepoint, and to inner ones) before and after its
// own: that work must never be found.
std::string RowTransaction(int64_t n) {
  std::mt19937_64 rng(static_cast<uint64_t>(n) * 0x9e3779b97f4a7c15ULL);
  const bool savepoints = n % 3 == 0;
  std::string sql = savepoints ? "savepoint tx; delete from t; rollback to tx; update meta set n = n + 1;"
                                 "savepoint junk; delete from t; update meta set n = -1; rollback to junk;"
                               : "begin; update meta set n = n + 1;";
  int kind = static_cast<int>(rng() % 10);
  if (kind < 6) {
    int rows = 1 + static_cast<int>(rng() % (kind == 0 ? 400 : 8));
    sql += "insert into t(k, v, s) values ";
    for (int i = 0; i < rows; ++i) {
      sql += std::string(i > 0 ? "," : "") + "(" + std::to_string(rng() % 100000) + ", " +
             std::to_string(static_cast<int64_t>(rng() % 2000) - 1000) + ", 'tx" + std::to_string(n) + "-" +
             std::to_string(i) + "')";
    }
    sql += ";";
  } else if (kind < 8) {
    sql += "update t set v = v + " + std::to_string(n) + " where k % 13 = " + std::to_string(rng() % 13) + ";";
  } else if (kind == 8) {
    sql += "delete from t where k % 17 = " + std::to_string(rng() % 17) + ";";
  } else {
    sql +=
        "insert into t(k, v, s) select k + 1, v, s || '+' from t where k % 101 = " + std::to_string(rng() % 101) + ";";
  }
  if (savepoints) return sql + " savepoint late; update t set v = 0, s = 'junk'; rollback to late; release tx;";
  return sql + " commit;";
}

// The schema workload's transaction n: a row transaction (RowTransaction's
// mix, so t's triggers fire on its inserts and deletes) plus, by n, one
// schema change: every 7th adds a column c<n> with a DEFAULT, 3 later it is
// dropped again; every 11th creates a trigger, 5 later it is dropped;
// every 13th renames the side table back and forth within the transaction
// and adds a row to it. Plain transactions also write the attached
// in-memory database `scratch` (not in savepoint ones: sluice refuses
// savepoints while an attached database is in the transaction).
std::string SchemaTransaction(int64_t n) {
  std::string rows = RowTransaction(n);
  const bool savepoints = n % 3 == 0;
  std::string ddl;
  if (n % 7 == 0) {
    ddl += "alter table t add column c" + std::to_string(n) + " integer default " + std::to_string(n) + ";";
  }
  if (n % 7 == 3 && n > 3) ddl += "alter table t drop column c" + std::to_string(n - 3) + ";";
  if (n % 11 == 0) {
    ddl += "create trigger g" + std::to_string(n) + " after update on t begin insert into audit values (new.k, 'upd" +
           std::to_string(n) + "'); end;";
  }
  if (n % 11 == 5 && n > 5) ddl += "drop trigger g" + std::to_string(n - 5) + ";";
  if (n % 13 == 0) {
    ddl += "alter table side rename to side_" + std::to_string(n) + "; insert into side_" + std::to_string(n) +
           " values (" + std::to_string(n) + "); alter table side_" + std::to_string(n) + " rename to side;";
  }
  if (!savepoints) ddl += "insert into scratch.w values (" + std::to_string(n) + ");";
  // After the opening BEGIN / SAVEPOINT statement and meta's update.
  size_t at = rows.find("update meta set n = n + 1;") + std::string("update meta set n = n + 1;").size();
  return rows.substr(0, at) + ddl + rows.substr(at);
}

struct Workload {
  const char* setup;                    // run once on the file and on the model
  const char* child_setup;              // run by each child after opening
  std::string (*transaction)(int64_t);  // deterministic in n
  std::vector<std::string> contents;    // queries whose rows must match the model's
};

const Workload kRows = {
    "create table meta(n integer); insert into meta values (0); create table t(k integer, v integer, s text);",
    "",
    RowTransaction,
    {"select k, v, s from t order by rowid"}};

const Workload kSchema = {
    "create table meta(n integer); insert into meta values (0); create table t(k integer, v integer, s text);"
    "create table audit(k integer, what text); create table side(x integer);"
    "create trigger t_ins after insert on t begin insert into audit values (new.k, 'ins'); end;"
    "create trigger t_del before delete on t when old.v > 0 begin insert into audit values (old.k, 'del'); end;",
    "attach ':memory:' as scratch; create table scratch.w(n integer);",
    SchemaTransaction,
    {"select * from t order by rowid", "select * from audit order by rowid", "select * from side order by rowid",
     "select type, name, tbl_name, sql from sqlite_schema order by name"}};

std::string Rows(Database& db, const std::string& query) {
  std::string out;
  PrepareOutcome p = db.Prepare(query);
  if (!p.status.ok()) return "error: " + p.status.message();
  while (true) {
    Result<bool> row = p.statement->Step();
    if (!row.ok()) return out + "error: " + row.status().message();
    if (!*row) break;
    for (int c = 0; c < p.statement->column_count(); ++c) {
      if (c > 0) out += '|';
      out += p.statement->column_text(c);
    }
    out += "\n";
  }
  return out;
}

std::string Contents(Database& db, const std::vector<std::string>& queries) {
  std::string out;
  for (const std::string& query : queries) out += Rows(db, query) + "--\n";
  return out;
}

int64_t Scalar(Database& db, std::string_view sql) {
  PrepareOutcome p = db.Prepare(sql);
  if (!p.status.ok() || !p.statement) return -1;
  Result<bool> row = p.statement->Step();
  if (!row.ok() || !*row) return -1;
  return p.statement->column_int64(0);
}

// The child: from transaction `next` on, forever; reports each commit.
[[noreturn]] void RunChild(const Workload& w, const std::string& path, int report_fd) {
  Result<std::unique_ptr<Database>> db = Database::Open(path);
  if (!db.ok()) _exit(3);
  if (!(*db)->Execute(w.child_setup).ok()) _exit(8);
  int64_t n = Scalar(**db, "select n from meta");
  if (n < 0) _exit(4);
  for (int64_t next = n + 1;; ++next) {
    if (!(*db)->Execute(w.transaction(next)).ok()) _exit(5);
    if (write(report_fd, &next, sizeof(next)) != sizeof(next)) _exit(6);
    if (next % 25 == 0 && !(*db)->Execute("pragma wal_checkpoint").ok()) _exit(7);
  }
}

void KillWritersAndCheck(const Workload& w) {
  int iterations = 30;
  if (const char* env = std::getenv("SLUICE_CRASH_ITERATIONS")) iterations = std::atoi(env);
  std::string tmpl = ::testing::TempDir() + "crashXXXXXX";
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  std::string path = tmpl + "/crash.db";
  {
    Result<std::unique_ptr<Database>> db = Database::Open(path);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE((*db)->Execute(w.setup).ok());
  }
  Result<std::unique_ptr<Database>> model = Database::Open(":memory:");
  ASSERT_TRUE(model.ok());
  ASSERT_TRUE((*model)->Execute(w.setup).ok());
  ASSERT_TRUE((*model)->Execute(w.child_setup).ok());
  int64_t model_n = 0;
  std::mt19937 rng(20261122);
  int64_t total_acked = 0;
  for (int it = 0; it < iterations; ++it) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      RunChild(w, path, fds[1]);
    }
    close(fds[1]);
    std::this_thread::sleep_for(std::chrono::microseconds(2000 + rng() % 40000));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status) << " at iteration " << it;
    int64_t acked = -1, v;
    while (read(fds[0], &v, sizeof(v)) == sizeof(v)) acked = v;
    close(fds[0]);

    Result<std::unique_ptr<Database>> db = Database::Open(path);
    ASSERT_TRUE(db.ok()) << "iteration " << it << ": " << db.status().ToString();
    int64_t n = Scalar(**db, "select n from meta");
    ASSERT_GE(n, model_n) << "iteration " << it;
    if (acked >= 0) {
      total_acked += 1;
      ASSERT_TRUE(n == acked || n == acked + 1) << "iteration " << it << ": committed " << acked << ", found " << n;
    } else {
      ASSERT_LE(n, model_n + 1) << "iteration " << it;
    }
    while (model_n < n) {
      ++model_n;
      Status s = (*model)->Execute(w.transaction(model_n));
      ASSERT_TRUE(s.ok()) << "model, transaction " << model_n << ": " << s.ToString();
    }
    ASSERT_EQ(Contents(**db, w.contents), Contents(**model, w.contents))
        << "iteration " << it << " after transaction " << n;
    PrepareOutcome check = (*db)->Prepare("pragma integrity_check");
    ASSERT_TRUE(check.status.ok());
    ASSERT_TRUE(*check.statement->Step());
    EXPECT_EQ(check.statement->column_text(0), "ok") << "iteration " << it;
  }
  EXPECT_GT(model_n, 0);
  std::printf("%d kills, %lld transactions committed, %lld kills after a reported commit\n", iterations,
              static_cast<long long>(model_n), static_cast<long long>(total_acked));
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  std::remove((path + ".tmp").c_str());
  rmdir(tmpl.c_str());
}

TEST(CrashTest, KilledWritersLoseNothingCommittedAndNeverHalfATransaction) { KillWritersAndCheck(kRows); }

TEST(CrashTest, SchemaChangesTriggersAndAttachSurviveKills) { KillWritersAndCheck(kSchema); }

}  // namespace
}  // namespace sluice

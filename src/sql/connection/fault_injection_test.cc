// Fault injection at every mutating file operation of a workload (log
// appends, fsyncs, checkpoint writes, renames, directory syncs), each as an
// I/O error and as a short write, followed by a simulated power loss
// (base/fault_injection_env.h). After each, the reopened database must
// hold exactly the steps that reported success — or, when the failing step
// had already become durable before its error, that one too — never part of
// a transaction; and after the first failure the connection must refuse
// further writes (a sticky error) instead of pretending. The workload
// has triggers, savepoints, ALTER TABLE and an ATTACHed database in it.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "sluice/database.h"
#include "base/fault_injection_env.h"

namespace sluice {
namespace {

const std::vector<std::string> kSteps = {
    "insert into t values (10, 'a')",
    "begin; insert into t values (11, 'b'); update t set s = s || '!' where k < 5; commit;",
    "delete from t where k = 2",
    "pragma wal_checkpoint",
    "create index ts on t(s)",
    "insert into t select k + 100, s from t",
    "begin; delete from t where k > 100; insert into t values (12, 'c'); commit;",
    "begin; create table audit(k integer, what text);"
    "create trigger tr after insert on t begin insert into audit values (new.k, 'ins'); end; commit;",
    "insert into t values (13, 'd')",
    "savepoint a; insert into t values (14, 'e'); savepoint b; delete from t where k = 1; rollback to b; release a;",
    "alter table t add column n integer default 7",
    "attach ':memory:' as aux",
    "begin; create table aux.x(a); insert into aux.x values (1); insert into t(k, s) values (15, 'f'); commit;",
    "pragma wal_checkpoint",
    "alter table t rename column s to label",
    "begin; alter table t rename to t2; insert into t2(k) values (16); alter table t2 rename to t; commit;",
    "alter table t drop column n",
};
const char* kSetup = "create table t(k integer, s text); insert into t values (1, 'x'), (2, 'y'), (3, 'z');";

// The rows of t and audit and the schema, whatever columns they have.
std::string Contents(Database& db) {
  std::string out;
  for (const char* query : {"select * from t order by rowid", "select * from audit order by rowid",
                            "select type, name, tbl_name, sql from sqlite_schema order by name"}) {
    PrepareOutcome p = db.Prepare(query);
    if (!p.status.ok()) {
      out += "error: " + p.status.message() + "\n";
      continue;
    }
    while (true) {
      Result<bool> row = p.statement->Step();
      if (!row.ok()) {
        out += "error: " + row.status().message();
        break;
      }
      if (!*row) break;
      for (int c = 0; c < p.statement->column_count(); ++c) {
        if (c > 0) out += '|';
        out += p.statement->column_text(c);
      }
      out += ';';
    }
    out += '\n';
  }
  return out;
}

void Copy(const std::string& from, const std::string& to) {
  std::remove(to.c_str());
  std::ifstream in(from, std::ios::binary);
  if (!in) return;
  std::ofstream out(to, std::ios::binary);
  out << in.rdbuf();
}

TEST(FaultInjectionTest, EveryWriteFailureLeavesWholeTransactionsOnly) {
  std::string tmpl = ::testing::TempDir() + "faultXXXXXX";
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  std::string base = tmpl + "/base.db", path = tmpl + "/work.db";
  {
    Result<std::unique_ptr<Database>> db = Database::Open(base);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Execute(kSetup).ok());
  }
  // Expected contents after each number of completed steps.
  std::vector<std::string> expected;
  {
    Result<std::unique_ptr<Database>> model = Database::Open(":memory:");
    ASSERT_TRUE((*model)->Execute(kSetup).ok());
    expected.push_back(Contents(**model));
    for (const std::string& step : kSteps) {
      ASSERT_TRUE((*model)->Execute(step).ok()) << step;
      expected.push_back(Contents(**model));
    }
  }
  auto fresh_copy = [&]() {
    Copy(base, path);
    Copy(base + "-wal", path + "-wal");
  };
  // A clean run counts the operations to fail.
  uint64_t total;
  {
    fresh_copy();
    FaultInjectionEnv env(Env::Default());
    OpenOptions options;
    options.env = &env;
    {
      Result<std::unique_ptr<Database>> db = Database::Open(path, options);
      ASSERT_TRUE(db.ok());
      for (const std::string& step : kSteps) ASSERT_TRUE((*db)->Execute(step).ok()) << step;
    }
    total = env.operation_count();
  }
  ASSERT_GT(total, 20u);
  int checked = 0;
  for (uint64_t n = 0; n < total; ++n) {
    for (FaultKind kind : {FaultKind::kError, FaultKind::kShortWrite}) {
      fresh_copy();
      FaultInjectionEnv env(Env::Default());
      OpenOptions options;
      options.env = &env;
      size_t done = 0;
      bool failed = false;
      {
        Result<std::unique_ptr<Database>> db = Database::Open(path, options);
        ASSERT_TRUE(db.ok());
        env.FailAt(n, kind);
        for (; done < kSteps.size(); ++done) {
          if (!(*db)->Execute(kSteps[done]).ok()) {
            failed = true;
            break;
          }
        }
        if (failed) {
          // Sticky: no more writes through this connection.
          env.ClearFaults();
          Status again = (*db)->Execute("insert into t(k) values (999)");
          EXPECT_FALSE(again.ok()) << "fault at op " << n << ": a write succeeded after a failed one";
          // The connection shows the durable state, not the failed step.
          std::string now = Contents(**db);
          EXPECT_TRUE(now == expected[done] || now == expected[done + 1]) << "op " << n << ": " << now;
        }
      }
      ASSERT_TRUE(env.SimulateCrash().ok());
      Result<std::unique_ptr<Database>> reopened = Database::Open(path);
      ASSERT_TRUE(reopened.ok()) << "fault at op " << n << ": " << reopened.status().ToString();
      std::string got = Contents(**reopened);
      bool ok = got == expected[done] || (failed && got == expected[done + 1]);
      EXPECT_TRUE(ok) << "fault at op " << n << " (kind " << static_cast<int>(kind) << "), " << done
                      << " steps reported done: " << got;
      PrepareOutcome check = (*reopened)->Prepare("pragma integrity_check");
      ASSERT_TRUE(check.status.ok());
      ASSERT_TRUE(*check.statement->Step());
      EXPECT_EQ(check.statement->column_text(0), "ok") << "fault at op " << n;
      ++checked;
    }
  }
  std::printf("%d fault points checked (%llu mutating operations in the workload)\n", checked,
              static_cast<unsigned long long>(total));
  for (const std::string& p : {base, base + "-wal", path, path + "-wal", path + ".tmp", base + ".tmp"}) {
    std::remove(p.c_str());
  }
  rmdir(tmpl.c_str());
}

}  // namespace
}  // namespace sluice

// File databases through the public API: persistence across reopen,
// transactions, schema changes, two connections (locking and catching up),
// PRAGMAs, backup, bad files, the Appender and re-run bound statements.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "sluice/database.h"
#include "sql/connection/test_util.h"

namespace sluice {
namespace {

class FileDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "filedbXXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/shop.db";
  }
  void TearDown() override {
    for (const std::string& p : {path_, path_ + "-wal", path_ + ".tmp", dir_ + "/copy.db", dir_ + "/copy.db-wal"}) {
      std::remove(p.c_str());
    }
    rmdir(dir_.c_str());
  }
  std::unique_ptr<Database> OpenDb(const std::string& path = "") {
    Result<std::unique_ptr<Database>> db = Database::Open(path.empty() ? path_ : path);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(*db) : nullptr;
  }
  // "a|b;c|d;" or "error: msg".
  static std::string Q(Database& db, std::string_view sql) {
    PrepareOutcome p = db.Prepare(sql);
    if (!p.status.ok()) return "error: " + p.status.message();
    if (!p.statement) return "";
    std::string out;
    if (Status s = sql::testing::AppendRowsText(*p.statement, &out); !s.ok()) return out + "error: " + s.message();
    return out;
  }

  std::string dir_, path_;
};

TEST_F(FileDatabaseTest, CommittedDataAndSchemaSurviveReopen) {
  {
    auto db = OpenDb();
    ASSERT_TRUE(db->Execute("create table t(a integer primary key, b text unique, c real);"
                            "insert into t values (1, 'one', 1.5), (2, 'two', null), (3, 'x''y', -0.25);"
                            "create index tc on t(c); create view v as select b from t where a > 1;")
                    .ok());
    EXPECT_EQ(Q(*db, "insert into t values (4, 'one', 0)"), "error: UNIQUE constraint failed: t.b");
    ASSERT_TRUE(db->Execute("update t set c = 9 where a = 2; delete from t where a = 1;").ok());
  }
  auto db = OpenDb();
  EXPECT_EQ(Q(*db, "select a, b, c from t"), "2|two|9.0;3|x'y|-0.25;");
  EXPECT_EQ(Q(*db, "select * from v"), "two;x'y;");
  EXPECT_EQ(Q(*db, "select name from sqlite_schema order by name"), "sqlite_autoindex_t_1;t;tc;v;");
  EXPECT_EQ(Q(*db, "insert into t values (5, 'two', 0)"), "error: UNIQUE constraint failed: t.b");
  EXPECT_EQ(Q(*db, "insert into t(b) values ('next')"), "");
  EXPECT_EQ(Q(*db, "select max(a) from t"), "4;");
}

TEST_F(FileDatabaseTest, UncommittedAndRolledBackWorkIsGone) {
  {
    auto db = OpenDb();
    ASSERT_TRUE(db->Execute("create table t(x); insert into t values (1);").ok());
    ASSERT_TRUE(db->Execute("begin; insert into t values (2); rollback;").ok());
    ASSERT_TRUE(db->Execute("begin; insert into t values (3); commit;").ok());
    ASSERT_TRUE(db->Execute("begin; insert into t values (4); delete from t where x = 1;").ok());
    // Closed inside the transaction: 4 and the delete were never committed.
  }
  auto db = OpenDb();
  EXPECT_EQ(Q(*db, "select x from t"), "1;3;");
}

// The bytes of a file ("" when absent).
std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// SAVEPOINT outside BEGIN: nothing is written before the outermost
// RELEASE, which commits durably; what ROLLBACK TO took back is never
// written; a second connection sees none of it before the RELEASE and
// cannot write meanwhile; closing inside a savepoint loses only its work.
TEST_F(FileDatabaseTest, SavepointsWriteOnlyWhatTheOutermostReleaseCommits) {
  auto a = OpenDb();
  auto b = OpenDb();
  ASSERT_TRUE(a->Execute("create table t(x integer primary key, s text); insert into t values (1, 'first');").ok());
  const std::string log_before = FileBytes(path_ + "-wal");
  const std::string image_before = FileBytes(path_);
  std::string big = "insert into t values ";
  for (int i = 100; i < 1100; ++i) big += (i > 100 ? ",(" : "(") + std::to_string(i) + ", 'rolled-back-marker')";
  ASSERT_TRUE(a->Execute("savepoint outer_sp; insert into t values (2, 'kept');"
                         "savepoint inner_sp; " +
                         big + "; update t set s = 'changed' where x = 1; rollback to inner_sp;")
                  .ok());
  EXPECT_EQ(Q(*a, "select count(*) from t"), "2;");
  EXPECT_EQ(FileBytes(path_ + "-wal"), log_before);  // nothing written yet
  EXPECT_EQ(FileBytes(path_), image_before);
  EXPECT_EQ(Q(*b, "select x, s from t"), "1|first;");
  EXPECT_EQ(Q(*b, "insert into t values (9, 'b')"), "error: database is locked");
  ASSERT_TRUE(a->Execute("release outer_sp").ok());
  EXPECT_FALSE(a->in_transaction());
  const std::string files = FileBytes(path_) + FileBytes(path_ + "-wal");
  EXPECT_NE(files, image_before + log_before);  // the RELEASE wrote its commit
  EXPECT_EQ(files.find("rolled-back-marker"), std::string::npos);
  EXPECT_NE(files.find("kept"), std::string::npos);
  EXPECT_EQ(Q(*b, "select x, s from t"), "1|first;2|kept;");
  ASSERT_TRUE(a->Execute("savepoint lost; insert into t values (3, 'lost'); delete from t where x = 1;").ok());
  a.reset();  // closed inside the savepoint
  b.reset();
  auto c = OpenDb();
  EXPECT_EQ(Q(*c, "select x, s from t"), "1|first;2|kept;");
  EXPECT_EQ(Q(*c, "pragma integrity_check"), "ok;");
}

TEST_F(FileDatabaseTest, ManySmallCommitsAndABulkOneReopenIdentically) {
  {
    auto db = OpenDb();
    ASSERT_TRUE(db->Execute("create table n(i integer, s text);").ok());
    for (int i = 0; i < 300; ++i) {
      ASSERT_TRUE(db->Execute("insert into n values (" + std::to_string(i) + ", 'v" + std::to_string(i) + "')").ok());
    }
    ASSERT_TRUE(db->Execute("insert into n select i + 1000, s || 'b' from n;").ok());
    ASSERT_TRUE(db->Execute("update n set s = 'u' where i % 7 = 0;").ok());
    ASSERT_TRUE(db->Execute("create table m as select i * 2 as j from n where i < 10;").ok());
    ASSERT_TRUE(db->Execute("drop table m; create table m(k); insert into m values (42);").ok());
  }
  auto db = OpenDb();
  EXPECT_EQ(Q(*db, "select count(*), sum(i), count(distinct s) from n"), "600|389700|515;");
  EXPECT_EQ(Q(*db, "select * from m"), "42;");
  EXPECT_EQ(Q(*db, "pragma integrity_check"), "ok;");
}

TEST_F(FileDatabaseTest, SecondWriterGetsDatabaseIsLockedAndReadersCatchUp) {
  auto a = OpenDb();
  auto b = OpenDb();
  ASSERT_TRUE(a->Execute("create table t(x);").ok());
  EXPECT_EQ(Q(*b, "select count(*) from t"), "0;");  // b catches up with a's schema
  ASSERT_TRUE(a->Execute("begin; insert into t values (1);").ok());
  EXPECT_EQ(Q(*b, "insert into t values (2)"), "error: database is locked");
  {
    PrepareOutcome p = b->Prepare("insert into t values (2)");
    ASSERT_TRUE(p.status.ok()) << p.status.message();
    Status locked = p.statement->Step().status();
    EXPECT_EQ(locked.result_code(), ResultCode::kBusy);
    EXPECT_EQ(locked.phase(), ErrorPhase::kStep);
  }
  EXPECT_EQ(Q(*b, "select count(*) from t"), "0;");  // a's transaction is not visible
  ASSERT_TRUE(a->Execute("commit;").ok());
  EXPECT_EQ(Q(*b, "select count(*) from t"), "1;");
  EXPECT_EQ(Q(*b, "insert into t values (2)"), "");
  EXPECT_EQ(Q(*a, "select x from t"), "1;2;");
  EXPECT_EQ(Q(*b, "pragma busy_timeout = 20"), "20;");
}

// UPDATE and DELETE are logged as row edits by rowid (not table images):
// a reader catching up and a process opening the files with the log still
// unfolded must both end with the writer's rows — including rows changed
// then deleted, deleted rowids reused, and rows added inside the rowid order.
TEST_F(FileDatabaseTest, RowEditsReplayToTheWritersRows) {
  auto a = OpenDb();
  auto b = OpenDb();
  ASSERT_TRUE(a->Execute("create table t(i integer, s text);").ok());
  std::string batch = "begin;";
  for (int i = 1; i <= 3000; ++i)
    batch += "insert into t values (" + std::to_string(i) + ", 's" + std::to_string(i) + "');";
  ASSERT_TRUE(a->Execute(batch + "commit;").ok());
  EXPECT_EQ(Q(*b, "select count(*) from t"), "3000;");
  ASSERT_TRUE(a->Execute("update t set s = 'u' || i where i % 100 = 0;").ok());
  ASSERT_TRUE(a->Execute("delete from t where i % 250 = 1;").ok());
  ASSERT_TRUE(a->Execute("insert into t(rowid, i, s) values (251, -251, 'gap');").ok());
  ASSERT_TRUE(a->Execute("begin; update t set s = 'v' where i = 2; delete from t where i = 2;"
                         "insert into t(rowid, i, s) values (2, 2, 'again'); delete from t where i = 3000;"
                         "insert into t values (3001, 'reused max'); commit;")
                  .ok());
  ASSERT_TRUE(a->Execute("insert into t values (3002, 'appended'); update t set s = s || '!' where i = 3002;").ok());
  const char* checks[] = {
      "select count(*), sum(i), sum(length(s)) from t",
      "select rowid, i, s from t where i % 100 = 0 or i < 5 or i > 2990 or i < 0 or rowid = 251 order by rowid",
  };
  std::vector<std::string> expected;
  for (const char* q : checks) expected.push_back(Q(*a, q));
  EXPECT_EQ(expected[0], "2990|4487740|13859;");  // as sqlite3 3.40 computes it
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(Q(*b, checks[i]), expected[i]) << checks[i];
  EXPECT_EQ(Q(*b, "pragma integrity_check"), "ok;");
  // Another connection holds the writer lock, so closing `a` cannot fold the
  // log into the image: a new connection must replay the edits.
  b.reset();
  auto holder = OpenDb();
  ASSERT_TRUE(holder->Execute("begin;").ok());
  a.reset();
  auto c = OpenDb();
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(Q(*c, checks[i]), expected[i]) << checks[i];
  EXPECT_EQ(Q(*c, "pragma integrity_check"), "ok;");
}

// A checkpoint copies the stored columns of tables unchanged since they
// were loaded and encodes the rest: after chains of checkpoints by two
// connections — one of which learnt of the other's appends from the log —
// every table must read back whole.
TEST_F(FileDatabaseTest, CheckpointsCopyOnlyUnchangedTables) {
  {
    auto setup = OpenDb();
    std::string sql = "create table big(x integer, s text); create table small(y); begin;";
    for (int i = 0; i < 2000; ++i)
      sql += "insert into big values (" + std::to_string(i) + ", 'b" + std::to_string(i) + "');";
    ASSERT_TRUE(setup->Execute(sql + "commit; insert into small values (1);").ok());
  }
  auto a = OpenDb();  // both tables lazy, straight from the image
  auto b = OpenDb();
  ASSERT_TRUE(a->Execute("insert into small values (2);").ok());
  EXPECT_EQ(Q(*a, "pragma wal_checkpoint"), "0|0|0;");  // big copied, small encoded
  ASSERT_TRUE(a->Execute("insert into small values (3); pragma wal_checkpoint;").ok());
  EXPECT_EQ(Q(*b, "select count(*), sum(x) from big"), "2000|1999000;");   // b reloads a's image
  ASSERT_TRUE(a->Execute("insert into big values (5000, 'late');").ok());  // a log record
  EXPECT_EQ(Q(*b, "select sum(y) from small"), "6;");                      // b applies it
  ASSERT_TRUE(b->Execute("insert into small values (4); pragma wal_checkpoint;").ok());
  a.reset();
  b.reset();
  auto c = OpenDb();
  EXPECT_EQ(Q(*c, "select count(*), sum(x), max(s) from big"), "2001|2004000|late;");
  EXPECT_EQ(Q(*c, "select group_concat(y) from small"), "1,2,3,4;");
  EXPECT_EQ(Q(*c, "pragma integrity_check"), "ok;");
}

TEST_F(FileDatabaseTest, PragmasVacuumAndBackup) {
  auto db = OpenDb();
  EXPECT_EQ(Q(*db, "pragma journal_mode"), "wal;");
  EXPECT_EQ(Q(*db, "pragma synchronous"), "2;");
  EXPECT_EQ(Q(*db, "pragma synchronous = normal"), "");
  EXPECT_EQ(Q(*db, "pragma synchronous"), "1;");
  ASSERT_TRUE(db->Execute("create table t(x); insert into t values ('a'), ('b');").ok());
  EXPECT_EQ(Q(*db, "pragma wal_checkpoint"), "0|0|0;");
  EXPECT_EQ(Q(*db, "vacuum"), "");
  ASSERT_TRUE(db->Backup(dir_ + "/copy.db").ok());
  ASSERT_TRUE(db->Execute("insert into t values ('c');").ok());
  auto copy = OpenDb(dir_ + "/copy.db");
  EXPECT_EQ(Q(*copy, "select group_concat(x) from t"), "a,b;");
  EXPECT_EQ(Q(*db, "select group_concat(x) from t"), "a,b,c;");
}

TEST_F(FileDatabaseTest, BackupKeepsAFileThatIsNotADatabase) {
  auto db = OpenDb();
  ASSERT_TRUE(db->Execute("create table t(x); insert into t values ('a');").ok());
  std::string notes = dir_ + "/copy.db";
  {
    std::ofstream out(notes);
    out << "my notes\n";
  }
  Status s = db->Backup(notes);
  EXPECT_EQ(s.message(), "file is not a database");
  EXPECT_EQ(s.result_code(), ResultCode::kNotADb);
  std::ifstream in(notes);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "my notes");
  // A database (and an empty file) may be replaced.
  ASSERT_TRUE(db->Backup(path_ + ".bak").ok());
  ASSERT_TRUE(db->Backup(path_ + ".bak").ok());
  std::remove((path_ + ".bak").c_str());
  std::remove((path_ + ".bak-wal").c_str());
  { std::ofstream empty(notes, std::ios::trunc); }
  EXPECT_TRUE(db->Backup(notes).ok());
}

TEST_F(FileDatabaseTest, ASymlinkedDatabaseWritesItsTarget) {
  std::string link = dir_ + "/link.db";
  ASSERT_EQ(symlink("shop.db", link.c_str()), 0);
  {
    auto via_link = OpenDb(link);
    ASSERT_TRUE(via_link->Execute("create table t(x); insert into t values (1);").ok());
    auto via_target = OpenDb();
    ASSERT_TRUE(via_target->Execute("pragma busy_timeout = 0").ok());
    ASSERT_TRUE(via_link->Execute("begin; insert into t values (2);").ok());
    EXPECT_EQ(via_target->Execute("insert into t values (3);").message(), "database is locked");
    ASSERT_TRUE(via_link->Execute("commit;").ok());
  }
  auto db = OpenDb();
  EXPECT_EQ(Q(*db, "select group_concat(x) from t"), "1,2;");
  struct stat st;
  ASSERT_EQ(lstat(link.c_str(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode));
  std::remove(link.c_str());
}

TEST_F(FileDatabaseTest, NotADatabaseIsAClearError) {
  {
    std::ofstream out(path_);
    out << "id,name\n1,apple\n2,pear\n3,plum and a much longer line of text\n";
  }
  Result<std::unique_ptr<Database>> db = Database::Open(path_);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().message(), path_ + ": file is not a database");
  EXPECT_EQ(db.status().result_code(), ResultCode::kNotADb);
  Result<std::unique_ptr<Database>> unopenable = Database::Open(dir_ + "/no/such/dir/x.db");
  ASSERT_FALSE(unopenable.ok());
  EXPECT_EQ(unopenable.status().result_code(), ResultCode::kCantOpen) << unopenable.status().message();
}

}  // namespace
}  // namespace sluice

namespace sluice {
namespace {

// The Appender on a file database: each Append holds the writer lock (a
// second connection is locked out until Finish), failing rows are left
// out, Finish commits durably; an appender dropped before Finish leaves
// nothing behind and releases the lock.
TEST_F(FileDatabaseTest, AppenderCommitsItsRowsAtFinish) {
  auto a = OpenDb();
  auto b = OpenDb();
  ASSERT_TRUE(a->Execute("create table t(x integer unique)").ok());
  {
    Result<std::unique_ptr<Appender>> app = a->CreateAppender("t");
    ASSERT_TRUE(app.ok());
    const int64_t xs[] = {1, 2, 1, 3};
    for (int i = 0; i < 4; ++i) {
      AppendValue row[] = {AppendValue::Integer(xs[i])};
      EXPECT_EQ((*app)->Append(row).message(), i == 2 ? "UNIQUE constraint failed: t.x" : "") << i;
    }
    EXPECT_EQ(Q(*b, "insert into t values (9)"), "error: database is locked");
    ASSERT_TRUE((*app)->Finish().ok());
  }
  EXPECT_EQ(Q(*b, "select x from t"), "1;2;3;");
  {
    Result<std::unique_ptr<Appender>> app = a->CreateAppender("t");
    ASSERT_TRUE(app.ok());
    AppendValue row[] = {AppendValue::Integer(4)};
    ASSERT_TRUE((*app)->Append(row).ok());
  }
  EXPECT_EQ(Q(*b, "insert into t values (5)"), "");
  a.reset();
  b.reset();
  auto c = OpenDb();
  EXPECT_EQ(Q(*c, "select x from t"), "1;2;3;5;");
}

// A prepared INSERT run again and again with new values on a file
// database: every run commits, and a reader sees each.
TEST_F(FileDatabaseTest, BoundInsertRunsAgainAfterReset) {
  auto a = OpenDb();
  auto b = OpenDb();
  ASSERT_TRUE(a->Execute("create table t(x, y)").ok());
  PrepareOutcome p = a->Prepare("insert into t values (?, ?)");
  ASSERT_TRUE(p.status.ok());
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(p.statement->BindInt64(1, i).ok());
    ASSERT_TRUE(p.statement->BindText(2, std::string(i, 'x')).ok());
    ASSERT_TRUE(p.statement->Step().ok());
    p.statement->Reset();
    EXPECT_EQ(Q(*b, "select count(*) from t"), std::to_string(i) + ";");
  }
  p.statement.reset();
  a.reset();
  b.reset();
  auto c = OpenDb();
  EXPECT_EQ(Q(*c, "select x, y from t"), "1|x;2|xx;3|xxx;");
}

}  // namespace
}  // namespace sluice

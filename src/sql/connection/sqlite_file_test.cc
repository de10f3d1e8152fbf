// SQLite files (sqlite_file.cc, sqlite_open.cc), VACUUM INTO
// (vacuum_into.cc), PRAGMA database_list and schema-qualified names
// (schema_names.cc). The SQLite files are made, and the expected rows
// read, by libsqlite3 itself.
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "gtest/gtest.h"
#include "sluice/database.h"
#include "sluice/sqlite_file.h"
#include "sql/connection/test_util.h"

namespace sluice::sql {
namespace {

using ::sluice::sql::testing::AppendRowsText;

// Rows of every statement of `sql` as "a|b;c|d;", or "ERROR: message".
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

// The same through libsqlite3 (NULL as "", as column_text gives it).
std::string SqliteQuery(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::string out;
  const char* tail = sql.c_str();
  while (*tail != '\0') {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, tail, -1, &s, &tail) != SQLITE_OK) {
      out = "ERROR: " + std::string(sqlite3_errmsg(db));
      break;
    }
    if (s == nullptr) continue;
    while (sqlite3_step(s) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        if (c > 0) out.push_back('|');
        const unsigned char* text = sqlite3_column_text(s, c);
        if (text != nullptr) out.append(reinterpret_cast<const char*>(text), sqlite3_column_bytes(s, c));
      }
      out.push_back(';');
    }
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return out;
}

class SqliteFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "sqlitefileXXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    lite_ = dir_ + "/made.sqlite";
    SqliteQuery(lite_,
                "CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT, c REAL, d BLOB);"
                "INSERT INTO t VALUES (3, 'three', 3.5, x'00ff'), (10, NULL, 1e300, NULL), (-7, 'neg', 2, x'');"
                "CREATE TABLE plain(x, y);"
                "INSERT INTO plain(rowid, x, y) VALUES (5, 1, 'a'), (9, 2.0, 'b'), (100, '3', NULL);"
                "CREATE TABLE wr(k TEXT PRIMARY KEY, v INT) WITHOUT ROWID;"
                "INSERT INTO wr VALUES ('b', 2), ('a', 1);"
                "CREATE UNIQUE INDEX t_b ON t(b);"
                "CREATE VIEW v AS SELECT a, b FROM t WHERE a > 0;");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string dir_;
  std::string lite_;
};

// (sluice lists an sqlite_autoindex_ entry for a WITHOUT ROWID table's
// primary key, which sqlite3 does not: internal names are left out.)
constexpr const char* kQueries =
    "SELECT rowid, a, b, c, hex(d), typeof(c) FROM t ORDER BY rowid;"
    "SELECT rowid, x, y, typeof(x) FROM plain ORDER BY rowid;"
    "SELECT * FROM wr;"
    "SELECT * FROM v ORDER BY a;"
    "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite%' ORDER BY name;";

TEST_F(SqliteFileTest, OpensReadOnlyWithSqlitesRows) {
  EXPECT_TRUE(IsSqliteFile(lite_));
  Result<std::unique_ptr<Database>> db = Database::Open(lite_);
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_TRUE((*db)->read_only());
  EXPECT_TRUE((*db)->warnings().empty());
  EXPECT_EQ(Query(**db, kQueries), SqliteQuery(lite_, kQueries));
  char resolved[PATH_MAX];
  ASSERT_NE(realpath(lite_.c_str(), resolved), nullptr);
  EXPECT_EQ(Query(**db, "PRAGMA database_list"), "0|main|" + std::string(resolved) + ";");
}

TEST_F(SqliteFileTest, WritesAreRefusedAsSqliteRefusesThem) {
  Result<std::unique_ptr<Database>> db = Database::Open(lite_);
  ASSERT_TRUE(db.ok());
  for (const char* sql : {"INSERT INTO t(b) VALUES ('x')", "UPDATE t SET b = 'y'", "DELETE FROM plain",
                          "CREATE TABLE n(a)", "DROP VIEW v", "CREATE INDEX i ON plain(x)"}) {
    PrepareOutcome p = (*db)->Prepare(sql);
    ASSERT_TRUE(p.status.ok()) << sql << ": " << p.status.message();
    Result<bool> row = p.statement->Step();
    ASSERT_FALSE(row.ok()) << sql;
    EXPECT_EQ(row.status().message(), "attempt to write a readonly database") << sql;
    EXPECT_EQ(row.status().result_code(), ResultCode::kReadOnly) << sql;
  }
  EXPECT_FALSE((*db)->CreateAppender("plain").ok());
  // Inside a transaction too, and the rows are unchanged.
  EXPECT_EQ(Query(**db, "BEGIN; INSERT INTO plain VALUES (1, 2)"), "ERROR: attempt to write a readonly database");
  EXPECT_EQ(Query(**db, "ROLLBACK; SELECT count(*) FROM plain"), "3;");
  EXPECT_EQ(SqliteQuery(lite_, "SELECT count(*) FROM plain"), "3;");
}

TEST_F(SqliteFileTest, ObjectsTheEngineRefusesAreNamedInWarnings) {
  SqliteQuery(lite_,
              "CREATE TABLE log(m); CREATE TRIGGER tr AFTER INSERT ON plain BEGIN INSERT INTO log VALUES (1); END;");
  Result<std::unique_ptr<Database>> db = Database::Open(lite_);
  ASSERT_TRUE(db.ok());
  std::string schema = Query(**db, "SELECT name FROM sqlite_schema WHERE type = 'trigger'");
  if (schema.empty()) {
    ASSERT_EQ((*db)->warnings().size(), 1u);
    EXPECT_NE((*db)->warnings()[0].find("trigger tr of the SQLite file not loaded: "), std::string::npos)
        << (*db)->warnings()[0];
  } else {
    EXPECT_EQ(schema, "tr;");
    EXPECT_TRUE((*db)->warnings().empty());
  }
}

TEST_F(SqliteFileTest, CopyIntoAFileDatabaseSurvivesReopen) {
  std::string path = dir_ + "/copy.db";
  {
    Result<std::unique_ptr<Database>> db = Database::Open(path);
    ASSERT_TRUE(db.ok());
    Result<std::vector<SqliteObjectCopy>> copied = CopySqliteFile(lite_, **db);
    ASSERT_TRUE(copied.ok()) << copied.status().message();
    ASSERT_EQ(copied->size(), 5u);
    for (const SqliteObjectCopy& c : *copied) EXPECT_TRUE(c.status.ok()) << c.name << ": " << c.status.message();
    EXPECT_EQ((*copied)[0].name, "t");
    EXPECT_EQ((*copied)[0].rows, 3);
    EXPECT_FALSE((*db)->in_transaction());
  }
  Result<std::unique_ptr<Database>> db = Database::Open(path);
  ASSERT_TRUE(db.ok());
  EXPECT_FALSE((*db)->read_only());
  EXPECT_EQ(Query(**db, kQueries), SqliteQuery(lite_, kQueries));
  EXPECT_EQ(Query(**db, "INSERT INTO t(b) VALUES ('three')"), "ERROR: UNIQUE constraint failed: t.b");
}

TEST_F(SqliteFileTest, CopyInsideATransactionIsTakenBackByRollback) {
  Result<std::unique_ptr<Database>> db = Database::Open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_EQ(Query(**db, "CREATE TABLE plain(q); BEGIN"), "");
  Result<std::vector<SqliteObjectCopy>> copied = CopySqliteFile(lite_, **db);
  ASSERT_TRUE(copied.ok());
  // `plain` is taken: reported, the others copied, the transaction open.
  int refused = 0;
  for (const SqliteObjectCopy& c : *copied) {
    if (c.status.ok()) continue;
    ++refused;
    EXPECT_EQ(c.name, "plain");
    EXPECT_EQ(c.status.message(), "table plain already exists");
  }
  EXPECT_EQ(refused, 1);
  EXPECT_TRUE((*db)->in_transaction());
  EXPECT_EQ(Query(**db, "SELECT count(*) FROM t; SELECT count(*) FROM plain"), "3;0;");
  EXPECT_EQ(Query(**db, "ROLLBACK; SELECT name FROM sqlite_schema"), "plain;");
}

TEST_F(SqliteFileTest, FilesThatAreNotSqlite) {
  std::string text = dir_ + "/notes.txt";
  SqliteQuery(dir_ + "/other.sqlite", "CREATE TABLE x(a)");
  FILE* f = fopen(text.c_str(), "w");
  ASSERT_NE(f, nullptr);
  fputs("not a database at all, just some text\n", f);
  fclose(f);
  EXPECT_FALSE(IsSqliteFile(text));
  EXPECT_FALSE(IsSqliteFile(dir_));
  EXPECT_FALSE(IsSqliteFile(dir_ + "/missing"));
  Result<std::unique_ptr<Database>> db = Database::Open(":memory:");
  ASSERT_TRUE(db.ok());
  Result<std::vector<SqliteObjectCopy>> copied = CopySqliteFile(text, **db);
  ASSERT_FALSE(copied.ok());
  EXPECT_EQ(copied.status().result_code(), ResultCode::kNotADb);
  EXPECT_FALSE(CopySqliteFile(dir_ + "/missing", **db).ok());
}

TEST_F(SqliteFileTest, VacuumIntoWritesACopyThatReopens) {
  std::string path = dir_ + "/src.db";
  std::string copy = dir_ + "/copy.db";
  {
    Result<std::unique_ptr<Database>> db = Database::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_EQ(Query(**db,
                    "CREATE TABLE s(x); INSERT INTO s VALUES (1), (2), (3); DELETE FROM s WHERE x = 2;"
                    "VACUUM INTO '" +
                        copy + "'"),
              "");
    EXPECT_EQ(Query(**db, "VACUUM INTO '" + copy + "'"), "ERROR: output file already exists");
    EXPECT_EQ(Query(**db, "VACUUM INTO 7"), "ERROR: non-text filename");
    EXPECT_EQ(Query(**db, "BEGIN; VACUUM INTO 'x.db'"), "ERROR: cannot VACUUM from within a transaction");
    EXPECT_EQ(Query(**db, "ROLLBACK"), "");
    PrepareOutcome p = (*db)->Prepare("VACUUM aux INTO 'y.db'");
    EXPECT_EQ(p.status.message(), "unknown database aux");
    EXPECT_EQ(p.status.error_offset(), 7);
  }
  Result<std::unique_ptr<Database>> db = Database::Open(copy);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(Query(**db, "SELECT rowid, x FROM s"), "1|1;3|3;");
}

TEST(SchemaNamesTest, OtherSchemasNameNothing) {
  Result<std::unique_ptr<Database>> db = Database::Open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_EQ(Query(**db, "CREATE TABLE t(a); INSERT INTO t VALUES (1)"), "");
  EXPECT_EQ(Query(**db, "DELETE FROM aux.t"), "ERROR: no such table: aux.t");
  EXPECT_EQ(Query(**db, "DROP TABLE IF EXISTS aux.t; SELECT count(*) FROM main.t"), "1;");
  EXPECT_EQ(Query(**db, "CREATE TEMP TABLE x(a); CREATE TEMP TABLE t(a)"),
            "ERROR: a TEMP object named as a main one is not supported: t");
  PrepareOutcome p = (*db)->Prepare("CREATE INDEX \"Aux\".i ON t(a)");
  EXPECT_EQ(p.status.message(), "unknown database \"Aux\"");
  EXPECT_EQ(p.status.error_offset(), 13);
  EXPECT_EQ(Query(**db, "SELECT main.t.a FROM main.t"), "1;");
}

}  // namespace
}  // namespace sluice::sql

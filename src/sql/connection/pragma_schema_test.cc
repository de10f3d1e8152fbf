// Tests of PRAGMA table_info / index_list / table_list (sql/pragma/pragma_schema.h).
// The expected rows are what sqlite3 3.40 printed (list mode, NULL as
// nothing) for the same tables and PRAGMAs.
#include <gtest/gtest.h>

#include "sluice/database.h"

namespace sluice {
namespace {

constexpr std::string_view kTables = R"sql(CREATE TABLE g(a, b as (a*2), "c d" TEXT, e GENERATED ALWAYS AS (1) STORED);
CREATE TABLE p1(a integer primary key desc, b);
CREATE TABLE p2(a integer, b, primary key(a desc));
CREATE TABLE p3(a int primary key, b);
CREATE TABLE p4(rowid, _rowid_, b);
CREATE TABLE p5(ROWID, _rowid_, oid);
CREATE TABLE p6(a integer primary key, b) without rowid;
CREATE TABLE p7(a, b, primary key(a,b));
CREATE TABLE p8(Id INTEGER, b, PRIMARY KEY(id COLLATE nocase));
CREATE TABLE p9(id INTEGER PRIMARY KEY AUTOINCREMENT, x);
CREATE TABLE d(a INT DEFAULT -1, b TEXT DEFAULT 'x''y' NOT NULL, c DEFAULT (1 + 2), d DEFAULT CURRENT_TIMESTAMP, e VARCHAR(10) DEFAULT +5 UNIQUE, f DEFAULT abc, g DEFAULT ((3)), h real default 1.5e3, UNIQUE(b, c));
CREATE INDEX di ON d(c);
CREATE UNIQUE INDEX dp ON d(a) WHERE a > 0;
CREATE TABLE w(x text, y, primary key(y, x)) without rowid;
CREATE TABLE ct AS SELECT 1 AS n, 'a' AS s;
CREATE TABLE z(a varchar(10), b Integer, c 'my type', d decimal(10, 2), e int, f Blob, g any, h text, i real, j iNt eger, k  Text  );
CREATE TABLE w2(u unique, x integer primary key, y) without rowid;
CREATE INDEX w2i ON w2(y);
)sql";

constexpr std::string_view kExpected = R"txt(== g
0|a||0||0
1|c d|TEXT|0||0
main|g|table|4|0|0
== p1
0|a|INTEGER|0||1
1|b||0||0
0|sqlite_autoindex_p1_1|1|pk|0
main|p1|table|2|0|0
== p2
0|a|INTEGER|0||1
1|b||0||0
main|p2|table|2|0|0
== p3
0|a|INT|0||1
1|b||0||0
0|sqlite_autoindex_p3_1|1|pk|0
main|p3|table|2|0|0
== p4
0|rowid||0||0
1|_rowid_||0||0
2|b||0||0
main|p4|table|3|0|0
== p5
0|ROWID||0||0
1|_rowid_||0||0
2|oid||0||0
main|p5|table|3|0|0
== p6
0|a|INTEGER|1||1
1|b||0||0
0|sqlite_autoindex_p6_1|1|pk|0
main|p6|table|2|1|0
== p7
0|a||0||1
1|b||0||2
0|sqlite_autoindex_p7_1|1|pk|0
main|p7|table|2|0|0
== p8
0|Id|INTEGER|0||1
1|b||0||0
main|p8|table|2|0|0
== p9
0|id|INTEGER|0||1
1|x||0||0
main|p9|table|2|0|0
== d
0|a|INT|0|-1|0
1|b|TEXT|1|'x''y'|0
2|c||0|1 + 2|0
3|d||0|CURRENT_TIMESTAMP|0
4|e|VARCHAR(10)|0|+5|0
5|f||0|abc|0
6|g||0|(3)|0
7|h|REAL|0|1.5e3|0
0|dp|1|c|1
1|di|0|c|0
2|sqlite_autoindex_d_2|1|u|0
3|sqlite_autoindex_d_1|1|u|0
main|d|table|8|0|0
== w
0|x|TEXT|1||2
1|y||1||1
0|sqlite_autoindex_w_1|1|pk|0
main|w|table|2|1|0
== ct
0|n||0||0
1|s||0||0
main|ct|table|2|0|0
== z
0|a|varchar(10)|0||0
1|b|INTEGER|0||0
2|c|my type|0||0
3|d|decimal(10, 2)|0||0
4|e|INT|0||0
5|f|BLOB|0||0
6|g|ANY|0||0
7|h|TEXT|0||0
8|i|REAL|0||0
9|j|iNt eger|0||0
10|k|TEXT|0||0
main|z|table|11|0|0
== w2
0|u||0||0
1|x|INTEGER|1||1
2|y||0||0
0|w2i|0|c|0
1|sqlite_autoindex_w2_2|1|pk|0
2|sqlite_autoindex_w2_1|1|u|0
main|w2|table|3|1|0
)txt";

// The rows of `sql` as sqlite3's list mode prints them.
std::string Rows(Database& db, const std::string& sql) {
  PrepareOutcome p = db.Prepare(sql);
  if (!p.status.ok()) return "prepare: " + p.status.message() + "\n";
  std::string out;
  while (true) {
    Result<bool> row = p.statement->Step();
    if (!row.ok()) return out + "step: " + row.status().message() + "\n";
    if (!*row) break;
    for (int c = 0; c < p.statement->column_count(); ++c) {
      if (c > 0) out += "|";
      out += p.statement->column_text(c);
    }
    out += "\n";
  }
  return out;
}

TEST(PragmaSchemaTest, RowsAreSqlites) {
  auto db = Database::Open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Execute(kTables).ok());
  std::string got;
  for (const char* t : {"g", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "d", "w", "ct", "z", "w2"}) {
    got += "== " + std::string(t) + "\n";
    for (const char* pragma : {"table_info", "index_list", "table_list"}) {
      got += Rows(**db, "pragma " + std::string(pragma) + "(" + t + ")");
    }
  }
  EXPECT_EQ(got, kExpected);
}

TEST(PragmaSchemaTest, ColumnNamesAndUnknownTables) {
  auto db = Database::Open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Execute("create table t(x)").ok());
  for (auto [pragma, names] : {std::pair<std::string, std::string>{"table_info", "cid,name,type,notnull,dflt_value,pk"},
                               {"index_list", "seq,name,unique,origin,partial"},
                               {"table_list", "schema,name,type,ncol,wr,strict"}}) {
    PrepareOutcome p = (*db)->Prepare("PRAGMA " + pragma + "='t'");
    ASSERT_TRUE(p.status.ok());
    std::string got;
    for (int c = 0; c < p.statement->column_count(); ++c)
      got += (c > 0 ? "," : "") + std::string(p.statement->column_name(c));
    EXPECT_EQ(got, names);
    EXPECT_EQ(Rows(**db, "PRAGMA " + pragma + "(nosuch)"), "");
    // Without an argument table_list lists everything (sqlite3 too).
    if (pragma != "table_list") {
      EXPECT_EQ(Rows(**db, "PRAGMA " + pragma), "");
    }
  }
  EXPECT_EQ(Rows(**db, "PRAGMA table_list"),
            "main|t|table|1|0|0\nmain|sqlite_schema|table|5|0|0\ntemp|sqlite_temp_schema|table|5|0|0\n");
  EXPECT_EQ(Rows(**db, "PRAGMA TABLE_INFO=\"T\""), "0|x||0||0\n");
}

}  // namespace
}  // namespace sluice

// Tests of DumpColumnsOf / DumpInsertTarget / DumpSelect. The expectations
// are what sqlite3 3.40.1's `.dump --preserve-rowids` printed for the same
// CREATE TABLE statements (INSERT INTO p4(oid,rowid,_rowid_,b) ...).
#include "shell/dump_columns.h"

#include <gtest/gtest.h>

namespace sluice::shell {
namespace {

// The INSERT target .dump --preserve-rowids writes for a table.
std::string Target(std::string_view name, std::string_view sql, bool preserve = true) {
  std::optional<DumpColumns> c = DumpColumnsOf(sql, preserve);
  if (!c) return "(none)";
  return DumpInsertTarget(name, *c);
}

TEST(DumpColumnsTest, ColumnsInOrderWithoutGeneratedOnes) {
  std::optional<DumpColumns> c = DumpColumnsOf(
      "CREATE TABLE g(a, b as (a*2), \"c d\" TEXT, e GENERATED ALWAYS AS (1) STORED)", /*preserve_rowids=*/false);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->names, (std::vector<std::string>{"a", "c d"}));
  EXPECT_EQ(c->rowid, "");
  EXPECT_EQ(DumpSelect("g", *c), "SELECT a,\"c d\" FROM g");
  EXPECT_EQ(DumpInsertTarget("g", *c), "INSERT INTO g");
  EXPECT_EQ(DumpSelect("my table", *c), "SELECT a,\"c d\" FROM \"my table\"");
  EXPECT_EQ(DumpInsertTarget("select", *c), "INSERT INTO \"select\"");
}

TEST(DumpColumnsTest, RowidIsPreservedUnlessItIsAColumn) {
  EXPECT_EQ(Target("g", "CREATE TABLE g(a, b as (a*2), c)"), "INSERT INTO g(rowid,a,c)");
  EXPECT_EQ(Target("p1", "CREATE TABLE p1(a integer primary key desc, b)"), "INSERT INTO p1(rowid,a,b)");
  EXPECT_EQ(Target("p2", "CREATE TABLE p2(a integer, b, primary key(a desc))"), "INSERT INTO p2");
  EXPECT_EQ(Target("p3", "CREATE TABLE p3(a int primary key, b)"), "INSERT INTO p3(rowid,a,b)");
  EXPECT_EQ(Target("p4", "CREATE TABLE p4(rowid, _rowid_, b)"), "INSERT INTO p4(oid,rowid,_rowid_,b)");
  EXPECT_EQ(Target("p5", "CREATE TABLE p5(ROWID, _rowid_, oid)"), "INSERT INTO p5");
  EXPECT_EQ(Target("p6", "CREATE TABLE p6(a integer primary key, b) without rowid"), "INSERT INTO p6");
  EXPECT_EQ(Target("p7", "CREATE TABLE p7(a, b, primary key(a,b))"), "INSERT INTO p7(rowid,a,b)");
  EXPECT_EQ(Target("p8", "CREATE TABLE p8(Id INTEGER, b, PRIMARY KEY(id COLLATE nocase))"), "INSERT INTO p8");
  EXPECT_EQ(Target("p9", "CREATE TABLE p9(id INTEGER PRIMARY KEY AUTOINCREMENT, x)"), "INSERT INTO p9");
  EXPECT_EQ(Target("Quo\"te", "CREATE TABLE \"Quo\"\"te\"(x)"), "INSERT INTO \"Quo\"\"te\"(rowid,x)");
  EXPECT_EQ(Target("p3", "CREATE TABLE p3(a int primary key, b)", /*preserve=*/false), "INSERT INTO p3");
}

TEST(DumpColumnsTest, NoColumnListMeansNone) {
  EXPECT_FALSE(DumpColumnsOf("CREATE TABLE b AS SELECT 1 AS x", false).has_value());
  EXPECT_FALSE(DumpColumnsOf("CREATE VIRTUAL TABLE v USING fts5(a)", false).has_value());
  EXPECT_FALSE(DumpColumnsOf("CREATE TABLE (", false).has_value());
  EXPECT_FALSE(DumpColumnsOf("CREATE INDEX i ON t(a)", false).has_value());
}

}  // namespace
}  // namespace sluice::shell

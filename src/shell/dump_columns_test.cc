// Tests of DumpColumnsFrom / DumpInsertTarget / DumpSelect. The PRAGMA rows
// are what sqlite3 3.40.1 gives for the CREATE TABLE in each comment, and
// the targets what its `.dump --preserve-rowids` printed for those tables
// (INSERT INTO p4(oid,rowid,_rowid_,b) ...).
#include "shell/dump_columns.h"

#include <gtest/gtest.h>

namespace sluice::shell {
namespace {

// The INSERT target .dump --preserve-rowids writes for a table with these
// PRAGMA table_info rows (name, type, pk), index_list origin 'pk' and
// table_list wr.
std::string Target(std::string_view name, const std::vector<TableInfoColumn>& columns, bool has_pk_index = false,
                   bool without_rowid = false, bool preserve = true) {
  return DumpInsertTarget(name, DumpColumnsFrom(columns, preserve, has_pk_index, without_rowid));
}

TEST(DumpColumnsTest, ColumnsInOrder) {
  // CREATE TABLE g(a, b as (a*2), "c d" TEXT, e GENERATED ALWAYS AS (1) STORED)
  DumpColumns c = DumpColumnsFrom({{"a", "", 0}, {"c d", "TEXT", 0}}, /*preserve_rowids=*/false, false, false);
  EXPECT_EQ(c.names, (std::vector<std::string>{"a", "c d"}));
  EXPECT_EQ(c.rowid, "");
  EXPECT_EQ(DumpSelect("g", c), "SELECT a,\"c d\" FROM g");
  EXPECT_EQ(DumpInsertTarget("g", c), "INSERT INTO g");
  EXPECT_EQ(DumpSelect("my table", c), "SELECT a,\"c d\" FROM \"my table\"");
  EXPECT_EQ(DumpInsertTarget("select", c), "INSERT INTO \"select\"");
}

TEST(DumpColumnsTest, RowidIsPreservedUnlessItIsAColumn) {
  // CREATE TABLE g(a, b as (a*2), c)
  EXPECT_EQ(Target("g", {{"a", "", 0}, {"c", "", 0}}), "INSERT INTO g(rowid,a,c)");
  // CREATE TABLE p1(a integer primary key desc, b): index sqlite_autoindex_p1_1 (pk)
  EXPECT_EQ(Target("p1", {{"a", "INTEGER", 1}, {"b", "", 0}}, true), "INSERT INTO p1(rowid,a,b)");
  // CREATE TABLE p2(a integer, b, primary key(a desc)): no index
  EXPECT_EQ(Target("p2", {{"a", "INTEGER", 1}, {"b", "", 0}}), "INSERT INTO p2");
  // CREATE TABLE p3(a int primary key, b)
  EXPECT_EQ(Target("p3", {{"a", "INT", 1}, {"b", "", 0}}, true), "INSERT INTO p3(rowid,a,b)");
  // CREATE TABLE p4(rowid, _rowid_, b)
  EXPECT_EQ(Target("p4", {{"rowid", "", 0}, {"_rowid_", "", 0}, {"b", "", 0}}), "INSERT INTO p4(oid,rowid,_rowid_,b)");
  // CREATE TABLE p5(ROWID, _rowid_, oid)
  EXPECT_EQ(Target("p5", {{"ROWID", "", 0}, {"_rowid_", "", 0}, {"oid", "", 0}}), "INSERT INTO p5");
  // CREATE TABLE p6(a integer primary key, b) without rowid
  EXPECT_EQ(Target("p6", {{"a", "INTEGER", 1}, {"b", "", 0}}, true, true), "INSERT INTO p6");
  // CREATE TABLE p7(a, b, primary key(a,b))
  EXPECT_EQ(Target("p7", {{"a", "", 1}, {"b", "", 2}}, true), "INSERT INTO p7(rowid,a,b)");
  // CREATE TABLE p8(Id INTEGER, b, PRIMARY KEY(id COLLATE nocase))
  EXPECT_EQ(Target("p8", {{"Id", "INTEGER", 1}, {"b", "", 0}}), "INSERT INTO p8");
  // CREATE TABLE w(x text, y, primary key(y, x)) without rowid
  EXPECT_EQ(Target("w", {{"x", "TEXT", 2}, {"y", "", 1}}, true, true), "INSERT INTO w");
  // CREATE TABLE "Quo""te"(x)
  EXPECT_EQ(Target("Quo\"te", {{"x", "", 0}}), "INSERT INTO \"Quo\"\"te\"(rowid,x)");
  EXPECT_EQ(Target("p3", {{"a", "INT", 1}, {"b", "", 0}}, true, false, /*preserve=*/false), "INSERT INTO p3");
}

}  // namespace
}  // namespace sluice::shell

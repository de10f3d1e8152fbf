// Unit tests of the schema text renames (schema_rename.h). Every expected
// text is what sqlite3 3.40.1 stored in sqlite_schema for the same ALTER
// TABLE (triggers included, which the engine tests cannot create yet).
#include "sql/connection/schema_rename.h"

#include <gtest/gtest.h>

namespace sluice::sql {
namespace {

std::string Column(std::string_view sql, std::string_view table, std::string_view from, std::string_view to,
                   bool quoted) {
  Result<std::string> r = RenameColumnInSql(sql, table, from, to, quoted);
  return r.ok() ? *r : "ERROR: " + std::string(r.status().message());
}

std::string Table(std::string_view sql, std::string_view from, std::string_view to) {
  Result<std::string> r = RenameTableInSql(sql, from, to);
  return r.ok() ? *r : "ERROR: " + std::string(r.status().message());
}

TEST(SchemaRenameTest, ColumnInTriggersOnTheTableAndOnOthers) {
  EXPECT_EQ(
      Column("CREATE TRIGGER tr1 after insert on t begin insert into o(a, c) select new.a, b from t where t.a > 0; "
             "end",
             "t", "a", "A x", true),
      "CREATE TRIGGER tr1 after insert on t begin insert into o(a, c) select new.\"A x\", b from t where "
      "t.\"A x\" > 0; end");
  EXPECT_EQ(Column("CREATE TRIGGER tr2 after update of a on t when new.a > 0 begin update o set a = new.a, c = old.a "
                   "where o.a = old.a; end",
                   "t", "a", "A x", true),
            "CREATE TRIGGER tr2 after update of \"A x\" on t when new.\"A x\" > 0 begin update o set a = new.\"A x\", "
            "c = old.\"A x\" where o.a = old.\"A x\"; end");
  EXPECT_EQ(
      Column("CREATE TRIGGER tr3 after delete on o begin delete from t where a = old.a; select x.a from t as x, o "
             "where x.a = o.a; end",
             "t", "a", "A x", true),
      "CREATE TRIGGER tr3 after delete on o begin delete from t where \"A x\" = old.a; select x.\"A x\" from t "
      "as x, o where x.\"A x\" = o.a; end");
}

TEST(SchemaRenameTest, ColumnKeepsCommentsStringsAndAliases) {
  EXPECT_EQ(Column("CREATE VIEW w as select a /* the a */, 'a' as \"a2\", \"a\" from t", "t", "a", "A x", true),
            "CREATE VIEW w as select \"A x\" /* the a */, 'a' as \"a2\", \"A x\" from t");
  EXPECT_EQ(Column("CREATE INDEX ti on t(a collate nocase, b) where a is not null", "t", "a", "A x", true),
            "CREATE INDEX ti on t(\"A x\" collate nocase, b) where \"A x\" is not null");
  // Unquoted new name: a bare token stays bare, a quoted one stays quoted.
  EXPECT_EQ(Column("CREATE TABLE t(a int primary key, b, \"c d\" real check (a > 0))", "t", "a", "x", false),
            "CREATE TABLE t(x int primary key, b, \"c d\" real check (x > 0))");
  EXPECT_EQ(Column("CREATE TABLE t(a int primary key, b, \"c d\" real check (a > 0))", "t", "c d", "e", false),
            "CREATE TABLE t(a int primary key, b, \"e\" real check (a > 0))");
  // Another table's REFERENCES list only.
  EXPECT_EQ(Column("CREATE TABLE o(a references t(a), c)", "t", "a", "x", false),
            "CREATE TABLE o(a references t(x), c)");
  // A view that does not read the table is left alone.
  EXPECT_EQ(Column("CREATE VIEW v as select a from o", "t", "a", "x", false), "CREATE VIEW v as select a from o");
}

TEST(SchemaRenameTest, TableEverywhereItIsNamed) {
  EXPECT_EQ(
      Table("CREATE TRIGGER tr1 after insert on t begin insert into o(a, c) select new.a, b from t where t.a > 0; "
            "end",
            "t", "tt"),
      "CREATE TRIGGER tr1 after insert on \"tt\" begin insert into o(a, c) select new.a, b from \"tt\" where "
      "\"tt\".a > 0; end");
  EXPECT_EQ(Table("CREATE VIEW v as select t.a, t.b from t join t as x on t.a=x.a, t t2 where t.a in (select a from t)",
                  "t", "New Tab"),
            "CREATE VIEW v as select \"New Tab\".a, \"New Tab\".b from \"New Tab\" join \"New Tab\" as x on "
            "\"New Tab\".a=x.a, \"New Tab\" t2 where \"New Tab\".a in (select a from \"New Tab\")");
  EXPECT_EQ(Table("CREATE INDEX \"i2\" on \"t\" (a, b)", "t", "u"), "CREATE INDEX \"i2\" on \"u\" (a, b)");
  EXPECT_EQ(Table("CREATE TABLE o(x references t(a))", "t", "u"), "CREATE TABLE o(x references \"u\"(a))");
  EXPECT_EQ(Table("CREATE TABLE o(t, x)", "t", "u"), "CREATE TABLE o(t, x)");
}

}  // namespace
}  // namespace sluice::sql

// Tests of IsCompleteStatement (sqlite3_complete) and FindStatementEnd.
#include <gtest/gtest.h>

#include <string>

#include "sql/parser/parser.h"

namespace sluice::sql {
namespace {

TEST(IsCompleteStatementTest, NeedsATopLevelSemicolon) {
  EXPECT_FALSE(IsCompleteStatement(""));
  EXPECT_FALSE(IsCompleteStatement("   \n"));
  EXPECT_FALSE(IsCompleteStatement("select 1"));
  EXPECT_TRUE(IsCompleteStatement("select 1;"));
  EXPECT_TRUE(IsCompleteStatement(";"));
  EXPECT_TRUE(IsCompleteStatement("select 1;  \n"));
  EXPECT_FALSE(IsCompleteStatement("select 1; select 2"));
  EXPECT_TRUE(IsCompleteStatement("select 1; select 2;"));
}

TEST(IsCompleteStatementTest, SemicolonsInStringsCommentsAndNamesDoNotCount) {
  EXPECT_FALSE(IsCompleteStatement("select ';'"));
  EXPECT_TRUE(IsCompleteStatement("select ';';"));
  EXPECT_FALSE(IsCompleteStatement("select 'it''s;"));
  EXPECT_FALSE(IsCompleteStatement("select \"a;b\""));
  EXPECT_FALSE(IsCompleteStatement("select `a;b`"));
  EXPECT_FALSE(IsCompleteStatement("select [a;b]"));
  EXPECT_FALSE(IsCompleteStatement("select 1 -- ;\n"));
  EXPECT_FALSE(IsCompleteStatement("select 1 /* ; */"));
  EXPECT_FALSE(IsCompleteStatement("select 'abc"));   // unterminated string
  EXPECT_FALSE(IsCompleteStatement("select [abc;"));  // unterminated name
  // Comments after the ';'.
  EXPECT_TRUE(IsCompleteStatement("select 1; -- done"));
  EXPECT_TRUE(IsCompleteStatement("select 1; /* done */"));
  EXPECT_FALSE(IsCompleteStatement("select 1; /* not closed"));
}

TEST(IsCompleteStatementTest, TriggerBodiesEndWithEnd) {
  const std::string head = "CREATE TRIGGER t AFTER INSERT ON x BEGIN\n  SELECT 1;\n";
  EXPECT_FALSE(IsCompleteStatement(head));
  EXPECT_FALSE(IsCompleteStatement(head + "  UPDATE y SET a = 1;"));
  EXPECT_FALSE(IsCompleteStatement(head + "END"));
  EXPECT_TRUE(IsCompleteStatement(head + "END;"));
  EXPECT_TRUE(IsCompleteStatement(head + "end ; "));
  EXPECT_TRUE(IsCompleteStatement("create temp trigger t delete on x begin select 1; end;"));
  EXPECT_TRUE(IsCompleteStatement("create temporary trigger t delete on x begin select 1; end;"));
  EXPECT_TRUE(IsCompleteStatement("explain create trigger t delete on x begin select 1; end;"));
  // A CASE ... END inside the body does not end it.
  EXPECT_FALSE(IsCompleteStatement("create trigger t delete on x begin select case when 1 then 2 end;"));
  EXPECT_TRUE(IsCompleteStatement("create trigger t delete on x begin select case when 1 then 2 end; end;"));
  // Other CREATEs and words containing the keywords are ordinary.
  EXPECT_TRUE(IsCompleteStatement("create table triggers(end_date);"));
  EXPECT_TRUE(IsCompleteStatement("select trigger from t;"));
}

TEST(FindStatementEndTest, FindsTheTerminatingSemicolon) {
  const std::string sql = "select ';' ; select 2; -- x;\nselect 3";
  size_t first = FindStatementEnd(sql, 0);
  EXPECT_EQ(first, sql.find("; select 2") + 1);
  size_t second = FindStatementEnd(sql, first);
  EXPECT_EQ(second, sql.find("; --") + 1);
  EXPECT_EQ(FindStatementEnd(sql, second), sql.size());
  EXPECT_EQ(FindStatementEnd(sql, sql.size()), sql.size());

  const std::string trigger = "create trigger t delete on x begin select 1; delete from y; end; select 2;";
  EXPECT_EQ(FindStatementEnd(trigger, 0), trigger.find("end;") + 4);
  EXPECT_EQ(FindStatementEnd("select 'a;", 0), 10u);
}

}  // namespace
}  // namespace sluice::sql

// Tests of the ON CONFLICT (UPSERT), RETURNING and UPDATE/DELETE ORDER BY /
// LIMIT clauses: what parses,
// where sqlite3 reports a syntax error, and the canonical ToSql().
#include <gtest/gtest.h>

#include <string>

#include "sql/ast/to_sql.h"
#include "sql/parser/parser.h"

namespace sluice::sql {
namespace {

std::string P(std::string_view sql) {
  ParseError error;
  auto statement = ParseStatement(sql, &error);
  if (!statement.ok()) return "ERROR: " + error.message;
  return ToSql(**statement);
}

TEST(ParseUpsertTest, Clauses) {
  EXPECT_EQ(P("insert into t values (1) on conflict do nothing"), "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING");
  EXPECT_EQ(P("insert into t values (1, 2) on conflict (a, b collate nocase) where a > 0 do update set b = "
              "excluded.b + 1, c = 2 where b < 5 on conflict do nothing"),
            "INSERT INTO t VALUES (1, 2) ON CONFLICT (a, (b COLLATE nocase)) WHERE (a > 0) DO UPDATE SET b = "
            "(excluded.b + 1), c = 2 WHERE (b < 5) ON CONFLICT DO NOTHING");
  EXPECT_EQ(P("insert into t select a from u where true on conflict(a) do nothing"),
            "INSERT INTO t SELECT a FROM u WHERE true ON CONFLICT (a) DO NOTHING");
  // Only the last clause may omit its target.
  EXPECT_EQ(P("insert into t values (1) on conflict do nothing on conflict (a) do nothing"),
            "ERROR: near \"on\": syntax error");
  EXPECT_EQ(P("insert into t default values on conflict do nothing"), "ERROR: near \"on\": syntax error");
  EXPECT_EQ(P("insert into t values (1) on conflict (a) do"), "ERROR: incomplete input");
}

TEST(ParseUpsertTest, Returning) {
  EXPECT_EQ(P("insert into t values (1) returning *, a as x, b + 1"),
            "INSERT INTO t VALUES (1) RETURNING *, a AS x, (b + 1)");
  EXPECT_EQ(P("insert into t default values returning a"), "INSERT INTO t DEFAULT VALUES RETURNING a");
  EXPECT_EQ(P("insert into t values (1) on conflict do nothing returning a"),
            "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING RETURNING a");
  EXPECT_EQ(P("update t set a = 1 where b returning a"), "UPDATE t SET a = 1 WHERE b RETURNING a");
  EXPECT_EQ(P("delete from t returning t.*"), "DELETE FROM t RETURNING t.*");
  EXPECT_EQ(P("delete from t returning"), "ERROR: incomplete input");
  EXPECT_EQ(P("delete from t returning a order by a"), "ERROR: ORDER BY without LIMIT on DELETE");
}

TEST(ParseUpsertTest, UpdateDeleteLimit) {
  EXPECT_EQ(P("delete from t where a > 1 returning a order by a desc limit 2 offset 1"),
            "DELETE FROM t WHERE (a > 1) RETURNING a ORDER BY a DESC LIMIT 2 OFFSET 1");
  EXPECT_EQ(P("update t set a = 1 limit 1"), "UPDATE t SET a = 1 LIMIT 1");
  EXPECT_EQ(P("update t set a = 1 order by b"), "ERROR: ORDER BY without LIMIT on UPDATE");
  EXPECT_EQ(P("delete from t limit 1 order by a"), "ERROR: near \"order\": syntax error");
}

}  // namespace
}  // namespace sluice::sql

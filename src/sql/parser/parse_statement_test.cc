// Tests of statement parsing: each kind of statement, its AST fields and its
// canonical ToSql(), statement text and spans, and scripts.
#include <gtest/gtest.h>

#include <string>

#include "sql/ast/to_sql.h"
#include "sql/parser/parser.h"

namespace sluice::sql {
namespace {

// ToSql of the single statement, or "ERROR: <message>".
std::string P(std::string_view sql) {
  ParseError error;
  auto statement = ParseStatement(sql, &error);
  if (!statement.ok()) return "ERROR: " + error.message;
  return ToSql(**statement);
}

StatementPtr Parse(std::string_view sql) {
  auto statement = ParseStatement(sql);
  EXPECT_TRUE(statement.ok()) << sql << ": " << statement.status().message();
  return statement.ok() ? std::move(*statement) : nullptr;
}

TEST(ParseSelectTest, ResultColumnsAndAliases) {
  EXPECT_EQ(P("select 1"), "SELECT 1");
  EXPECT_EQ(P("select *, t.*, a x, b as y, c 'z', d AS \"w w\" from t"),
            "SELECT *, t.*, a AS x, b AS y, c AS z, d AS \"w w\" FROM t");
  EXPECT_EQ(P("select distinct a from t"), "SELECT DISTINCT a FROM t");
  EXPECT_EQ(P("select all a from t"), "SELECT a FROM t");
  // Non-reserved keywords as bare aliases; JOIN keywords only after AS.
  EXPECT_EQ(P("select 1 replace, 2 key, 3 desc"), "SELECT 1 AS \"replace\", 2 AS \"key\", 3 AS \"desc\"");
  EXPECT_EQ(P("select 1 as left"), "SELECT 1 AS \"left\"");
  EXPECT_EQ(P("select 1 left"), "ERROR: near \"left\": syntax error");
  EXPECT_EQ(P("select 2 selec 4"), "ERROR: near \"4\": syntax error");

  StatementPtr s = Parse("select a+b  as \"Sum\", t.* from t");
  const SelectCore& core = s->As<SelectStatement>().select->cores[0];
  ASSERT_EQ(core.columns.size(), 2u);
  EXPECT_TRUE(core.columns[0].has_alias);
  EXPECT_EQ(core.columns[0].alias, "Sum");
  EXPECT_EQ(s->Text(core.columns[0].expr->span), "a+b");
  EXPECT_EQ(core.columns[1].kind, ResultColumn::Kind::kTableStar);
  EXPECT_EQ(core.columns[1].table, "t");
}

TEST(ParseSelectTest, FromAndJoins) {
  EXPECT_EQ(P("select * from a, b as bb, c cc"), "SELECT * FROM a, b AS bb, c AS cc");
  EXPECT_EQ(P("select * from a join b on a.x = b.x left outer join c using (x, y) cross join d"),
            "SELECT * FROM a JOIN b ON (a.x = b.x) LEFT JOIN c USING (x, y) CROSS JOIN d");
  EXPECT_EQ(P("select * from a natural join b inner join c on 1"), "SELECT * FROM a NATURAL JOIN b JOIN c ON 1");
  EXPECT_EQ(P("select * from a natural left join b"), "SELECT * FROM a NATURAL LEFT JOIN b");
  EXPECT_EQ(P("select * from a right join b full outer join c"), "SELECT * FROM a RIGHT JOIN b FULL JOIN c");
  EXPECT_EQ(P("select * from (select 1) as s, (select 2) t"), "SELECT * FROM (SELECT 1) AS s, (SELECT 2) AS t");
  EXPECT_EQ(P("select * from (a join b) j"), "SELECT * FROM (a JOIN b) AS j");
  EXPECT_EQ(P("select * from main.t indexed by i, u not indexed"), "SELECT * FROM main.t INDEXED BY i, u NOT INDEXED");
  EXPECT_EQ(P("select * from json_each('[1]') as j"), "SELECT * FROM json_each('[1]') AS j");
  EXPECT_EQ(P("select * from a, b on 1"), "SELECT * FROM a, b ON 1");  // accepted by SQLite
  EXPECT_EQ(P("select * from a inner outer join b"), "ERROR: unknown join type: inner outer");
  EXPECT_EQ(P("select * from a outer join b"), "ERROR: unknown join type: outer");
  EXPECT_EQ(P("select * from a left b join c"), "ERROR: unknown join type: left b");
  EXPECT_EQ(P("select * from a on 1"), "ERROR: a JOIN clause is required before ON");
  EXPECT_EQ(P("select * from a using (x)"), "ERROR: a JOIN clause is required before USING");

  StatementPtr s = Parse("select * from a left join b using (x)");
  const FromClause& from = *s->As<SelectStatement>().select->cores[0].from;
  ASSERT_EQ(from.items.size(), 2u);
  EXPECT_EQ(from.items[0].join, JoinKind::kComma);
  EXPECT_EQ(from.items[1].join, JoinKind::kLeft);
  EXPECT_TRUE(from.items[1].has_using);
  EXPECT_EQ(from.items[1].using_columns, (std::vector<std::string>{"x"}));
}

TEST(ParseSelectTest, WhereGroupByHavingOrderByLimit) {
  EXPECT_EQ(P("select a, count(*) from t where b > 1 group by a, b % 2 having count(*) > 1 "
              "order by 2 desc, a collate nocase asc nulls last limit 10 offset 5"),
            "SELECT a, count(*) FROM t WHERE (b > 1) GROUP BY a, (b % 2) HAVING (count(*) > 1) "
            "ORDER BY 2 DESC, (a COLLATE nocase) ASC NULLS LAST LIMIT 10 OFFSET 5");
  // LIMIT m, n: m is the offset.
  StatementPtr s = Parse("select 1 limit 3, 7");
  const Select& select = *s->As<SelectStatement>().select;
  EXPECT_EQ(ToSql(*select.limit), "7");
  EXPECT_EQ(ToSql(*select.offset), "3");
  EXPECT_EQ(P("select 1 limit 3, 7"), "SELECT 1 LIMIT 7 OFFSET 3");
  EXPECT_EQ(P("select distance, name from distances order by -distance"),
            "SELECT distance, name FROM distances ORDER BY (-distance)");
}

TEST(ParseSelectTest, CompoundsAreFlatAndLeftToRight) {
  StatementPtr s = Parse("select 1 union select 2 union all select 3 intersect select 4 except select 5 order by 1");
  const Select& select = *s->As<SelectStatement>().select;
  ASSERT_EQ(select.cores.size(), 5u);
  EXPECT_EQ(select.ops, (std::vector<CompoundOp>{CompoundOp::kUnion, CompoundOp::kUnionAll, CompoundOp::kIntersect,
                                                 CompoundOp::kExcept}));
  EXPECT_EQ(select.order_by.size(), 1u);  // applies to the whole compound
  EXPECT_EQ(ToSql(*s), "SELECT 1 UNION SELECT 2 UNION ALL SELECT 3 INTERSECT SELECT 4 EXCEPT SELECT 5 ORDER BY 1");

  EXPECT_EQ(P("select 1 order by 1 union select 2"), "ERROR: ORDER BY clause should come after UNION not before");
  EXPECT_EQ(P("select 1 limit 1 union all select 2"), "ERROR: LIMIT clause should come after UNION ALL not before");
  EXPECT_EQ(P("values (1) order by 1"), "ERROR: near \"order\": syntax error");
  EXPECT_EQ(P("select 1 union values (2) order by 1"), "ERROR: near \"order\": syntax error");
}

TEST(ParseSelectTest, ValuesAndWith) {
  EXPECT_EQ(P("values (1, 'a'), (2, 'b')"), "VALUES (1, 'a'), (2, 'b')");
  EXPECT_EQ(P("select * from (values (1))"), "SELECT * FROM (VALUES (1))");
  EXPECT_EQ(P("with recursive c(n) as (select 1 union all select n + 1 from c where n < 5) select n from c"),
            "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT (n + 1) FROM c WHERE (n < 5)) SELECT n FROM c");
  EXPECT_EQ(P("with a as materialized (select 1), b as not materialized (select 2) select * from a, b"),
            "WITH a AS MATERIALIZED (SELECT 1), b AS NOT MATERIALIZED (SELECT 2) SELECT * FROM a, b");
  StatementPtr s = Parse("values (1), (2), (3)");
  const SelectCore& core = s->As<SelectStatement>().select->cores[0];
  EXPECT_EQ(core.kind, SelectCore::Kind::kValues);
  EXPECT_EQ(core.rows.size(), 3u);
}

TEST(ParseSelectTest, TooManyCompoundTerms) {
  std::string sql = "select 1";
  for (int i = 1; i < 500; ++i) sql += " union select 1";
  EXPECT_EQ(P(sql).substr(0, 23), "SELECT 1 UNION SELECT 1");  // 500 terms: fine, as in SQLite
  sql += " union select 1";
  EXPECT_EQ(P(sql), "ERROR: too many terms in compound SELECT");  // 501
}

TEST(ParseDmlTest, Insert) {
  EXPECT_EQ(P("insert into primes values (2, 1), (3, 1)"), "INSERT INTO primes VALUES (2, 1), (3, 1)");
  EXPECT_EQ(P("insert into primes(n) select n + 4 from primes"), "INSERT INTO primes (n) SELECT (n + 4) FROM primes");
  EXPECT_EQ(P("insert or replace into main.t as x default values"),
            "INSERT OR REPLACE INTO main.t AS x DEFAULT VALUES");
  EXPECT_EQ(P("INSERT OR IGNORE INTO t VALUES(1)"), "INSERT OR IGNORE INTO t VALUES (1)");
  EXPECT_EQ(P("replace into t values (1)"), "REPLACE INTO t VALUES (1)");
  EXPECT_EQ(P("with c as (select 1) insert into t select * from c"),
            "WITH c AS (SELECT 1) INSERT INTO t SELECT * FROM c");
  EXPECT_EQ(P("insert into t"), "ERROR: incomplete input");

  StatementPtr s = Parse("REPLACE INTO t(a, \"b\") VALUES (1, 2)");
  const auto& insert = s->As<InsertStatement>();
  EXPECT_TRUE(insert.replace);
  EXPECT_EQ(insert.conflict, ConflictResolution::kReplace);
  EXPECT_EQ(insert.table, "t");
  EXPECT_EQ(insert.columns, (std::vector<std::string>{"a", "b"}));
  ASSERT_NE(insert.select, nullptr);
}

TEST(ParseDmlTest, UpdateAndDelete) {
  EXPECT_EQ(P("update primes set prime = 0 where n > 2 and n % 2 = 0"),
            "UPDATE primes SET prime = 0 WHERE ((n > 2) AND ((n % 2) = 0))");
  EXPECT_EQ(P("update or fail t as x set a = 1, (b, c) = (2, 3) from u where x.k = u.k"),
            "UPDATE OR FAIL t AS x SET a = 1, (b, c) = (2, 3) FROM u WHERE (x.k = u.k)");
  EXPECT_EQ(P("delete from primes where prime = 0"), "DELETE FROM primes WHERE (prime = 0)");
  EXPECT_EQ(P("delete from t"), "DELETE FROM t");
  EXPECT_EQ(P("delete t"), "ERROR: near \"t\": syntax error");
}

TEST(ParseDdlTest, CreateTable) {
  EXPECT_EQ(P("create table primes (n unique, prime default 1)"), "CREATE TABLE primes (n UNIQUE, prime DEFAULT 1)");
  EXPECT_EQ(P("create temp table if not exists t1(a INTEGER PRIMARY KEY DESC AUTOINCREMENT, "
              "b VARCHAR(10) NOT NULL ON CONFLICT IGNORE, c DECIMAL(10, 2) DEFAULT -1.5, d TEXT COLLATE nocase "
              "CHECK (length(d) > 0), e DEFAULT (1 + 1), f DEFAULT 'x', g REFERENCES p(id) ON DELETE CASCADE, "
              "h AS (a * 2) STORED, CONSTRAINT pk UNIQUE (b, c DESC) ON CONFLICT REPLACE, CHECK (a > 0) "
              "FOREIGN KEY (g) REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED) WITHOUT ROWID"),
            "CREATE TEMP TABLE IF NOT EXISTS t1 (a INTEGER PRIMARY KEY DESC AUTOINCREMENT, "
            "b VARCHAR(10) NOT NULL ON CONFLICT IGNORE, c DECIMAL(10, 2) DEFAULT (-1.5), d TEXT COLLATE nocase "
            "CHECK (length(d) > 0), e DEFAULT (1 + 1), f DEFAULT 'x', g REFERENCES p(id) ON DELETE CASCADE, "
            "h GENERATED ALWAYS AS (a * 2) STORED, CONSTRAINT pk UNIQUE (b, c DESC) ON CONFLICT REPLACE, "
            "CHECK (a > 0), FOREIGN KEY (g) REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED) WITHOUT ROWID");
  EXPECT_EQ(P("create table t(x INTEGER, y VARCHAR(8))"), "CREATE TABLE t (x INTEGER, y VARCHAR(8))");
  EXPECT_EQ(P("create table t(a, key, action, [order])"), "CREATE TABLE t (a, \"key\", \"action\", \"order\")");
  EXPECT_EQ(P("create table t(a int) strict"), "CREATE TABLE t (a int) STRICT");
  EXPECT_EQ(P("create table t(a) without x"), "ERROR: unknown table option: x");
  EXPECT_EQ(P("create table t as select 1 as a"), "CREATE TABLE t AS SELECT 1 AS a");
  EXPECT_EQ(P("create table t(a, )"), "ERROR: near \")\": syntax error");
  EXPECT_EQ(P("create table t(a default true, b default xyz)"), "CREATE TABLE t (a DEFAULT true, b DEFAULT 'xyz')");

  StatementPtr s = Parse("CREATE TABLE IF NOT EXISTS main.t1( x INTEGER, y VARCHAR( 8 ) NOT NULL, z )");
  const auto& table = s->As<CreateTableStatement>();
  EXPECT_TRUE(table.if_not_exists);
  EXPECT_EQ(table.schema, "main");
  EXPECT_EQ(table.name, "t1");
  EXPECT_EQ(s->Text(table.name_span), "t1");
  ASSERT_EQ(table.columns.size(), 3u);
  EXPECT_EQ(table.columns[0].type_name, "INTEGER");
  EXPECT_EQ(table.columns[1].type_name, "VARCHAR( 8 )");  // as written, as SQLite keeps it
  EXPECT_EQ(table.columns[2].type_name, "");
  ASSERT_EQ(table.columns[1].constraints.size(), 1u);
  EXPECT_EQ(table.columns[1].constraints[0].kind, ColumnConstraint::Kind::kNotNull);
  // SQLite stores "CREATE TABLE " + the text from the name on.
  EXPECT_EQ(s->sql.substr(table.name_span.begin - s->span.begin), "t1( x INTEGER, y VARCHAR( 8 ) NOT NULL, z )");
}

TEST(ParseDdlTest, IndexesViewsTriggersAndDrops) {
  EXPECT_EQ(P("create unique index if not exists i on t(a, b desc, c collate nocase) where a > 0"),
            "CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a, b DESC, (c COLLATE nocase)) WHERE (a > 0)");
  EXPECT_EQ(P("create index t1i1 on t1(x)"), "CREATE INDEX t1i1 ON t1 (x)");
  EXPECT_EQ(P("create temporary view if not exists v(a, b) as select 1, 2"),
            "CREATE TEMP VIEW IF NOT EXISTS v(a, b) AS SELECT 1, 2");
  EXPECT_EQ(P("drop table if exists primes"), "DROP TABLE IF EXISTS primes");
  EXPECT_EQ(P("drop index main.i"), "DROP INDEX main.i");
  EXPECT_EQ(P("drop view v"), "DROP VIEW v");
  EXPECT_EQ(P("drop trigger if exists tr"), "DROP TRIGGER IF EXISTS tr");
  EXPECT_EQ(P("create temp index i on t(a)"), "ERROR: near \"index\": syntax error");

  const std::string sql =
      "CREATE TRIGGER IF NOT EXISTS t1r1 AFTER UPDATE OF x, y ON t1 FOR EACH ROW WHEN new.x > 0 BEGIN "
      "UPDATE t2 SET a = new.x; SELECT CASE WHEN 1 THEN 2 END; INSERT INTO t3 VALUES (old.y); "
      "DELETE FROM t4; SELECT RAISE(ABORT, 'no'); END";
  StatementPtr s = Parse(sql);
  const auto& trigger = s->As<CreateTriggerStatement>();
  EXPECT_EQ(trigger.name, "t1r1");
  EXPECT_EQ(trigger.table, "t1");
  EXPECT_EQ(trigger.timing, CreateTriggerStatement::Timing::kAfter);
  EXPECT_EQ(trigger.event, CreateTriggerStatement::Event::kUpdate);
  EXPECT_EQ(trigger.update_columns, (std::vector<std::string>{"x", "y"}));
  EXPECT_TRUE(trigger.for_each_row);
  ASSERT_EQ(trigger.body.size(), 5u);
  EXPECT_EQ(trigger.body[0]->kind, StatementKind::kUpdate);
  EXPECT_EQ(trigger.body[1]->sql, "SELECT CASE WHEN 1 THEN 2 END");
  EXPECT_EQ(s->Text(trigger.body_span),
            "UPDATE t2 SET a = new.x; SELECT CASE WHEN 1 THEN 2 END; INSERT INTO t3 VALUES (old.y); "
            "DELETE FROM t4; SELECT RAISE(ABORT, 'no');");
  EXPECT_EQ(ToSql(*s),
            "CREATE TRIGGER IF NOT EXISTS t1r1 AFTER UPDATE OF x, y ON t1 FOR EACH ROW WHEN (new.x > 0) BEGIN "
            "UPDATE t2 SET a = new.x; SELECT CASE WHEN 1 THEN 2 END; INSERT INTO t3 VALUES (old.y); "
            "DELETE FROM t4; SELECT RAISE(ABORT, 'no'); END");
  EXPECT_EQ(P("CREATE TRIGGER t1r1 UPDATE ON t1 BEGIN SELECT 1; END"),
            "CREATE TRIGGER t1r1 UPDATE ON t1 BEGIN SELECT 1; END");
  EXPECT_EQ(P("CREATE TRIGGER t1r1 UPDATE ON t1 BEGIN END"), "ERROR: near \"END\": syntax error");
  EXPECT_EQ(P("CREATE TRIGGER t1r1 UPDATE ON t1 BEGIN DROP TABLE x; END"), "ERROR: near \"DROP\": syntax error");
}

TEST(ParseMiscTest, TransactionsPragmasAndMaintenance) {
  EXPECT_EQ(P("begin"), "BEGIN");
  EXPECT_EQ(P("begin immediate transaction"), "BEGIN IMMEDIATE");
  EXPECT_EQ(P("BEGIN EXCLUSIVE"), "BEGIN EXCLUSIVE");
  EXPECT_EQ(P("commit transaction"), "COMMIT");
  EXPECT_EQ(P("end"), "COMMIT");
  EXPECT_EQ(P("rollback"), "ROLLBACK");
  EXPECT_EQ(P("rollback transaction to savepoint sp"), "ROLLBACK TO sp");
  EXPECT_EQ(P("savepoint sp"), "SAVEPOINT sp");
  EXPECT_EQ(P("release savepoint sp"), "RELEASE sp");
  EXPECT_EQ(P("pragma table_info(t)"), "PRAGMA table_info(t)");
  EXPECT_EQ(P("pragma main.cache_size = -2000"), "PRAGMA main.cache_size = -2000");
  EXPECT_EQ(P("pragma foreign_keys = on"), "PRAGMA foreign_keys = \"on\"");
  EXPECT_EQ(P("pragma journal_mode"), "PRAGMA journal_mode");
  EXPECT_EQ(P("vacuum"), "VACUUM");
  EXPECT_EQ(P("vacuum main into 'x.db'"), "VACUUM main INTO 'x.db'");
  EXPECT_EQ(P("reindex"), "REINDEX");
  EXPECT_EQ(P("reindex main.i"), "REINDEX main.i");
  EXPECT_EQ(P("analyze t"), "ANALYZE t");
  EXPECT_EQ(P("explain select 1"), "EXPLAIN SELECT 1");
  EXPECT_EQ(P("explain query plan select * from t"), "EXPLAIN QUERY PLAN SELECT * FROM t");
  EXPECT_EQ(P("explain explain select 1"), "ERROR: near \"explain\": syntax error");
  EXPECT_EQ(P("alter table t add column c"), "ALTER TABLE t ADD COLUMN c");
  EXPECT_EQ(P("alter table main.t add c int default 3"), "ALTER TABLE main.t ADD COLUMN c int DEFAULT 3");
  EXPECT_EQ(P("alter table t rename to u"), "ALTER TABLE t RENAME TO u");
  EXPECT_EQ(P("alter table t rename column a to \"b c\""), "ALTER TABLE t RENAME COLUMN a TO \"b c\"");
  EXPECT_EQ(P("alter table t rename a to b"), "ALTER TABLE t RENAME COLUMN a TO b");
  EXPECT_EQ(P("alter table t drop column a"), "ALTER TABLE t DROP COLUMN a");
  EXPECT_EQ(P("alter table t drop a"), "ALTER TABLE t DROP COLUMN a");
  EXPECT_EQ(P("alter table t modify a"), "ERROR: near \"modify\": syntax error");
  EXPECT_EQ(P("alter table t rename column a"), "ERROR: incomplete input");

  StatementPtr s = Parse("PRAGMA x('utf-8')");
  const auto& pragma = s->As<PragmaStatement>();
  EXPECT_EQ(pragma.name, "x");
  EXPECT_TRUE(pragma.has_value);
  EXPECT_TRUE(pragma.call_form);
  EXPECT_EQ(pragma.value, "utf-8");
}

TEST(ParseScriptTest, StatementsOwnTheirTextAndSpans) {
  const std::string script = "  select 1 ;;\n-- c\nselect a+b  from t;  ";
  ParseError error;
  auto statements = ParseScript(script, &error);
  ASSERT_TRUE(statements.ok()) << error.message;
  ASSERT_EQ(statements->size(), 2u);
  const Statement& second = *(*statements)[1];
  EXPECT_EQ((*statements)[0]->sql, "select 1");
  EXPECT_EQ(second.sql, "select a+b  from t");
  EXPECT_EQ(second.span.begin, script.find("select a+b"));
  const Expr& e = *second.As<SelectStatement>().select->cores[0].columns[0].expr;
  EXPECT_EQ(second.Text(e.span), "a+b");  // SQLite's column name for it

  auto empty = ParseScript(" ; ;; -- nothing\n");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(ParseScriptTest, ParseStatementWantsExactlyOne) {
  EXPECT_EQ(P("select 1;"), "SELECT 1");
  EXPECT_EQ(P(";select 1"), "SELECT 1");
  EXPECT_EQ(P(""), "ERROR: incomplete input");
  EXPECT_EQ(P("select 1; select 2"), "ERROR: near \"select\": syntax error");
}

}  // namespace
}  // namespace sluice::sql

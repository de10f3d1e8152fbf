// Tests of ParseSqltest: the .sqltest constructs the corpus uses.
#include "slt/sqltest_file.h"

#include <gtest/gtest.h>

namespace sluice::slt {
namespace {

TEST(SqltestFileTest, DatabasesSetupsAndTests) {
  auto f = ParseSqltest(R"(# a comment
@database :memory:
@database :temp:

setup users {
    CREATE TABLE u(a);
    INSERT INTO u VALUES (1);
}

@setup users
@cross-check-integrity
test select-users {
    SELECT a FROM u;
}
expect {
    1
}

@skip-if sqlite "differs"
test second { SELECT 2; }
expect { 2 }
)");
  ASSERT_TRUE(f.ok()) << f.status().message();
  ASSERT_EQ(f->databases.size(), 2u);
  EXPECT_EQ(f->databases[0].kind, SqltestDatabase::Kind::kMemory);
  EXPECT_EQ(f->databases[1].kind, SqltestDatabase::Kind::kTemp);
  EXPECT_EQ(f->setups.at("users"), "CREATE TABLE u(a);\n    INSERT INTO u VALUES (1);");
  ASSERT_EQ(f->tests.size(), 2u);
  const SqltestCase& t = f->tests[0];
  EXPECT_EQ(t.name, "select-users");
  EXPECT_EQ(t.line, 12);
  EXPECT_EQ(t.sql, "SELECT a FROM u;");
  EXPECT_EQ(t.setups, std::vector<std::string>{"users"});
  EXPECT_EQ(t.expect.kind, SqltestExpectation::Kind::kExact);
  EXPECT_EQ(t.expect.rows, std::vector<std::string>{"1"});
  ASSERT_EQ(f->tests[1].skips.size(), 1u);
  EXPECT_EQ(f->tests[1].skips[0].condition, "sqlite");
  EXPECT_EQ(f->tests[1].expect.rows, std::vector<std::string>{"2"});
}

TEST(SqltestFileTest, ExpectVariantsAndBackendBlocks) {
  auto f = ParseSqltest(R"(@database :default:
test a {
    SELECT '{}';
}
expect raw {
\{
    "a": 5
\}
}
expect @js {
    x
}
test b { SELECT x; }
expect error {
    no such   column
}
test c { SELECT 1; }
expect unordered {
    2

    1
}
@backend rust
test d { SELECT 1; }
expect pattern {
    ^\d+$
}
snapshot s { SELECT 1; }
@var mode { A | B }
matrix m { SELECT $mode; }
)");
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_TRUE(f->databases[0].readonly);
  ASSERT_EQ(f->tests.size(), 4u);
  EXPECT_EQ(f->tests[0].sql, "SELECT '{}';");
  EXPECT_EQ(f->tests[0].expect.kind, SqltestExpectation::Kind::kRaw);
  EXPECT_EQ(f->tests[0].expect.rows, (std::vector<std::string>{"{", "    \"a\": 5", "}"}));
  EXPECT_EQ(f->tests[0].by_backend.at("js").rows, std::vector<std::string>{"x"});
  EXPECT_EQ(f->tests[1].expect.kind, SqltestExpectation::Kind::kError);
  EXPECT_EQ(f->tests[1].expect.text, "no such   column");
  EXPECT_EQ(f->tests[2].expect.rows, (std::vector<std::string>{"2", "1"}));
  EXPECT_EQ(f->tests[3].backend, "rust");
  EXPECT_EQ(f->tests[3].expect.text, "^\\d+$");
}

TEST(SqltestFileTest, ExactKeepsEmptyLinesInside) {
  auto f = ParseSqltest("@database :memory:\ntest n {\n  SELECT NULL, 1;\n}\nexpect {\n  a\n\n  b\n}\n");
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->tests[0].expect.rows, (std::vector<std::string>{"a", "", "b"}));
}

TEST(SqltestFileTest, ErrorsNameTheLine) {
  auto missing_expect = ParseSqltest("@database :memory:\ntest t { SELECT 1; }\n");
  ASSERT_FALSE(missing_expect.ok());
  EXPECT_NE(missing_expect.status().message().find("no expect block"), std::string::npos);

  auto unknown = ParseSqltest("@database :memory:\n\n@bogus\ntest t { SELECT 1; }\nexpect { 1 }\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(), "line 3: unexpected '@bogus' (a decorator, test, snapshot or matrix)");

  auto unterminated = ParseSqltest("@database :memory:\ntest t {\n SELECT 1;\n");
  ASSERT_FALSE(unterminated.ok());
  EXPECT_EQ(unterminated.status().message(), "line 2: unterminated { block");

  auto no_setup = ParseSqltest("@database :memory:\n@setup nope\ntest t { SELECT 1; }\nexpect { 1 }\n");
  ASSERT_FALSE(no_setup.ok());
  EXPECT_NE(no_setup.status().message().find("no setup named nope"), std::string::npos);

  EXPECT_FALSE(ParseSqltest("test t { SELECT 1; }\nexpect { 1 }\n").ok());  // no @database
  EXPECT_FALSE(ParseSqltest("@database :memory:\ntest t { SELECT 1; }\nexpect bogus { 1 }\n").ok());
  EXPECT_FALSE(ParseSqltest("@database :memory:\ntest t { 1; }\nexpect { 1 }\ntest t { 1; }\nexpect { 1 }\n").ok());
}

}  // namespace
}  // namespace sluice::slt

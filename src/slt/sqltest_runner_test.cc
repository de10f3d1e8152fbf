// Tests of SqltestRunner with a scripted engine: what runs, with which
// input and target, how it is counted and keyed.
#include "slt/sqltest_runner.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace sluice::slt {
namespace {

namespace fs = std::filesystem;

// Echoes the last line of its input as the output; records what it got.
class EchoEngine : public SqltestEngine {
 public:
  Result<SqltestRun> Run(const SqltestTarget& target, const std::string& input) override {
    inputs.push_back(input);
    targets.push_back(target);
    if (target.kind == SqltestDatabase::Kind::kPath) return Status::NotFound("no such database file");
    std::string s = input.substr(0, input.size() - 1);
    return SqltestRun{s.substr(s.rfind('\n') + 1) + "\n", "", 0};
  }
  std::vector<std::string> inputs;
  std::vector<SqltestTarget> targets;
};

class SqltestRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/sqltest_runner_test.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    root_ = tmpl;
    fs::create_directories(root_ / "database");
    fs::create_directories(root_ / "cases");
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream((root_ / name).string()) << text;
    return (root_ / name).string();
  }

  // Runs `path`; returns the --results lines.
  std::string Run(const std::string& path, SltCounts* counts, const std::set<std::string>* only = nullptr) {
    char* buf = nullptr;
    size_t size = 0;
    std::FILE* results = open_memstream(&buf, &size);
    std::FILE* out = std::fopen("/dev/null", "w");
    SqltestOptions options;
    options.results = results;
    options.only = only;
    SqltestRunner runner(&engine_, options, out);
    *counts = runner.RunFile(path);
    std::fclose(out);
    std::fclose(results);
    std::string text(buf, size);
    std::free(buf);
    return text;
  }

  fs::path root_;
  EchoEngine engine_;
};

TEST_F(SqltestRunnerTest, SetupsMarkerAndSqlFormOneInput) {
  std::string f = Write("cases/a.sqltest",
                        "@database :memory:\nsetup s { CREATE TABLE t(a); }\n@setup s\ntest one {\n  SELECT 1;\n}\n"
                        "expect {\n  SELECT 1;\n}\n");
  SltCounts c;
  EXPECT_EQ(Run(f, &c), "pass cases/a.sqltest:one\n");
  EXPECT_EQ(c.passed, 1);
  ASSERT_EQ(engine_.inputs.size(), 1u);
  EXPECT_EQ(engine_.inputs[0], "CREATE TABLE t(a);\nSELECT '__SETUP_END_MARKER_7f3a9b2c__';\nSELECT 1;\n");
}

TEST_F(SqltestRunnerTest, EveryDatabaseRunsAndKeysNameIt) {
  std::string f = Write("cases/b.sqltest",
                        "@database :default:\n@database :default-no-rowidalias:\n"
                        "test x { SELECT 2; }\nexpect { SELECT 2; }\n");
  SltCounts c;
  EXPECT_EQ(Run(f, &c), "pass cases/b.sqltest:x@:default:\npass cases/b.sqltest:x@:default-no-rowidalias:\n");
  ASSERT_EQ(engine_.targets.size(), 2u);
  EXPECT_EQ(engine_.targets[0].db_file, (root_ / "database/testing.db").string());
  EXPECT_TRUE(engine_.targets[0].readonly);
  EXPECT_EQ(engine_.targets[1].db_file, (root_ / "database/testing_norowidalias.db").string());
}

TEST_F(SqltestRunnerTest, SkipsBackendsAndMissingDatabases) {
  std::string f = Write("cases/c.sqltest",
                        "@database :memory:\n"
                        "@skip-if mvcc \"no\"\ntest runs { SELECT 1; }\nexpect { SELECT 1; }\n"
                        "@skip-if sqlite \"turso only\"\ntest skipped { SELECT 1; }\nexpect { 0 }\n"
                        "@backend js\ntest js-only { SELECT 1; }\nexpect { 0 }\n"
                        "test cli-override { SELECT 3; }\nexpect { 0 }\nexpect @cli { SELECT 3; }\n"
                        "test wrong { SELECT 4; }\nexpect { 5 }\n");
  SltCounts c;
  EXPECT_EQ(Run(f, &c),
            "pass cases/c.sqltest:runs\nskip cases/c.sqltest:skipped\npass cases/c.sqltest:cli-override\n"
            "fail cases/c.sqltest:wrong\n");
  EXPECT_EQ(c.passed, 2);
  EXPECT_EQ(c.failed, 1);
  EXPECT_EQ(c.skipped, 1);

  std::string g = Write("cases/d.sqltest", "@database database/gone.db readonly\ntest t { SELECT 1; }\nexpect { 1 }\n");
  EXPECT_EQ(Run(g, &c), "skip cases/d.sqltest:t\n");
  EXPECT_EQ(c.skipped, 1);
}

TEST_F(SqltestRunnerTest, OnlyRunsListedKeys) {
  std::string f = Write("cases/e.sqltest",
                        "@database :memory:\ntest a { SELECT 1; }\nexpect { 1 }\n"
                        "test b { SELECT 2; }\nexpect { SELECT 2; }\n");
  std::set<std::string> only = {"cases/e.sqltest:b"};
  SltCounts c;
  EXPECT_EQ(Run(f, &c, &only), "pass cases/e.sqltest:b\n");
  EXPECT_EQ(c.passed + c.failed + c.skipped, 1);
}

TEST_F(SqltestRunnerTest, UnparsableFileIsOneFailure) {
  std::string f = Write("cases/f.sqltest", "@database :memory:\ntest t {\n");
  SltCounts c;
  EXPECT_EQ(Run(f, &c), "");
  EXPECT_EQ(c.failed, 1);
}

}  // namespace
}  // namespace sluice::slt

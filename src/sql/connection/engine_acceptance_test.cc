// Acceptance tests of the engine through the public API: the chapter
// scripts print exactly their .expected (sqlite3 list mode), and our own
// tests/sql/*.test pass completely through the product's sqllogictest
// runner (src/slt). select1-5 of ../shared run through `sluice slt` in
// tests/slt. Files are read at test time (SLUICE_SHARED_DIR,
// SLUICE_TESTS_SQL_DIR).
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sluice/database.h"
#include "slt/slt_runner.h"

namespace sluice::sql {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs a script as sqlite3's shell does in list mode: rows on stdout as
// columns joined by '|', NULL empty; errors to stderr.
// A file database in a fresh temporary directory, removed afterwards.
class TempDb {
 public:
  TempDb() {
    std::string tmpl = ::testing::TempDir() + "acceptXXXXXX";
    if (mkdtemp(tmpl.data()) != nullptr) dir_ = tmpl;
    path_ = dir_ + "/test.db";
  }
  ~TempDb() {
    for (const char* suffix : {"", "-wal", ".tmp"}) std::remove((path_ + suffix).c_str());
    rmdir(dir_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  std::string dir_, path_;
};

// Runs a script as the shell does. With a file path, the database is
// closed and reopened before every statement, so each answer comes from
// what the files hold.
void RunScript(std::string_view sql, std::string* out, std::string* err, const std::string& file = "") {
  auto db = Database::Open(file.empty() ? ":memory:" : file);
  ASSERT_TRUE(db.ok());
  size_t offset = 0;
  while (offset < sql.size()) {
    if (!file.empty()) {
      db->reset();
      db = Database::Open(file);
      ASSERT_TRUE(db.ok()) << db.status().ToString();
    }
    PrepareOutcome p = (*db)->Prepare(sql.substr(offset));
    size_t line = 1 + static_cast<size_t>(std::count(
                          sql.begin(), sql.begin() + static_cast<std::ptrdiff_t>(offset + p.statement_offset), '\n'));
    offset += p.consumed;
    if (!p.status.ok()) {
      *err += "Parse error near line " + std::to_string(line) + ": " + p.status.message() + "\n";
      if (p.consumed == 0) break;
      continue;
    }
    if (!p.statement) {
      if (p.consumed == 0) break;
      continue;
    }
    while (true) {
      Result<bool> row = p.statement->Step();
      if (!row.ok()) {
        *err += "Runtime error near line " + std::to_string(line) + ": " + row.status().message() + "\n";
        break;
      }
      if (!*row) break;
      for (int c = 0; c < p.statement->column_count(); ++c) {
        if (c > 0) *out += '|';
        *out += p.statement->column_text(c);
      }
      *out += '\n';
    }
  }
}

class ChapterTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ChapterTest, PrintsExpected) {
  std::string base = std::string(SLUICE_SHARED_DIR) + "/chapter/sql/" + GetParam();
  std::string out, err;
  RunScript(ReadFile(base + ".sql"), &out, &err);
  EXPECT_EQ(out, ReadFile(base + ".expected"));
  EXPECT_EQ(err, "");
}

TEST_P(ChapterTest, PrintsExpectedFromAFileDatabaseReopenedEveryStatement) {
  std::string base = std::string(SLUICE_SHARED_DIR) + "/chapter/sql/" + GetParam();
  TempDb db;
  std::string out, err;
  RunScript(ReadFile(base + ".sql"), &out, &err, db.path());
  EXPECT_EQ(out, ReadFile(base + ".expected"));
  EXPECT_EQ(err, "");
}

INSTANTIATE_TEST_SUITE_P(Chapter, ChapterTest, ::testing::Values("cities", "animals", "primes"));

void ExpectSltPasses(const std::string& path, const std::string& file) {
  slt::SltOptions options;
  options.verbose = true;  // failures print file:line, SQL, expected and got
  options.reopen_before_queries = !file.empty();
  auto open = [file](bool fresh) -> Result<std::unique_ptr<Database>> {
    if (file.empty()) return Database::Open(":memory:");
    if (fresh) {
      std::remove(file.c_str());
      std::remove((file + "-wal").c_str());
    }
    return Database::Open(file);
  };
  slt::SltRunner runner(open, options, stdout);
  slt::SltCounts counts = runner.RunFile(path);
  EXPECT_EQ(counts.failed, 0) << path;
  EXPECT_GT(counts.passed, 0) << path;
}

void ExpectAllOwnSltPass(const std::string& file) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(SLUICE_TESTS_SQL_DIR)) {
    if (entry.path().extension() != ".test") continue;
    ++files;
    ExpectSltPasses(entry.path().string(), file);
  }
  EXPECT_GT(files, 0);
}

TEST(OwnSltTest, AllRecordsPass) { ExpectAllOwnSltPass(""); }

TEST(OwnSltTest, AllRecordsPassOnAFileDatabaseReopenedBeforeEveryQuery) {
  TempDb db;
  ExpectAllOwnSltPass(db.path());
}

}  // namespace
}  // namespace sluice::sql

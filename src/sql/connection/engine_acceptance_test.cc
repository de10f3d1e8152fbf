// Acceptance tests of the engine through the public API: the chapter
// scripts print exactly their .expected (sqlite3 list mode), and our own
// tests/sql/*.test pass completely through the product's sqllogictest
// runner (src/slt). select1-5 of ../shared run through `sluice slt` in
// tests/slt. Files are read at test time (SLUICE_SHARED_DIR,
// SLUICE_TESTS_SQL_DIR).
#include <gtest/gtest.h>

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
void RunScript(std::string_view sql, std::string* out, std::string* err) {
  auto db = Database::Open(":memory:");
  ASSERT_TRUE(db.ok());
  size_t offset = 0;
  while (offset < sql.size()) {
    PrepareOutcome p = (*db)->Prepare(sql.substr(offset));
    size_t line = 1 + static_cast<size_t>(std::count(sql.begin(), sql.begin() + static_cast<std::ptrdiff_t>(
                                                                               offset + p.statement_offset), '\n'));
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

INSTANTIATE_TEST_SUITE_P(Chapter, ChapterTest, ::testing::Values("cities", "animals", "primes"));

void ExpectSltPasses(const std::string& path) {
  slt::SltOptions options;
  options.verbose = true;  // failures print file:line, SQL, expected and got
  slt::SltRunner runner([] { return Database::Open(":memory:"); }, options, stdout);
  slt::SltCounts counts = runner.RunFile(path);
  EXPECT_EQ(counts.failed, 0) << path;
  EXPECT_GT(counts.passed, 0) << path;
}

TEST(OwnSltTest, AllRecordsPass) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(SLUICE_TESTS_SQL_DIR)) {
    if (entry.path().extension() != ".test") continue;
    ++files;
    ExpectSltPasses(entry.path().string());
  }
  EXPECT_GT(files, 0);
}

}  // namespace
}  // namespace sluice::sql

// Corpus tests: every statement of the chapter's scripts and of SQLite's
// sqllogictest files in ../shared must parse, and its ToSql() must re-parse
// to the same text (the printer round-trips).
//
// The files are read at test time from SLUICE_SHARED_DIR (set by CMake to
// the shared/ directory beside the repository). The sqllogictest format:
// records separated by blank lines; `#` lines are comments; a record may
// start with `skipif <db>` / `onlyif <db>` lines (we are `sqlite`); then
// `statement ok|error` followed by SQL lines, or `query <types> <sort>
// [label]` followed by SQL lines up to `----`; `halt` ends the file;
// `hash-threshold N` records carry no SQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sql/ast/to_sql.h"
#include "sql/parser/parser.h"

#ifndef SLUICE_SHARED_DIR
#error "SLUICE_SHARED_DIR must name the shared/ directory"
#endif

namespace sluice::sql {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct SltRecord {
  enum class Kind { kStatementOk, kStatementError, kQuery };
  Kind kind;
  std::string sql;
  int line;  // of the record's first line
};

// The records of one .test file that apply to SQLite.
std::vector<SltRecord> ReadSltRecords(const fs::path& path) {
  std::string text = ReadFile(path);
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  lines.emplace_back();
  std::vector<SltRecord> records;
  std::vector<std::pair<int, std::string>> record;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (!line.empty() && line[0] == '#') continue;
    if (!line.empty()) {
      record.emplace_back(static_cast<int>(i + 1), line);
      continue;
    }
    if (record.empty()) continue;
    size_t k = 0;
    bool applies = true;
    for (; k < record.size(); ++k) {
      std::istringstream words(record[k].second);
      std::string cond, db;
      words >> cond >> db;
      if (cond == "onlyif") {
        if (db != "sqlite") applies = false;
      } else if (cond == "skipif") {
        if (db == "sqlite") applies = false;
      } else {
        break;
      }
    }
    if (applies && k < record.size()) {
      std::istringstream words(record[k].second);
      std::string head, arg;
      words >> head >> arg;
      if (head == "halt") break;
      if (head == "statement" || head == "query") {
        SltRecord r;
        r.kind = head == "query" ? SltRecord::Kind::kQuery
                 : arg == "ok"   ? SltRecord::Kind::kStatementOk
                                 : SltRecord::Kind::kStatementError;
        r.line = record[k].first;
        for (size_t j = k + 1; j < record.size() && record[j].second != "----"; ++j) {
          r.sql += record[j].second;
          r.sql += '\n';
        }
        records.push_back(std::move(r));
      }
    }
    record.clear();
  }
  return records;
}

struct CorpusStats {
  int parsed = 0;
  int failed = 0;
  int error_records_parsed = 0;  // `statement error` records that parse
  int error_records = 0;
  std::vector<std::string> failures;  // the first few
};

// Parses `sql` as a script and checks that each statement's ToSql()
// re-parses to the same ToSql(). Returns an empty string or a description.
std::string CheckScript(const std::string& sql) {
  ParseError error;
  auto statements = ParseScript(sql, &error);
  if (!statements.ok()) {
    return error.message + " at " + std::to_string(error.line) + ":" + std::to_string(error.column);
  }
  if (statements->empty()) return "no statement";
  for (const StatementPtr& s : *statements) {
    std::string printed = ToSql(*s);
    auto again = ParseStatement(printed, &error);
    if (!again.ok()) return "ToSql output does not parse (" + error.message + "): " + printed;
    std::string reprinted = ToSql(**again);
    if (reprinted != printed) return "ToSql not stable: " + printed + " vs " + reprinted;
  }
  return std::string();
}

void CheckSltFile(const fs::path& path, CorpusStats* stats) {
  for (const SltRecord& r : ReadSltRecords(path)) {
    if (r.kind == SltRecord::Kind::kStatementError) {
      ++stats->error_records;
      if (ParseScript(r.sql).ok()) ++stats->error_records_parsed;
      continue;
    }
    std::string problem = CheckScript(r.sql);
    if (problem.empty()) {
      ++stats->parsed;
      continue;
    }
    ++stats->failed;
    if (stats->failures.size() < 20) {
      stats->failures.push_back(path.string() + ":" + std::to_string(r.line) + ": " + problem + "\n  " + r.sql);
    }
  }
}

const fs::path kShared = SLUICE_SHARED_DIR;

TEST(CorpusTest, ChapterScriptsParse) {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(kShared / "chapter" / "sql")) {
    if (entry.path().extension() != ".sql") continue;
    ++files;
    std::string sql = ReadFile(entry.path());
    ParseError error;
    auto statements = ParseScript(sql, &error);
    ASSERT_TRUE(statements.ok()) << entry.path() << ": " << error.message << " at line " << error.line;
    EXPECT_FALSE(statements->empty()) << entry.path();
    EXPECT_EQ(CheckScript(sql), "") << entry.path();
  }
  EXPECT_EQ(files, 3);
}

TEST(CorpusTest, SelectFilesParse) {
  CorpusStats stats;
  for (int i = 1; i <= 5; ++i) {
    fs::path path = kShared / "sqllogictest" / ("select" + std::to_string(i) + ".test");
    ASSERT_TRUE(fs::exists(path)) << path;
    CheckSltFile(path, &stats);
  }
  for (const std::string& f : stats.failures) ADD_FAILURE() << f;
  EXPECT_EQ(stats.failed, 0);
  EXPECT_GT(stats.parsed, 5000);
  std::printf("select1-5: %d records parsed, %d failed\n", stats.parsed, stats.failed);
}

// The whole corpus (~380k records, a few seconds in a release build).
TEST(CorpusTest, WholeSqllogictestTreeParses) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(kShared / "sqllogictest")) {
    if (entry.path().extension() == ".test") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  CorpusStats stats;
  for (const fs::path& path : files) CheckSltFile(path, &stats);
  for (const std::string& f : stats.failures) ADD_FAILURE() << f;
  EXPECT_EQ(stats.failed, 0);
  std::printf(
      "sqllogictest tree: %zu files, %d records parsed, %d failed; "
      "%d of %d 'statement error' records parse (they fail later)\n",
      files.size(), stats.parsed, stats.failed, stats.error_records_parsed, stats.error_records);
}

}  // namespace
}  // namespace sluice::sql

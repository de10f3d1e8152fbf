// SqltestRunner (sqltest_runner.h).
#include "slt/sqltest_runner.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sluice::slt {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxLines = 40;

void AppendIndented(std::string* report, std::string_view text) {
  size_t n = 0;
  while (!text.empty() && n < kMaxLines) {
    size_t nl = text.find('\n');
    *report += "    " + std::string(text.substr(0, nl)) + "\n";
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++n;
  }
  if (!text.empty()) *report += "    ...\n";
}

// A block's text as written, less the indentation its lines after the
// first share (the block was trimmed as a whole, so the first has none).
std::string Dedent(std::string_view text) {
  size_t common = std::string_view::npos;
  for (size_t nl = text.find('\n'); nl != std::string_view::npos; nl = text.find('\n', nl + 1)) {
    size_t i = nl + 1;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i < text.size() && text[i] != '\n') common = std::min(common, i - nl - 1);
  }
  if (common == std::string_view::npos || common == 0) return std::string(text);
  std::string out;
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (start > 0) line.remove_prefix(std::min(common, line.size()));
    out += line;
    if (nl == std::string_view::npos) break;
    out += '\n';
    start = nl + 1;
  }
  return out;
}

void AppendLines(std::string* report, const std::vector<std::string>& lines) {
  for (size_t i = 0; i < lines.size() && i < kMaxLines; ++i) *report += "    " + lines[i] + "\n";
  if (lines.size() > kMaxLines) *report += "    ...\n";
}

}  // namespace

std::string FindSqltestRoot(const std::string& file) {
  std::error_code ec;
  fs::path dir = fs::absolute(fs::path(file), ec).parent_path();
  if (ec) return "";
  while (true) {
    if (fs::is_directory(dir / "database", ec)) return dir.string();
    if (!dir.has_parent_path() || dir.parent_path() == dir) return "";
    dir = dir.parent_path();
  }
}

SqltestRunner::SqltestRunner(SqltestEngine* engine, SqltestOptions options, std::FILE* out)
    : engine_(engine), options_(std::move(options)), out_(out) {}

SltCounts SqltestRunner::RunFile(const std::string& path) {
  SltCounts counts;
  auto start = std::chrono::steady_clock::now();
  auto finish = [&] {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(out_, "%s: %lld passed, %lld failed, %lld skipped (%.2fs)\n", path.c_str(),
                 static_cast<long long>(counts.passed), static_cast<long long>(counts.failed),
                 static_cast<long long>(counts.skipped), secs);
    std::fflush(out_);
    return counts;
  };

  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) {
    std::fprintf(out_, "%s: FAIL: cannot read the file\n", path.c_str());
    counts.failed = 1;
    return finish();
  }
  Result<SqltestFile> parsed = ParseSqltest(text.str());
  if (!parsed.ok()) {
    std::fprintf(out_, "%s: FAIL: not a valid .sqltest file: %s\n", path.c_str(), parsed.status().message().c_str());
    counts.failed = 1;
    return finish();
  }
  const SqltestFile& file = *parsed;

  const std::string root = FindSqltestRoot(path);
  std::error_code ec;
  std::string rel = path;
  if (!root.empty()) {
    fs::path r = fs::relative(fs::absolute(path, ec), root, ec);
    if (!ec && !r.empty()) rel = r.string();
  }

  for (const SqltestDatabase& db : file.databases) {
    SqltestTarget target;
    target.kind = db.kind;
    target.readonly = db.readonly;
    std::string missing_root;
    if (db.kind == SqltestDatabase::Kind::kDefault || db.kind == SqltestDatabase::Kind::kDefaultNoRowidAlias ||
        db.kind == SqltestDatabase::Kind::kPath) {
      std::string name = db.kind == SqltestDatabase::Kind::kDefault               ? "database/testing.db"
                         : db.kind == SqltestDatabase::Kind::kDefaultNoRowidAlias ? "database/testing_norowidalias.db"
                                                                                  : db.path;
      if (root.empty()) {
        missing_root = "no corpus root (a directory holding database/) above " + path + " to find " + name;
      } else {
        target.db_file = (fs::path(root) / name).lexically_normal().string();
      }
    }
    for (const SqltestCase& c : file.tests) {
      if (!c.backend.empty() && c.backend != "cli") continue;
      std::string key = rel + ":" + c.name;
      if (file.databases.size() > 1) key += "@" + db.spec;
      if (options_.only && !options_.only->count(key)) continue;
      auto record = [&](const char* what) {
        if (options_.results) std::fprintf(options_.results, "%s %s\n", what, key.c_str());
      };

      bool skip = false;
      for (const auto* skips : {&c.skips, &file.file_skips}) {
        for (const SqltestSkip& s : *skips) {
          if (s.condition.empty() || s.condition == "sqlite") skip = true;
        }
      }
      if (skip) {
        ++counts.skipped;
        record("skip");
        continue;
      }
      const SqltestExpectation& expect = c.by_backend.count("cli") ? c.by_backend.at("cli") : c.expect;
      if (!missing_root.empty()) {
        ++counts.failed;
        record("fail");
        if (options_.verbose) ReportFailure(path, c, db, file.databases.size(), missing_root, expect, nullptr);
        continue;
      }

      std::string input;
      if (!c.setups.empty()) {
        for (const std::string& s : c.setups) input += file.setups.at(s) + "\n";
        input += std::string(kSqltestSetupEndMarkerSql) + "\n";
      }
      input += c.sql + "\n";
      Result<SqltestRun> run = engine_->Run(target, input);
      if (!run.ok()) {
        if (run.status().code() == StatusCode::kNotFound) {
          ++counts.skipped;
          record("skip");
        } else {
          ++counts.failed;
          record("fail");
          if (options_.verbose) {
            ReportFailure(path, c, db, file.databases.size(), "cannot run: " + run.status().message(), expect, nullptr);
          }
        }
        continue;
      }
      SqltestOutcome outcome = InterpretSqltestRun(*run);
      std::string reason = CompareSqltest(expect, outcome);
      if (reason.empty()) {
        ++counts.passed;
        record("pass");
      } else {
        ++counts.failed;
        record("fail");
        if (options_.verbose) ReportFailure(path, c, db, file.databases.size(), reason, expect, &outcome);
      }
    }
  }
  return finish();
}

void SqltestRunner::ReportFailure(const std::string& path, const SqltestCase& c, const SqltestDatabase& db, size_t ndb,
                                  const std::string& reason, const SqltestExpectation& expect,
                                  const SqltestOutcome* got) {
  using Kind = SqltestExpectation::Kind;
  std::string report = path + ":" + std::to_string(c.line) + ": FAIL: " + reason + "\n  test " + c.name;
  if (ndb > 1) report += " on " + db.spec;
  report += "\n";
  AppendIndented(&report, Dedent(c.sql));
  switch (expect.kind) {
    case Kind::kError:
      report += expect.text.empty() ? "  expected an error\n" : "  expected an error matching:\n";
      if (!expect.text.empty()) AppendIndented(&report, expect.text);
      break;
    case Kind::kPattern:
      report += "  expected a match of the pattern:\n";
      AppendIndented(&report, expect.text);
      break;
    default:
      report += std::string("  expected") + (expect.kind == Kind::kUnordered ? " in any order" : "") + " (" +
                std::to_string(expect.rows.size()) + " lines):\n";
      AppendLines(&report, expect.rows);
  }
  if (got) {
    if (got->error) {
      report += "  got an error:\n";
      AppendIndented(&report, got->error_text);
    } else {
      report += "  got (" + std::to_string(got->lines.size()) + " lines):\n";
      AppendLines(&report, got->lines);
    }
  }
  std::fputs(report.c_str(), out_);
}

}  // namespace sluice::slt

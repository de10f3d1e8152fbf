// SltRunner (slt_runner.h).
#include "slt/slt_runner.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

#include "slt/md5.h"
#include "slt/slt_value_text.h"

namespace sluice::slt {

namespace {

// Runs every statement of `sql`; the first error's message, or "".
std::string ExecuteAll(Database* db, std::string_view sql) {
  while (!sql.empty()) {
    PrepareOutcome p = db->Prepare(sql);
    if (!p.status.ok()) return p.status.message().empty() ? "error" : p.status.message();
    if (p.consumed == 0 && !p.statement) break;
    sql.remove_prefix(std::min(p.consumed, sql.size()));
    if (!p.statement) continue;
    while (true) {
      Result<bool> row = p.statement->Step();
      if (!row.ok()) {
        Status s = row.status();
        return s.message().empty() ? "error" : s.message();
      }
      if (!*row) break;
    }
  }
  return "";
}

}  // namespace

void SortValues(SortMode mode, size_t ncol, std::vector<std::string>* values) {
  if (mode == SortMode::kValueSort) {
    std::sort(values->begin(), values->end());
  } else if (mode == SortMode::kRowSort && ncol > 0) {
    const size_t nrow = values->size() / ncol;
    std::vector<size_t> order(nrow);
    for (size_t i = 0; i < nrow; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      for (size_t c = 0; c < ncol; ++c) {
        int cmp = (*values)[a * ncol + c].compare((*values)[b * ncol + c]);
        if (cmp != 0) return cmp < 0;
      }
      return false;
    });
    std::vector<std::string> sorted;
    sorted.reserve(values->size());
    for (size_t r : order) {
      for (size_t c = 0; c < ncol; ++c) sorted.push_back(std::move((*values)[r * ncol + c]));
    }
    *values = std::move(sorted);
  }
}

SltRunner::SltRunner(DatabaseFactory factory, SltOptions options, std::FILE* out)
    : factory_(std::move(factory)), options_(std::move(options)), out_(out) {}

SltCounts SltRunner::RunFile(const std::string& path) {
  SltCounts counts;
  auto start = std::chrono::steady_clock::now();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(out_, "%s: cannot open: %s\n", path.c_str(), std::strerror(errno));
    counts.failed = 1;
    return counts;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  Result<std::unique_ptr<Database>> db = factory_(true);
  if (!db.ok()) {
    std::fprintf(out_, "%s: cannot open the database: %s\n", path.c_str(), db.status().message().c_str());
    counts.failed = 1;
    return counts;
  }
  counts = RunRecords(path, text, &*db, db->get());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(out_, "%s: %lld passed, %lld failed, %lld skipped (%.2fs)\n", path.c_str(),
               static_cast<long long>(counts.passed), static_cast<long long>(counts.failed),
               static_cast<long long>(counts.skipped), seconds);
  std::fflush(out_);
  return counts;
}

SltCounts SltRunner::RunText(const std::string& name, std::string_view text, Database* db) {
  return RunRecords(name, text, nullptr, db);
}

SltCounts SltRunner::RunRecords(const std::string& name, std::string_view text, std::unique_ptr<Database>* owned,
                                Database* db) {
  SltCounts counts;
  label_hashes_.clear();
  int hash_threshold = options_.hash_threshold;
  for (const SltRecord& r : ParseSltFile(text)) {
    const bool applies = r.AppliesTo(options_.engine);
    switch (r.kind) {
      case SltRecord::Kind::kHashThreshold:
        if (applies) hash_threshold = r.hash_threshold;
        continue;
      case SltRecord::Kind::kHalt:
        if (applies) return counts;
        continue;
      default: break;
    }
    if (!applies) {
      ++counts.skipped;
      continue;
    }
    std::string reason;
    std::vector<std::string> got;
    if (r.kind == SltRecord::Kind::kStatement) {
      reason = RunStatement(r, db);
    } else if (r.kind == SltRecord::Kind::kQuery) {
      // Not inside a transaction: closing would roll it back, which the
      // same script against sqlite3 never does.
      if (options_.reopen_before_queries && owned != nullptr && !db->in_transaction()) {
        owned->reset();  // closes (and checkpoints) before reopening
        Result<std::unique_ptr<Database>> again = factory_(false);
        if (!again.ok()) {
          std::fprintf(out_, "%s: cannot reopen the database: %s\n", name.c_str(), again.status().message().c_str());
          ++counts.failed;
          return counts;
        }
        *owned = std::move(*again);
        db = owned->get();
      }
      reason = RunQuery(r, db, hash_threshold, &got);
    } else {
      reason = "unknown record: " + r.command_line;
    }
    if (reason.empty()) {
      ++counts.passed;
    } else {
      ++counts.failed;
      if (options_.verbose) ReportFailure(name, r, reason, got);
    }
  }
  return counts;
}

std::string SltRunner::RunStatement(const SltRecord& r, Database* db) {
  std::string error = ExecuteAll(db, r.sql);
  if (r.expect_error) return error.empty() ? "statement succeeded but an error was expected" : "";
  return error.empty() ? "" : "statement failed: " + error;
}

std::string SltRunner::RunQuery(const SltRecord& r, Database* db, int hash_threshold, std::vector<std::string>* got) {
  PrepareOutcome p = db->Prepare(r.sql);
  if (!p.status.ok()) return "query failed to prepare: " + p.status.message();
  if (!p.statement) return "query holds no statement";
  Statement& s = *p.statement;
  const size_t ncol = r.types.size();
  if (static_cast<size_t>(s.column_count()) != ncol) {
    return "wrong number of result columns: expected " + std::to_string(ncol) + " but got " +
           std::to_string(s.column_count());
  }
  std::vector<std::string> values;
  while (true) {
    Result<bool> row = s.Step();
    if (!row.ok() || !*row) break;  // an error ends the result, as in the reference runner
    for (size_t i = 0; i < ncol; ++i) values.push_back(SltValueText(s, static_cast<int>(i), r.types[i]));
  }
  SortValues(r.sort, ncol, &values);

  // The expected section decides the comparison: a "N values hashing to H"
  // line is compared with our hash, a value list value by value. The hash
  // threshold only decides how a result is shown (and so how the reference
  // runner wrote it): files without a hash-threshold record, such as our own
  // tests/sql/*.test, list every value.
  const bool over_threshold = hash_threshold > 0 && values.size() > static_cast<size_t>(hash_threshold);
  const bool expects_hash = r.expected.size() == 1 && r.expected[0].find(" values hashing to ") != std::string::npos;
  std::string hash_line;
  if (!r.label.empty() || over_threshold || expects_hash) {
    Md5 md5;
    for (const std::string& v : values) {
      md5.Update(v);
      md5.Update("\n");
    }
    hash_line = std::to_string(values.size()) + " values hashing to " + md5.HexDigest();
  }
  std::string reason;
  if (expects_hash) {
    *got = {hash_line};
    if (r.expected[0] != hash_line) reason = "wrong result hash";
  } else {
    *got = values;
    if (values != r.expected) reason = "wrong result";
  }
  if (!r.label.empty()) {
    auto [it, inserted] = label_hashes_.emplace(r.label, hash_line);
    if (!inserted && it->second != hash_line && reason.empty()) {
      reason = "labeled result differs from the first query with label " + r.label + " (" + it->second + ")";
      *got = {hash_line};
    }
  }
  return reason;
}

void SltRunner::ReportFailure(const std::string& name, const SltRecord& r, const std::string& reason,
                              const std::vector<std::string>& got) {
  constexpr size_t kMaxLines = 40;
  std::string report = name + ":" + std::to_string(r.line) + ": FAIL: " + reason + "\n  " + r.command_line + "\n";
  std::string_view sql = r.sql;
  while (!sql.empty()) {
    size_t nl = sql.find('\n');
    report += "    " + std::string(sql.substr(0, nl)) + "\n";
    sql = nl == std::string_view::npos ? std::string_view() : sql.substr(nl + 1);
  }
  if (r.kind == SltRecord::Kind::kQuery) {
    report += "  expected (" + std::to_string(r.expected.size()) + " lines):\n";
    for (size_t i = 0; i < r.expected.size() && i < kMaxLines; ++i) report += "    " + r.expected[i] + "\n";
    if (r.expected.size() > kMaxLines) report += "    ...\n";
    report += "  got (" + std::to_string(got.size()) + " lines):\n";
    for (size_t i = 0; i < got.size() && i < kMaxLines; ++i) report += "    " + got[i] + "\n";
    if (got.size() > kMaxLines) report += "    ...\n";
  }
  std::fputs(report.c_str(), out_);
}

}  // namespace sluice::slt

// Tests of SltRunner on a scripted fake Database: value printing by type
// letter, sorting, hashing, labels, statement ok/error, skipping, halt.
#include "slt/slt_runner.h"

#include <gtest/gtest.h>

#include <map>

#include "slt/md5.h"
#include "slt/slt_value_text.h"

namespace sluice::slt {
namespace {

struct FakeValue {
  ColumnType type;
  int64_t i = 0;
  double d = 0;
  std::string s;
};
FakeValue I(int64_t v) { return {ColumnType::kInteger, v, static_cast<double>(v), std::to_string(v)}; }
FakeValue R(double v, std::string text) { return {ColumnType::kReal, static_cast<int64_t>(v), v, std::move(text)}; }
FakeValue T(std::string v) { return {ColumnType::kText, 0, 0, std::move(v)}; }
FakeValue N() { return {ColumnType::kNull, 0, 0, ""}; }

struct Canned {
  int columns = 0;
  std::vector<std::vector<FakeValue>> rows;
  bool prepare_error = false;
  bool step_error = false;  // after the rows
};

class FakeStatement : public Statement {
 public:
  explicit FakeStatement(Canned c) : c_(std::move(c)) {}
  Result<bool> Step() override {
    if (next_ < c_.rows.size()) {
      cur_ = next_++;
      return true;
    }
    if (c_.step_error && !failed_) {
      failed_ = true;
      return Status::InvalidArgument("integer overflow");
    }
    return false;
  }
  int column_count() const override { return c_.columns; }
  std::string_view column_name(int) const override { return "c"; }
  ColumnType column_type(int i) const override { return v(i).type; }
  int64_t column_int64(int i) const override { return v(i).i; }
  double column_double(int i) const override { return v(i).d; }
  std::string_view column_text(int i) const override { return v(i).s; }
  std::string_view column_blob(int i) const override { return v(i).s; }
  std::string_view sql() const override { return ""; }
  int64_t changes() const override { return 0; }
  bool is_explain() const override { return false; }

 private:
  const FakeValue& v(int i) const { return c_.rows[cur_][i]; }
  Canned c_;
  size_t next_ = 0, cur_ = 0;
  bool failed_ = false;
};

// The reference driver's printing of one value by type letter. The fake
// carries what sqlite3_column_int64/double/text give for each value.
TEST(SltValueTextTest, ReferenceDriverRules) {
  Canned c;
  c.columns = 8;
  c.rows = {{N(), I(-12), R(3.7, "3.7"), FakeValue{ColumnType::kText, 12, 12, "12abc"}, R(0.0625, "0.0625"),
             R(-1.0005, "-1.0005"), T(""),
             T("a\tb\x7f"
               "c\xc3\xa9")}};
  FakeStatement s(c);
  ASSERT_TRUE(*s.Step());
  EXPECT_EQ(SltValueText(s, 0, 'I'), "NULL");
  EXPECT_EQ(SltValueText(s, 0, 'T'), "NULL");
  EXPECT_EQ(SltValueText(s, 1, 'I'), "-12");
  EXPECT_EQ(SltValueText(s, 1, 'R'), "-12.000");
  EXPECT_EQ(SltValueText(s, 1, 'T'), "-12");
  EXPECT_EQ(SltValueText(s, 2, 'I'), "3");
  EXPECT_EQ(SltValueText(s, 2, 'T'), "3.7");
  EXPECT_EQ(SltValueText(s, 3, 'I'), "12");
  EXPECT_EQ(SltValueText(s, 4, 'R'), "0.063");  // SQLite's own rounding
  EXPECT_EQ(SltValueText(s, 5, 'R'), "-1.001");
  EXPECT_EQ(SltValueText(s, 6, 'T'), "(empty)");
  EXPECT_EQ(SltValueText(s, 7, 'T'), "a@b@c@@");
  EXPECT_EQ(SltValueText(s, 7, 'X'), "a@b@c@@");
}

class FakeDb : public Database {
 public:
  std::map<std::string, Canned> canned;
  std::vector<std::string> executed;
  PrepareOutcome Prepare(std::string_view sql) override {
    PrepareOutcome out;
    size_t semi = sql.find(';');
    std::string_view first = sql.substr(0, semi);
    out.consumed = semi == std::string_view::npos ? sql.size() : semi + 1;
    while (!first.empty() && (first.front() == ' ' || first.front() == '\n')) first.remove_prefix(1);
    if (first.empty()) return out;
    executed.emplace_back(first);
    auto it = canned.find(std::string(first));
    if (it == canned.end() || it->second.prepare_error) {
      out.status = Status::InvalidArgument("near \"x\": syntax error");
      return out;
    }
    out.statement = std::make_unique<FakeStatement>(it->second);
    return out;
  }
  Result<std::unique_ptr<Appender>> CreateAppender(std::string_view) override {
    return Status::NotFound("no appender");
  }
  bool in_transaction() const override { return false; }
};

SltCounts RunSlt(FakeDb* db, const std::string& text, std::string* report = nullptr) {
  char* buf = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&buf, &size);
  SltOptions options;
  options.verbose = true;
  SltRunner runner(nullptr, options, out);
  SltCounts c = runner.RunText("t.test", text, db);
  std::fclose(out);
  if (report) report->assign(buf, size);
  std::free(buf);
  return c;
}

TEST(SltRunnerTest, ValuesPrintByTypeLetter) {
  FakeDb db;
  // The engine's column_int64 of '12abc' is its numeric prefix, 12.
  FakeValue text_12abc{ColumnType::kText, 12, 12, "12abc"};
  db.canned["q"] = {4, {{I(7), R(2.5, "2.5"), T(""), N()}, {text_12abc, I(3), T("a\tb"), R(1.9, "1.9")}}};
  // I of a text is column_int64; R prints %.3f; T shows (empty) and '@'.
  std::string text = "query IRTI nosort\nq\n----\n7\n2.500\n(empty)\nNULL\n12\n3.000\na@b\n1\n";
  SltCounts c = RunSlt(&db, text);
  EXPECT_EQ(c.passed, 1);
  EXPECT_EQ(c.failed, 0);
}

TEST(SltRunnerTest, RowsortAndValuesort) {
  FakeDb db;
  db.canned["q"] = {2, {{I(10), T("b")}, {I(2), T("a")}, {I(10), T("a")}}};
  EXPECT_EQ(RunSlt(&db, "query IT rowsort\nq\n----\n10\na\n10\nb\n2\na\n").passed, 1);
  EXPECT_EQ(RunSlt(&db, "query IT valuesort\nq\n----\n10\n10\n2\na\na\nb\n").passed, 1);
  EXPECT_EQ(RunSlt(&db, "query IT nosort\nq\n----\n10\nb\n2\na\n10\na\n").passed, 1);
}

TEST(SltRunnerTest, HashingAboveTheThresholdAndLabels) {
  FakeDb db;
  Canned c{1, {}};
  std::string joined;
  for (int i = 1; i <= 9; ++i) {
    c.rows.push_back({I(i)});
    joined += std::to_string(i) + "\n";
  }
  db.canned["q"] = c;
  db.canned["q2"] = c;
  db.canned["q3"] = {1, {{I(1)}}};
  std::string hash = "9 values hashing to " + Md5Hex(joined);
  std::string text = "hash-threshold 8\n\nquery I nosort lbl\nq\n----\n" + hash + "\n\nquery I nosort lbl\nq2\n----\n" +
                     hash + "\n\nquery I nosort lbl\nq3\n----\n1\n";
  std::string report;
  SltCounts counts = RunSlt(&db, text, &report);
  EXPECT_EQ(counts.passed, 2);
  EXPECT_EQ(counts.failed, 1);  // q3 has the label but another hash
  EXPECT_NE(report.find("t.test:13: FAIL: labeled result differs"), std::string::npos) << report;
}

TEST(SltRunnerTest, TheExpectedSectionDecidesHashOrValues) {
  FakeDb db;
  Canned c{1, {}};
  std::string joined, listed;
  for (int i = 1; i <= 9; ++i) {
    c.rows.push_back({I(i)});
    joined += std::to_string(i) + "\n";
  }
  db.canned["q"] = c;
  const std::string hash = "9 values hashing to " + Md5Hex(joined);
  // Over the threshold but written out value by value (our own test files):
  // compared value by value.
  EXPECT_EQ(RunSlt(&db, "hash-threshold 8\n\nquery I nosort\nq\n----\n" + joined).passed, 1);
  EXPECT_EQ(RunSlt(&db, "hash-threshold 8\n\nquery I nosort\nq\n----\n" + joined + "10\n").failed, 1);
  // Under the threshold (none set) but written as a hash: compared by hash.
  EXPECT_EQ(RunSlt(&db, "hash-threshold 0\n\nquery I nosort\nq\n----\n" + hash + "\n").passed, 1);
  EXPECT_EQ(RunSlt(&db, "query I nosort\nq\n----\n9 values hashing to 0123\n").failed, 1);
}

TEST(SltRunnerTest, StatementsSkipsAndHalt) {
  FakeDb db;
  db.canned["ok"] = {0, {}};
  db.canned["bad"] = {0, {}, false, true};
  std::string text =
      "statement ok\nok; ok\n\n"
      "statement error\nbad\n\n"
      "statement error\nok\n\n"
      "statement ok\nnope\n\n"
      "skipif sqlite\nstatement ok\nnope\n\n"
      "onlyif mysql\nstatement ok\nnope\n\n"
      "onlyif sqlite\nhalt\n\n"
      "statement ok\nnope\n";
  std::string report;
  SltCounts c = RunSlt(&db, text, &report);
  EXPECT_EQ(c.passed, 2);
  EXPECT_EQ(c.failed, 2);
  EXPECT_EQ(c.skipped, 2);
  EXPECT_NE(report.find("t.test:7: FAIL: statement succeeded but an error was expected"), std::string::npos);
  EXPECT_NE(report.find("t.test:10: FAIL: statement failed: near \"x\": syntax error"), std::string::npos);
}

TEST(SltRunnerTest, WrongColumnCountAndStepErrors) {
  FakeDb db;
  db.canned["q"] = {2, {{I(1), I(2)}}};
  db.canned["overflow"] = {1, {{I(1)}}, false, true};
  EXPECT_EQ(RunSlt(&db, "query I nosort\nq\n----\n1\n").failed, 1);
  // An error while stepping keeps the rows seen so far.
  EXPECT_EQ(RunSlt(&db, "query I nosort\noverflow\n----\n1\n").passed, 1);
}

TEST(SltRunnerTest, SortValuesByBytes) {
  std::vector<std::string> v = {"b", "B", "a", "10", "9"};
  SortValues(SortMode::kValueSort, 1, &v);
  EXPECT_EQ(v, (std::vector<std::string>{"10", "9", "B", "a", "b"}));
}

}  // namespace
}  // namespace sluice::slt

// FakeDatabase (fake_database.h), test-only.
#include "shell/fake_database.h"

#include "sql/parser/parser.h"

namespace sluice::shell::testing {

namespace {

class FakeStatement : public Statement {
 public:
  FakeStatement(std::string sql, CannedResult r) : sql_(std::move(sql)), r_(std::move(r)) {}
  Result<bool> Step() override {
    if (done_) return false;
    if (next_ < r_.rows.size()) {
      current_ = next_++;
      return true;
    }
    done_ = true;
    if (!r_.step_error.empty()) {
      return Status::InvalidArgument(r_.step_error, r_.step_code).WithPhase(ErrorPhase::kStep);
    }
    return false;
  }
  int column_count() const override { return static_cast<int>(r_.columns.size()); }
  std::string_view column_name(int i) const override { return r_.columns[i]; }
  ColumnType column_type(int i) const override { return cell(i).type; }
  int64_t column_int64(int i) const override { return std::stoll(cell(i).bytes); }
  double column_double(int i) const override { return cell(i).real; }
  std::string_view column_text(int i) const override { return cell(i).bytes; }
  std::string_view column_blob(int i) const override { return cell(i).bytes; }
  std::string_view sql() const override { return sql_; }
  int64_t changes() const override { return 0; }
  bool is_explain() const override { return false; }

 private:
  const Cell& cell(int i) const { return r_.rows[current_][i]; }
  std::string sql_;
  CannedResult r_;
  size_t next_ = 0;
  size_t current_ = 0;
  bool done_ = false;
};

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\n' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\n' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == ';')) {
    --e;
  }
  return std::string(s.substr(b, e - b));
}

// Skips leading whitespace and comments.
size_t SkipNoise(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r' || s[i] == ';') {
      ++i;
    } else if (s.substr(i, 2) == "--") {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (s.substr(i, 2) == "/*") {
      size_t e = s.find("*/", i + 2);
      i = e == std::string_view::npos ? s.size() : e + 2;
    } else {
      break;
    }
  }
  return i;
}

// The "..." quoted names in `s`, in order.
std::vector<std::string> QuotedNames(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '"') continue;
    std::string name;
    for (++i; i < s.size(); ++i) {
      if (s[i] == '"') {
        if (i + 1 < s.size() && s[i + 1] == '"') {
          name.push_back('"');
          ++i;
        } else {
          break;
        }
      } else {
        name.push_back(s[i]);
      }
    }
    out.push_back(name);
  }
  return out;
}

// The values of "VALUES(...)": 'strings' and NULL.
std::vector<std::optional<std::string>> Literals(std::string_view s) {
  std::vector<std::optional<std::string>> out;
  size_t i = s.find("VALUES(") + 7;
  while (i < s.size() && s[i] != ')') {
    if (s[i] == '\'') {
      std::string v;
      for (++i; i < s.size(); ++i) {
        if (s[i] == '\'') {
          if (i + 1 < s.size() && s[i + 1] == '\'') {
            v.push_back('\'');
            ++i;
          } else {
            ++i;
            break;
          }
        } else {
          v.push_back(s[i]);
        }
      }
      out.emplace_back(v);
    } else if (s.substr(i, 4) == "NULL") {
      out.emplace_back(std::nullopt);
      i += 4;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace

class FakeAppender : public Appender {
 public:
  FakeAppender(FakeDatabase* db, std::string table) : db_(db), table_(std::move(table)) {}
  Status AppendRow(std::span<const std::string_view> fields) override {
    std::vector<std::optional<std::string>> row;
    for (std::string_view f : fields) row.emplace_back(std::string(f));
    pending_.push_back(std::move(row));
    return Status::OK();
  }
  Status Finish() override {
    for (auto& row : pending_) SLUICE_RETURN_IF_ERROR(db_->InsertRow(table_, row));
    pending_.clear();
    return Status::OK();
  }

 private:
  FakeDatabase* db_;
  std::string table_;
  std::vector<std::vector<std::optional<std::string>>> pending_;
};

Status FakeDatabase::InsertRow(const std::string& table, std::vector<std::optional<std::string>> row) {
  FakeTable& t = tables_[table];
  for (const std::string& u : unique_tables_) {
    if (u != table) continue;
    for (const auto& r : t.rows) {
      if (r[0] == row[0]) {
        return Status::InvalidArgument("UNIQUE constraint failed: " + table + "." + t.columns[0],
                                       ResultCode::kConstraintUnique);
      }
    }
  }
  t.rows.push_back(std::move(row));
  return Status::OK();
}

Result<std::unique_ptr<Appender>> FakeDatabase::CreateAppender(std::string_view table) {
  if (!tables_.count(std::string(table))) return Status::NotFound("no such table: " + std::string(table));
  return std::unique_ptr<Appender>(new FakeAppender(this, std::string(table)));
}

PrepareOutcome FakeDatabase::Prepare(std::string_view sql) {
  PrepareOutcome out;
  size_t begin = SkipNoise(sql);
  if (begin >= sql.size()) {
    out.consumed = sql.size();
    return out;
  }
  size_t end = sql::FindStatementEnd(sql, begin);
  out.consumed = end;
  std::string text = Trim(sql.substr(begin, end - begin));
  executed_.push_back(text);
  CannedResult r;
  auto it = canned_.find(text);
  if (it != canned_.end()) {
    r = it->second;
  } else if (text.starts_with("CREATE TABLE \"")) {
    std::vector<std::string> names = QuotedNames(text);
    FakeTable t;
    t.sql = text;
    t.columns.assign(names.begin() + 1, names.end());
    AddTable(names[0], std::move(t));
  } else if (text.starts_with("INSERT INTO \"")) {
    std::string name = QuotedNames(text.substr(0, text.find("VALUES")))[0];
    Status s = InsertRow(name, Literals(text));
    if (!s.ok()) {
      r.step_error = s.message();
      r.step_code = s.extended_result_code();
    }
  } else if (text.starts_with("SELECT * FROM \"")) {
    std::string name = QuotedNames(text)[0];
    auto t = tables_.find(name);
    if (t == tables_.end()) {
      r.prepare_error = "no such table: " + name;
    } else {
      r.columns = t->second.columns;
      for (const auto& row : t->second.rows) {
        std::vector<Cell> cells;
        for (const auto& v : row) cells.push_back(v ? Cell::Text(*v) : Cell::Null());
        r.rows.push_back(std::move(cells));
      }
    }
  } else if (text == "SELECT type, name FROM sqlite_schema" ||
             text == "SELECT type, name, tbl_name, sql FROM sqlite_schema") {
    bool full = text.find("tbl_name") != std::string::npos;
    r.columns =
        full ? std::vector<std::string>{"type", "name", "tbl_name", "sql"} : std::vector<std::string>{"type", "name"};
    for (const std::string& name : order_) {
      const FakeTable& t = tables_[name];
      std::vector<Cell> row{Cell::Text(t.type), Cell::Text(name)};
      if (full) {
        row.push_back(Cell::Text(name));
        row.push_back(Cell::Text(t.sql));
      }
      r.rows.push_back(std::move(row));
    }
  } else {
    // Unknown statements are syntax errors on their first word.
    std::string word = text.substr(0, text.find_first_of(" ;\n"));
    r.prepare_error = "near \"" + word + "\": syntax error";
    r.error_offset = 0;
  }
  if (!r.prepare_error.empty()) {
    out.status = Status::InvalidArgument(r.prepare_error)
                     .WithPhase(ErrorPhase::kPrepare)
                     .WithErrorOffset(r.error_offset < 0 ? -1 : static_cast<int64_t>(begin) + r.error_offset);
    out.statement_offset = begin;
    return out;
  }
  out.statement = std::make_unique<FakeStatement>(text, std::move(r));
  return out;
}

}  // namespace sluice::shell::testing

// FakeDatabase (fake_database.h), test-only.
#include "shell/fake_database.h"

#include <algorithm>

#include "sluice/sql_text.h"

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

// The end of the statement starting at `begin`: just after the first ';'
// that completes it, or the end of the text.
size_t StatementEnd(std::string_view s, size_t begin) {
  for (size_t i = begin; i < s.size(); ++i) {
    if (s[i] == ';' && IsCompleteStatement(s.substr(begin, i + 1 - begin))) return i + 1;
  }
  return s.size();
}

// The 'string' literal that starts at s[i] (quotes doubled inside).
std::string LiteralAt(std::string_view s, size_t i) {
  std::string v;
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\'') {
      if (i + 1 < s.size() && s[i + 1] == '\'') {
        v.push_back('\'');
        ++i;
      } else {
        break;
      }
    } else {
      v.push_back(s[i]);
    }
  }
  return v;
}

// The literals that follow each occurrence of `prefix` (which ends with the
// opening quote's position: "name LIKE ").
std::vector<std::string> LiteralsAfter(std::string_view s, std::string_view prefix) {
  std::vector<std::string> out;
  for (size_t at = s.find(prefix); at != std::string_view::npos; at = s.find(prefix, at + 1)) {
    out.push_back(LiteralAt(s, at + prefix.size()));
  }
  return out;
}

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// LIKE for ASCII text: % and _, case-insensitive, with an escape byte.
bool Like(std::string_view p, std::string_view t, char escape = 0) {
  if (p.empty()) return t.empty();
  if (escape != 0 && p[0] == escape && p.size() > 1) {
    return !t.empty() && LowerAscii(t[0]) == LowerAscii(p[1]) && Like(p.substr(2), t.substr(1), escape);
  }
  if (p[0] == '%') {
    for (size_t k = 0; k <= t.size(); ++k) {
      if (Like(p.substr(1), t.substr(k), escape)) return true;
    }
    return false;
  }
  if (t.empty()) return false;
  if (p[0] != '_' && LowerAscii(p[0]) != LowerAscii(t[0])) return false;
  return Like(p.substr(1), t.substr(1), escape);
}

// GLOB with * and ? only (the tests need no classes).
bool Glob(std::string_view p, std::string_view t) {
  if (p.empty()) return t.empty();
  if (p[0] == '*') {
    for (size_t k = 0; k <= t.size(); ++k) {
      if (Glob(p.substr(1), t.substr(k))) return true;
    }
    return false;
  }
  if (t.empty() || (p[0] != '?' && p[0] != t[0])) return false;
  return Glob(p.substr(1), t.substr(1));
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
  // Stores the row at once (values as text, NULL as nullopt), as the
  // engine's appender does.
  Status Append(std::span<const AppendValue> values) override {
    std::vector<std::optional<std::string>> row;
    for (const AppendValue& v : values) {
      if (v.type == ColumnType::kNull) {
        row.emplace_back(std::nullopt);
      } else if (v.type == ColumnType::kInteger) {
        row.emplace_back(std::to_string(v.integer));
      } else {
        row.emplace_back(std::string(v.bytes));
      }
    }
    return db_->InsertRow(table_, std::move(row));
  }
  Status Finish() override { return Status::OK(); }

 private:
  FakeDatabase* db_;
  std::string table_;
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
  size_t end = StatementEnd(sql, begin);
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
  } else if (text.starts_with("SELECT name FROM sqlite_schema") ||
             text.starts_with("SELECT type, name, tbl_name, sql FROM sqlite_schema") ||
             text.starts_with("SELECT type, name, tbl_name, sql, 0 FROM sqlite_schema")) {
    // The shell's catalog queries: the filters they use, on the catalog
    // (which has no TEMP objects: the sqlite_temp_schema half adds none).
    const bool names_only = text.starts_with("SELECT name ");
    const bool schema_flag = text.starts_with("SELECT type, name, tbl_name, sql, 0 ");  // .schema's main/TEMP mark
    r.columns =
        names_only ? std::vector<std::string>{"name"} : std::vector<std::string>{"type", "name", "tbl_name", "sql"};
    if (schema_flag) r.columns.push_back("0");
    const std::vector<std::string> name_likes = LiteralsAfter(text, " name LIKE ");
    const std::vector<std::string> tbl_likes = LiteralsAfter(text, "lower(tbl_name) LIKE ");
    const std::vector<std::string> tbl_globs = LiteralsAfter(text, "lower(tbl_name) GLOB ");
    std::vector<std::string> names;
    for (const std::string& name : order_) {
      const FakeTable& t = tables_[name];
      std::string lower_name;
      for (char c : name) lower_name.push_back(LowerAscii(c));
      if (text.find("type IN ('table','view')") != std::string::npos && t.type != "table" && t.type != "view") continue;
      if (text.find("name NOT LIKE 'sqlite_%'") != std::string::npos && Like("sqlite_%", name)) continue;
      if (text.find("sql NOT NULL") != std::string::npos && t.sql.empty()) continue;
      if (!name_likes.empty() && std::none_of(name_likes.begin(), name_likes.end(),
                                              [&](const std::string& p) { return Like(p, name, '\\'); })) {
        continue;
      }
      if (!tbl_likes.empty() && !Like(tbl_likes[0], lower_name, '\\')) continue;
      if (!tbl_globs.empty() && !Glob(tbl_globs[0], lower_name)) continue;
      names.push_back(name);
    }
    if (names_only && text.ends_with("ORDER BY 1")) std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      const FakeTable& t = tables_[name];
      if (names_only) {
        r.rows.push_back({Cell::Text(name)});
      } else {
        r.rows.push_back({Cell::Text(t.type), Cell::Text(name), Cell::Text(name), Cell::Text(t.sql)});
        if (schema_flag) r.rows.back().push_back(Cell::Integer("0"));
      }
    }
  } else if (text.starts_with("PRAGMA table_info='")) {
    // The declared columns, with no types, defaults or key.
    r.columns = {"cid", "name", "type", "notnull", "dflt_value", "pk"};
    auto t = tables_.find(LiteralAt(text, text.find('\'')));
    if (t != tables_.end()) {
      for (size_t i = 0; i < t->second.columns.size(); ++i) {
        r.rows.push_back({Cell::Integer(std::to_string(i)), Cell::Text(t->second.columns[i]), Cell::Text(""),
                          Cell::Integer("0"), Cell::Null(), Cell::Integer("0")});
      }
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

// FakeDatabase: a scripted stand-in for sluice::Database in the shell's
// unit tests (test-only; not part of sluice_shell).
//
// Statements end at the first ';' that completes them
// (sluice::IsCompleteStatement). Each statement text (trimmed, without its
// ';') is looked up in a table of canned responses: result rows, a prepare
// error with its offset, or a step error with its result code after some
// rows (errors carry their phase, as the engine's do). A few shapes are
// understood natively so that .import, .tables, .schema and .dump can be
// tested: CREATE TABLE "t"(... "c" TEXT ...), INSERT INTO "t" VALUES(...)
// with quoted strings and NULLs, SELECT * FROM "t", the shell's
// sqlite_schema queries (their LIKE/GLOB filters evaluated here, for ASCII
// text), PRAGMA table_info='t' (from FakeTable::columns), and
// CreateAppender.
#ifndef SLUICE_SHELL_FAKE_DATABASE_H_
#define SLUICE_SHELL_FAKE_DATABASE_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "shell/cell.h"
#include "sluice/database.h"

namespace sluice::shell::testing {

struct CannedResult {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
  std::string prepare_error;                  // non-empty: Prepare fails with it
  int64_t error_offset = -1;                  // within the statement
  std::string step_error;                     // non-empty: Step fails after the rows
  ResultCode step_code = ResultCode::kError;  // ... with this result code
};

struct FakeTable {
  std::string type = "table";
  std::string sql;
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;  // nullopt = NULL
};

class FakeDatabase : public Database {
 public:
  void Add(std::string sql, CannedResult r) { canned_[std::move(sql)] = std::move(r); }
  // Adds an object to the fake catalog, in creation order.
  void AddTable(const std::string& name, FakeTable t) {
    order_.push_back(name);
    tables_[name] = std::move(t);
  }
  const FakeTable* table(const std::string& name) const {
    auto it = tables_.find(name);
    return it == tables_.end() ? nullptr : &it->second;
  }
  // Values that an appended/inserted first column may not repeat (to test
  // constraint errors): "UNIQUE constraint failed: <table>.<column>".
  void SetUnique(const std::string& table) { unique_tables_.push_back(table); }

  PrepareOutcome Prepare(std::string_view sql) override;
  Result<std::unique_ptr<Appender>> CreateAppender(std::string_view table) override;
  bool in_transaction() const override { return false; }

  const std::vector<std::string>& executed() const { return executed_; }

 private:
  friend class FakeAppender;
  Status InsertRow(const std::string& table, std::vector<std::optional<std::string>> row);

  std::map<std::string, CannedResult> canned_;
  std::map<std::string, FakeTable> tables_;
  std::vector<std::string> order_;
  std::vector<std::string> unique_tables_;
  std::vector<std::string> executed_;
};

}  // namespace sluice::shell::testing

#endif  // SLUICE_SHELL_FAKE_DATABASE_H_

// StatementImpl: a prepared statement of DatabaseImpl behind the public
// sluice::Statement (include/sluice/database.h), as one small cursor class
// per kind of statement:
//   QueryCursor (query_cursor.cc)      SELECT: pulls result chunks from the
//                                      operator tree; EXPLAIN: its lines;
//   RowsCursor (rows_cursor.cc)        PRAGMAs that return rows (made on the
//                                      first Step, pragmas.cc);
//   ExecCursor (statement_runner.cc)   everything else: runs to completion
//                                      on the first Step, inside the write
//                                      transaction protocol (transaction.h).
// StatementImpl::Create picks the class; Prepare binds and plans (the errors
// SQLite reports at prepare time). The base class hands out the current
// row of `chunk_`.
//
#ifndef SLUICE_SQL_CONNECTION_STATEMENT_IMPL_H_
#define SLUICE_SQL_CONNECTION_STATEMENT_IMPL_H_

#include <memory>
#include <string>
#include <vector>

#include "sluice/database.h"
#include "sql/ast/statement.h"
#include "sql/connection/database_impl.h"
#include "sql/exec/operator.h"

namespace sluice::sql {

struct PreparedDml;  // dml.cc

class StatementImpl : public ::sluice::Statement {
 public:
  // The cursor class for `ast` (not prepared yet).
  static std::unique_ptr<StatementImpl> Create(DatabaseImpl* db, std::shared_ptr<sql::Statement> ast, std::string text);

  // REQUIRES: `db` outlives the statement.
  StatementImpl(DatabaseImpl* db, std::shared_ptr<sql::Statement> ast, std::string text)
      : db_(db), ast_(std::move(ast)), text_(std::move(text)) {}
  ~StatementImpl() override { SetRunning(false); }

  // Binds and plans; errors are prepare-time errors.
  virtual Status Prepare() = 0;
  // After a failed Prepare: where the error points, or -1.
  int64_t error_offset() const { return error_offset_; }

  int column_count() const override { return static_cast<int>(names_.size()); }
  std::string_view column_name(int i) const override { return names_[i]; }
  ColumnType column_type(int i) const override;
  int64_t column_int64(int i) const override;
  double column_double(int i) const override;
  std::string_view column_text(int i) const override;
  std::string_view column_blob(int i) const override;
  std::string_view sql() const override { return text_; }
  int64_t changes() const override { return changes_; }
  bool is_explain() const override { return ast_->kind == StatementKind::kExplain; }

 protected:
  const Value& current(int i) const { return chunk_.at(static_cast<size_t>(i), row_); }
  // Tells the database that this statement started or stopped running
  // (DatabaseImpl::StatementStarted: the interrupt flag's lifetime).
  void SetRunning(bool running) {
    if (running == running_) return;
    running_ = running;
    if (running) {
      db_->StatementStarted();
    } else {
      db_->StatementStopped();
    }
  }

  DatabaseImpl* db_;
  std::shared_ptr<sql::Statement> ast_;
  std::string text_;
  std::vector<std::string> names_;  // result columns
  // The current row: row_ of chunk_.
  DataChunk chunk_;
  size_t row_ = 0;
  bool finished_ = false;
  int64_t changes_ = 0;
  int64_t error_offset_ = -1;

 private:
  mutable std::vector<std::string> text_buffers_;  // column_text of non-strings
  bool running_ = false;                           // counted in the database's running statements
};

// SELECT and EXPLAIN (query_cursor.cc).
class QueryCursor : public StatementImpl {
 public:
  using StatementImpl::StatementImpl;
  Status Prepare() override;
  Result<bool> Step() override;

 private:
  Status PrepareQuery(const Select& select);
  Result<bool> StepExplain();

  PlanPtr plan_;
  std::unique_ptr<ExecContext> ctx_;
  OperatorPtr root_;  // made by the first Step
  bool started_ = false;
  // EXPLAIN: its lines.
  std::vector<std::string> explain_;
  size_t explain_next_ = 0;
};

// PRAGMAs that return rows (rows_cursor.cc).
class RowsCursor : public StatementImpl {
 public:
  using StatementImpl::StatementImpl;
  Status Prepare() override;
  Result<bool> Step() override;

 private:
  bool started_ = false;
};

// Statements that run to completion on the first Step (statement_runner.cc).
class ExecCursor : public StatementImpl {
 public:
  using StatementImpl::StatementImpl;
  Status Prepare() override;
  Result<bool> Step() override;

 private:
  // The statement itself; returns the number of changed rows.
  Result<int64_t> Run();
  // Run inside the write transaction protocol (writer lock, commit).
  Result<int64_t> RunInTransaction();
  // changes()/total_changes() after an INSERT, UPDATE or DELETE that
  // changed `n` rows (after a failure: those OR FAIL kept).
  void RecordChanges(int64_t n);

  // INSERT/UPDATE/DELETE: what Prepare bound (dml.cc), reused by the run.
  std::shared_ptr<PreparedDml> prepared_dml_;

  // RETURNING (returning_rows.cc): the rows the run returned, handed out
  // one per Step after it succeeded (names_ are their columns).
  Result<bool> StartReturned();
  Result<bool> NextReturned();
  std::vector<std::vector<Value>> returned_;
  bool returning_ = false;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_STATEMENT_IMPL_H_

// DatabaseImpl / StatementImpl: the in-memory implementation of the public
// API (include/sluice/database.h).
//
// Call order: Prepare parses the first statement of the text (ScriptParser),
// binds and plans it (errors SQLite reports at prepare time: names, DDL
// conflicts); Step runs it — a query pulls result chunks from the operator
// tree and hands out their rows one by one; any other statement runs to the
// end on the first Step (statement_runner.cc).
//
// Atomicity: INSERT appends in place and removes its rows again on error;
// UPDATE, DELETE and INSERT OR REPLACE work on a copy of the table that is
// swapped into the catalog on success. BEGIN keeps a copy of the catalog
// (tables shared, copied on first write) that ROLLBACK restores.
#ifndef SLUICE_SQL_CONNECTION_DATABASE_IMPL_H_
#define SLUICE_SQL_CONNECTION_DATABASE_IMPL_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sluice/database.h"
#include "sql/ast/statement.h"
#include "sql/binder/binder.h"
#include "sql/catalog/catalog.h"
#include "sql/exec/operator.h"
#include "sql/planner/planner.h"

namespace sluice::sql {

class DatabaseImpl : public Database {
 public:
  PrepareOutcome Prepare(std::string_view sql) override;
  Result<std::unique_ptr<Appender>> CreateAppender(std::string_view table) override;
  bool in_transaction() const override { return snapshot_.has_value(); }

  Catalog& catalog() { return catalog_; }
  std::optional<Catalog>& snapshot() { return snapshot_; }
  static PlannerOptions DefaultPlannerOptions();

 private:
  Catalog catalog_;
  std::optional<Catalog> snapshot_;  // the catalog at BEGIN
};

class StatementImpl : public ::sluice::Statement {
 public:
  StatementImpl(DatabaseImpl* db, std::shared_ptr<sql::Statement> ast, std::string text)
      : db_(db), ast_(std::move(ast)), text_(std::move(text)) {}

  // Binds and plans; errors are prepare-time errors.
  Status Prepare();
  // After a failed Prepare: where the error points, or -1.
  int64_t error_offset() const { return error_offset_; }

  Result<bool> Step() override;
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

 private:
  Status PrepareQuery(const Select& select);
  Status PrepareDdl();
  Result<int64_t> RunOther();  // statement_runner.cc

  const Value& current(int i) const { return chunk_.at(static_cast<size_t>(i), row_); }

  DatabaseImpl* db_;
  std::shared_ptr<sql::Statement> ast_;
  std::string text_;
  std::vector<std::string> names_;

  // Queries.
  PlanPtr plan_;
  std::unique_ptr<ExecContext> ctx_;
  OperatorPtr root_;
  DataChunk chunk_;
  size_t row_ = 0;
  // EXPLAIN: its lines.
  std::vector<std::string> explain_;
  size_t explain_next_ = 0;
  bool is_query_ = false;

  bool started_ = false;
  bool finished_ = false;
  int64_t changes_ = 0;
  int64_t error_offset_ = -1;
  mutable std::vector<std::string> text_buffers_;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_DATABASE_IMPL_H_

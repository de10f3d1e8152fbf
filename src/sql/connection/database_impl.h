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

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sluice/database.h"
#include "sql/ast/statement.h"
#include "sql/binder/binder.h"
#include "sql/catalog/catalog.h"
#include "sql/exec/operator.h"
#include "sql/durable/record_codec.h"
#include "sql/planner/planner.h"
#include "storage/db_files.h"

namespace sluice::sql {

struct PreparedDml;

enum class Synchronous { kOff, kNormal, kFull };

// The file side of a durable database (durable.cc).
struct DurableState {
  std::unique_ptr<storage::DbFiles> files;
  // What the files hold: per table (lower-case name) its generation and
  // row count, and the catalog's schema_version at that commit.
  std::map<std::string, std::pair<uint64_t, size_t>> committed;
  uint64_t committed_schema_version = 0;
};

class DatabaseImpl : public Database {
 public:
  ~DatabaseImpl() override;
  PrepareOutcome Prepare(std::string_view sql) override;
  Result<std::unique_ptr<Appender>> CreateAppender(std::string_view table) override;
  bool in_transaction() const override { return snapshot_.has_value(); }
  Status Backup(std::string_view path) override;

  Catalog& catalog() { return catalog_; }
  std::optional<Catalog>& snapshot() { return snapshot_; }
  static PlannerOptions DefaultPlannerOptions();

  // Durability (durable.cc). All are no-ops for in-memory databases and
  // while replaying. Protocol per write transaction: BeginWrite (writer
  // lock, catch up) -> statements -> CommitWrite (log record or
  // checkpoint; on failure the committed state is reloaded) -> EndWrite.
  Status OpenFile(const std::string& path, storage::Env* env);
  DurableState* durable() { return durable_.get(); }
  // Applies what other processes committed (outside transactions).
  Status CatchUp();
  Status BeginWrite();
  Status CommitWrite();
  void EndWrite();
  Status CheckpointNow();
  // Reads in every column not loaded yet (before anything that needs all
  // rows, e.g. a backup or an integrity check).
  Status LoadAllColumns();
  // Reads in every column of the table `name` (before a statement changes
  // it: rows change in place); a missing table is the statement's error.
  Status LoadTableColumns(std::string_view name);
  // ROLLBACK of a file database: the catalog becomes what the files hold.
  Status RestoreCommitted() { return Reload(); }
  // PRAGMA integrity_check: problems found (none: "ok").
  std::vector<std::string> IntegrityProblems();
  // The values bound to the parameters of the statement being prepared or
  // run (BindableStatement sets them around each call into its
  // StatementImpl); null: every parameter is NULL. Binders take them.
  const std::vector<Value>* parameters() const { return parameters_; }
  void set_parameters(const std::vector<Value>* parameters) { parameters_ = parameters; }

  // PRAGMA busy_timeout / synchronous.
  int busy_timeout_ms = 0;
  Synchronous synchronous = Synchronous::kFull;

 private:
  Status Reload();
  Status Poll(bool check_image);
  Status ApplyLogRecord(const std::string& data);
  // Writes the catalog as a new image: tables unchanged since they were
  // loaded are copied block for block, the others encoded (and loaded).
  Status CheckpointCatalog(bool sync);
  Status RunReplaySql(const std::string& sql);
  Status WriteChanges();
  void MarkCommitted();

  Catalog catalog_;
  std::optional<Catalog> snapshot_;  // the catalog at BEGIN
  std::unique_ptr<DurableState> durable_;
  bool replaying_ = false;
  const std::vector<Value>* parameters_ = nullptr;
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
  // RunOther inside the durability protocol (writer lock, commit).
  Result<int64_t> RunDurably();
  // PRAGMAs that return rows: fills chunk_ (statement_runner.cc).
  Status RunRowStatement();

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
  // INSERT: what Prepare bound (dml.cc), reused by the run.
  std::shared_ptr<PreparedDml> prepared_dml_;
  // PRAGMA with a result: rows made by RunRowStatement on the first Step.
  bool has_rows_ = false;

  bool started_ = false;
  bool finished_ = false;
  int64_t changes_ = 0;
  int64_t error_offset_ = -1;
  mutable std::vector<std::string> text_buffers_;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_DATABASE_IMPL_H_

// BindableStatement (bindable_statement.h): parameter values, Reset, and
// preparing again with them.
#include "sql/connection/bindable_statement.h"

#include <cmath>

#include "sql/connection/attach.h"
#include "sql/connection/connection_internal.h"
#include "sql/connection/schema_names.h"

namespace sluice::sql {

namespace {

// Lends a statement's values to the DatabaseImpl for one call.
class ParameterScope {
 public:
  ParameterScope(DatabaseImpl* db, const std::vector<Value>* values) : db_(db), saved_(db->parameters()) {
    db_->set_parameters(values);
  }
  ~ParameterScope() { db_->set_parameters(saved_); }
  ParameterScope(const ParameterScope&) = delete;
  ParameterScope& operator=(const ParameterScope&) = delete;

 private:
  DatabaseImpl* db_;
  const std::vector<Value>* saved_;
};

}  // namespace

Result<std::unique_ptr<StatementImpl>> PrepareParsed(DatabaseImpl& db, const std::shared_ptr<Statement>& ast,
                                                     const std::string& text, int64_t* error_offset) {
  *error_offset = -1;
  SLUICE_RETURN_IF_ERROR(CheckSchemaNames(db.catalog(), *ast, error_offset));
  if (CreatesTemp(db.catalog(), *ast)) db.note_temp_used();
  // A write statement catches up with other processes when it takes the
  // writer lock (and binds again if the schema changed), so it may prepare
  // against what we have; only if that fails do we catch up and retry.
  const bool write = IsWriteStatement(ast->kind) && !db.in_transaction();
  if (!write) SLUICE_RETURN_IF_ERROR(db.CatchUp());
  auto statement = StatementImpl::Create(&db, ast, text);
  Status status = statement->Prepare();
  if (!status.ok() && write && db.is_file_database()) {
    SLUICE_RETURN_IF_ERROR(db.CatchUp());
    statement = StatementImpl::Create(&db, ast, text);
    status = statement->Prepare();
  }
  if (!status.ok()) {
    *error_offset = statement->error_offset();
    return status;
  }
  return statement;
}

BindableStatement::BindableStatement(DatabaseImpl* db, std::shared_ptr<sql::Statement> ast, std::string text,
                                     std::unique_ptr<StatementImpl> prepared)
    : db_(db),
      ast_(std::move(ast)),
      text_(std::move(text)),
      inner_(std::move(prepared)),
      prepared_data_version_(db_->catalog().data_version()) {
  values_.resize(static_cast<size_t>(ast_->parameter_count));
  db_->StatementCreated();
}

BindableStatement::~BindableStatement() {
  inner_.reset();
  db_->StatementDestroyed();
}

Result<bool> BindableStatement::Step() {
  if (db_->parent() != nullptr) SLUICE_RETURN_IF_ERROR(JoinTransaction(*db_));  // ATTACHed: attach.h
  if (failed_) return false;
  ParameterScope scope(db_, &values_);
  // A plan holds the tables of the moment it was made: after a write since
  // then (another statement's, or a rollback) it must be made again.
  if (!stepped_ && db_->catalog().data_version() != prepared_data_version_) stale_ = true;
  if (!stepped_ && stale_) {
    int64_t error_offset = -1;
    Result<std::unique_ptr<StatementImpl>> prepared = PrepareParsed(*db_, ast_, text_, &error_offset);
    if (!prepared.ok()) {
      stepped_ = true;
      failed_ = true;
      return prepared.status().WithPhase(ErrorPhase::kStep);
    }
    inner_ = std::move(*prepared);
    prepared_data_version_ = db_->catalog().data_version();
    stale_ = false;
  }
  stepped_ = true;
  stale_ = true;  // a run consumes the statement's run state
  Result<bool> row = inner_->Step();
  if (!row.ok()) return row.status().WithPhase(ErrorPhase::kStep);
  return row;
}

Status BindableStatement::Bind(int i, Value value) {
  if (stepped_) return Status::InvalidArgument("bad parameter or other API misuse", ResultCode::kMisuse);
  if (i < 1 || static_cast<size_t>(i) > values_.size()) {
    return Status::InvalidArgument("column index out of range", ResultCode::kRange);
  }
  values_[static_cast<size_t>(i) - 1] = std::move(value);
  stale_ = true;
  return Status::OK();
}

Status BindableStatement::BindDouble(int i, double value) {
  // sqlite3_bind_double binds NULL for a NaN.
  return Bind(i, std::isnan(value) ? Value() : Value::Real(value));
}

void BindableStatement::ClearBindings() {
  for (Value& v : values_) v = Value();
  stale_ = true;
}

std::string_view BindableStatement::bind_parameter_name(int i) const {
  if (i < 1 || static_cast<size_t>(i) > ast_->parameter_names.size()) return {};
  return ast_->parameter_names[static_cast<size_t>(i) - 1];
}

int BindableStatement::bind_parameter_index(std::string_view name) const {
  if (name.empty()) return 0;
  for (size_t i = 0; i < ast_->parameter_names.size(); ++i) {
    if (ast_->parameter_names[i] == name) return static_cast<int>(i) + 1;
  }
  return 0;
}

void BindableStatement::Reset() {
  stepped_ = false;
  failed_ = false;
  stale_ = true;
}

}  // namespace sluice::sql

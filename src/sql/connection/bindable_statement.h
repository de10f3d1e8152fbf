// BindableStatement: the Statement that Database::Prepare hands out. It
// owns the parameter values (sqlite3_bind_*) and a StatementImpl prepared
// with them, and prepares a fresh StatementImpl when a run starts after a
// Bind* or a Reset() (bound values are constants of a binding, so a new
// binding needs a new plan; a reset run needs fresh run state and sees the
// current schema, as sqlite3 re-prepares after a schema change), or when
// the catalog changed since it was prepared (its plan holds the tables of
// that moment: a first Step after another statement's write must read the
// rows as they are now).
//
// While it prepares or steps its StatementImpl it lends the values to the
// DatabaseImpl (set_parameters), where every Binder of the statement finds
// them; the DatabaseImpl holds no pointer to them afterwards.
#ifndef SLUICE_SQL_CONNECTION_BINDABLE_STATEMENT_H_
#define SLUICE_SQL_CONNECTION_BINDABLE_STATEMENT_H_

#include <memory>
#include <string>
#include <vector>

#include "sluice/database.h"
#include "sql/connection/database_impl.h"
#include "sql/connection/statement_impl.h"

namespace sluice::sql {

// Prepares a parsed statement as Database::Prepare does: a read statement
// after catching up with other processes; a write statement first against
// what we have, then (on a file database, if that failed) after catching
// up. On an error, *error_offset is where it points (or -1).
Result<std::unique_ptr<StatementImpl>> PrepareParsed(DatabaseImpl& db, const std::shared_ptr<Statement>& ast,
                                                     const std::string& text, int64_t* error_offset);

class BindableStatement : public ::sluice::Statement {
 public:
  // REQUIRES: `prepared` was prepared from `ast` and `text` on `db` (with
  // every parameter NULL).
  BindableStatement(DatabaseImpl* db, std::shared_ptr<sql::Statement> ast, std::string text,
                    std::unique_ptr<StatementImpl> prepared);
  ~BindableStatement() override;

  Result<bool> Step() override;
  int column_count() const override { return inner_->column_count(); }
  std::string_view column_name(int i) const override { return inner_->column_name(i); }
  ColumnType column_type(int i) const override { return inner_->column_type(i); }
  int64_t column_int64(int i) const override { return inner_->column_int64(i); }
  double column_double(int i) const override { return inner_->column_double(i); }
  std::string_view column_text(int i) const override { return inner_->column_text(i); }
  std::string_view column_blob(int i) const override { return inner_->column_blob(i); }
  std::string_view sql() const override { return inner_->sql(); }
  int64_t changes() const override { return inner_->changes(); }
  bool is_explain() const override { return inner_->is_explain(); }

  Status BindNull(int i) override { return Bind(i, Value()); }
  Status BindInt64(int i, int64_t value) override { return Bind(i, Value::Integer(value)); }
  Status BindDouble(int i, double value) override;
  Status BindText(int i, std::string_view value) override { return Bind(i, Value::Text(value)); }
  Status BindBlob(int i, std::string_view value) override { return Bind(i, Value::Blob(value)); }
  void ClearBindings() override;
  int bind_parameter_count() const override { return static_cast<int>(values_.size()); }
  std::string_view bind_parameter_name(int i) const override;
  int bind_parameter_index(std::string_view name) const override;
  void Reset() override;

 private:
  Status Bind(int i, Value value);

  DatabaseImpl* db_;
  std::shared_ptr<sql::Statement> ast_;
  std::string text_;
  std::unique_ptr<StatementImpl> inner_;  // never null
  std::vector<Value> values_;             // slot i-1 of ?i
  uint64_t prepared_data_version_;        // the catalog's data_version when inner_ was prepared
  bool stale_ = false;                    // inner_ was prepared with other values, or has run
  bool stepped_ = false;                  // Step() was called since the last Reset()
  bool failed_ = false;                   // preparing again failed: the run is over
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_BINDABLE_STATEMENT_H_

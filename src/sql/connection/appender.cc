// Appender: bulk INSERT of rows (the shell's .import). Each Append stores
// its row in place with the checks of an INSERT, the table's CHECK
// constraints included, its generated columns computed and its foreign keys
// checked when they are on (a failing row is left out, the others stay);
// Finish commits them (and, for an AUTOINCREMENT table, its counter in
// sqlite_sequence, which gave the rows without an id theirs). The appender
// holds the write
// from its first Append to Finish; destroyed before Finish, it removes its
// rows again. A table with triggers gets each row as an INSERT would,
// firing them (triggers.cc); then destruction before Finish puts back the
// catalog of the first Append, undoing the triggers' writes too.
#include <cmath>
#include <optional>
#include <unordered_set>
#include <vector>

#include "sql/connection/connection_internal.h"
#include "sql/connection/triggers.h"
#include "sql/exec/ops/autoincrement.h"

namespace sluice::sql {

namespace {

Value ToValue(const AppendValue& v) {
  switch (v.type) {
    case ColumnType::kNull: return Value();
    case ColumnType::kInteger: return Value::Integer(v.integer);
    case ColumnType::kReal: return std::isnan(v.real) ? Value() : Value::Real(v.real);
    case ColumnType::kText: return Value::Text(v.bytes);
    case ColumnType::kBlob: return Value::Blob(v.bytes);
  }
  return Value();
}

class AppenderImpl : public Appender {
 public:
  AppenderImpl(DatabaseImpl* db, std::string table, size_t ncols) : db_(db), table_(std::move(table)), ncols_(ncols) {}

  ~AppenderImpl() override {
    if (!writing_) return;
    if (before_triggers_.has_value()) {
      db_->catalog() = std::move(*before_triggers_);
    } else {
      RemoveAppendedRows();
    }
    EndWriting();
  }

  Status Append(std::span<const AppendValue> values) override {
    if (values.size() != ncols_) return Status::InvalidArgument("wrong number of fields");
    if (!writing_) SLUICE_RETURN_IF_ERROR(Begin());
    std::vector<Value> row;
    row.reserve(values.size());
    for (const AppendValue& v : values) row.push_back(ToValue(v));
    if (HasTriggers(db_->catalog(), table_)) {
      if (!before_triggers_.has_value()) before_triggers_ = db_->catalog();
      return InsertFiringTriggers(*db_, table_, row);
    }
    // The table is looked up for each row, not kept: a query run between
    // two Appends may share it, and then the next write copies it.
    TablePtr table = db_->catalog().Mutable(table_);
    if (table == nullptr) return Status::NotFound("no such table: " + table_);
    // AUTOINCREMENT: ids from the table's counter, which Finish writes.
    // A row that fails leaves the counter as it was (its INSERT would).
    Value auto_rowid;
    bool use_auto_rowid = false;
    std::optional<AutoincrementCounter> before = autoinc_;
    if (autoinc_) {
      SLUICE_ASSIGN_OR_RETURN(use_auto_rowid, AutoincrementRowid(*table, &*autoinc_, row, &auto_rowid));
    }
    Result<InsertedRow> ins = InsertRow(*table, std::move(row), use_auto_rowid ? &auto_rowid : nullptr,
                                        ConflictResolution::kDefault, nullptr, {&checks_, &ctx_, nullptr, &generated_});
    if (!ins.ok()) {
      autoinc_ = std::move(before);
      return ins.status();
    }
    if (!ins->inserted) return Status::OK();
    // Foreign keys (when on): a row without its parent row is left out.
    if (Status fk = CheckInsertedRows(*db_, table_, table->data.row_count() - 1); !fk.ok()) {
      table->data.Truncate(table->data.row_count() - 1);
      autoinc_ = std::move(before);
      return fk;
    }
    appended_.push_back(ins->rowid);
    return Status::OK();
  }

  // Outside BEGIN...COMMIT the rows are one transaction of their own.
  Status Finish() override {
    if (!writing_) return Status::OK();
    if (autoinc_) {
      CatalogTables tables(db_->catalog());
      if (Status st = autoinc_->Finish(&tables); !st.ok()) return st;
      autoinc_.reset();
    }
    appended_.clear();
    before_triggers_.reset();
    Status s = autocommit_ ? db_->transaction().CommitWrite() : Status::OK();
    EndWriting();
    return s;
  }

 private:
  // The catalog's tables for the AUTOINCREMENT counter.
  class CatalogTables : public TableWriteAccess {
   public:
    explicit CatalogTables(Catalog& catalog) : catalog_(catalog) {}
    Table* Writable(const std::string& name) override { return catalog_.Mutable(name).get(); }

   private:
    Catalog& catalog_;
  };

  Status StartAutoincrement(const Table& t) {
    SLUICE_RETURN_IF_ERROR(db_->LoadTableColumns(kSequenceTable));
    CatalogTables tables(db_->catalog());
    SLUICE_ASSIGN_OR_RETURN(AutoincrementCounter counter, AutoincrementCounter::Start(&tables, t));
    autoinc_ = std::move(counter);
    return Status::OK();
  }

  // Removes the rows appended since Begin. Writes are refused while the
  // appender writes, so they are the table's last rows unless a row was
  // sorted in below the largest rowid; then they go by rowid.
  void RemoveAppendedRows() {
    TablePtr table = appended_.empty() ? nullptr : db_->catalog().Mutable(table_);
    if (table == nullptr) return;
    const size_t n = table->data.row_count();
    bool tail = appended_.size() <= n;
    for (size_t i = 0; tail && i < appended_.size(); ++i) {
      tail = table->data.rowid(n - appended_.size() + i) == appended_[i];
    }
    if (tail) {
      table->data.Truncate(n - appended_.size());
      appended_.clear();
      return;
    }
    std::unordered_set<int64_t> appended(appended_.begin(), appended_.end());
    std::vector<bool> keep(table->data.row_count());
    for (size_t i = 0; i < keep.size(); ++i) keep[i] = appended.count(table->data.rowid(i)) == 0;
    table->data.Compact(keep);
    appended_.clear();
  }

  // Takes the write (as a statement does: the writer lock outside a
  // transaction) and reads in the table's rows.
  Status Begin() {
    if (db_->appender_writing()) {
      return Status::InvalidArgument("another Appender is writing to this database: Finish it first",
                                     ResultCode::kMisuse);
    }
    autocommit_ = !db_->in_transaction();
    if (autocommit_) SLUICE_RETURN_IF_ERROR(db_->transaction().BeginWrite());
    Status s = db_->LoadTableColumns(table_);
    TablePtr t = s.ok() ? db_->catalog().FindTable(table_) : nullptr;
    if (s.ok() && t == nullptr) s = Status::NotFound("no such table: " + table_);
    if (s.ok()) s = BindChecks(*t);
    if (s.ok() && t->autoincrement) s = StartAutoincrement(*t);
    if (!s.ok()) {
      if (autocommit_) db_->transaction().EndWrite();
      return s;
    }
    writing_ = true;
    db_->set_appender_writing(true);
    return Status::OK();
  }

  // The CHECK constraints and generated columns of `t`, bound once for the
  // whole write (the schema cannot change while the appender writes).
  Status BindChecks(const Table& t) {
    checks_.clear();
    ctx_.interrupt = db_->interrupt_flag();
    ctx_.connection = &db_->connection_state();
    generated_.clear();
    if (t.create_ast == nullptr) return Status::OK();
    Binder binder(db_->catalog());
    SLUICE_ASSIGN_OR_RETURN(checks_, binder.BindChecks(t, *t.create_ast));
    SLUICE_ASSIGN_OR_RETURN(generated_, binder.BindGenerated(t, *t.create_ast));
    return Status::OK();
  }

  // Ends the write that Begin took: the writer lock, the refusal of writes.
  void EndWriting() {
    writing_ = false;
    db_->set_appender_writing(false);
    if (autocommit_) db_->transaction().EndWrite();
  }

  DatabaseImpl* db_;
  std::string table_;
  size_t ncols_;
  bool writing_ = false;                         // between the first Append and Finish
  bool autocommit_ = false;                      // we took the writer lock (no BEGIN was open)
  std::vector<int64_t> appended_;                // rowids of the rows appended while writing_
  std::vector<BoundExprPtr> checks_;             // the table's CHECKs (BindChecks)
  std::vector<GeneratedColumn> generated_;       // its generated columns, computed per row
  ExecContext ctx_;                              // what the CHECKs are evaluated in
  std::optional<Catalog> before_triggers_;       // the catalog before the first row that fired triggers
  std::optional<AutoincrementCounter> autoinc_;  // AUTOINCREMENT tables: the counter
};

}  // namespace

Result<std::unique_ptr<Appender>> DatabaseImpl::CreateAppender(std::string_view table) {
  TablePtr t = catalog_.FindTable(table);
  if (t == nullptr) return Status::NotFound("no such table: " + std::string(table));
  if (read_only()) return Status::InvalidArgument("attempt to write a readonly database", ResultCode::kReadOnly);
  return std::unique_ptr<Appender>(std::make_unique<AppenderImpl>(this, t->name, t->columns_info.size()));
}

}  // namespace sluice::sql

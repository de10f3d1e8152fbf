// Appender: bulk INSERT of rows (the shell's .import). Each Append stores
// its row in place with the checks of an INSERT (a failing row is left
// out, the others stay); Finish commits them. The appender holds the write
// from its first Append to Finish; destroyed before Finish, it removes its
// rows again.
#include <cmath>

#include "sql/connection/connection_internal.h"

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
    if (table_ptr_ != nullptr) table_ptr_->Truncate(before_);  // appends only: see Begin()
    if (autocommit_) db_->transaction().EndWrite();
  }

  Status Append(std::span<const AppendValue> values) override {
    if (values.size() != ncols_) return Status::InvalidArgument("wrong number of fields");
    if (!writing_) SLUICE_RETURN_IF_ERROR(Begin());
    std::vector<Value> row;
    row.reserve(values.size());
    for (const AppendValue& v : values) row.push_back(ToValue(v));
    Result<InsertedRow> ins = InsertRow(*table_ptr_, std::move(row), nullptr, ConflictResolution::kDefault);
    return ins.status();
  }

  // Outside BEGIN...COMMIT the rows are one transaction of their own.
  Status Finish() override {
    if (!writing_) return Status::OK();
    writing_ = false;
    table_ptr_ = nullptr;
    if (!autocommit_) return Status::OK();
    Status s = db_->transaction().CommitWrite();
    db_->transaction().EndWrite();
    return s;
  }

 private:
  // Takes the write (as a statement does: the writer lock outside a
  // transaction) and the table's rows. The rows appended since can be
  // removed with Truncate: InsertRow only appends (a rowid below the
  // largest is sorted in before anything after it is appended).
  Status Begin() {
    autocommit_ = !db_->in_transaction();
    if (autocommit_) SLUICE_RETURN_IF_ERROR(db_->transaction().BeginWrite());
    Status s = db_->LoadTableColumns(table_);
    TablePtr t = s.ok() ? db_->catalog().Mutable(table_) : nullptr;
    if (s.ok() && t == nullptr) s = Status::NotFound("no such table: " + table_);
    if (!s.ok()) {
      if (autocommit_) db_->transaction().EndWrite();
      return s;
    }
    table_ptr_ = std::move(t);
    before_ = table_ptr_->row_count();
    writing_ = true;
    return Status::OK();
  }

  DatabaseImpl* db_;
  std::string table_;
  size_t ncols_;
  bool writing_ = false;     // between the first Append and Finish
  bool autocommit_ = false;  // we took the writer lock (no BEGIN was open)
  TablePtr table_ptr_;       // while writing_
  size_t before_ = 0;        // the table's rows at Begin()
};

}  // namespace

Result<std::unique_ptr<Appender>> DatabaseImpl::CreateAppender(std::string_view table) {
  TablePtr t = catalog_.FindTable(table);
  if (t == nullptr) return Status::NotFound("no such table: " + std::string(table));
  return std::unique_ptr<Appender>(std::make_unique<AppenderImpl>(this, t->name, t->columns_info.size()));
}

}  // namespace sluice::sql

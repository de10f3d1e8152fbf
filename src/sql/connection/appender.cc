// Appender: bulk INSERT of text fields (the shell's .import). Rows are
// checked and collected; Finish() appends them to the table in one step
// (and removes them again if a constraint fails), so they appear
// atomically.
#include "sql/connection/connection_internal.h"

namespace sluice::sql {

namespace {

class AppenderImpl : public Appender {
 public:
  AppenderImpl(DatabaseImpl* db, std::string table, size_t ncols) : db_(db), table_(std::move(table)) {
    rows_.resize(ncols);
  }

  Status AppendRow(std::span<const std::string_view> fields) override {
    if (fields.size() != rows_.size()) return Status::InvalidArgument("wrong number of fields");
    for (size_t c = 0; c < fields.size(); ++c) rows_[c].push_back(Value::Text(fields[c]));
    ++count_;
    return Status::OK();
  }

  // Outside BEGIN...COMMIT the rows are one transaction of their own.
  Status Finish() override {
    bool autocommit = !db_->in_transaction();
    if (autocommit) SLUICE_RETURN_IF_ERROR(db_->BeginWrite());
    Status s = db_->LoadTableColumns(table_);
    if (s.ok()) s = AppendAll();
    if (autocommit) {
      if (s.ok()) s = db_->CommitWrite();
      db_->EndWrite();
    }
    return s;
  }

 private:
  Status AppendAll() {
    TablePtr t = db_->catalog().Mutable(table_);
    if (t == nullptr) return Status::NotFound("no such table: " + table_);
    size_t before = t->row_count();
    std::vector<int64_t> inserted;
    Status failure;
    for (size_t r = 0; r < count_; ++r) {
      std::vector<Value> row;
      for (auto& col : rows_) row.push_back(std::move(col[r]));
      Result<InsertedRow> ins = InsertRow(*t, std::move(row), nullptr, ConflictResolution::kDefault);
      if (!ins.ok()) {
        failure = ins.status();
        break;
      }
    }
    if (!failure.ok()) {
      t->data.Truncate(before);  // appends only: rowids were new maxima or sorted in
      return failure;
    }
    rows_.assign(rows_.size(), {});
    count_ = 0;
    return Status::OK();
  }

  DatabaseImpl* db_;
  std::string table_;
  std::vector<std::vector<Value>> rows_;
  size_t count_ = 0;
};

}  // namespace

Result<std::unique_ptr<Appender>> DatabaseImpl::CreateAppender(std::string_view table) {
  TablePtr t = catalog_.FindTable(table);
  if (t == nullptr) return Status::NotFound("no such table: " + std::string(table));
  return std::unique_ptr<Appender>(std::make_unique<AppenderImpl>(this, t->name, t->columns_info.size()));
}

}  // namespace sluice::sql

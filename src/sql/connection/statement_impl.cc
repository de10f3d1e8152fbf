// StatementImpl (statement_impl.h): the choice of cursor class at prepare
// time, and the column accessors of the current row.
#include "sql/connection/statement_impl.h"

#include "sql/connection/connection_internal.h"
#include "sql/value/conversion.h"

namespace sluice::sql {

std::unique_ptr<StatementImpl> StatementImpl::Create(DatabaseImpl* db, std::shared_ptr<sql::Statement> ast,
                                                     std::string text) {
  switch (ast->kind) {
    case StatementKind::kSelect:
    case StatementKind::kExplain: return std::make_unique<QueryCursor>(db, std::move(ast), std::move(text));
    case StatementKind::kPragma:
      if (PragmaHasRows(ast->As<PragmaStatement>())) {
        return std::make_unique<RowsCursor>(db, std::move(ast), std::move(text));
      }
      return std::make_unique<ExecCursor>(db, std::move(ast), std::move(text));
    default: return std::make_unique<ExecCursor>(db, std::move(ast), std::move(text));
  }
}

ColumnType StatementImpl::column_type(int i) const {
  switch (current(i).type()) {
    case StorageClass::kNull: return ColumnType::kNull;
    case StorageClass::kInteger: return ColumnType::kInteger;
    case StorageClass::kReal: return ColumnType::kReal;
    case StorageClass::kText: return ColumnType::kText;
    case StorageClass::kBlob: return ColumnType::kBlob;
  }
  return ColumnType::kNull;
}

int64_t StatementImpl::column_int64(int i) const { return ValueToInt64(current(i)); }
double StatementImpl::column_double(int i) const { return ValueToDouble(current(i)); }

std::string_view StatementImpl::column_text(int i) const {
  const Value& v = current(i);
  if (v.is_string()) return v.bytes();
  if (text_buffers_.size() < names_.size()) text_buffers_.resize(names_.size());
  text_buffers_[i] = TextForm(v);
  return text_buffers_[i];
}

std::string_view StatementImpl::column_blob(int i) const { return column_text(i); }

}  // namespace sluice::sql

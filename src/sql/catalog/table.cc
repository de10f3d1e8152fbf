// Table: schema plus rows (see table.h); TableSchema's name lookup.
#include "sql/catalog/table.h"

#include "base/ascii.h"
#include "sql/catalog/index.h"

namespace sluice::sql {

int TableSchema::column_index(std::string_view n) const {
  for (size_t i = 0; i < columns_info.size(); ++i) {
    if (EqualsIgnoreAsciiCase(columns_info[i].name, n)) return static_cast<int>(i);
  }
  return -1;
}

Table::Table() = default;
Table::Table(const TableSchema& schema, const TableData& rows) : TableSchema(schema), data(rows) {}
Table::~Table() = default;

std::shared_ptr<Table> Table::Clone() const { return std::make_shared<Table>(*this, data); }

Status Table::EnsureColumn(size_t c) const {
  if (data.column_loaded(c)) return Status::OK();
  return data.EnsureColumn(c, name, columns_info[c].name);
}

Status Table::EnsureAllColumns() const {
  for (size_t c = 0; c < columns_info.size() && !data.all_columns_loaded(); ++c) {
    SLUICE_RETURN_IF_ERROR(EnsureColumn(c));
  }
  return Status::OK();
}

}  // namespace sluice::sql

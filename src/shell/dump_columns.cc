// DumpColumns (dump_columns.h): tableColumnList() of sqlite3 3.40's shell,
// from the rows of the schema PRAGMAs.
#include "shell/dump_columns.h"

#include "base/ascii.h"
#include "shell/text_escape.h"

namespace sluice::shell {

DumpColumns DumpColumnsFrom(const std::vector<TableInfoColumn>& columns, bool preserve_rowids, bool has_pk_index,
                            bool without_rowid) {
  DumpColumns out;
  int pk_columns = 0;
  const TableInfoColumn* pk_column = nullptr;
  for (const TableInfoColumn& column : columns) {
    out.names.push_back(column.name);
    if (column.pk > 0) {
      ++pk_columns;
      pk_column = &column;
    }
  }
  if (!preserve_rowids) return out;
  const bool integer_primary_key = pk_columns == 1 && EqualsIgnoreAsciiCase(pk_column->type, "INTEGER");
  // A one-column INTEGER PRIMARY KEY is the rowid unless it has an index.
  if (integer_primary_key && !has_pk_index) return out;
  for (std::string_view candidate : {"rowid", "_rowid_", "oid"}) {
    bool taken = false;
    for (const std::string& name : out.names) taken = taken || EqualsIgnoreAsciiCase(name, candidate);
    if (!taken) {
      if (!without_rowid) out.rowid = std::string(candidate);
      break;
    }
  }
  return out;
}

std::string DumpInsertTarget(std::string_view table, const DumpColumns& columns) {
  std::string out = "INSERT INTO ";
  out.append(QuoteNameIfNeeded(table));
  if (!columns.rowid.empty()) {
    out.push_back('(');
    out.append(columns.rowid);
    for (const std::string& name : columns.names) {
      out.push_back(',');
      out.append(QuoteNameIfNeeded(name));
    }
    out.push_back(')');
  }
  return out;
}

std::string DumpSelect(std::string_view table, const DumpColumns& columns) {
  std::string out = "SELECT ";
  if (!columns.rowid.empty()) {
    out.append(columns.rowid);
    out.push_back(',');
  }
  for (size_t i = 0; i < columns.names.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append(QuoteNameIfNeeded(columns.names[i]));
  }
  out.append(" FROM ");
  out.append(QuoteNameIfNeeded(table));
  return out;
}

}  // namespace sluice::shell

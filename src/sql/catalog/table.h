// Table: one table of the in-memory catalog — its schema (TableSchema,
// table_schema.h) and its rows (TableData, table_data.h).
//
// A Table *is* its schema (the TableSchema fields are read as t->name,
// t->columns_info, ...) and *has* its rows in `data`, whose storage only
// TableData's mutators change. Tables are shared through TablePtr; a table
// a transaction snapshot or a running statement still shares is never
// changed: Catalog::Mutable hands out a private copy (Clone) first.
//
// Thread safety: none; the connection serialises access.
#ifndef SLUICE_SQL_CATALOG_TABLE_H_
#define SLUICE_SQL_CATALOG_TABLE_H_

#include <memory>

#include "sluice/result.h"
#include "sql/catalog/table_data.h"
#include "sql/catalog/table_schema.h"

namespace sluice::sql {

class Table : public TableSchema {
 public:
  Table();
  // A table with a copy of `schema` and of `rows` (see Clone).
  Table(const TableSchema& schema, const TableData& rows);
  ~Table();
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  // A deep copy of schema and rows (indexes are rebuilt on demand).
  std::shared_ptr<Table> Clone() const;

  size_t row_count() const { return data.row_count(); }

  // The lookup structure of indexes[i], built if needed.
  const HashIndex& Index(size_t i) const { return data.Index(i, indexes[i]); }
  // Drops the built lookup structures (before `indexes` changes).
  void InvalidateIndexes() { data.InvalidateIndexes(); }

  // Lazy columns (see TableData): whatever reads rows must ensure the
  // columns first. Scans ensure the columns they emit; statements that
  // change tables, checkpoints and integrity checks ensure every column.
  Status EnsureColumn(size_t c) const;
  Status EnsureAllColumns() const;

  TableData data;
};

using TablePtr = std::shared_ptr<Table>;

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CATALOG_TABLE_H_

// TableSchema: what a table is, without its rows — name, columns (declared
// type, affinity, collation, NOT NULL, DEFAULT, STRICT type, generated
// expression), the rowid
// alias, indexes,
// CHECK constraints, the CREATE text and the identity a durable database logs it under.
//
// Plain data: DDL builds and edits it; everything else reads it. The rows
// live in TableData (table_data.h); Table (table.h) holds both.
#ifndef SLUICE_SQL_CATALOG_TABLE_SCHEMA_H_
#define SLUICE_SQL_CATALOG_TABLE_SCHEMA_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/value/affinity.h"
#include "sql/value/compare.h"
#include "sql/value/value.h"

namespace sluice::sql {

struct ColumnInfo {
  std::string name;
  std::string type_name;  // as declared, may be empty
  Affinity affinity = Affinity::kBlob;
  Collation collation = Collation::kBinary;
  bool not_null = false;
  // DEFAULT: the expression inside the owning CREATE TABLE AST (null: NULL).
  const Expr* default_expr = nullptr;
  // STRICT tables: the storage class every non-NULL value must have once
  // the column's affinity is applied (INT/INTEGER, REAL, TEXT, BLOB); kNull
  // for ANY and in tables that are not STRICT.
  StorageClass strict_class = StorageClass::kNull;
  // GENERATED ALWAYS AS (expr): the expression inside the owning CREATE
  // TABLE AST (null: an ordinary column). Writes compute and store the
  // value, VIRTUAL or STORED alike; statements cannot set it.
  const Expr* generated = nullptr;
};

// A CHECK constraint (column or table level), in CREATE TABLE order.
struct CheckDef {
  // What "CHECK constraint failed: " reports: the constraint's name, else
  // the expression text as written (SQLite's rules: see ddl.cc).
  std::string name;
  // The expression inside the owning CREATE TABLE AST.
  const Expr* expr = nullptr;
};

struct BoundExpr;  // sql/plan/bound_expr.h

// Which rows a partial index (CREATE INDEX ... WHERE expr) covers: those
// for which its WHERE is true. Implemented where expressions can be
// evaluated (sql/connection/partial_index.cc).
class IndexFilter {
 public:
  virtual ~IndexFilter() = default;
  // `row`: every column's value (column affinity applied), then `rowid`.
  virtual bool Covers(const std::vector<Value>& row, int64_t rowid) const = 0;
  // The WHERE bound with slots over (columns..., rowid), for the planner
  // to match a query's terms against.
  virtual const BoundExpr& bound() const = 0;
};

// The value of one indexed expression (CREATE INDEX i ON t(lower(b))) for
// a row; implemented with IndexFilter.
class IndexKeyExpr {
 public:
  virtual ~IndexKeyExpr() = default;
  // `row`: every column's value, then `rowid`. An evaluation error is NULL
  // (the row is then not in the index).
  virtual Value Eval(const std::vector<Value>& row, int64_t rowid) const = 0;
  // The expression bound as IndexFilter::bound().
  virtual const BoundExpr& bound() const = 0;
};

// An index (CREATE INDEX, UNIQUE, PRIMARY KEY). The lookup structure is
// derived data (index.h), built by TableData on demand.
struct IndexDef {
  std::string name;  // sqlite_autoindex_t_N for constraint indexes
  // The key: table columns, or kExpressionColumn where key_exprs holds
  // the indexed expression.
  std::vector<int> columns;
  std::vector<Collation> collations;
  static constexpr int kExpressionColumn = -2;  // as sqlite3's index_info cid
  // Empty, or one entry per key column (null for plain columns).
  std::vector<std::shared_ptr<const IndexKeyExpr>> key_exprs;
  bool unique = false;
  bool automatic = false;  // from a UNIQUE / PRIMARY KEY constraint
  std::string sql;         // CREATE INDEX text; empty for automatic ones
  int64_t rootpage = 0;
  // From a PRIMARY KEY constraint (a duplicate is SQLITE_CONSTRAINT_PRIMARYKEY).
  bool primary_key = false;
  // A partial index: the rows it covers (null: every row). Lookups find,
  // and UNIQUE compares, only covered rows.
  std::shared_ptr<const IndexFilter> filter;
};

struct TableSchema {
  std::string name;
  std::vector<ColumnInfo> columns_info;
  int rowid_alias = -1;  // the INTEGER PRIMARY KEY column, or -1
  bool strict = false;   // CREATE TABLE ... STRICT
  // CREATE TABLE ... WITHOUT ROWID: no rowid visible to SQL (the storage
  // keeps one internally), PRIMARY KEY columns NOT NULL, and scans return
  // rows in PRIMARY KEY order (key_descending: DESC per key column of the
  // primary_key index, in its order), as sqlite3's b-tree on the key does.
  bool without_rowid = false;
  std::vector<bool> key_descending;
  // INTEGER PRIMARY KEY AUTOINCREMENT: rowids are never reused; the
  // counter is the table's row of sqlite_sequence (exec/ops/autoincrement.h).
  bool autoincrement = false;
  // Changing `indexes` requires Table::InvalidateIndexes() first (the built
  // lookup structures refer to these definitions by position).
  std::vector<IndexDef> indexes;
  std::vector<CheckDef> checks;
  std::string sql;  // sqlite_schema.sql
  int64_t rootpage = 0;
  // A TEMP table (CREATE TEMP TABLE, CREATE TABLE temp.x): private to the
  // connection, listed in sqlite_temp_schema, never written to the file.
  bool temp = false;
  // Owns the AST that default_expr and CheckDef::expr pointers refer to (may be null).
  std::shared_ptr<const Statement> create_ast;
  // Names the logical table for durable databases (sql/durable): set by
  // CREATE TABLE, kept by copies; a log record applies only to its
  // generation.
  uint64_t generation = 0;

  int column_index(std::string_view name) const;  // -1 when absent
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CATALOG_TABLE_SCHEMA_H_

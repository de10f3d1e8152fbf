// The meaning of the records that storage/db_files.h keeps: an image is a
// kState record (the whole database), each log record a kDelta (what one
// transaction changed). Grammar: docs/formats/database_file.md.
//
//   record   := kind:u8 (1 state | 2 delta) body
//   state    := next_generation:varint n:varint object{n} m:varint dirtable{m}
//               [0x03 user_version:zigzag-varint application_id:zigzag-varint]
//               (the trailer only when either is not 0)
//               (an image's first block; each column is a block of its own
//               after it, loaded when first read)
//   object   := type:str name:str tbl_name:str sql:str   (sqlite_schema rows that have SQL)
//   dirtable := name:str generation:varint rowids ncols:varint block:varint{ncols}
//   delta    := m:varint table{m}
//   table    := name:str generation:varint mode:u8 (1 image | 2 append | 3 edit) start:varint rows
//               [removed:rowids]   (edit only)
//   rows     := rowids ncols:varint column{ncols}
//   rowids   := n:varint rowid:zigzag-delta{n}
//   column   := tag:u8{n} value*   (per non-NULL row, in order: INTEGER zigzag
//               varint, REAL fixed64 bits, TEXT/BLOB str); a column block is
//               exactly one column
//
// A delta's `image` table replaces the table's rows; `append` adds rows
// after the first `start` rows (which must be what the reader has); `edit`
// deletes the `removed` rowids, then sets each listed row (replacing the
// row with that rowid, or adding it in rowid order).
#ifndef SLUICE_SQL_DURABLE_RECORD_CODEC_H_
#define SLUICE_SQL_DURABLE_RECORD_CODEC_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sluice/result.h"
#include "sql/catalog/catalog.h"
#include "storage/db_files.h"

namespace sluice::sql::durable {

enum class RecordKind : uint8_t { kState = 1, kDelta = 2 };
enum class TableMode : uint8_t { kImage = 1, kAppend = 2, kEdit = 3 };

struct SchemaObject {
  std::string type, name, tbl_name, sql;
};

struct TableRows {
  std::string name;
  uint64_t generation = 0;
  TableMode mode = TableMode::kImage;
  uint64_t start = 0;
  std::vector<int64_t> rowids;
  std::vector<std::vector<Value>> columns;  // delta records
  std::vector<uint64_t> column_blocks;      // state: image block of each column
  std::vector<int64_t> removed;             // kEdit: rowids deleted
};

struct Record {
  RecordKind kind = RecordKind::kDelta;
  uint64_t next_generation = 0;
  std::vector<SchemaObject> schema;
  std::vector<TableRows> tables;
  // state: PRAGMA user_version and application_id (the optional trailer).
  int32_t user_version = 0;
  int32_t application_id = 0;
};

// What a commit writes for one table.
struct TableChange {
  const Table* table;
  TableMode mode;
  size_t start;  // kAppend: rows before the new ones
  // kEdit: the table's edited_rowids / removed_rowids
};

// The whole database as an image: the directory block, then one block per
// column of every table. REQUIRES: every column loaded.
std::vector<std::string> EncodeState(const Catalog& catalog);
// The same, except that a column for which `reuse(table, column, &block)`
// returns true is that stored block (see storage::ImageBlock), not encoded.
// REQUIRES: every column not reused loaded.
using ReuseColumn = std::function<bool(const Table&, size_t column, storage::ImageBlock*)>;
std::vector<storage::ImageBlock> EncodeState(const Catalog& catalog, const ReuseColumn& reuse);
// One column block of `n` rows.
Result<std::vector<Value>> DecodeColumn(std::string_view block, size_t n);
// One transaction's changes.
std::string EncodeDelta(const std::vector<TableChange>& changes);
// The schema part of a state: what EncodeState writes for `catalog`.
std::vector<SchemaObject> SchemaOf(const Catalog& catalog);

Result<Record> DecodeRecord(std::string_view data);

}  // namespace sluice::sql::durable

#endif  // SLUICE_SQL_DURABLE_RECORD_CODEC_H_

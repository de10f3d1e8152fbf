// Record encoding (record_codec.h).
#include "sql/durable/record_codec.h"

#include <algorithm>
#include <cstring>
#include <unordered_set>

#include "base/check.h"
#include "base/coding.h"

namespace sluice::sql::durable {

namespace {

// Starts the optional trailer of a state: user_version, application_id.
constexpr uint8_t kHeaderValuesTag = 3;

using sluice::PutString;
using sluice::PutVarint;
using sluice::Reader;

// REQUIRES: the table ordered (records list rowids ascending).
void EncodeRowids(const Table& t, size_t begin, size_t end, std::string* out) {
  SLUICE_DCHECK(t.data.ordered());
  PutVarint(out, end - begin);
  int64_t prev = 0;
  for (size_t i = begin; i < end; ++i) {
    PutVarint(out, ZigZag(static_cast<int64_t>(static_cast<uint64_t>(t.data.rowid(i)) - static_cast<uint64_t>(prev))));
    prev = t.data.rowid(i);
  }
}

void EncodeColumn(const std::vector<Value>& col, size_t begin, size_t end, std::string* out) {
  size_t n = end - begin;
  size_t tags_at = out->size();
  out->resize(tags_at + n);
  for (size_t i = 0; i < n; ++i) (*out)[tags_at + i] = static_cast<char>(col[begin + i].type());
  for (size_t i = begin; i < end; ++i) {
    const Value& v = col[i];
    switch (v.type()) {
      case StorageClass::kNull: break;
      case StorageClass::kInteger: PutVarint(out, ZigZag(v.integer())); break;
      case StorageClass::kReal: {
        uint64_t bits;
        double d = v.real();
        std::memcpy(&bits, &d, 8);
        PutFixed64(out, bits);
        break;
      }
      case StorageClass::kText:
      case StorageClass::kBlob: PutString(out, v.bytes()); break;
    }
  }
}

void EncodeRowidList(const std::vector<int64_t>& ids, std::string* out) {
  PutVarint(out, ids.size());
  int64_t prev = 0;
  for (int64_t id : ids) {
    PutVarint(out, ZigZag(static_cast<int64_t>(static_cast<uint64_t>(id) - static_cast<uint64_t>(prev))));
    prev = id;
  }
}

std::vector<int64_t> Sorted(const std::unordered_set<int64_t>& ids) {
  std::vector<int64_t> out(ids.begin(), ids.end());
  std::sort(out.begin(), out.end());
  return out;
}

// The rows of `t` whose rowids are `ids` (ascending, all present), in the
// `rows` grammar.
void EncodeRowsById(const Table& t, const std::vector<int64_t>& ids, std::string* out) {
  EncodeRowidList(ids, out);
  PutVarint(out, t.data.column_count());
  std::vector<Value> picked(ids.size());
  std::vector<size_t> positions(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) positions[i] = static_cast<size_t>(t.data.FindRowid(ids[i]));
  for (size_t c = 0; c < t.data.column_count(); ++c) {
    const std::vector<Value>& col = t.data.column(c);
    for (size_t i = 0; i < ids.size(); ++i) picked[i] = col[positions[i]];
    EncodeColumn(picked, 0, picked.size(), out);
  }
}

void EncodeRows(const Table& t, size_t begin, size_t end, std::string* out) {
  EncodeRowids(t, begin, end, out);
  PutVarint(out, t.data.column_count());
  for (size_t c = 0; c < t.data.column_count(); ++c) EncodeColumn(t.data.column(c), begin, end, out);
}

Status Malformed(std::string_view what) { return Status::Corruption("malformed record: " + std::string(what)); }

Status DecodeRowids(Reader& in, TableRows* t) {
  uint64_t n;
  if (!in.GetVarint(&n) || n > in.remaining()) return Malformed("row count");
  t->rowids.resize(n);
  int64_t prev = 0;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t d;
    if (!in.GetVarint(&d)) return Malformed("rowids");
    prev = static_cast<int64_t>(static_cast<uint64_t>(prev) + static_cast<uint64_t>(UnZigZag(d)));
    if (i > 0 && prev <= t->rowids[i - 1]) return Malformed("rowids out of order");
    t->rowids[i] = prev;
  }
  return Status::OK();
}

Status DecodeColumnFrom(Reader& in, size_t n, std::vector<Value>* col) {
  std::string_view tags;
  if (!in.GetBytes(n, &tags)) return Malformed("column tags");
  col->resize(n);
  for (size_t i = 0; i < n; ++i) {
    switch (static_cast<StorageClass>(tags[i])) {
      case StorageClass::kNull: break;
      case StorageClass::kInteger: {
        uint64_t z;
        if (!in.GetVarint(&z)) return Malformed("integer");
        (*col)[i] = Value::Integer(UnZigZag(z));
        break;
      }
      case StorageClass::kReal: {
        uint64_t bits;
        if (!in.GetFixed64(&bits)) return Malformed("real");
        double d;
        std::memcpy(&d, &bits, 8);
        (*col)[i] = Value::Real(d);
        break;
      }
      case StorageClass::kText:
      case StorageClass::kBlob: {
        std::string_view s;
        if (!in.GetString(&s)) return Malformed("string");
        (*col)[i] = static_cast<StorageClass>(tags[i]) == StorageClass::kText ? Value::Text(s) : Value::Blob(s);
        break;
      }
      default: return Malformed("value tag");
    }
  }
  return Status::OK();
}

Status DecodeRows(Reader& in, TableRows* t) {
  SLUICE_RETURN_IF_ERROR(DecodeRowids(in, t));
  uint64_t ncols;
  if (!in.GetVarint(&ncols) || ncols > 32767) return Malformed("column count");
  t->columns.assign(ncols, {});
  for (auto& col : t->columns) SLUICE_RETURN_IF_ERROR(DecodeColumnFrom(in, t->rowids.size(), &col));
  return Status::OK();
}

Status DecodeTable(Reader& in, TableRows* t) {
  std::string_view name;
  uint64_t generation, start;
  uint8_t mode;
  if (!in.GetString(&name) || !in.GetVarint(&generation) || !in.GetByte(&mode) || !in.GetVarint(&start)) {
    return Malformed("table header");
  }
  if (mode < 1 || mode > 3) return Malformed("table mode");
  t->name = std::string(name);
  t->generation = generation;
  t->mode = static_cast<TableMode>(mode);
  t->start = start;
  SLUICE_RETURN_IF_ERROR(DecodeRows(in, t));
  if (t->mode == TableMode::kEdit) {
    TableRows removed;
    SLUICE_RETURN_IF_ERROR(DecodeRowids(in, &removed));
    t->removed = std::move(removed.rowids);
  }
  return Status::OK();
}

void EncodeTable(const Table& t, TableMode mode, size_t start, std::string* out) {
  t.data.EnsureOrdered();  // drops deleted rows first: row_count() below is the live rows
  PutString(out, t.name);
  PutVarint(out, t.generation);
  out->push_back(static_cast<char>(mode));
  PutVarint(out, start);
  if (mode == TableMode::kEdit) {
    EncodeRowsById(t, Sorted(t.data.edited_rowids()), out);
    EncodeRowidList(Sorted(t.data.removed_rowids()), out);
    return;
  }
  EncodeRows(t, mode == TableMode::kAppend ? start : 0, t.row_count(), out);
}

}  // namespace

std::vector<SchemaObject> SchemaOf(const Catalog& catalog) {
  std::vector<SchemaObject> out;
  for (const SchemaEntry& e : catalog.SchemaRows()) {
    if (e.sql_is_null || e.sql.empty()) continue;  // automatic indexes come with their table
    out.push_back({e.type, e.name, e.tbl_name, e.sql});
  }
  return out;
}

std::vector<storage::ImageBlock> EncodeState(const Catalog& catalog, const ReuseColumn& reuse) {
  std::vector<storage::ImageBlock> blocks(1);  // blocks[0], the directory, is `out`
  std::string out;
  out.push_back(static_cast<char>(RecordKind::kState));
  PutVarint(&out, catalog.next_generation());
  std::vector<SchemaObject> schema = SchemaOf(catalog);
  PutVarint(&out, schema.size());
  for (const SchemaObject& o : schema) {
    PutString(&out, o.type);
    PutString(&out, o.name);
    PutString(&out, o.tbl_name);
    PutString(&out, o.sql);
  }
  PutVarint(&out, catalog.tables().size());
  for (const TablePtr& t : catalog.tables()) {
    t->data.EnsureOrdered();
    PutString(&out, t->name);
    PutVarint(&out, t->generation);
    EncodeRowids(*t, 0, t->row_count(), &out);
    PutVarint(&out, t->data.column_count());
    for (size_t c = 0; c < t->data.column_count(); ++c) {
      PutVarint(&out, blocks.size() - 1);
      storage::ImageBlock block;
      if (!reuse || !reuse(*t, c, &block)) {
        block = storage::ImageBlock();
        EncodeColumn(t->data.column(c), 0, t->row_count(), &block.raw);
      }
      blocks.push_back(std::move(block));
    }
  }
  // The trailer only when needed, so that most images stay readable by
  // builds that predate it.
  if (catalog.user_version() != 0 || catalog.application_id() != 0) {
    out.push_back(static_cast<char>(kHeaderValuesTag));
    PutVarint(&out, ZigZag(catalog.user_version()));
    PutVarint(&out, ZigZag(catalog.application_id()));
  }
  blocks[0].raw = std::move(out);
  return blocks;
}

std::vector<std::string> EncodeState(const Catalog& catalog) {
  std::vector<storage::ImageBlock> blocks = EncodeState(catalog, nullptr);
  std::vector<std::string> out(blocks.size());
  for (size_t i = 0; i < blocks.size(); ++i) out[i] = std::move(blocks[i].raw);
  return out;
}

Result<std::vector<Value>> DecodeColumn(std::string_view block, size_t n) {
  Reader in(block);
  std::vector<Value> col;
  SLUICE_RETURN_IF_ERROR(DecodeColumnFrom(in, n, &col));
  if (!in.done()) return Malformed("trailing bytes in a column block");
  return col;
}

std::string EncodeDelta(const std::vector<TableChange>& changes) {
  std::string out;
  out.push_back(static_cast<char>(RecordKind::kDelta));
  PutVarint(&out, changes.size());
  for (const TableChange& c : changes) EncodeTable(*c.table, c.mode, c.start, &out);
  return out;
}

Result<Record> DecodeRecord(std::string_view data) {
  Reader in(data);
  Record r;
  uint8_t kind;
  if (!in.GetByte(&kind) || (kind != 1 && kind != 2)) return Malformed("kind");
  r.kind = static_cast<RecordKind>(kind);
  if (r.kind == RecordKind::kState) {
    uint64_t n;
    if (!in.GetVarint(&r.next_generation) || !in.GetVarint(&n) || n > in.remaining()) return Malformed("schema");
    for (uint64_t i = 0; i < n; ++i) {
      std::string_view type, name, tbl, sql;
      if (!in.GetString(&type) || !in.GetString(&name) || !in.GetString(&tbl) || !in.GetString(&sql)) {
        return Malformed("schema object");
      }
      r.schema.push_back({std::string(type), std::string(name), std::string(tbl), std::string(sql)});
    }
  }
  uint64_t m;
  if (!in.GetVarint(&m) || m > in.remaining()) return Malformed("table count");
  r.tables.resize(m);
  for (TableRows& t : r.tables) {
    if (r.kind == RecordKind::kDelta) {
      SLUICE_RETURN_IF_ERROR(DecodeTable(in, &t));
      continue;
    }
    std::string_view name;
    if (!in.GetString(&name) || !in.GetVarint(&t.generation)) return Malformed("table header");
    t.name = std::string(name);
    SLUICE_RETURN_IF_ERROR(DecodeRowids(in, &t));
    uint64_t ncols;
    if (!in.GetVarint(&ncols) || ncols > 32767) return Malformed("column count");
    t.column_blocks.resize(ncols);
    for (uint64_t& b : t.column_blocks) {
      if (!in.GetVarint(&b)) return Malformed("column block");
    }
  }
  if (r.kind == RecordKind::kState && !in.done()) {
    uint8_t tag;
    uint64_t user_version, application_id;
    if (!in.GetByte(&tag) || tag != kHeaderValuesTag || !in.GetVarint(&user_version) || !in.GetVarint(&application_id))
      return Malformed("header values");
    const int64_t uv = UnZigZag(user_version), ai = UnZigZag(application_id);
    if (uv < INT32_MIN || uv > INT32_MAX || ai < INT32_MIN || ai > INT32_MAX) return Malformed("header values");
    r.user_version = static_cast<int32_t>(uv);
    r.application_id = static_cast<int32_t>(ai);
  }
  if (!in.done()) return Malformed("trailing bytes");
  return r;
}

}  // namespace sluice::sql::durable

// Row writes with constraint checks (see table_write.h).
#include "sql/exec/ops/table_write.h"

#include "sql/catalog/index.h"
#include "sql/value/value_hash.h"

namespace sluice::sql {

std::string UniqueMessage(const Table& table, const IndexDef& idx) {
  std::string msg = "UNIQUE constraint failed: ";
  for (size_t i = 0; i < idx.columns.size(); ++i) {
    if (i > 0) msg += ", ";
    msg += table.name + "." + table.columns_info[idx.columns[i]].name;
  }
  return msg;
}

std::string RowidName(const Table& t) {
  return t.name + "." + (t.rowid_alias >= 0 ? t.columns_info[t.rowid_alias].name : std::string("rowid"));
}

Result<int64_t> RowidValue(const Value& v) {
  Value n = ApplyColumnAffinity(Affinity::kInteger, v);
  if (!n.is_integer()) return Status::InvalidArgument("datatype mismatch", ResultCode::kMismatch);
  return n.integer();
}

UniqueKeyCounter::UniqueKeyCounter(const Table& t, const IndexDef& idx) : t_(t), idx_(idx) {
  if (!idx.unique) return;
  for (size_t pos = 0; pos < t.row_count(); ++pos) Add(pos);
}

void UniqueKeyCounter::Remove(size_t pos) {
  if (!idx_.unique) return;
  auto [h, null] = Hash(pos);
  if (null) return;
  auto& bucket = counts_[h];
  for (size_t i = 0; i < bucket.size(); ++i) {
    if (Equal(bucket[i], pos)) {
      bucket.erase(bucket.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }
}

bool UniqueKeyCounter::Add(size_t pos) {
  if (!idx_.unique) return true;
  auto [h, null] = Hash(pos);
  if (null) return true;
  auto& bucket = counts_[h];
  bool ok = true;
  for (const std::vector<Value>& k : bucket) ok &= !Equal(k, pos);
  std::vector<Value> key;
  for (int c : idx_.columns) key.push_back(t_.data.value(static_cast<size_t>(c), pos));
  bucket.push_back(std::move(key));
  return ok;
}

std::pair<uint64_t, bool> UniqueKeyCounter::Hash(size_t pos) const {
  uint64_t h = 0;
  for (size_t k = 0; k < idx_.columns.size(); ++k) {
    const Value& v = t_.data.value(static_cast<size_t>(idx_.columns[k]), pos);
    if (v.is_null()) return {0, true};
    h = h * 31 + HashValue(v, idx_.collations[k]);
  }
  return {h, false};
}

bool UniqueKeyCounter::Equal(const std::vector<Value>& key, size_t pos) const {
  for (size_t k = 0; k < idx_.columns.size(); ++k) {
    if (CompareValues(key[k], t_.data.value(static_cast<size_t>(idx_.columns[k]), pos), idx_.collations[k]) != 0) {
      return false;
    }
  }
  return true;
}

Result<InsertedRow> InsertRow(Table& t, std::vector<Value> row, const Value* explicit_rowid,
                              ConflictResolution conflict) {
  InsertedRow out;
  for (size_t c = 0; c < row.size(); ++c) {
    row[c] = ApplyColumnAffinity(t.columns_info[c].affinity, row[c]).Owned();
  }
  int64_t rowid;
  const Value* given = explicit_rowid;
  if (t.rowid_alias >= 0 && !row[t.rowid_alias].is_null()) given = &row[t.rowid_alias];
  if (given != nullptr && !given->is_null()) {
    SLUICE_ASSIGN_OR_RETURN(rowid, RowidValue(*given));
  } else {
    rowid = t.data.NextRowid();
  }
  if (t.rowid_alias >= 0) row[t.rowid_alias] = Value::Integer(rowid);
  for (size_t c = 0; c < row.size(); ++c) {
    if (t.columns_info[c].not_null && row[c].is_null()) {
      if (conflict == ConflictResolution::kIgnore) return out;
      return Status::InvalidArgument("NOT NULL constraint failed: " + t.name + "." + t.columns_info[c].name,
                                     ResultCode::kConstraintNotNull);
    }
  }
  std::vector<bool> doomed;
  auto conflict_at = [&](int64_t pos) -> Status {
    if (conflict == ConflictResolution::kReplace) {
      if (doomed.empty()) doomed.assign(t.row_count(), false);
      doomed[pos] = true;
      return Status::OK();
    }
    return Status::Cancelled("");
  };
  int64_t existing = t.data.FindRowid(rowid);
  if (existing >= 0) {
    Status st = conflict_at(existing);
    if (!st.ok()) {
      if (conflict == ConflictResolution::kIgnore) return out;
      return Status::InvalidArgument("UNIQUE constraint failed: " + RowidName(t), RowidConflictCode(t));
    }
  }
  for (size_t i = 0; i < t.indexes.size(); ++i) {
    const IndexDef& idx = t.indexes[i];
    if (!idx.unique) continue;
    std::vector<Value> key;
    for (int c : idx.columns) key.push_back(row[c]);
    for (uint32_t pos : t.Index(i).Lookup(key)) {
      Status st = conflict_at(pos);
      if (!st.ok()) {
        if (conflict == ConflictResolution::kIgnore) return out;
        return Status::InvalidArgument(UniqueMessage(t, idx), UniqueConflictCode(idx));
      }
    }
  }
  if (!doomed.empty()) {
    doomed.flip();
    t.data.Compact(doomed);
  }
  t.data.AppendRow(std::move(row), rowid);
  out.inserted = true;
  out.rowid = rowid;
  return out;
}

}  // namespace sluice::sql

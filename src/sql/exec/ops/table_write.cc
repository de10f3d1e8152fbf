// Row writes with constraint checks (see table_write.h).
#include "sql/exec/ops/table_write.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <random>

#include "sql/catalog/index.h"
#include "sql/exec/expr_eval.h"
#include "sql/value/logic.h"

namespace sluice::sql {

std::string UniqueMessage(const Table& table, const IndexDef& idx) {
  std::string msg = "UNIQUE constraint failed: ";
  if (!idx.key_exprs.empty()) return msg + "index '" + idx.name + "'";  // as sqlite3 for expressions
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

bool IsResolvableConflict(const Status& st) {
  switch (st.extended_result_code()) {
    case ResultCode::kConstraintNotNull:
    case ResultCode::kConstraintCheck:
    case ResultCode::kConstraintUnique:
    case ResultCode::kConstraintPrimaryKey:
    case ResultCode::kConstraintRowid: return true;
    default: return false;
  }
}

Status CheckStrictType(const Table& t, size_t c, const Value& v) {
  const ColumnInfo& info = t.columns_info[c];
  if (info.strict_class == StorageClass::kNull || v.is_null() || v.type() == info.strict_class) return Status::OK();
  static constexpr const char* kClassName[] = {"NULL", "INT", "REAL", "TEXT", "BLOB"};
  std::string type = info.type_name;
  for (char& ch : type) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return Status::InvalidArgument(std::string("cannot store ") + kClassName[static_cast<int>(v.type())] + " value in " +
                                     type + " column " + t.name + "." + info.name,
                                 ResultCode::kConstraintDataType);
}

namespace {

// The rowid of a row inserted without one once the largest rowid is
// INT64_MAX: as sqlite3, random positive candidates until one is unused;
// after 100 misses, SQLITE_FULL.
Result<int64_t> RandomFreeRowid(const TableData& data) {
  static thread_local std::mt19937_64 rng(std::random_device{}());
  for (int attempt = 0; attempt < 100; ++attempt) {
    int64_t candidate = static_cast<int64_t>(rng() >> 1);
    if (candidate <= 0) continue;
    if (data.FindRowid(candidate) < 0) return candidate;
  }
  return Status::InvalidArgument("database or disk is full", ResultCode::kFull);
}

// A RowRef over `row` then `rowid` (the slots the binder gives checks and
// generated columns); `columns` holds the pointers.
RowRef RowOf(const std::vector<Value>& row, const Value& rowid, std::vector<const Value*>* columns) {
  columns->resize(row.size() + 1);
  for (size_t c = 0; c < row.size(); ++c) (*columns)[c] = &row[c];
  (*columns)[row.size()] = &rowid;
  RowRef ref;
  ref.left = columns->data();
  ref.left_width = columns->size();
  return ref;
}

}  // namespace

Status ComputeGenerated(const Table& t, const RowChecks& checks, std::vector<Value>* row, int64_t rowid) {
  if (checks.generated == nullptr || checks.generated->empty()) return Status::OK();
  static const std::vector<ColumnId> kNoLayout;
  ExprEvaluator eval(checks.ctx, &kNoLayout);
  Value rowid_value = Value::Integer(rowid);
  std::vector<const Value*> columns;
  RowRef ref = RowOf(*row, rowid_value, &columns);
  for (const GeneratedColumn& g : *checks.generated) {
    SLUICE_ASSIGN_OR_RETURN(Value v, eval.Eval(*g.expr, ref));
    size_t c = static_cast<size_t>(g.column);
    (*row)[c] = ApplyColumnAffinity(t.columns_info[c].affinity, v).Owned();
  }
  return Status::OK();
}

Status CheckRow(const Table& t, const RowChecks& checks, const std::vector<Value>& row, int64_t rowid) {
  if (checks.exprs == nullptr || checks.exprs->empty()) return Status::OK();
  static const std::vector<ColumnId> kNoLayout;
  ExprEvaluator eval(checks.ctx, &kNoLayout);
  Value rowid_value = Value::Integer(rowid);
  std::vector<const Value*> columns;
  RowRef ref = RowOf(row, rowid_value, &columns);
  for (size_t i = 0; i < checks.exprs->size(); ++i) {
    SLUICE_ASSIGN_OR_RETURN(Value v, eval.Eval(*(*checks.exprs)[i], ref));
    if (Truthiness(v) == TriBool::kFalse) {
      return Status::InvalidArgument("CHECK constraint failed: " + t.checks[i].name, ResultCode::kConstraintCheck);
    }
  }
  return Status::OK();
}

Result<InsertedRow> InsertRow(Table& t, std::vector<Value> row, const Value* explicit_rowid,
                              ConflictResolution conflict, std::vector<DeletedRow>* deleted, const RowChecks& checks) {
  InsertedRow out;
  for (size_t c = 0; c < row.size(); ++c) {
    row[c] = ApplyColumnAffinity(t.columns_info[c].affinity, row[c]).Owned();
  }
  int64_t rowid;
  const Value* given = explicit_rowid;
  if (t.rowid_alias >= 0 && !row[t.rowid_alias].is_null()) given = &row[t.rowid_alias];
  if (given != nullptr && !given->is_null()) {
    SLUICE_ASSIGN_OR_RETURN(rowid, RowidValue(*given));
  } else if (t.data.live_count() > 0 && t.data.max_rowid() == std::numeric_limits<int64_t>::max()) {
    SLUICE_ASSIGN_OR_RETURN(rowid, RandomFreeRowid(t.data));
  } else {
    rowid = t.data.NextRowid();
  }
  if (t.rowid_alias >= 0) row[t.rowid_alias] = Value::Integer(rowid);
  SLUICE_RETURN_IF_ERROR(ComputeGenerated(t, checks, &row, rowid));
  for (size_t c = 0; c < row.size(); ++c) {
    if (t.columns_info[c].not_null && row[c].is_null()) {
      if (conflict == ConflictResolution::kIgnore) return out;
      if (conflict == ConflictResolution::kReplace && checks.defaults != nullptr && c < checks.defaults->size() &&
          !(*checks.defaults)[c].is_null()) {
        row[c] = ApplyColumnAffinity(t.columns_info[c].affinity, (*checks.defaults)[c]).Owned();
        continue;
      }
      return Status::InvalidArgument("NOT NULL constraint failed: " + t.name + "." + t.columns_info[c].name,
                                     ResultCode::kConstraintNotNull);
    }
  }
  if (t.strict) {
    // sqlite3 3.40 does not check generated columns' types.
    for (size_t c = 0; c < row.size(); ++c) {
      if (t.columns_info[c].generated == nullptr) SLUICE_RETURN_IF_ERROR(CheckStrictType(t, c, row[c]));
    }
  }
  if (Status st = CheckRow(t, checks, row, rowid); !st.ok()) {
    if (conflict == ConflictResolution::kIgnore && st.extended_result_code() == ResultCode::kConstraintCheck)
      return out;
    return st;
  }
  if (checks.upsert != nullptr) {
    SLUICE_ASSIGN_OR_RETURN(bool handled, checks.upsert->Handle(t, row, rowid));
    if (handled) return out;
  }
  std::vector<size_t> doomed;  // positions REPLACE deletes (distinct)
  auto conflict_at = [&](int64_t pos) -> Status {
    if (conflict == ConflictResolution::kReplace) {
      if (std::find(doomed.begin(), doomed.end(), static_cast<size_t>(pos)) == doomed.end()) {
        doomed.push_back(static_cast<size_t>(pos));
      }
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
    if (idx.filter != nullptr && !idx.filter->Covers(row, rowid)) continue;  // outside a partial index
    std::vector<Value> key = IndexKeyOfRow(idx, row, rowid);
    for (uint32_t pos : t.Index(i).Lookup(key)) {
      Status st = conflict_at(pos);
      if (!st.ok()) {
        if (conflict == ConflictResolution::kIgnore) return out;
        return Status::InvalidArgument(UniqueMessage(t, idx), UniqueConflictCode(idx));
      }
    }
  }
  if (!doomed.empty()) {
    for (size_t pos : doomed) {
      if (deleted == nullptr) break;
      DeletedRow gone;
      gone.rowid = t.data.rowid(pos);
      for (size_t c = 0; c < t.data.column_count(); ++c) gone.values.push_back(t.data.value(c, pos));
      deleted->push_back(std::move(gone));
    }
    t.data.DeleteRows(std::move(doomed));
  }
  t.data.AppendRow(std::move(row), rowid);
  out.inserted = true;
  out.rowid = rowid;
  return out;
}

}  // namespace sluice::sql

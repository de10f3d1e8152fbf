// AUTOINCREMENT counters in sqlite_sequence (see autoincrement.h).
#include "sql/exec/ops/autoincrement.h"

#include <limits>
#include <vector>

#include "sql/value/cast.h"

namespace sluice::sql {

int64_t FindSequenceRow(const Table& sequence, const std::string& name) {
  const TableData& d = sequence.data;
  if (d.column_count() < 1) return -1;
  d.EnsureOrdered();  // the first row in rowid order, as sqlite3's scan
  for (size_t pos = 0; pos < d.row_count(); ++pos) {
    if (d.is_dead(pos)) continue;
    const Value& v = d.value(0, pos);
    if (v.is_text() && v.bytes() == name) return d.rowid(pos);
  }
  return -1;
}

Result<bool> AutoincrementRowid(const Table& t, AutoincrementCounter* counter, const std::vector<Value>& row,
                                Value* rowid) {
  Value given = ApplyColumnAffinity(Affinity::kInteger, row[static_cast<size_t>(t.rowid_alias)]);
  if (given.is_integer()) counter->Note(given.integer());
  if (!given.is_null()) return false;  // not an integer: InsertRow's "datatype mismatch"
  SLUICE_ASSIGN_OR_RETURN(int64_t id, counter->NextRowid(t.data));
  *rowid = Value::Integer(id);
  return true;
}

Result<AutoincrementCounter> AutoincrementCounter::Start(TableWriteAccess* tables, const Table& table) {
  AutoincrementCounter out;
  out.name_ = table.name;
  Table* sequence = tables->Writable(kSequenceTable);
  if (sequence == nullptr) return Status::Internal("no sqlite_sequence table for an AUTOINCREMENT table");
  out.row_ = FindSequenceRow(*sequence, out.name_);
  if (out.row_ >= 0 && sequence->data.column_count() >= 2) {
    int64_t pos = sequence->data.FindRowid(out.row_);
    Value seq = CastValue(sequence->data.value(1, static_cast<size_t>(pos)), Affinity::kInteger);
    if (seq.is_integer()) out.seq_ = seq.integer();
  }
  return out;
}

Result<int64_t> AutoincrementCounter::NextRowid(const TableData& data) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t largest = data.live_count() == 0 ? 0 : data.max_rowid();
  if (seq_ == kMax || largest == kMax) return Status::InvalidArgument("database or disk is full", ResultCode::kFull);
  int64_t id = (largest > seq_ ? largest : seq_) + 1;
  seq_ = id;
  return id;
}

Status AutoincrementCounter::Finish(TableWriteAccess* tables) {
  Table* sequence = tables->Writable(kSequenceTable);
  if (sequence == nullptr || sequence->data.column_count() < 2) {
    return Status::Internal("no sqlite_sequence table for an AUTOINCREMENT table");
  }
  TableData& d = sequence->data;
  int64_t pos = row_ >= 0 ? d.FindRowid(row_) : -1;
  if (pos >= 0) {
    d.BeginUpdate();
    d.UpdateValue(1, static_cast<size_t>(pos), Value::Integer(seq_));
    d.CommitUpdate();
    return Status::OK();
  }
  std::vector<Value> row(d.column_count());
  row[0] = Value::Text(name_);
  row[1] = Value::Integer(seq_);
  d.AppendRow(std::move(row), d.NextRowid());
  return Status::OK();
}

}  // namespace sluice::sql

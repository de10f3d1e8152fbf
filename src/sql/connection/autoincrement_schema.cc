// The schema side of AUTOINCREMENT: sqlite_sequence(name, seq) is created
// with the first AUTOINCREMENT table (after it in sqlite_schema, as
// sqlite3), is a table like any other for SELECT, INSERT, UPDATE and
// DELETE (so transactions, savepoints and the files keep it), but its name
// is reserved and it cannot be dropped; dropping an AUTOINCREMENT table
// deletes its counter, renaming it renames the counter. The counters themselves are kept by INSERT
// (exec/ops/autoincrement.h).
#include <vector>

#include "sql/connection/connection_internal.h"
#include "sql/exec/ops/autoincrement.h"
#include "sql/parser/parser.h"

namespace sluice::sql {

namespace {

constexpr const char* kSequenceSql = "CREATE TABLE sqlite_sequence(name,seq)";

}  // namespace

Status CheckAutoincrementDdl(DatabaseImpl& db, const Statement& s) {
  if (s.kind == StatementKind::kCreateTable) {
    const auto& c = s.As<CreateTableStatement>();
    // While the files' schema is replayed, this is the table's own entry.
    if (NameEqualsNoCase(c.name, kSequenceTable) && !db.replaying()) {
      return Status::InvalidArgument(std::string("object name reserved for internal use: ") + c.name);
    }
  }
  if (s.kind == StatementKind::kDrop) {
    const auto& d = s.As<DropStatement>();
    if (d.object == DropStatement::Object::kTable && NameEqualsNoCase(d.name, kSequenceTable) &&
        db.catalog().FindTable(d.name) != nullptr) {
      return Status::InvalidArgument("table " + d.name + " may not be dropped");
    }
  }
  return Status::OK();
}

Status CreateSequenceTable(DatabaseImpl& db) {
  Catalog& catalog = db.catalog();
  if (db.replaying() || catalog.FindTable(kSequenceTable) != nullptr) return Status::OK();
  SLUICE_ASSIGN_OR_RETURN(StatementPtr parsed, ParseStatement(kSequenceSql));
  auto t = std::make_shared<Table>();
  t->name = kSequenceTable;
  for (const char* name : {"name", "seq"}) {
    ColumnInfo info;
    info.name = name;
    info.affinity = AffinityFromTypeName("");
    t->columns_info.push_back(std::move(info));
  }
  t->create_ast = std::shared_ptr<const Statement>(std::move(parsed));
  t->sql = kSequenceSql;
  t->data.InitColumns(t->columns_info.size());
  t->rootpage = catalog.NextRootpage();
  t->generation = catalog.NewGeneration();
  catalog.AddTable(t);
  return Status::OK();
}

Status ForgetSequence(DatabaseImpl& db, const std::string& table) {
  Catalog& catalog = db.catalog();
  TablePtr dropped = catalog.FindTable(table);
  if (dropped == nullptr || !dropped->autoincrement || catalog.FindTable(kSequenceTable) == nullptr) {
    return Status::OK();
  }
  SLUICE_RETURN_IF_ERROR(db.LoadTableColumns(kSequenceTable));
  TablePtr sequence = catalog.Mutable(kSequenceTable);
  TableData& d = sequence->data;
  d.EnsureOrdered();
  std::vector<size_t> doomed;
  for (size_t pos = 0; pos < d.row_count(); ++pos) {
    const Value& v = d.value(0, pos);
    if (v.is_text() && v.bytes() == dropped->name) doomed.push_back(pos);
  }
  if (!doomed.empty()) d.DeleteRows(std::move(doomed));
  return Status::OK();
}

Status RenameSequence(DatabaseImpl& db, const std::string& from, const std::string& to) {
  Catalog& catalog = db.catalog();
  TablePtr renamed = catalog.FindTable(from);
  if (renamed == nullptr || !renamed->autoincrement || catalog.FindTable(kSequenceTable) == nullptr) {
    return Status::OK();
  }
  SLUICE_RETURN_IF_ERROR(db.LoadTableColumns(kSequenceTable));
  TablePtr sequence = catalog.Mutable(kSequenceTable);
  TableData& d = sequence->data;
  d.EnsureOrdered();
  d.BeginUpdate();
  for (size_t pos = 0; pos < d.row_count(); ++pos) {
    const Value& v = d.value(0, pos);
    if (v.is_text() && v.bytes() == renamed->name) d.UpdateValue(0, pos, Value::Text(to));
  }
  d.CommitUpdate();
  return Status::OK();
}

}  // namespace sluice::sql

// DML: INSERT [OR conflict] / REPLACE, UPDATE, DELETE with SQLite's
// constraint checks and messages, each statement atomic (see
// database_impl.h for how).
#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "sql/catalog/index.h"
#include "sql/connection/connection_internal.h"
#include "sql/exec/expr_eval.h"
#include "sql/planner/rules/rules.h"
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

struct InsertPlan {
  TablePtr table;
  std::vector<int> targets;  // column per source value; -1: the rowid
  BoundQuery source;
  bool default_values = false;
};

// What CheckDml bound for an INSERT, valid while the schema is unchanged.
struct PreparedDml {
  uint64_t schema_version = 0;
  std::optional<InsertPlan> insert;
};

namespace {

std::string RowidName(const Table& t) {
  return t.name + "." + (t.rowid_alias >= 0 ? t.columns_info[t.rowid_alias].name : std::string("rowid"));
}

// A value that must become a rowid (INTEGER affinity, then an integer).
Result<int64_t> RowidValue(const Value& v) {
  Value n = ApplyColumnAffinity(Affinity::kInteger, v);
  if (!n.is_integer()) return Status::InvalidArgument("datatype mismatch");
  return n.integer();
}

bool IsRowidName(std::string_view n) {
  return NameEqualsNoCase(n, "rowid") || NameEqualsNoCase(n, "oid") || NameEqualsNoCase(n, "_rowid_");
}

// Counts of the keys of one UNIQUE index over a table's rows (NULL keys
// are not counted), for UPDATE's row-by-row constraint checks.
class KeyCounter {
 public:
  KeyCounter(const Table& t, const IndexDef& idx) : t_(t), idx_(idx) {
    if (!idx.unique) return;
    for (size_t pos = 0; pos < t.row_count(); ++pos) Add(pos);
  }
  void Remove(size_t pos) {
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
  // False when another row already holds this row's key.
  bool Add(size_t pos) {
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

 private:
  std::pair<uint64_t, bool> Hash(size_t pos) const {
    uint64_t h = 0;
    for (size_t k = 0; k < idx_.columns.size(); ++k) {
      const Value& v = t_.data.value(static_cast<size_t>(idx_.columns[k]), pos);
      if (v.is_null()) return {0, true};
      h = h * 31 + HashValue(v, idx_.collations[k]);
    }
    return {h, false};
  }
  bool Equal(const std::vector<Value>& key, size_t pos) const {
    for (size_t k = 0; k < idx_.columns.size(); ++k) {
      if (CompareValues(key[k], t_.data.value(static_cast<size_t>(idx_.columns[k]), pos), idx_.collations[k]) != 0) {
        return false;
      }
    }
    return true;
  }
  const Table& t_;
  const IndexDef& idx_;
  std::unordered_map<uint64_t, std::vector<std::vector<Value>>> counts_;
};

Result<InsertPlan> BindInsert(DatabaseImpl& db, const InsertStatement& s, int64_t* error_offset = nullptr) {
  InsertPlan p;
  p.table = db.catalog().FindTable(s.table);
  if (p.table == nullptr) {
    if (db.catalog().FindView(s.table) != nullptr) {
      return Status::InvalidArgument("cannot modify " + s.table + " because it is a view");
    }
    return Status::InvalidArgument("no such table: " + s.table);
  }
  const Table& t = *p.table;
  if (s.columns.empty()) {
    for (size_t c = 0; c < t.columns_info.size(); ++c) p.targets.push_back(static_cast<int>(c));
  } else {
    for (const std::string& name : s.columns) {
      int c = t.column_index(name);
      if (c < 0 && IsRowidName(name))
        c = t.rowid_alias >= 0 ? t.rowid_alias : -1;
      else if (c < 0)
        return Status::InvalidArgument("table " + t.name + " has no column named " + name);
      p.targets.push_back(c);
    }
  }
  if (s.default_values || !s.select) {
    p.default_values = true;
    p.targets.clear();  // every column takes its default
    return p;
  }
  Binder binder(db.catalog());
  Result<BoundQuery> source = binder.BindSelect(*s.select, s);
  if (!source.ok()) {
    if (error_offset != nullptr) *error_offset = binder.error_offset();
    return source.status();
  }
  p.source = std::move(*source);
  size_t n = p.source.names.size();
  if (n != p.targets.size()) {
    if (s.columns.empty()) {
      return Status::InvalidArgument("table " + t.name + " has " + std::to_string(t.columns_info.size()) +
                                     " columns but " + std::to_string(n) + " values were supplied");
    }
    return Status::InvalidArgument(std::to_string(n) + " values for " + std::to_string(p.targets.size()) + " columns");
  }
  return p;
}

}  // namespace

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
      return Status::InvalidArgument("NOT NULL constraint failed: " + t.name + "." + t.columns_info[c].name);
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
      return Status::InvalidArgument("UNIQUE constraint failed: " + RowidName(t));
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
        return Status::InvalidArgument(UniqueMessage(t, idx));
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

namespace {

bool HasSubquery(const BoundExpr& e) {
  if (e.subquery != nullptr) return true;
  for (const BoundExprPtr& c : e.children) {
    if (HasSubquery(*c)) return true;
  }
  return false;
}

// True when the plan (or a subquery in it) scans a table.
bool ReadsTables(const PlanNode* n) {
  if (n == nullptr) return false;
  if (n->kind == PlanKind::kGet) return true;
  bool found = false;
  rules::ForEachNodeExpr(const_cast<PlanNode*>(n), [&](BoundExprPtr& e) { found = found || HasSubquery(*e); });
  if (found) return true;
  for (const PlanPtr& c : n->children) {
    if (ReadsTables(c.get())) return true;
  }
  return false;
}

// INSERT ... VALUES with literal rows (no subqueries) is the shape of nearly
// every small transaction; its rows are evaluated here directly because
// planning and an operator tree cost more than the insert itself. Every row
// is evaluated before any is inserted, as Materialize does, so an error in a
// later row still leaves the table untouched.
bool IsPlainValues(const PlanNode& plan) {
  return plan.kind == PlanKind::kValues && plan.children.empty() && !ReadsTables(&plan);
}

Status EvaluateValues(const PlanNode& plan, ExecContext* ctx, RowStore* out) {
  static const std::vector<ColumnId> kNoColumns;
  out->Init(plan.outputs.size());
  for (std::vector<Value>& column : out->columns) column.reserve(plan.rows.size());
  ExprEvaluator eval(ctx, &kNoColumns);
  RowRef none;
  for (const std::vector<BoundExprPtr>& row : plan.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      SLUICE_ASSIGN_OR_RETURN(Value v, eval.Eval(*row[c], none));
      out->columns[c].push_back(std::move(v));
    }
  }
  out->size = plan.rows.size();
  return Status::OK();
}

}  // namespace

Status CheckDml(DatabaseImpl& db, const Statement& s, int64_t* error_offset, std::shared_ptr<PreparedDml>* prepared) {
  switch (s.kind) {
    case StatementKind::kInsert: {
      Result<InsertPlan> p = BindInsert(db, s.As<InsertStatement>(), error_offset);
      if (!p.ok()) return p.status();
      // Reused only when the rows come from VALUES (or no table at all): a
      // plan that scans tables holds the table objects of prepare time,
      // which later statements may have replaced.
      if (prepared != nullptr && !ReadsTables(p->source.plan.get())) {
        *prepared = std::make_shared<PreparedDml>();
        (*prepared)->schema_version = db.catalog().schema_version();
        (*prepared)->insert = std::move(*p);
      }
      return Status::OK();
    }
    case StatementKind::kUpdate:
    case StatementKind::kDelete: {
      Binder binder(db.catalog());
      Result<BoundUpdate> u = s.kind == StatementKind::kUpdate ? binder.BindUpdate(s.As<UpdateStatement>())
                                                               : binder.BindDelete(s.As<DeleteStatement>());
      if (!u.ok() && error_offset != nullptr) *error_offset = binder.error_offset();
      return u.status();
    }
    default: return Status::OK();
  }
}

Result<int64_t> RunInsert(DatabaseImpl& db, const InsertStatement& s, PreparedDml* prepared) {
  InsertPlan p;
  if (prepared != nullptr && prepared->insert && prepared->schema_version == db.catalog().schema_version()) {
    p = std::move(*prepared->insert);  // bound at prepare time, schema unchanged since
    prepared->insert.reset();
  } else {
    SLUICE_ASSIGN_OR_RETURN(p, BindInsert(db, s));
  }
  PlannerOptions options = DatabaseImpl::DefaultPlannerOptions();
  ExecContext ctx;
  RowStore source;
  if (p.default_values) {
    source.Init(0);
    source.size = 1;
  } else if (IsPlainValues(*p.source.plan)) {
    SLUICE_RETURN_IF_ERROR(EvaluateValues(*p.source.plan, &ctx, &source));
  } else {
    SLUICE_RETURN_IF_ERROR(PlanQuery(p.source.plan.get(), options));
    SLUICE_RETURN_IF_ERROR(Materialize(*p.source.plan, &ctx, &source));
  }
  const Table& schema = *p.table;
  size_t ncols = schema.columns_info.size();
  // Defaults of the columns the statement does not set.
  std::vector<bool> targeted(ncols, false);
  int rowid_slot = -1;
  for (size_t i = 0; i < p.targets.size(); ++i) {
    if (p.targets[i] >= 0) targeted[p.targets[i]] = true;
    if (p.targets[i] < 0) rowid_slot = static_cast<int>(i);
  }
  std::vector<Value> defaults(ncols);
  for (size_t c = 0; c < ncols; ++c) {
    const Expr* d = schema.columns_info[c].default_expr;
    if (targeted[c] || d == nullptr) continue;
    Binder binder(db.catalog());
    SLUICE_ASSIGN_OR_RETURN(BoundExprPtr e, binder.BindConstantExpr(*d, *schema.create_ast));
    SLUICE_ASSIGN_OR_RETURN(defaults[c], EvaluateConstant(*e, &ctx));
    defaults[c].MakeOwned();
  }
  ConflictResolution conflict = s.replace ? ConflictResolution::kReplace : s.conflict;
  Catalog& catalog = db.catalog();
  // Drop our own references first, or Mutable would copy the whole table
  // for every INSERT (the catalog, or a transaction snapshot, keeps
  // `schema` alive).
  p.table.reset();
  p.source = BoundQuery();
  TablePtr target = catalog.Mutable(s.table);
  bool copy = conflict == ConflictResolution::kReplace && (schema.rowid_alias >= 0 || !schema.indexes.empty());
  if (copy) target = target->Clone();
  std::vector<int64_t> inserted;
  Status failure;
  for (size_t r = 0; r < source.size; ++r) {
    std::vector<Value> row = defaults;
    Value explicit_rowid;
    for (size_t i = 0; i < p.targets.size(); ++i) {
      if (p.targets[i] >= 0) {
        row[p.targets[i]] = source.columns[i][r];
      } else {
        explicit_rowid = source.columns[i][r];
      }
    }
    Result<InsertedRow> ins = InsertRow(*target, std::move(row), rowid_slot >= 0 ? &explicit_rowid : nullptr, conflict);
    if (!ins.ok()) {
      failure = ins.status();
      break;
    }
    if (ins->inserted) inserted.push_back(ins->rowid);
  }
  if (!failure.ok()) {
    if (!copy && !inserted.empty()) {
      std::unordered_set<int64_t> drop(inserted.begin(), inserted.end());
      std::vector<bool> keep(target->row_count());
      for (size_t i = 0; i < keep.size(); ++i) keep[i] = drop.count(target->data.rowid(i)) == 0;
      target->data.Compact(keep);
    }
    return failure;
  }
  if (copy) catalog.ReplaceTable(target);
  return static_cast<int64_t>(inserted.size());
}

Result<int64_t> RunUpdate(DatabaseImpl& db, const UpdateStatement& s) {
  Binder binder(db.catalog());
  SLUICE_ASSIGN_OR_RETURN(BoundUpdate u, binder.BindUpdate(s));
  PlannerOptions options = DatabaseImpl::DefaultPlannerOptions();
  std::vector<ColumnId> layout = u.plan->outputs;
  SLUICE_RETURN_IF_ERROR(PlanQuery(u.plan.get(), options));
  for (auto& a : u.assignments) SLUICE_RETURN_IF_ERROR(PlanExpression(&a.second, layout, options));
  ExecContext ctx;
  RowStore rows;
  SLUICE_RETURN_IF_ERROR(Materialize(*u.plan, &ctx, &rows));
  if (rows.size == 0) return int64_t{0};
  ExprEvaluator eval(&ctx, &layout);
  size_t ncols = u.table->columns_info.size();
  // New values of every matched row, computed from the old rows first.
  std::vector<std::vector<Value>> values(u.assignments.size());
  const Value* const* row_columns = rows.column_pointers();
  for (size_t r = 0; r < rows.size; ++r) {
    RowRef row;
    row.left = row_columns;
    row.left_row = r;
    row.left_width = rows.columns.size();
    for (size_t a = 0; a < u.assignments.size(); ++a) {
      SLUICE_ASSIGN_OR_RETURN(Value v, eval.Eval(*u.assignments[a].second, row));
      values[a].push_back(v.Owned());
    }
  }
  // Changed in place (the catalog hands out a table no snapshot shares);
  // the old value of everything written is kept, so that a constraint
  // failure restores the table exactly — a statement is all or nothing.
  size_t matched = rows.size;
  std::vector<int64_t> matched_rowids(matched);
  for (size_t r = 0; r < matched; ++r) matched_rowids[r] = rows.columns[ncols][r].integer();
  rows = RowStore();
  u.plan.reset();
  u.table.reset();  // our references would make Mutable copy the table
  TablePtr work = db.catalog().Mutable(s.table);
  Table& t = *work;
  TableData& data = t.data;
  data.BeginUpdate();
  auto fail = [&](Status st) {
    data.RollbackUpdate();
    return st;
  };
  bool sets_rowid = false;
  for (const auto& a : u.assignments) sets_rowid |= a.first == -2 || (a.first >= 0 && a.first == t.rowid_alias);
  // SQLite checks UNIQUE row by row, in update order: keep per-index key
  // counts and (when rowids are assigned) the set of rowids current.
  std::vector<KeyCounter> counters;
  for (const IndexDef& idx : t.indexes) counters.emplace_back(t, idx);
  std::unordered_set<int64_t> live_rowids;
  if (sets_rowid) live_rowids.insert(data.rowids().begin(), data.rowids().end());
  for (size_t r = 0; r < matched; ++r) {
    int64_t rowid = matched_rowids[r];
    int64_t pos = data.FindRowid(rowid);
    if (pos < 0) continue;
    size_t p = static_cast<size_t>(pos);
    for (KeyCounter& kc : counters) kc.Remove(p);
    for (size_t a = 0; a < u.assignments.size(); ++a) {
      int col = u.assignments[a].first;
      if (col == -3) continue;
      if (col == -2 || col == t.rowid_alias) {
        Value v = values[a][r];
        int64_t id;
        if (v.is_null()) {
          id = data.NextRowid();
        } else {
          Result<int64_t> given = RowidValue(v);
          if (!given.ok()) return fail(given.status());
          id = *given;
        }
        if (id != data.rowid(p)) {
          if (live_rowids.count(id) != 0)
            return fail(Status::InvalidArgument("UNIQUE constraint failed: " + RowidName(t)));
          live_rowids.erase(data.rowid(p));
          live_rowids.insert(id);
        }
        data.UpdateRowid(p, id);
        if (col >= 0) data.UpdateValue(static_cast<size_t>(col), p, Value::Integer(id));
        continue;
      }
      Value v = ApplyColumnAffinity(t.columns_info[col].affinity, values[a][r]).Owned();
      if (v.is_null() && t.columns_info[col].not_null) {
        return fail(Status::InvalidArgument("NOT NULL constraint failed: " + t.name + "." + t.columns_info[col].name));
      }
      data.UpdateValue(static_cast<size_t>(col), p, std::move(v));
    }
    for (size_t i = 0; i < counters.size(); ++i) {
      if (!counters[i].Add(p)) return fail(Status::InvalidArgument(UniqueMessage(t, t.indexes[i])));
    }
  }
  data.CommitUpdate();  // logs the rows; renumbered rows re-sort
  return static_cast<int64_t>(matched);
}

Result<int64_t> RunDelete(DatabaseImpl& db, const DeleteStatement& s) {
  Binder binder(db.catalog());
  SLUICE_ASSIGN_OR_RETURN(BoundUpdate u, binder.BindDelete(s));
  SLUICE_RETURN_IF_ERROR(PlanQuery(u.plan.get(), DatabaseImpl::DefaultPlannerOptions()));
  ExecContext ctx;
  RowStore rows;
  SLUICE_RETURN_IF_ERROR(Materialize(*u.plan, &ctx, &rows));
  if (rows.size == 0) return int64_t{0};
  size_t ncols = u.table->columns_info.size();
  std::unordered_set<int64_t> doomed;
  for (size_t r = 0; r < rows.size; ++r) doomed.insert(rows.columns[ncols][r].integer());
  u.plan.reset();
  u.table.reset();
  TablePtr t = db.catalog().Mutable(s.table);
  std::vector<bool> keep(t->row_count());
  for (size_t i = 0; i < keep.size(); ++i) keep[i] = doomed.count(t->data.rowid(i)) == 0;
  t->data.Compact(keep);
  return static_cast<int64_t>(doomed.size());
}

}  // namespace sluice::sql

// Triggers: the firing of trigger programs
// (see triggers.h).
#include "sql/connection/triggers.h"

#include <pthread.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sql/binder/trigger_row.h"
#include "sql/connection/connection_internal.h"
#include "sql/exec/expr_eval.h"
#include "sql/exec/ops/trigger_writes.h"
#include "sql/function/raise.h"
#include "sql/parser/parser.h"
#include "sql/value/logic.h"

namespace sluice::sql {

namespace {

// SQLITE_MAX_TRIGGER_DEPTH: the most trigger programs running at once.
constexpr size_t kMaxTriggerDepth = 1000;

// Each level of nested programs takes a few KB of stack (more under
// sanitizers): every kLevelsPerStack levels the next runs on a thread of
// its own with a fresh stack of kStackBytes, the caller waiting for it, so
// that 1000 levels fit whatever stack the connection's caller has.
constexpr size_t kLevelsPerStack = 50;
constexpr size_t kStackBytes = size_t{16} << 20;

struct FreshStackCall {
  const std::function<Status()>* fn;
  Status result;
};

void* RunFreshStackCall(void* arg) {
  auto* call = static_cast<FreshStackCall*>(arg);
  call->result = (*call->fn)();
  return nullptr;
}

Status OnFreshStack(const std::function<Status()>& fn) {
  FreshStackCall call{&fn, Status::OK()};
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) return Status::Internal("pthread_attr_init failed");
  pthread_attr_setstacksize(&attr, kStackBytes);
  pthread_t thread;
  int rc = pthread_create(&thread, &attr, &RunFreshStackCall, &call);
  pthread_attr_destroy(&attr);
  if (rc != 0) return Status::FromErrno("cannot start a thread for nested triggers", rc);
  pthread_join(thread, nullptr);
  return call.result;
}

using TriggerTiming = CreateTriggerStatement::Timing;
using Event = CreateTriggerStatement::Event;
using TriggerPtr = std::shared_ptr<const Statement>;  // a CreateTriggerStatement

// One outer statement's firing: the names of the trigger programs running,
// innermost last (a program does not fire itself again unless PRAGMA
// recursive_triggers is on).
struct FiringState {
  std::vector<std::string> active;
  // Set while the level that just moved to a fresh stack starts there.
  bool on_fresh_stack = false;
};

const std::string& TargetOf(const Statement& s) {
  switch (s.kind) {
    case StatementKind::kInsert: return s.As<InsertStatement>().table;
    case StatementKind::kUpdate: return s.As<UpdateStatement>().table;
    default: return s.As<DeleteStatement>().table;
  }
}

Event EventOf(const Statement& s) {
  switch (s.kind) {
    case StatementKind::kInsert: return Event::kInsert;
    case StatementKind::kUpdate: return Event::kUpdate;
    default: return Event::kDelete;
  }
}

bool IsDml(const Statement& s) {
  return s.kind == StatementKind::kInsert || s.kind == StatementKind::kUpdate || s.kind == StatementKind::kDelete;
}

// Whether trigger `c` fires for `s`: same table and event, and for UPDATE
// OF columns, one of them is assigned.
bool Fires(const CreateTriggerStatement& c, const Statement& s) {
  if (!NameEqualsNoCase(c.table, TargetOf(s)) || c.event != EventOf(s)) return false;
  if (c.event != Event::kUpdate || c.update_columns.empty()) return true;
  for (const Assignment& a : s.As<UpdateStatement>().assignments) {
    for (const std::string& col : a.columns) {
      for (const std::string& of : c.update_columns) {
        if (NameEqualsNoCase(col, of)) return true;
      }
    }
  }
  return false;
}

// The triggers that fire for `s`, in the order sqlite3 runs them: TEMP
// ones in creation order, then main's most recently created first;
// parsed from their schema text.
Result<std::vector<TriggerPtr>> FiringTriggers(const Catalog& catalog, const Statement& s) {
  std::vector<TriggerPtr> out;
  const std::vector<TriggerInfo>& all = catalog.triggers();
  auto consider = [&](const TriggerInfo& t) -> Status {
    if (!NameEqualsNoCase(t.table, TargetOf(s))) return Status::OK();
    SLUICE_ASSIGN_OR_RETURN(StatementPtr ast, ParseStatement(t.sql));
    if (ast->kind != StatementKind::kCreateTrigger) return Status::Internal("trigger " + t.name + ": bad schema");
    if (Fires(ast->As<CreateTriggerStatement>(), s)) out.push_back(TriggerPtr(std::move(ast)));
    return Status::OK();
  };
  for (const TriggerInfo& t : all) {
    if (t.temp) SLUICE_RETURN_IF_ERROR(consider(t));
  }
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    if (!it->temp) SLUICE_RETURN_IF_ERROR(consider(*it));
  }
  return out;
}

// An INSERT's DO UPDATE would have to fire the table's UPDATE triggers
// around each row it updates, which the trigger-firing insert does not do:
// refused rather than run without them.
Status RefuseUpsertUpdateTriggers(const Catalog& catalog, const Statement& s) {
  if (s.kind != StatementKind::kInsert) return Status::OK();
  bool do_update = false;
  for (const UpsertClause& u : s.As<InsertStatement>().upserts) do_update = do_update || u.do_update;
  if (!do_update) return Status::OK();
  for (const TriggerInfo& info : catalog.triggers()) {
    if (!NameEqualsNoCase(info.table, TargetOf(s))) continue;
    SLUICE_ASSIGN_OR_RETURN(StatementPtr ast, ParseStatement(info.sql));
    if (ast->kind != StatementKind::kCreateTrigger) return Status::Internal("trigger " + info.name + ": bad schema");
    if (ast->As<CreateTriggerStatement>().event == CreateTriggerStatement::Event::kUpdate) {
      return Status::InvalidArgument("ON CONFLICT DO UPDATE on a table with UPDATE triggers is not supported");
    }
  }
  return Status::OK();
}

bool IsInsteadOf(const TriggerPtr& t) { return t->As<CreateTriggerStatement>().timing == TriggerTiming::kInsteadOf; }

std::string QuoteName(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A query parsed from generated text and bound: the AST must outlive the
// plan.
struct TextQuery {
  StatementPtr ast;
  BoundQuery query;
};

Result<TextQuery> BindText(DatabaseImpl& db, const std::string& sql, const TriggerRowContext* row) {
  TextQuery out;
  SLUICE_ASSIGN_OR_RETURN(out.ast, ParseStatement(sql));
  Binder binder(db.catalog(), row != nullptr ? nullptr : db.parameters());
  if (row != nullptr) binder.SetTriggerRow(row);
  SLUICE_ASSIGN_OR_RETURN(out.query, binder.BindSelect(*out.ast->As<SelectStatement>().select, *out.ast));
  return out;
}

Status RunQuery(DatabaseImpl& db, const PlanPtr& plan, RowStore* rows) {
  SLUICE_RETURN_IF_ERROR(PlanQuery(plan.get(), DatabaseImpl::DefaultPlannerOptions()));
  ExecContext ctx;
  ctx.interrupt = db.interrupt_flag();
  return Materialize(*plan, &ctx, rows);
}

// The columns NEW and OLD have: those of the table, or of the view.
Result<TriggerRowContext> RowColumns(DatabaseImpl& db, const std::string& target) {
  TriggerRowContext row;
  if (TablePtr t = db.catalog().FindTable(target)) {
    row.rowid_alias = t->rowid_alias;
    for (const ColumnInfo& c : t->columns_info) {
      row.names.push_back(c.name);
      row.affinities.push_back(c.affinity);
      row.collations.push_back(c.collation);
    }
    return row;
  }
  SLUICE_ASSIGN_OR_RETURN(TextQuery view, BindText(db, "SELECT * FROM " + QuoteName(target), nullptr));
  row.names = view.query.names;
  row.affinities = view.query.affinities;
  row.collations = view.query.collations;
  return row;
}

Result<PlanPtr> BindDmlStatement(Binder& binder, const Statement& s) {
  switch (s.kind) {
    case StatementKind::kInsert: return binder.BindInsert(s.As<InsertStatement>());
    case StatementKind::kUpdate: return binder.BindUpdate(s.As<UpdateStatement>());
    case StatementKind::kDelete: return binder.BindDelete(s.As<DeleteStatement>());
    default: return Status::Internal("not a DML statement");
  }
}

// `s` with the triggers it fires; `row`: the NEW/OLD row when `s` is a
// step of a trigger program, whose conflict clause `outer_conflict`
// replaces s's own unless it is kDefault (sqlite3: the statement that
// fired the trigger decides).
// The RETURNING rows of `s` go to *returning when given (the statement
// that fired no trigger; never a step of a program).
Result<int64_t> RunStatement(DatabaseImpl& db, const Statement& s, FiringState& state, const TriggerRowContext* row,
                             ConflictResolution outer_conflict, ReturnedRows* returning = nullptr);

bool HasReturning(const Statement& s) {
  switch (s.kind) {
    case StatementKind::kInsert: return !s.As<InsertStatement>().returning.empty();
    case StatementKind::kUpdate: return !s.As<UpdateStatement>().returning.empty();
    case StatementKind::kDelete: return !s.As<DeleteStatement>().returning.empty();
    default: return false;
  }
}

ConflictResolution ConflictOf(const Statement& s) {
  if (s.kind == StatementKind::kInsert) {
    const auto& i = s.As<InsertStatement>();
    return i.replace ? ConflictResolution::kReplace : i.conflict;
  }
  if (s.kind == StatementKind::kUpdate) return s.As<UpdateStatement>().conflict;
  return ConflictResolution::kDefault;
}

// Fires the programs of `triggers` (all on one table or view, for one
// event) for the rows a statement writes.
class TriggerRunner : public RowTriggers {
 public:
  // `conflict`: the conflict clause in force for the statement firing
  // them, which their steps take (kDefault: their own).
  TriggerRunner(DatabaseImpl& db, FiringState& state, std::vector<TriggerPtr> triggers, TriggerRowContext columns,
                ConflictResolution conflict)
      : db_(db), state_(state), triggers_(std::move(triggers)), columns_(std::move(columns)), conflict_(conflict) {}

  Status Fire(RowTriggers::Timing timing, const std::vector<Value>* old_row,
              const std::vector<Value>* new_row) override {
    return FireTiming(timing == RowTriggers::Timing::kBefore ? TriggerTiming::kBefore : TriggerTiming::kAfter, old_row,
                      new_row);
  }

  Status FireReplaceDelete(const std::vector<Value>& old_row) override {
    if (!db_.recursive_triggers() || table_.empty()) return Status::OK();
    DeleteStatement del;
    del.table = table_;
    SLUICE_ASSIGN_OR_RETURN(std::vector<TriggerPtr> triggers, FiringTriggers(db_.catalog(), del));
    if (triggers.empty()) return Status::OK();
    TriggerRunner deletes(db_, state_, std::move(triggers), columns_, conflict_);
    Status st = deletes.FireTiming(TriggerTiming::kBefore, &old_row, nullptr);
    if (st.ok()) st = deletes.FireTiming(TriggerTiming::kAfter, &old_row, nullptr);
    return IsRaise(st, RaiseAction::kIgnore) ? Status::OK() : st;
  }

  // The table the statement writes (for REPLACE's deletes); empty: none.
  void set_table(std::string table) { table_ = std::move(table); }

  Status FireTiming(TriggerTiming timing, const std::vector<Value>* old_row, const std::vector<Value>* new_row) {
    for (const TriggerPtr& t : triggers_) {
      const auto& c = t->As<CreateTriggerStatement>();
      if ((c.timing == TriggerTiming::kDefault ? TriggerTiming::kBefore : c.timing) != timing) continue;
      SLUICE_RETURN_IF_ERROR(RunProgram(c, old_row, new_row));
    }
    return Status::OK();
  }

 private:
  Status RunProgram(const CreateTriggerStatement& c, const std::vector<Value>* old_row,
                    const std::vector<Value>* new_row) {
    if (!db_.recursive_triggers()) {
      for (const std::string& name : state_.active) {
        if (NameEqualsNoCase(name, c.name)) return Status::OK();
      }
    }
    if (state_.active.size() >= kMaxTriggerDepth) {
      return Status::InvalidArgument("too many levels of trigger recursion");
    }
    if (!state_.active.empty() && state_.active.size() % kLevelsPerStack == 0) {
      if (!state_.on_fresh_stack) {
        std::function<Status()> fn = [&] {
          state_.on_fresh_stack = true;
          return RunProgram(c, old_row, new_row);
        };
        return OnFreshStack(fn);
      }
      state_.on_fresh_stack = false;  // this is the call made there: go on
    }
    TriggerRowContext row = columns_;
    row.has_old = old_row != nullptr;
    row.has_new = new_row != nullptr;
    if (old_row != nullptr) row.old_row = *old_row;
    if (new_row != nullptr) row.new_row = *new_row;
    if (c.when != nullptr) {
      Binder binder(db_.catalog());
      binder.SetTriggerRow(&row);
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr when, binder.BindConstantExpr(*c.when, c));
      SLUICE_RETURN_IF_ERROR(PlanExpression(&when, {}, DatabaseImpl::DefaultPlannerOptions()));
      ExecContext ctx;
      ctx.interrupt = db_.interrupt_flag();
      SLUICE_ASSIGN_OR_RETURN(Value v, EvaluateConstant(*when, &ctx));
      if (!IsTrue(v)) return Status::OK();
    }
    state_.active.push_back(c.name);
    // last_insert_rowid() follows the program's INSERTs while it runs and
    // reverts when it ends, as sqlite3's.
    const int64_t last_insert_rowid = db_.connection_state().last_insert_rowid;
    Status st;
    for (const StatementPtr& step : c.body) {
      st = RunStep(*step, row);
      if (!st.ok()) break;
    }
    db_.connection_state().last_insert_rowid = last_insert_rowid;
    state_.active.pop_back();
    return st;
  }

  Status RunStep(const Statement& step, const TriggerRowContext& row) {
    if (IsDml(step)) {
      // total_changes() counts the rows trigger programs write (changes()
      // does not: it is the firing statement's own count).
      Result<int64_t> n = RunStatement(db_, step, state_, &row, conflict_);
      if (n.ok()) db_.connection_state().total_changes += *n;
      return n.status();
    }
    if (step.kind != StatementKind::kSelect) return Status::Internal("unexpected statement in a trigger program");
    Binder binder(db_.catalog());
    binder.SetTriggerRow(&row);
    SLUICE_ASSIGN_OR_RETURN(BoundQuery q, binder.BindSelect(*step.As<SelectStatement>().select, step));
    RowStore rows;
    return RunQuery(db_, q.plan, &rows);
  }

  DatabaseImpl& db_;
  FiringState& state_;
  std::vector<TriggerPtr> triggers_;
  TriggerRowContext columns_;
  ConflictResolution conflict_;
  std::string table_;
};

// INSERT, UPDATE or DELETE on a view, bound: the query of the rows it
// gives the INSTEAD OF triggers. INSERT: its source rows, one column per
// entry of `columns`; UPDATE: SELECT *, <new values> FROM view WHERE ...
// (sqlite3 3.40 knows no alias of a view here: `AS w` is not in scope);
// DELETE: SELECT * FROM view WHERE ....
struct ViewWrite {
  TriggerRowContext columns;  // the view's
  std::vector<int> targets;   // INSERT: view column per source column; UPDATE: per assignment
  bool default_values = false;
  StatementPtr ast;  // generated text (UPDATE, DELETE)
  BoundQuery query;
};

Result<ViewWrite> BindViewWrite(DatabaseImpl& db, const Statement& s, const TriggerRowContext* outer) {
  ViewWrite w;
  const std::string& view = TargetOf(s);
  SLUICE_ASSIGN_OR_RETURN(w.columns, RowColumns(db, view));
  const size_t n = w.columns.names.size();
  auto column_of = [&](const std::string& name) -> int {
    for (size_t c = 0; c < n; ++c) {
      if (NameEqualsNoCase(w.columns.names[c], name)) return static_cast<int>(c);
    }
    return -1;
  };
  if (s.kind == StatementKind::kInsert) {
    const auto& ins = s.As<InsertStatement>();
    if (ins.with != nullptr) return Status::InvalidArgument("WITH before INSERT into a view is not supported");
    for (const std::string& name : ins.columns) {
      int c = column_of(name);
      if (c < 0) return Status::InvalidArgument("table " + view + " has no column named " + name);
      w.targets.push_back(c);
    }
    if (ins.columns.empty()) {
      for (size_t c = 0; c < n; ++c) w.targets.push_back(static_cast<int>(c));
    }
    if (ins.default_values) {
      w.default_values = true;
      return w;
    }
    Binder binder(db.catalog(), outer != nullptr ? nullptr : db.parameters());
    if (outer != nullptr) binder.SetTriggerRow(outer);
    SLUICE_ASSIGN_OR_RETURN(w.query, binder.BindSelect(*ins.select, s));
    if (w.query.names.size() != w.targets.size()) {
      if (ins.columns.empty()) {
        return Status::InvalidArgument("table " + view + " has " + std::to_string(n) + " columns but " +
                                       std::to_string(w.query.names.size()) + " values were supplied");
      }
      return Status::InvalidArgument(std::to_string(w.query.names.size()) + " values for " +
                                     std::to_string(w.targets.size()) + " columns");
    }
    return w;
  }
  if (outer == nullptr && s.parameter_count > 0) {
    return Status::InvalidArgument("parameters in UPDATE or DELETE of a view are not supported");
  }
  std::string sql = "SELECT *";
  const Expr* where = nullptr;
  if (s.kind == StatementKind::kUpdate) {
    const auto& up = s.As<UpdateStatement>();
    if (up.with != nullptr || up.from != nullptr) {
      return Status::InvalidArgument("WITH or FROM in UPDATE of a view is not supported");
    }
    for (const Assignment& a : up.assignments) {
      if (a.columns.size() != 1) return Status::InvalidArgument("row values in UPDATE of a view are not supported");
      int c = column_of(a.columns[0]);
      if (c < 0) return Status::InvalidArgument("no such column: " + a.columns[0]);
      w.targets.push_back(c);
      sql += ", (" + std::string(s.Text(a.value->span)) + ")";
    }
    where = up.where.get();
  } else {
    const auto& del = s.As<DeleteStatement>();
    if (del.with != nullptr) return Status::InvalidArgument("WITH before DELETE from a view is not supported");
    where = del.where.get();
  }
  sql += " FROM " + QuoteName(view);
  if (where != nullptr) {
    const std::string where_sql = " WHERE " + std::string(s.Text(where->span));
    // sqlite3 resolves the WHERE before the SET values: its errors first.
    if (!w.targets.empty()) {
      SLUICE_RETURN_IF_ERROR(BindText(db, "SELECT * FROM " + QuoteName(view) + where_sql, outer).status());
    }
    sql += where_sql;
  }
  SLUICE_ASSIGN_OR_RETURN(TextQuery q, BindText(db, sql, outer));
  w.ast = std::move(q.ast);
  w.query = std::move(q.query);
  return w;
}

// INSERT, UPDATE or DELETE on a view: its INSTEAD OF triggers, once per
// row. The rows are selected first (for UPDATE with the new values as
// extra columns); none of them counts as a change. NEW has the view's
// column affinities in an UPDATE; in an INSERT only a REAL column's
// integers become reals (sqlite3 reads them as it reads a REAL column).
Result<int64_t> RunOnView(DatabaseImpl& db, const Statement& s, FiringState& state, const TriggerRowContext* outer,
                          std::vector<TriggerPtr> triggers, ConflictResolution conflict) {
  SLUICE_ASSIGN_OR_RETURN(ViewWrite w, BindViewWrite(db, s, outer));
  const size_t n = w.columns.names.size();
  TriggerRunner runner(db, state, std::move(triggers), w.columns, conflict);
  RowStore rows;
  if (w.default_values) {
    rows.Init(w.targets.size());
    for (std::vector<Value>& col : rows.columns) col.emplace_back();
    rows.size = 1;
  } else {
    SLUICE_RETURN_IF_ERROR(RunQuery(db, w.query.plan, &rows));
  }
  for (size_t r = 0; r < rows.size; ++r) {
    Status st;
    if (s.kind == StatementKind::kInsert) {
      std::vector<Value> new_row(n + 1);
      for (size_t i = 0; i < w.targets.size(); ++i) {
        const size_t c = static_cast<size_t>(w.targets[i]);
        const Value& v = rows.columns[i][r];
        new_row[c] = w.columns.affinities[c] == Affinity::kReal && v.is_integer()
                         ? Value::Real(static_cast<double>(v.integer()))
                         : v;
      }
      st = runner.FireTiming(TriggerTiming::kInsteadOf, nullptr, &new_row);
    } else {
      std::vector<Value> old_row(n + 1);
      for (size_t c = 0; c < n; ++c) old_row[c] = rows.columns[c][r];
      if (s.kind == StatementKind::kUpdate) {
        std::vector<Value> new_row = old_row;
        for (size_t a = 0; a < w.targets.size(); ++a) {
          const size_t c = static_cast<size_t>(w.targets[a]);
          new_row[c] = ApplyColumnAffinity(w.columns.affinities[c], rows.columns[n + a][r]).Owned();
        }
        st = runner.FireTiming(TriggerTiming::kInsteadOf, &old_row, &new_row);
      } else {
        st = runner.FireTiming(TriggerTiming::kInsteadOf, &old_row, nullptr);
      }
    }
    if (IsRaise(st, RaiseAction::kIgnore)) continue;
    SLUICE_RETURN_IF_ERROR(st);
  }
  return int64_t{0};
}

// The INSTEAD OF triggers that take `s` when its target is a view (empty
// when it is not, or none fires for `s`).
Result<std::vector<TriggerPtr>> InsteadOfTriggers(const Catalog& catalog, const Statement& s) {
  if (catalog.FindTable(TargetOf(s)) != nullptr || catalog.FindView(TargetOf(s)) == nullptr) {
    return std::vector<TriggerPtr>();
  }
  SLUICE_ASSIGN_OR_RETURN(std::vector<TriggerPtr> triggers, FiringTriggers(catalog, s));
  std::erase_if(triggers, [](const TriggerPtr& t) { return !IsInsteadOf(t); });
  return triggers;
}

Result<int64_t> RunStatement(DatabaseImpl& db, const Statement& s, FiringState& state, const TriggerRowContext* row,
                             ConflictResolution outer_conflict, ReturnedRows* returning) {
  SLUICE_RETURN_IF_ERROR(RefuseUpsertUpdateTriggers(db.catalog(), s));
  SLUICE_ASSIGN_OR_RETURN(std::vector<TriggerPtr> triggers, FiringTriggers(db.catalog(), s));
  // A DELETE has no conflict clause: its own triggers' steps keep theirs.
  const ConflictResolution conflict = s.kind == StatementKind::kDelete                 ? ConflictResolution::kDefault
                                      : outer_conflict != ConflictResolution::kDefault ? outer_conflict
                                                                                       : ConflictOf(s);
  SLUICE_ASSIGN_OR_RETURN(std::vector<TriggerPtr> instead_of, InsteadOfTriggers(db.catalog(), s));
  if (!instead_of.empty()) {
    if (HasReturning(s))
      return Status::InvalidArgument("RETURNING on a view written through triggers is not supported");
    return RunOnView(db, s, state, row, std::move(instead_of), conflict);
  }
  Binder binder(db.catalog(), row != nullptr ? nullptr : db.parameters());
  if (row != nullptr) binder.SetTriggerRow(row);
  SLUICE_ASSIGN_OR_RETURN(PlanPtr plan, BindDmlStatement(binder, s));
  if (outer_conflict != ConflictResolution::kDefault && s.kind != StatementKind::kDelete) plan->conflict = conflict;
  const bool replace_deletes =
      s.kind == StatementKind::kInsert && conflict == ConflictResolution::kReplace && db.recursive_triggers();
  if (triggers.empty() && !replace_deletes) return RunModifyPlan(db, std::move(plan), nullptr, returning);
  SLUICE_ASSIGN_OR_RETURN(TriggerRowContext columns, RowColumns(db, TargetOf(s)));
  TriggerRunner runner(db, state, std::move(triggers), std::move(columns), conflict);
  runner.set_table(TargetOf(s));
  return RunModifyPlan(db, std::move(plan), &runner, returning);
}

// Binds `step` of a trigger program as it would run for `row`.
Status CheckStep(DatabaseImpl& db, const Statement& step, const TriggerRowContext& row) {
  Binder binder(db.catalog());
  binder.SetTriggerRow(&row);
  if (step.kind == StatementKind::kSelect) {
    return binder.BindSelect(*step.As<SelectStatement>().select, step).status();
  }
  if (!IsDml(step)) return Status::OK();
  const std::string& target = TargetOf(step);
  if (db.catalog().FindTable(target) == nullptr) {
    // Program steps name their tables in the trigger's schema (sqlite3's
    // message says which).
    if (db.catalog().FindView(target) == nullptr) return Status::InvalidArgument("no such table: main." + target);
    return Status::OK();  // a view: its INSTEAD OF triggers decide when it runs
  }
  return BindDmlStatement(binder, step).status();
}

}  // namespace

bool HasTriggers(const Catalog& catalog, std::string_view table) {
  for (const TriggerInfo& t : catalog.triggers()) {
    if (NameEqualsNoCase(t.table, table)) return true;
  }
  return false;
}

bool MayFireTriggers(const Catalog& catalog, const Statement& s) {
  return IsDml(s) && HasTriggers(catalog, TargetOf(s));
}

Status InsertFiringTriggers(DatabaseImpl& db, const std::string& table, const std::vector<Value>& row) {
  std::string sql = "INSERT INTO " + QuoteName(table) + " VALUES (";
  for (size_t i = 0; i < row.size(); ++i) sql += (i > 0 ? ", ?" : "?") + std::to_string(i + 1);
  SLUICE_ASSIGN_OR_RETURN(StatementPtr insert, ParseStatement(sql + ")"));
  const std::vector<Value>* parameters = db.parameters();
  db.set_parameters(&row);
  Result<int64_t> n = RunDmlFiringTriggers(db, *insert);
  db.set_parameters(parameters);
  return n.status();
}

Result<int64_t> RunDmlFiringTriggers(DatabaseImpl& db, const Statement& s, ReturnedRows* returning) {
  // Trigger programs may write any table: every row must be in memory.
  if (db.is_file_database()) SLUICE_RETURN_IF_ERROR(db.LoadAllColumns());
  FiringState state;
  Catalog before = db.catalog();
  Result<int64_t> n = RunStatement(db, s, state, nullptr, ConflictResolution::kDefault, returning);
  if (!n.ok()) {
    const Status& st = n.status();
    bool keep =
        IsRaise(st, RaiseAction::kFail) || (ConflictOf(s) == ConflictResolution::kFail && IsResolvableConflict(st));
    if (!keep) db.catalog() = std::move(before);
  }
  return n;
}

bool WritesViewThroughTriggers(const Catalog& catalog, const Statement& s) {
  if (!IsDml(s)) return false;
  Result<std::vector<TriggerPtr>> triggers = InsteadOfTriggers(catalog, s);
  return !triggers.ok() || !triggers->empty();  // a schema error: the run reports it
}

Status CheckDmlTriggers(DatabaseImpl& db, const Statement& s) {
  SLUICE_RETURN_IF_ERROR(RefuseUpsertUpdateTriggers(db.catalog(), s));
  SLUICE_ASSIGN_OR_RETURN(std::vector<TriggerPtr> instead_of, InsteadOfTriggers(db.catalog(), s));
  if (!instead_of.empty()) SLUICE_RETURN_IF_ERROR(BindViewWrite(db, s, nullptr).status());
  SLUICE_ASSIGN_OR_RETURN(std::vector<TriggerPtr> triggers, FiringTriggers(db.catalog(), s));
  if (triggers.empty()) return Status::OK();
  SLUICE_ASSIGN_OR_RETURN(TriggerRowContext row, RowColumns(db, TargetOf(s)));
  row.has_new = s.kind != StatementKind::kDelete;
  row.has_old = s.kind != StatementKind::kInsert;
  row.new_row.assign(row.names.size() + 1, Value());
  row.old_row = row.new_row;
  for (const TriggerPtr& t : triggers) {
    const auto& c = t->As<CreateTriggerStatement>();
    if (c.when != nullptr) {
      Binder binder(db.catalog());
      binder.SetTriggerRow(&row);
      SLUICE_RETURN_IF_ERROR(binder.BindConstantExpr(*c.when, c).status());
    }
    for (const StatementPtr& step : c.body) SLUICE_RETURN_IF_ERROR(CheckStep(db, *step, row));
  }
  return Status::OK();
}

}  // namespace sluice::sql

// The ON CONFLICT clauses of INSERT (UPSERT), as sqlite3's
// sqlite3UpsertAnalyzeTarget: a target names the columns of the table's
// INTEGER PRIMARY KEY (or rowid) or of one of its UNIQUE / PRIMARY KEY
// indexes, in any order, each with no COLLATE or the index's own; else
// "ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE
// constraint". A partial index matches only a target whose WHERE is the
// index's own. A clause without a target covers every uniqueness
// constraint. DO UPDATE's SET and WHERE see the conflicting row under the
// table's name (or the INSERT's alias) and the proposed row as `excluded`;
// they may not hold subqueries (refused: not supported yet).
#include <algorithm>
#include <unordered_map>

#include "sql/binder/binder.h"
#include "sql/binder/binder_internal.h"

namespace sluice::sql {

namespace {

bool IsRowidName(std::string_view n) {
  return NameEqualsNoCase(n, "rowid") || NameEqualsNoCase(n, "oid") || NameEqualsNoCase(n, "_rowid_");
}

// One target term: the table column it names (-1: the rowid) and whether
// and which COLLATE it was written with.
struct TargetTerm {
  int column = -1;
  bool has_collation = false;
  Collation collation = Collation::kBinary;
  bool plain_column = true;  // no COLLATE: may name the INTEGER PRIMARY KEY
};

// Adds `t`'s columns and rowid under `name` to `scope`, their slots from
// `first` on.
void AddRow(Binder::Impl& b, const Table& t, const std::string& name, int first, Scope* scope,
            std::unordered_map<ColumnId, int>* slots) {
  scope->tables.push_back(name);
  for (size_t i = 0; i < t.columns_info.size(); ++i) {
    const ColumnInfo& info = t.columns_info[i];
    ScopeColumn c;
    c.table = name;
    c.name = info.name;
    c.id = b.NewId();
    c.affinity = info.affinity;
    c.collation = info.collation;
    c.type_name = info.type_name;
    slots->emplace(c.id, first + static_cast<int>(i));
    scope->columns.push_back(std::move(c));
  }
  ColumnId rowid = b.NewId();
  slots->emplace(rowid, first + static_cast<int>(t.columns_info.size()));
  for (const char* n : {"rowid", "oid", "_rowid_"}) {
    ScopeColumn c;
    c.table = name;
    c.name = n;
    c.id = rowid;
    c.affinity = Affinity::kInteger;
    c.hidden = true;
    scope->columns.push_back(std::move(c));
  }
}

// sqlite3ExprCompare of a target's WHERE `q` (its columns numbered by
// `columns`) with a partial index's bound WHERE `ix` (columns as slots).
bool SameAsIndexWhere(const BoundExpr& q, const BoundExpr& ix, const std::unordered_map<ColumnId, int>& columns) {
  return SameAsIndexExpr(q, ix, [&columns](ColumnId column, int slot) {
    auto it = columns.find(column);
    return it != columns.end() && it->second == slot;
  });
}

}  // namespace

Status Binder::Impl::BindUpsertUpdate(const UpsertClause& clause, const InsertStatement& s, const Table& t,
                                      UpsertAction* action) {
  // `excluded` is a scope around the table's, so that a bare column name
  // is the table's.
  Scope excluded;
  excluded.has_from = true;
  Scope scope;
  scope.has_from = true;
  scope.parent = &excluded;
  std::unordered_map<ColumnId, int> slots;
  const int width = static_cast<int>(t.columns_info.size()) + 1;
  AddRow(*this, t, s.has_alias ? s.alias : t.name, 0, &scope, &slots);
  AddRow(*this, t, "excluded", width, &excluded, &slots);
  auto bind = [&](const Expr& e) -> Result<BoundExprPtr> {
    ExprContext ctx{&scope, false};
    Result<BoundExprPtr> bound = BindExpr(e, ctx);
    if (!bound.ok()) return NoAggregateHere(bound.status());
    BoundExprPtr b = std::move(*bound);
    if (HasSubquery(*b)) return Status::InvalidArgument("subqueries in ON CONFLICT DO UPDATE are not supported");
    SetSlots(b.get(), slots);
    return b;
  };
  if (clause.set_columns.size() > kMaxColumns) return Status::InvalidArgument("too many columns in set list");
  for (size_t a = 0; a < clause.set_columns.size(); ++a) {
    const std::vector<std::string>& columns = clause.set_columns[a];
    if (columns.size() != 1) return Status::InvalidArgument("row value misused");
    int col = t.column_index(columns[0]);
    if (col < 0) {
      if (!IsRowidName(columns[0])) return Status::InvalidArgument("no such column: " + columns[0]);
      col = t.rowid_alias >= 0 ? t.rowid_alias : -2;
    }
    if (col >= 0 && t.columns_info[static_cast<size_t>(col)].generated != nullptr) {
      return Status::InvalidArgument("cannot UPDATE generated column \"" + columns[0] + "\"");
    }
    SLUICE_ASSIGN_OR_RETURN(BoundExprPtr value, bind(*clause.set_values[a]));
    for (auto& prev : action->assignments) {
      if (prev.first == col) prev.first = -3;
    }
    action->assignments.emplace_back(col, std::move(value));
  }
  if (clause.where != nullptr) {
    SLUICE_ASSIGN_OR_RETURN(action->where, bind(*clause.where));
  }
  return Status::OK();
}

Status Binder::Impl::BindUpsert(const InsertStatement& s, const Table& t, PlanNode* node) {
  for (const UpsertClause& clause : s.upserts) {
    node->upserts.emplace_back();
    UpsertAction& action = node->upserts.back();
    action.do_update = clause.do_update;
    auto add = [&](int target) {
      if (std::find(action.constraints.begin(), action.constraints.end(), target) == action.constraints.end()) {
        action.constraints.push_back(target);
      }
    };
    if (clause.do_update) SLUICE_RETURN_IF_ERROR(BindUpsertUpdate(clause, s, t, &action));
    if (clause.target.empty()) {
      add(-1);
      for (size_t i = 0; i < t.indexes.size(); ++i) {
        if (t.indexes[i].unique) add(static_cast<int>(i));
      }
      continue;
    }
    std::vector<TargetTerm> terms;
    for (const ExprPtr& e : clause.target) {
      TargetTerm term;
      const Expr* x = e.get();
      while (x->kind == ExprKind::kCollate) {
        const auto& c = x->As<CollateExpr>();
        if (!term.has_collation) {
          SLUICE_ASSIGN_OR_RETURN(term.collation, CollationFromName(c.collation));
          term.has_collation = true;
        }
        term.plain_column = false;
        x = c.operand.get();
      }
      if (x->kind != ExprKind::kColumnRef) {
        return Status::InvalidArgument("ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE constraint");
      }
      const auto& ref = x->As<ColumnRefExpr>();
      term.column = t.column_index(ref.column);
      if (term.column < 0 && IsRowidName(ref.column)) term.column = t.rowid_alias;
      if ((term.column < 0 && !IsRowidName(ref.column)) ||
          (!ref.table.empty() && !NameEqualsNoCase(ref.table, s.has_alias ? s.alias : t.name))) {
        return ErrorAt(*x, "no such column: " + (ref.table.empty() ? "" : ref.table + ".") + ref.column);
      }
      terms.push_back(term);
    }
    // A partial index is what a target WHERE selects: the index's own
    // WHERE, written the same way.
    BoundExprPtr target_where;
    std::unordered_map<ColumnId, int> where_columns;
    if (clause.target_where != nullptr) {
      Scope scope;
      scope.has_from = true;
      std::string alias = s.has_alias ? s.alias : t.name;
      scope.tables.push_back(alias);
      for (const ColumnInfo& info : t.columns_info) {
        ScopeColumn c;
        c.table = alias;
        c.name = info.name;
        c.id = NewId();
        c.affinity = info.affinity;
        c.collation = info.collation;
        where_columns.emplace(c.id, static_cast<int>(scope.columns.size()));
        scope.columns.push_back(std::move(c));
      }
      ExprContext ctx{&scope, false};
      SLUICE_ASSIGN_OR_RETURN(target_where, BindExpr(*clause.target_where, ctx));
    }
    bool matched = false;
    if (terms.size() == 1 && terms[0].plain_column && terms[0].column == t.rowid_alias) {
      add(-1);
      matched = true;
    }
    for (size_t i = 0; i < t.indexes.size() && !matched; ++i) {
      const IndexDef& idx = t.indexes[i];
      if (!idx.unique || idx.columns.size() != terms.size()) continue;
      if (idx.filter != nullptr &&
          (target_where == nullptr || !SameAsIndexWhere(*target_where, idx.filter->bound(), where_columns))) {
        continue;
      }
      bool all = true;
      for (size_t k = 0; k < idx.columns.size() && all; ++k) {
        bool found = false;
        for (const TargetTerm& term : terms) {
          found |= term.column == idx.columns[k] && (!term.has_collation || term.collation == idx.collations[k]);
        }
        all = found;
      }
      if (all) {
        add(static_cast<int>(i));
        matched = true;
      }
    }
    if (!matched) {
      return Status::InvalidArgument("ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE constraint");
    }
  }
  return Status::OK();
}

}  // namespace sluice::sql

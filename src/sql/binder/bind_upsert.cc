// The ON CONFLICT clauses of INSERT (UPSERT), as sqlite3's
// sqlite3UpsertAnalyzeTarget: a target names the columns of the table's
// INTEGER PRIMARY KEY (or rowid) or of one of its UNIQUE / PRIMARY KEY
// indexes, in any order, each with no COLLATE or the index's own; else
// "ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE
// constraint". A clause without a target covers every uniqueness
// constraint. DO NOTHING clauses become PlanNode::upsert_skip; DO UPDATE
// is refused.
#include <algorithm>

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

}  // namespace

Status Binder::Impl::BindUpsert(const InsertStatement& s, const Table& t, PlanNode* node) {
  for (const UpsertClause& clause : s.upserts) {
    if (clause.do_update) return Status::InvalidArgument("ON CONFLICT ... DO UPDATE is not supported");
  }
  auto add = [&](int target) {
    if (std::find(node->upsert_skip.begin(), node->upsert_skip.end(), target) == node->upsert_skip.end()) {
      node->upsert_skip.push_back(target);
    }
  };
  for (const UpsertClause& clause : s.upserts) {
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
    if (clause.target_where != nullptr) {
      // Partial indexes are what a target WHERE selects; it must bind.
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
        scope.columns.push_back(std::move(c));
      }
      ExprContext ctx{&scope, false};
      SLUICE_RETURN_IF_ERROR(BindExpr(*clause.target_where, ctx).status());
    }
    bool matched = false;
    if (terms.size() == 1 && terms[0].plain_column && terms[0].column == t.rowid_alias) {
      add(-1);
      matched = true;
    }
    for (size_t i = 0; i < t.indexes.size() && !matched; ++i) {
      const IndexDef& idx = t.indexes[i];
      if (!idx.unique || idx.columns.size() != terms.size()) continue;
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

// The SELECT binder: cores (FROM, WHERE, GROUP BY, HAVING, result columns,
// ORDER BY, LIMIT), compounds and VALUES, producing plan.h trees.
#include <algorithm>
#include <set>

#include "sql/binder/binder_internal.h"
#include "sql/catalog/catalog.h"

namespace sluice::sql {

namespace {

PlanPtr MakePlan(PlanKind kind, PlanPtr child = nullptr) {
  auto p = std::make_shared<PlanNode>(kind);
  if (child) {
    p->outputs = child->outputs;
    p->children.push_back(std::move(child));
  }
  return p;
}

std::string Ordinal(size_t n) {
  std::string suffix = "th";
  if (n % 100 < 11 || n % 100 > 13) {
    if (n % 10 == 1) suffix = "st";
    if (n % 10 == 2) suffix = "nd";
    if (n % 10 == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

// An integer literal ORDER BY / GROUP BY term (through COLLATE), or nullopt.
std::optional<int64_t> IntegerTerm(const Expr& e) {
  const Expr* x = &e;
  while (x->kind == ExprKind::kCollate) x = x->As<CollateExpr>().operand.get();
  if (x->kind == ExprKind::kLiteral && x->As<LiteralExpr>().literal == LiteralKind::kInteger) {
    return x->As<LiteralExpr>().integer;
  }
  if (x->kind == ExprKind::kUnary && x->As<UnaryExpr>().op == UnaryOp::kPlus)
    return IntegerTerm(*x->As<UnaryExpr>().operand);
  return std::nullopt;
}

const Expr* StripCollate(const Expr& e, std::optional<Collation>* collation) {
  const Expr* x = &e;
  while (x->kind == ExprKind::kCollate) {
    Result<Collation> c = CollationFromName(x->As<CollateExpr>().collation);
    if (c.ok() && !collation->has_value()) *collation = *c;
    x = x->As<CollateExpr>().operand.get();
  }
  return x;
}

// The aggregate rewrite of one SELECT core (see plan.h, kAggregate).
struct AggregateRewrite {
  const std::vector<BoundExprPtr>* groups = nullptr;
  std::vector<ColumnId> group_ids;
  std::vector<BoundExprPtr> aggregates;
  std::vector<ColumnId> aggregate_ids;
  std::set<ColumnId> local;  // ids the FROM clause produces
  std::vector<ColumnId> bare;
  Binder::Impl* binder = nullptr;

  void NoteBare(ColumnId id) {
    if (local.count(id) != 0 && std::find(bare.begin(), bare.end(), id) == bare.end()) bare.push_back(id);
  }

  BoundExprPtr Rewrite(BoundExprPtr e) {
    for (size_t i = 0; i < groups->size(); ++i) {
      if (BoundExprEquals(*e, *(*groups)[i])) {
        BoundExprPtr ref = MakeColumnRef(group_ids[i], e->affinity, e->collation, e->collation_source);
        if (e->kind == BoundKind::kColumn) NoteBare(e->column);
        return ref;
      }
    }
    if (e->kind == BoundKind::kAggregate) {
      for (size_t i = 0; i < aggregates.size(); ++i) {
        if (BoundExprEquals(*e, *aggregates[i])) {
          return MakeColumnRef(aggregate_ids[i], e->affinity, e->collation, e->collation_source);
        }
      }
      ColumnId id = binder->NewId();
      BoundExprPtr ref = MakeColumnRef(id, e->affinity, e->collation, e->collation_source);
      aggregates.push_back(std::move(e));
      aggregate_ids.push_back(id);
      return ref;
    }
    if (e->kind == BoundKind::kColumn) {
      NoteBare(e->column);
      return e;
    }
    for (ColumnId id : e->correlated) NoteBare(id);
    for (BoundExprPtr& c : e->children) c = Rewrite(std::move(c));
    return e;
  }
};

}  // namespace

Result<BoundQuery> Binder::Impl::BindSelect(const Select& select, Scope* outer) {
  DepthGuard depth(&query_depth_, kMaxQueryDepth);
  if (!depth.ok()) {
    return Status::InvalidArgument("views, WITH tables and subqueries nested too deeply (maximum depth " +
                                   std::to_string(kMaxQueryDepth) + ")");
  }
  size_t cte_mark = ctes_.size();
  if (select.with) {
    if (select.with->recursive) return Status::InvalidArgument("recursive common table expressions are not supported");
    for (const CommonTableExpr& cte : select.with->ctes) ctes_.push_back(&cte);
  }
  struct CteGuard {
    std::vector<const CommonTableExpr*>* v;
    size_t mark;
    ~CteGuard() { v->resize(mark); }
  } guard{&ctes_, cte_mark};

  if (select.cores.size() == 1 && select.cores[0].kind == SelectCore::Kind::kSelect) {
    return BindCore(select.cores[0], outer, &select);
  }
  BoundQuery result;
  for (size_t i = 0; i < select.cores.size(); ++i) {
    const SelectCore& core = select.cores[i];
    Result<BoundQuery> q =
        core.kind == SelectCore::Kind::kValues ? BindValues(core, outer) : BindCore(core, outer, nullptr);
    if (!q.ok()) return q.status();
    if (i == 0) {
      result = std::move(*q);
      continue;
    }
    if (q->names.size() != result.names.size()) {
      return Status::InvalidArgument("SELECTs to the left and right of " +
                                     std::string(CompoundOpSql(select.ops[i - 1])) +
                                     " do not have the same number of result columns");
    }
    auto setop = std::make_shared<PlanNode>(PlanKind::kSetOp);
    setop->set_op = select.ops[i - 1];
    setop->children.push_back(result.plan);
    setop->children.push_back(q->plan);
    for (size_t c = 0; c < result.names.size(); ++c) setop->outputs.push_back(NewId());
    result.plan = setop;
  }
  SLUICE_RETURN_IF_ERROR(BindOrderByCompound(select, &result));
  if (select.limit) {
    auto limit = MakePlan(PlanKind::kLimit, result.plan);
    Scope empty;
    empty.parent = outer;
    ExprContext ctx{&empty};
    SLUICE_ASSIGN_OR_RETURN(limit->limit, BindExpr(*select.limit, ctx));
    if (select.offset) {
      SLUICE_ASSIGN_OR_RETURN(limit->offset, BindExpr(*select.offset, ctx));
    }
    result.plan = limit;
  }
  return result;
}

Status Binder::Impl::BindOrderByCompound(const Select& select, BoundQuery* query) {
  if (select.order_by.empty()) return Status::OK();
  if (select.order_by.size() > kMaxColumns) return Status::InvalidArgument("too many terms in ORDER BY clause");
  auto sort = MakePlan(PlanKind::kSort, query->plan);
  size_t n = query->names.size();
  for (size_t t = 0; t < select.order_by.size(); ++t) {
    const OrderingTerm& term = select.order_by[t];
    std::optional<Collation> explicit_coll;
    const Expr* e = StripCollate(*term.expr, &explicit_coll);
    int64_t column = -1;
    if (std::optional<int64_t> k = IntegerTerm(*term.expr)) {
      if (*k < 1 || *k > static_cast<int64_t>(n)) {
        return Status::InvalidArgument(Ordinal(t + 1) + " ORDER BY term out of range - should be between 1 and " +
                                       std::to_string(n));
      }
      column = *k - 1;
    } else {
      std::string_view text = Text(e->span);
      for (const SelectCore& core : select.cores) {
        if (column >= 0 || core.kind != SelectCore::Kind::kSelect) continue;
        for (size_t c = 0; c < core.columns.size() && column < 0; ++c) {
          const ResultColumn& rc = core.columns[c];
          if (rc.kind != ResultColumn::Kind::kExpr) continue;
          if (e->kind == ExprKind::kColumnRef && e->As<ColumnRefExpr>().table.empty() && rc.has_alias &&
              NameEqualsNoCase(rc.alias, e->As<ColumnRefExpr>().column)) {
            column = static_cast<int64_t>(c);
          } else if (NameEqualsNoCase(Text(rc.expr->span), text)) {
            column = static_cast<int64_t>(c);
          } else if (e->kind == ExprKind::kColumnRef && rc.expr->kind == ExprKind::kColumnRef &&
                     NameEqualsNoCase(rc.expr->As<ColumnRefExpr>().column, e->As<ColumnRefExpr>().column) &&
                     (e->As<ColumnRefExpr>().table.empty() ||
                      NameEqualsNoCase(rc.expr->As<ColumnRefExpr>().table, e->As<ColumnRefExpr>().table))) {
            column = static_cast<int64_t>(c);
          }
        }
      }
      if (column < 0) {
        return Status::InvalidArgument(Ordinal(t + 1) + " ORDER BY term does not match any column in the result set");
      }
    }
    SortKey key;
    key.collation = explicit_coll.value_or(query->collations[column]);
    key.expr = MakeColumnRef(query->plan->outputs[column], query->affinities[column], key.collation,
                             CollationSource::kExplicit);
    key.descending = term.order == SortOrder::kDesc;
    key.nulls_first = term.nulls == NullsOrder::kDefault ? !key.descending : term.nulls == NullsOrder::kFirst;
    sort->sort_keys.push_back(std::move(key));
  }
  query->plan = sort;
  return Status::OK();
}

Result<BoundQuery> Binder::Impl::BindValues(const SelectCore& core, Scope* outer) {
  Scope scope;
  scope.parent = outer;
  ExprContext ctx{&scope};
  auto values = std::make_shared<PlanNode>(PlanKind::kValues);
  BoundQuery q;
  size_t width = core.rows.empty() ? 0 : core.rows[0].size();
  if (width > kMaxColumns) return Status::InvalidArgument("too many columns in result set");
  // Sized up front: a one-row INSERT binds this on every statement.
  values->rows.reserve(core.rows.size());
  values->outputs.reserve(width);
  q.affinities.reserve(width);
  q.collations.reserve(width);
  q.names.reserve(width);
  q.decl_types.reserve(width);
  for (const ExprList& row : core.rows) {
    if (row.size() != width) return Status::InvalidArgument("all VALUES must have the same number of terms");
    std::vector<BoundExprPtr> bound;
    bound.reserve(width);
    for (const ExprPtr& e : row) {
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr b, BindExpr(*e, ctx));
      bound.push_back(std::move(b));
    }
    if (values->rows.empty()) {
      for (const BoundExprPtr& b : bound) {
        q.affinities.push_back(b->affinity);
        q.collations.push_back(b->collation_source != CollationSource::kNone ? b->collation : Collation::kBinary);
      }
    }
    values->rows.push_back(std::move(bound));
  }
  for (size_t c = 0; c < width; ++c) {
    values->outputs.push_back(NewId());
    q.names.push_back("column" + std::to_string(c + 1));
    q.decl_types.push_back("");
  }
  q.plan = values;
  return q;
}

Result<BoundQuery> Binder::Impl::BindCore(const SelectCore& core, Scope* outer, const Select* whole) {
  Scope scope;
  scope.parent = outer;
  PlanPtr plan;
  if (core.from) {
    scope.has_from = true;
    // Tables are counted per SELECT: a subquery in FROM counts its own.
    // A join of n tables is a left-deep tree n deep, and a subquery in
    // FROM sits under it: the tables of the FROM clauses being bound add
    // up to the depth of the plan, which the planner walks recursively.
    // (Past kMaxJoinTables, BindFrom stops at the 65th table with
    // sqlite3's message.)
    size_t n = std::min(CountFromTables(*core.from), kMaxJoinTables + 1);
    if (nested_from_tables_ + n > kMaxNestedFromTables) {
      return Status::InvalidArgument("joins nested too deeply (at most " + std::to_string(kMaxNestedFromTables) +
                                     " tables in the FROM clauses of nested queries)");
    }
    nested_from_tables_ += n;
    size_t saved_from_tables = from_tables_;
    from_tables_ = 0;
    Result<PlanPtr> from = BindFrom(*core.from, &scope, outer);
    from_tables_ = saved_from_tables;
    nested_from_tables_ -= n;
    if (!from.ok()) return from.status();
    plan = std::move(*from);
  } else {
    plan = std::make_shared<PlanNode>(PlanKind::kValues);
    plan->rows.emplace_back();
  }
  std::set<ColumnId> local(plan->outputs.begin(), plan->outputs.end());

  // Result columns.
  BoundQuery q;
  std::vector<BoundExprPtr> exprs;
  ExprContext select_ctx{&scope, true};
  scope.result_columns = &core.columns;
  for (const ResultColumn& rc : core.columns) {
    if (rc.kind == ResultColumn::Kind::kExpr) {
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr b, BindExpr(*rc.expr, select_ctx));
      std::string name;
      if (rc.has_alias) {
        name = rc.alias;
      } else if (rc.expr->kind == ExprKind::kColumnRef && b->kind == BoundKind::kColumn) {
        name = rc.expr->As<ColumnRefExpr>().column;
        for (const ScopeColumn& c : scope.columns) {
          if (c.id == b->column) {
            name = c.hidden ? name : c.name;
            break;
          }
        }
      } else {
        name = std::string(Text(rc.expr->span));
      }
      std::string decl;
      if (b->kind == BoundKind::kColumn) {
        for (const ScopeColumn& c : scope.columns) {
          if (c.id == b->column) decl = c.type_name;
        }
      }
      q.names.push_back(std::move(name));
      q.decl_types.push_back(std::move(decl));
      exprs.push_back(std::move(b));
      continue;
    }
    if (!scope.has_from) return Status::InvalidArgument("no tables specified");
    bool any = false;
    for (const ScopeColumn& c : scope.columns) {
      if (c.hidden || c.using_dup) continue;
      if (rc.kind == ResultColumn::Kind::kTableStar && !NameEqualsNoCase(c.table, rc.table)) continue;
      any = true;
      exprs.push_back(MakeColumnRef(c.id, c.affinity, c.collation, CollationSource::kColumn));
      NoteReference(c.id);
      q.names.push_back(c.name);
      q.decl_types.push_back(c.type_name);
    }
    if (rc.kind == ResultColumn::Kind::kTableStar && !any) {
      bool known = false;
      for (const std::string& t : scope.tables) known |= NameEqualsNoCase(t, rc.table);
      if (!known) return Status::InvalidArgument("no such table: " + rc.table);
    }
  }
  if (exprs.size() > kMaxColumns) return Status::InvalidArgument("too many columns in result set");
  for (const BoundExprPtr& e : exprs) {
    q.affinities.push_back(e->affinity);
    q.collations.push_back(e->collation_source != CollationSource::kNone ? e->collation : Collation::kBinary);
  }

  // WHERE (aliases usable, aggregates not).
  scope.aliases_enabled = true;
  if (core.where) {
    ExprContext ctx{&scope, false};
    SLUICE_ASSIGN_OR_RETURN(BoundExprPtr pred, BindExpr(*core.where, ctx));
    auto filter = MakePlan(PlanKind::kFilter, plan);
    filter->predicate = std::move(pred);
    plan = filter;
  }

  // GROUP BY.
  std::vector<BoundExprPtr> groups;
  if (core.group_by.size() > kMaxColumns) return Status::InvalidArgument("too many terms in GROUP BY clause");
  for (size_t i = 0; i < core.group_by.size(); ++i) {
    const Expr& term = *core.group_by[i];
    if (std::optional<int64_t> k = IntegerTerm(term)) {
      if (*k < 1 || *k > static_cast<int64_t>(exprs.size())) {
        return Status::InvalidArgument(Ordinal(i + 1) + " GROUP BY term out of range - should be between 1 and " +
                                       std::to_string(exprs.size()));
      }
      if (exprs[*k - 1]->kind == BoundKind::kAggregate) {
        return Status::InvalidArgument("aggregate functions are not allowed in the GROUP BY clause");
      }
      groups.push_back(exprs[*k - 1]->Clone());
      continue;
    }
    ExprContext ctx{&scope, false};
    Result<BoundExprPtr> g = BindExpr(term, ctx);
    if (!g.ok()) {
      if (g.status().message().rfind("misuse of aggregate", 0) == 0) {
        return Status::InvalidArgument("aggregate functions are not allowed in the GROUP BY clause");
      }
      return g.status();
    }
    groups.push_back(std::move(*g));
  }

  // HAVING.
  BoundExprPtr having;
  ExprContext having_ctx{&scope, true};
  if (core.having) {
    SLUICE_ASSIGN_OR_RETURN(having, BindExpr(*core.having, having_ctx));
  }

  // ORDER BY (single-core SELECT only; compounds sort after combining).
  std::vector<SortKey> sort_keys;
  std::vector<int> sort_columns;  // result column, or -1 for a hidden expression
  std::vector<BoundExprPtr> hidden;
  ExprContext order_ctx{&scope, true};
  if (whole != nullptr) {
    if (whole->order_by.size() > kMaxColumns) return Status::InvalidArgument("too many terms in ORDER BY clause");
    for (size_t t = 0; t < whole->order_by.size(); ++t) {
      const OrderingTerm& term = whole->order_by[t];
      std::optional<Collation> explicit_coll;
      const Expr* e = StripCollate(*term.expr, &explicit_coll);
      int column = -1;
      BoundExprPtr bound;
      if (e->kind == ExprKind::kColumnRef && e->As<ColumnRefExpr>().table.empty()) {
        for (size_t c = 0; c < core.columns.size(); ++c) {
          const ResultColumn& rc = core.columns[c];
          if (rc.kind == ResultColumn::Kind::kExpr && rc.has_alias &&
              NameEqualsNoCase(rc.alias, e->As<ColumnRefExpr>().column)) {
            column = static_cast<int>(c);
            break;
          }
        }
        if (column >= 0) {
          // `column` indexes core.columns; map it to `exprs`, which stars
          // before it may have widened.
          size_t pos = 0;
          for (size_t k = 0; k < core.columns.size(); ++k) {
            if (core.columns[k].kind == ResultColumn::Kind::kExpr) {
              if (static_cast<int>(k) == column) break;
              ++pos;
            } else {
              for (const ScopeColumn& sc : scope.columns) {
                if (sc.hidden || sc.using_dup) continue;
                if (core.columns[k].kind == ResultColumn::Kind::kTableStar &&
                    !NameEqualsNoCase(sc.table, core.columns[k].table)) {
                  continue;
                }
                ++pos;
              }
            }
          }
          column = static_cast<int>(pos);
        }
      }
      if (column < 0) {
        if (std::optional<int64_t> k = IntegerTerm(*term.expr)) {
          if (*k < 1 || *k > static_cast<int64_t>(exprs.size())) {
            return Status::InvalidArgument(Ordinal(t + 1) + " ORDER BY term out of range - should be between 1 and " +
                                           std::to_string(exprs.size()));
          }
          column = static_cast<int>(*k - 1);
        }
      }
      if (column < 0) {
        SLUICE_ASSIGN_OR_RETURN(bound, BindExpr(*term.expr, order_ctx));
        for (size_t c = 0; c < exprs.size(); ++c) {
          if (BoundExprEquals(*bound, *exprs[c])) {
            column = static_cast<int>(c);
            break;
          }
        }
      }
      SortKey key;
      key.descending = term.order == SortOrder::kDesc;
      key.nulls_first = term.nulls == NullsOrder::kDefault ? !key.descending : term.nulls == NullsOrder::kFirst;
      if (column >= 0) {
        key.collation = explicit_coll.value_or(q.collations[column]);
        sort_columns.push_back(column);
      } else {
        key.collation = explicit_coll.value_or(bound->collation_source != CollationSource::kNone ? bound->collation
                                                                                                 : Collation::kBinary);
        sort_columns.push_back(-1);
        hidden.push_back(std::move(bound));
      }
      sort_keys.push_back(std::move(key));
    }
  }

  bool aggregate =
      !groups.empty() || select_ctx.found_aggregate || having_ctx.found_aggregate || order_ctx.found_aggregate;
  if (having && !aggregate) return Status::InvalidArgument("HAVING clause on a non-aggregate query");
  if (aggregate) {
    auto agg = MakePlan(PlanKind::kAggregate, plan);
    AggregateRewrite rw;
    rw.groups = &groups;
    rw.local = local;
    rw.binder = this;
    for (size_t i = 0; i < groups.size(); ++i) rw.group_ids.push_back(NewId());
    for (BoundExprPtr& e : exprs) e = rw.Rewrite(std::move(e));
    if (having) having = rw.Rewrite(std::move(having));
    for (BoundExprPtr& e : hidden) e = rw.Rewrite(std::move(e));
    agg->outputs = rw.group_ids;
    agg->outputs.insert(agg->outputs.end(), rw.aggregate_ids.begin(), rw.aggregate_ids.end());
    agg->outputs.insert(agg->outputs.end(), rw.bare.begin(), rw.bare.end());
    agg->groups = std::move(groups);
    for (size_t i = 0; i < rw.aggregates.size(); ++i) {
      AggregateKind kind = *rw.aggregates[i]->function->aggregate;
      if (kind == AggregateKind::kMin || kind == AggregateKind::kMax) agg->minmax_aggregate = static_cast<int>(i);
    }
    agg->aggregates = std::move(rw.aggregates);
    agg->bare = rw.bare;
    plan = agg;
    if (having) {
      auto filter = MakePlan(PlanKind::kFilter, plan);
      filter->predicate = std::move(having);
      plan = filter;
    }
  }

  // Projection: result columns, then hidden ORDER BY expressions.
  size_t visible = exprs.size();
  auto project = std::make_shared<PlanNode>(PlanKind::kProject);
  project->children.push_back(plan);
  for (BoundExprPtr& e : exprs) {
    project->exprs.push_back(std::move(e));
    project->outputs.push_back(NewId());
  }
  for (BoundExprPtr& e : hidden) {
    project->exprs.push_back(std::move(e));
    project->outputs.push_back(NewId());
  }
  plan = project;
  if (core.distinct) {
    auto distinct = MakePlan(PlanKind::kDistinct, plan);
    distinct->limit_hint = static_cast<int64_t>(visible);  // key columns
    distinct->key_collation = q.collations;                // compared under these
    plan = distinct;
  }
  if (!sort_keys.empty()) {
    auto sort = MakePlan(PlanKind::kSort, plan);
    size_t next_hidden = visible;
    for (size_t k = 0; k < sort_keys.size(); ++k) {
      size_t col = sort_columns[k] >= 0 ? static_cast<size_t>(sort_columns[k]) : next_hidden++;
      sort_keys[k].expr =
          MakeColumnRef(project->outputs[col], Affinity::kNone, sort_keys[k].collation, CollationSource::kExplicit);
      sort->sort_keys.push_back(std::move(sort_keys[k]));
    }
    plan = sort;
  }
  if (whole != nullptr && whole->limit) {
    auto limit = MakePlan(PlanKind::kLimit, plan);
    Scope empty;
    empty.parent = outer;
    ExprContext ctx{&empty};
    SLUICE_ASSIGN_OR_RETURN(limit->limit, BindExpr(*whole->limit, ctx));
    if (whole->offset) {
      SLUICE_ASSIGN_OR_RETURN(limit->offset, BindExpr(*whole->offset, ctx));
    }
    plan = limit;
  }
  if (visible != project->outputs.size()) {
    auto trim = std::make_shared<PlanNode>(PlanKind::kProject);
    trim->children.push_back(plan);
    for (size_t c = 0; c < visible; ++c) {
      trim->exprs.push_back(
          MakeColumnRef(project->outputs[c], q.affinities[c], q.collations[c], CollationSource::kColumn));
      trim->outputs.push_back(NewId());
    }
    plan = trim;
  }
  q.plan = plan;
  return q;
}

}  // namespace sluice::sql

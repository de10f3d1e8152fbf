// The expression binder: AST Expr -> BoundExpr, with SQLite's name
// resolution (see binder.h), function lookup and aggregate checks.
#include <algorithm>
#include <cctype>
#include <ctime>

#include "sql/binder/binder_internal.h"
#include "sql/catalog/catalog.h"
#include "sql/value/arithmetic.h"

namespace sluice::sql {

void PropagateCollation(BoundExpr* node) {
  for (const BoundExprPtr& c : node->children) {
    if (c->collation_source == CollationSource::kExplicit) {
      node->collation = c->collation;
      node->collation_source = CollationSource::kExplicit;
      return;
    }
  }
}

namespace {

BoundExprPtr MakeNode(BoundKind kind, std::vector<BoundExprPtr> children, uint8_t op = 0) {
  auto e = std::make_unique<BoundExpr>(kind);
  e->op = op;
  e->children = std::move(children);
  return e;
}

std::vector<BoundExprPtr> Two(BoundExprPtr a, BoundExprPtr b) {
  std::vector<BoundExprPtr> v;
  v.push_back(std::move(a));
  v.push_back(std::move(b));
  return v;
}

std::string CurrentTimeText(LiteralKind kind) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  const char* fmt = kind == LiteralKind::kCurrentTime   ? "%H:%M:%S"
                    : kind == LiteralKind::kCurrentDate ? "%Y-%m-%d"
                                                        : "%Y-%m-%d %H:%M:%S";
  std::strftime(buf, sizeof(buf), fmt, &tm);
  return buf;
}

Value LiteralValue(const LiteralExpr& lit) {
  switch (lit.literal) {
    case LiteralKind::kNull: return Value();
    case LiteralKind::kInteger: return Value::Integer(lit.integer);
    case LiteralKind::kReal: return Value::Real(lit.real);
    case LiteralKind::kString: return Value::Text(lit.value);
    case LiteralKind::kBlob: return Value::Blob(lit.value);
    default: return Value::Text(CurrentTimeText(lit.literal));
  }
}

std::string FullName(const ColumnRefExpr& ref) {
  std::string s;
  if (!ref.schema.empty()) s += ref.schema + ".";
  if (!ref.table.empty()) s += ref.table + ".";
  return s + ref.column;
}

bool IsRowidName(std::string_view n) {
  return NameEqualsNoCase(n, "rowid") || NameEqualsNoCase(n, "oid") || NameEqualsNoCase(n, "_rowid_");
}

}  // namespace

void Binder::Impl::NoteReference(ColumnId id) {
  for (std::vector<ColumnId>* frame : ref_frames_) frame->push_back(id);
}

Result<BoundExprPtr> Binder::Impl::BindColumnRef(const ColumnRefExpr& ref, const Expr& expr, ExprContext& ctx) {
  // A statement binds in one database, as main (an ATTACHed database's
  // qualifier was removed when the statement was routed to it; there is
  // no temp schema): another schema names no column.
  if (!ref.schema.empty() && !NameEqualsNoCase(ref.schema, "main")) {
    return ErrorAt(expr, "no such column: " + FullName(ref));
  }
  for (Scope* s = ctx.scope; s != nullptr; s = s->parent) {
    const ScopeColumn* found = nullptr;
    int count = 0;
    bool table_found = ref.table.empty();
    for (int pass = 0; pass < 2 && count == 0; ++pass) {
      for (const ScopeColumn& c : s->columns) {
        if (c.hidden != (pass == 1)) continue;
        if (!ref.table.empty()) {
          if (!NameEqualsNoCase(c.table, ref.table)) continue;
          table_found = true;
        } else if (c.using_dup) {
          continue;
        }
        if (!NameEqualsNoCase(c.name, ref.column)) continue;
        if (found != nullptr && found->id == c.id) continue;
        if (found == nullptr) found = &c;
        ++count;
      }
    }
    (void)table_found;
    if (count > 1) return ErrorAt(expr, "ambiguous column name: " + FullName(ref));
    if (found != nullptr) {
      NoteReference(found->id);
      return MakeColumnRef(found->id, found->affinity, found->collation, CollationSource::kColumn);
    }
    // A result-column alias of this SELECT.
    if (ref.table.empty() && s->aliases_enabled && !s->expanding_alias && s->result_columns != nullptr) {
      for (const ResultColumn& rc : *s->result_columns) {
        if (rc.kind != ResultColumn::Kind::kExpr || !rc.has_alias || !NameEqualsNoCase(rc.alias, ref.column)) continue;
        ExprContext inner = ctx;
        inner.scope = s;
        s->expanding_alias = true;
        Result<BoundExprPtr> bound = BindExpr(*rc.expr, inner);
        s->expanding_alias = false;
        ctx.found_aggregate |= inner.found_aggregate;
        return bound;
      }
    }
  }
  if (ref.table.empty() && ref.schema.empty()) {
    if (ref.column_quote == QuoteStyle::kDouble) return MakeConstant(Value::Text(ref.column));
    if (ref.column_quote == QuoteStyle::kNone) {
      if (NameEqualsNoCase(ref.column, "true")) return MakeConstant(Value::Integer(1));
      if (NameEqualsNoCase(ref.column, "false")) return MakeConstant(Value::Integer(0));
    }
  }
  (void)IsRowidName;
  if (trigger_row_ != nullptr && ref.schema.empty() && !ref.table.empty()) {
    if (BoundExprPtr row_value = BindTriggerRowRef(ref)) return row_value;
  }
  return ErrorAt(expr, "no such column: " + FullName(ref));
}

Result<BoundExprPtr> Binder::Impl::BindSubquery(BoundKind kind, const Select& select, ExprContext& ctx,
                                                bool want_one_column) {
  if (prohibited_in_ != nullptr)
    return Status::InvalidArgument(std::string("subqueries prohibited in ") + prohibited_in_);
  std::vector<ColumnId> refs;
  ColumnId start = next_id_;
  ref_frames_.push_back(&refs);
  Result<BoundQuery> q = BindSelect(select, ctx.scope);
  ref_frames_.pop_back();
  if (!q.ok()) return q.status();
  if (want_one_column && q->names.size() != 1) {
    return Status::InvalidArgument("sub-select returns " + std::to_string(q->names.size()) + " columns - expected 1");
  }
  auto e = std::make_unique<BoundExpr>(kind);
  e->subquery = q->plan;
  std::sort(refs.begin(), refs.end());
  refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
  for (ColumnId id : refs) {
    if (id < start) e->correlated.push_back(id);
  }
  if (kind == BoundKind::kScalarSubquery) {
    e->affinity = q->affinities[0];
    // The subquery's column collation is not visible outside (SQLite keeps
    // it, but only for comparisons; rare enough to leave out).
  } else if (kind == BoundKind::kInSubquery) {
    e->affinity = q->affinities[0];  // the RHS affinity, used by the IN test
    e->collation = q->collations[0];
  }
  return e;
}

Result<BoundExprPtr> Binder::Impl::BindFunction(const FunctionExpr& fn, const Expr& expr, ExprContext& ctx) {
  int argc = fn.star ? 0 : static_cast<int>(fn.args.size());
  Result<const FunctionDef*> found = FunctionRegistry::BuiltIns().Lookup(fn.name, argc);
  if (!found.ok()) return ErrorAt(expr, found.status().message());
  const FunctionDef* def = *found;
  if (!def->deterministic && deterministic_only_) {
    return ErrorAt(expr, std::string("non-deterministic functions prohibited in ") + prohibited_in_);
  }
  if (def->is_aggregate()) {
    // sqlite3 words it so inside another aggregate and in schema expressions.
    if (ctx.inside_aggregate || prohibited_in_ != nullptr) {
      return ErrorAt(expr, "misuse of aggregate function " + fn.name + "()");
    }
    if (!ctx.allow_aggregates) return ErrorAt(expr, "misuse of aggregate: " + fn.name + "()");
    if (fn.distinct && argc != 1) {
      return Status::InvalidArgument("DISTINCT aggregates must have exactly one argument");
    }
    ExprContext inner = ctx;
    inner.inside_aggregate = true;
    auto e = std::make_unique<BoundExpr>(BoundKind::kAggregate);
    e->function = def;
    e->distinct = fn.distinct;
    for (const ExprPtr& a : fn.args) {
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr arg, BindExpr(*a, inner));
      e->children.push_back(std::move(arg));
    }
    if (*def->aggregate == AggregateKind::kMin || *def->aggregate == AggregateKind::kMax) {
      if (!e->children.empty() && e->children[0]->collation_source != CollationSource::kNone) {
        e->collation = e->children[0]->collation;
      }
    }
    ctx.found_aggregate = true;
    return e;
  }
  if (fn.distinct) {
    return Status::InvalidArgument("DISTINCT aggregates must have exactly one argument");
  }
  auto e = std::make_unique<BoundExpr>(BoundKind::kFunction);
  e->function = def;
  for (const ExprPtr& a : fn.args) {
    SLUICE_ASSIGN_OR_RETURN(BoundExprPtr arg, BindExpr(*a, ctx));
    e->children.push_back(std::move(arg));
  }
  for (const BoundExprPtr& c : e->children) {
    if (c->collation_source != CollationSource::kNone) {
      e->collation = c->collation;
      break;
    }
  }
  PropagateCollation(e.get());
  return e;
}

Result<BoundExprPtr> Binder::Impl::BindBinary(const BinaryExpr& b, ExprContext& ctx) {
  if (b.left->kind == ExprKind::kRowValue || b.right->kind == ExprKind::kRowValue) {
    return Status::InvalidArgument("row value misused");
  }
  SLUICE_ASSIGN_OR_RETURN(BoundExprPtr left, BindExpr(*b.left, ctx));
  SLUICE_ASSIGN_OR_RETURN(BoundExprPtr right, BindExpr(*b.right, ctx));
  BoundExprPtr e;
  switch (b.op) {
    case BinaryOp::kOr:
    case BinaryOp::kAnd: {
      BoundKind kind = b.op == BinaryOp::kOr ? BoundKind::kOr : BoundKind::kAnd;
      e = std::make_unique<BoundExpr>(kind);
      // Flatten chains: (a AND b) AND c has three children.
      for (BoundExprPtr* side : {&left, &right}) {
        if ((*side)->kind == kind) {
          for (BoundExprPtr& c : (*side)->children) e->children.push_back(std::move(c));
        } else {
          e->children.push_back(std::move(*side));
        }
      }
      break;
    }
    case BinaryOp::kEqual:
    case BinaryOp::kNotEqual:
    case BinaryOp::kLess:
    case BinaryOp::kLessEqual:
    case BinaryOp::kGreater:
    case BinaryOp::kGreaterEqual: {
      CompareOp op = b.op == BinaryOp::kEqual       ? CompareOp::kEq
                     : b.op == BinaryOp::kNotEqual  ? CompareOp::kNe
                     : b.op == BinaryOp::kLess      ? CompareOp::kLt
                     : b.op == BinaryOp::kLessEqual ? CompareOp::kLe
                     : b.op == BinaryOp::kGreater   ? CompareOp::kGt
                                                    : CompareOp::kGe;
      Collation coll = PairCollation(*left, *right);
      e = MakeNode(BoundKind::kCompare, Two(std::move(left), std::move(right)), static_cast<uint8_t>(op));
      PropagateCollation(e.get());
      if (e->collation_source == CollationSource::kNone) e->collation = coll;
      return e;
    }
    case BinaryOp::kIs:
    case BinaryOp::kIsNot: {
      Collation coll = PairCollation(*left, *right);
      e = MakeNode(BoundKind::kIs, Two(std::move(left), std::move(right)));
      e->negated = b.op == BinaryOp::kIsNot;
      PropagateCollation(e.get());
      if (e->collation_source == CollationSource::kNone) e->collation = coll;
      return e;
    }
    case BinaryOp::kBitAnd:
    case BinaryOp::kBitOr:
    case BinaryOp::kShiftLeft:
    case BinaryOp::kShiftRight: {
      BitOp op = b.op == BinaryOp::kBitAnd      ? BitOp::kAnd
                 : b.op == BinaryOp::kBitOr     ? BitOp::kOr
                 : b.op == BinaryOp::kShiftLeft ? BitOp::kShiftLeft
                                                : BitOp::kShiftRight;
      e = MakeNode(BoundKind::kBit, Two(std::move(left), std::move(right)), static_cast<uint8_t>(op));
      break;
    }
    case BinaryOp::kAdd:
    case BinaryOp::kSubtract:
    case BinaryOp::kMultiply:
    case BinaryOp::kDivide:
    case BinaryOp::kModulo: {
      ArithOp op = b.op == BinaryOp::kAdd        ? ArithOp::kAdd
                   : b.op == BinaryOp::kSubtract ? ArithOp::kSubtract
                   : b.op == BinaryOp::kMultiply ? ArithOp::kMultiply
                   : b.op == BinaryOp::kDivide   ? ArithOp::kDivide
                                                 : ArithOp::kRemainder;
      e = MakeNode(BoundKind::kArith, Two(std::move(left), std::move(right)), static_cast<uint8_t>(op));
      break;
    }
    case BinaryOp::kConcat: e = MakeNode(BoundKind::kConcat, Two(std::move(left), std::move(right))); break;
    case BinaryOp::kJsonExtract:
    case BinaryOp::kJsonExtractValue: return Status::InvalidArgument("no such function: json_extract");
  }
  PropagateCollation(e.get());
  return e;
}

Result<BoundExprPtr> Binder::Impl::BindExpr(const Expr& expr, ExprContext& ctx) {
  DepthGuard depth(&expr_depth_, kMaxExprDepth);
  if (!depth.ok()) {
    return Status::InvalidArgument("Expression tree is too large (maximum depth " + std::to_string(kMaxExprDepth) +
                                   ")");
  }
  switch (expr.kind) {
    case ExprKind::kLiteral: return MakeConstant(LiteralValue(expr.As<LiteralExpr>()));
    case ExprKind::kColumnRef: return BindColumnRef(expr.As<ColumnRefExpr>(), expr, ctx);
    case ExprKind::kParameter: {
      if (prohibited_in_ != nullptr) return ErrorAt(expr, std::string("parameters prohibited in ") + prohibited_in_);
      // Bound values are constants of this binding: the statement is bound
      // again when they change (sql/connection/bindable_statement.cc).
      const size_t slot = static_cast<size_t>(expr.As<ParameterExpr>().index) - 1;
      if (parameters_ == nullptr || slot >= parameters_->size()) return MakeConstant(Value());
      return MakeConstant((*parameters_)[slot]);
    }
    case ExprKind::kUnary: {
      const UnaryExpr& u = expr.As<UnaryExpr>();
      if (u.op == UnaryOp::kNegate && u.operand->kind == ExprKind::kLiteral) {
        const LiteralExpr& lit = u.operand->As<LiteralExpr>();
        if (lit.literal == LiteralKind::kReal && lit.text == "9223372036854775808") {
          return MakeConstant(Value::Integer(INT64_MIN));
        }
      }
      if (u.operand->kind == ExprKind::kRowValue) return Status::InvalidArgument("row value misused");
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr operand, BindExpr(*u.operand, ctx));
      if (u.op == UnaryOp::kPlus) {
        operand->affinity = Affinity::kNone;  // +x strips the column affinity
        return operand;
      }
      BoundKind kind = u.op == UnaryOp::kNegate   ? BoundKind::kNegate
                       : u.op == UnaryOp::kBitNot ? BoundKind::kBitNot
                                                  : BoundKind::kNot;
      std::vector<BoundExprPtr> children;
      children.push_back(std::move(operand));
      BoundExprPtr e = MakeNode(kind, std::move(children));
      PropagateCollation(e.get());
      return e;
    }
    case ExprKind::kBinary: return BindBinary(expr.As<BinaryExpr>(), ctx);
    case ExprKind::kNullTest: {
      const NullTestExpr& n = expr.As<NullTestExpr>();
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr operand, BindExpr(*n.operand, ctx));
      std::vector<BoundExprPtr> children;
      children.push_back(std::move(operand));
      BoundExprPtr e = MakeNode(BoundKind::kNullTest, std::move(children));
      e->negated = n.not_null;
      return e;
    }
    case ExprKind::kLike: {
      const LikeExpr& l = expr.As<LikeExpr>();
      if (l.op == LikeOp::kRegexp) return Status::InvalidArgument("no such function: REGEXP");
      if (l.op == LikeOp::kMatch) return Status::InvalidArgument("no such function: MATCH");
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr left, BindExpr(*l.left, ctx));
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr pattern, BindExpr(*l.pattern, ctx));
      BoundExprPtr e = MakeNode(l.op == LikeOp::kGlob ? BoundKind::kGlob : BoundKind::kLike,
                                Two(std::move(left), std::move(pattern)));
      if (l.escape) {
        SLUICE_ASSIGN_OR_RETURN(BoundExprPtr esc, BindExpr(*l.escape, ctx));
        e->children.push_back(std::move(esc));
      }
      e->negated = l.negated;
      return e;
    }
    case ExprKind::kBetween: {
      const BetweenExpr& b = expr.As<BetweenExpr>();
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr operand, BindExpr(*b.operand, ctx));
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr low, BindExpr(*b.low, ctx));
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr high, BindExpr(*b.high, ctx));
      auto e = std::make_unique<BoundExpr>(BoundKind::kBetween);
      e->children.push_back(std::move(operand));
      e->children.push_back(std::move(low));
      e->children.push_back(std::move(high));
      e->negated = b.negated;
      return e;
    }
    case ExprKind::kInList: {
      const InListExpr& in = expr.As<InListExpr>();
      if (in.operand->kind == ExprKind::kRowValue) return Status::InvalidArgument("row value misused");
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr operand, BindExpr(*in.operand, ctx));
      auto e = std::make_unique<BoundExpr>(BoundKind::kInList);
      e->negated = in.negated;
      e->collation = operand->collation;
      e->children.push_back(std::move(operand));
      for (const ExprPtr& item : in.list) {
        if (item->kind == ExprKind::kRowValue) return Status::InvalidArgument("row value misused");
        SLUICE_ASSIGN_OR_RETURN(BoundExprPtr v, BindExpr(*item, ctx));
        e->children.push_back(std::move(v));
      }
      return e;
    }
    case ExprKind::kInSelect: {
      const InSelectExpr& in = expr.As<InSelectExpr>();
      if (in.operand->kind == ExprKind::kRowValue) return Status::InvalidArgument("row value misused");
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr operand, BindExpr(*in.operand, ctx));
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr e, BindSubquery(BoundKind::kInSubquery, *in.select, ctx, true));
      e->negated = in.negated;
      // Comparison affinity and collation of `x IN (SELECT y ...)`.
      Affinity rhs = e->affinity;
      e->cast_target = ComparisonAffinity(operand->affinity, rhs);
      e->affinity = Affinity::kNone;
      if (operand->collation_source != CollationSource::kNone) e->collation = operand->collation;
      e->children.push_back(std::move(operand));
      return e;
    }
    case ExprKind::kInTable: {
      const InTableExpr& in = expr.As<InTableExpr>();
      if (in.has_args) return Status::InvalidArgument("no such table: " + in.table);
      // x IN t  ==  x IN (SELECT * FROM t)
      Select select;
      SelectCore core;
      ResultColumn star;
      star.kind = ResultColumn::Kind::kStar;
      core.columns.push_back(std::move(star));
      core.from = std::make_unique<FromClause>();
      FromItem item;
      item.table = std::make_unique<TableRef>(TableRef::Kind::kTable);
      item.table->name = in.table;
      core.from->items.push_back(std::move(item));
      select.cores.push_back(std::move(core));
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr operand, BindExpr(*in.operand, ctx));
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr e, BindSubquery(BoundKind::kInSubquery, select, ctx, true));
      e->negated = in.negated;
      e->cast_target = ComparisonAffinity(operand->affinity, e->affinity);
      e->affinity = Affinity::kNone;
      if (operand->collation_source != CollationSource::kNone) e->collation = operand->collation;
      e->children.push_back(std::move(operand));
      return e;
    }
    case ExprKind::kExists: {
      return BindSubquery(BoundKind::kExists, *expr.As<ExistsExpr>().select, ctx, false);
    }
    case ExprKind::kSubquery:
      return BindSubquery(BoundKind::kScalarSubquery, *expr.As<SubqueryExpr>().select, ctx, true);
    case ExprKind::kCase: {
      const CaseExpr& c = expr.As<CaseExpr>();
      auto e = std::make_unique<BoundExpr>(BoundKind::kCase);
      if (c.operand) {
        SLUICE_ASSIGN_OR_RETURN(BoundExprPtr operand, BindExpr(*c.operand, ctx));
        e->has_operand = true;
        e->children.push_back(std::move(operand));
      }
      for (const CaseWhen& w : c.whens) {
        SLUICE_ASSIGN_OR_RETURN(BoundExprPtr when, BindExpr(*w.when, ctx));
        SLUICE_ASSIGN_OR_RETURN(BoundExprPtr then, BindExpr(*w.then, ctx));
        e->children.push_back(std::move(when));
        e->children.push_back(std::move(then));
      }
      if (c.else_result) {
        SLUICE_ASSIGN_OR_RETURN(BoundExprPtr other, BindExpr(*c.else_result, ctx));
        e->has_else = true;
        e->children.push_back(std::move(other));
      }
      return e;
    }
    case ExprKind::kCast: {
      const CastExpr& c = expr.As<CastExpr>();
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr operand, BindExpr(*c.operand, ctx));
      auto e = std::make_unique<BoundExpr>(BoundKind::kCast);
      e->cast_target = AffinityFromTypeName(c.type_name);
      if (e->cast_target == Affinity::kNone) e->cast_target = Affinity::kBlob;
      e->affinity = e->cast_target;
      e->collation = operand->collation;
      e->collation_source = operand->collation_source;
      e->children.push_back(std::move(operand));
      return e;
    }
    case ExprKind::kFunction: return BindFunction(expr.As<FunctionExpr>(), expr, ctx);
    case ExprKind::kCollate: {
      const CollateExpr& c = expr.As<CollateExpr>();
      SLUICE_ASSIGN_OR_RETURN(Collation coll, CollationFromName(c.collation));
      SLUICE_ASSIGN_OR_RETURN(BoundExprPtr operand, BindExpr(*c.operand, ctx));
      operand->collation = coll;
      operand->collation_source = CollationSource::kExplicit;
      return operand;
    }
    case ExprKind::kRowValue: return Status::InvalidArgument("row value misused");
    case ExprKind::kRaise:
      if (trigger_row_ != nullptr) return BindRaise(expr.As<RaiseExpr>(), ctx);
      return Status::InvalidArgument("RAISE() may only be used within a trigger-program");
  }
  return Status::Internal("unknown expression kind");
}

}  // namespace sluice::sql

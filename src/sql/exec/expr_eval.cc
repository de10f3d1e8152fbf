// ExprEvaluator (expr_eval.h): row-at-a-time evaluation over sql/value.
#include "sql/exec/expr_eval.h"

#include "sql/exec/operator.h"
#include "sql/value/arithmetic.h"
#include "sql/value/cast.h"
#include "sql/value/logic.h"
#include "sql/function/pattern.h"
#include "sql/function/scalar_functions.h"

namespace sluice::sql {

namespace {

Value Bool(bool b) { return Value::Integer(b ? 1 : 0); }

}  // namespace

Result<const SubqueryResult*> ExprEvaluator::RunSubquery(const BoundExpr& e, const RowRef& row) {
  ctx_->frames.push_back({layout_, row});
  struct Pop {
    ExecContext* ctx;
    ~Pop() { ctx->frames.pop_back(); }
  } pop{ctx_};
  std::vector<Value> key;
  key.reserve(e.correlated.size());
  for (ColumnId id : e.correlated) {
    const Value* v = ctx_->FindOuter(id);
    key.push_back(v != nullptr ? v->Owned() : Value());
  }
  auto& cache = ctx_->subquery_cache[&e];
  auto it = cache.find(key);
  if (it != cache.end()) return it->second.get();
  if (ctx_->depth > 200) return Status::InvalidArgument("too many levels of nested subqueries");
  ++ctx_->depth;
  auto result = std::make_shared<SubqueryResult>();
  OperatorPtr op = MakeOperator(*e.subquery, ctx_);
  DataChunk chunk;
  Status status;
  while (true) {
    Result<bool> more = op->Next(&chunk);
    if (!more.ok()) {
      status = more.status();
      break;
    }
    if (!*more) break;
    if (chunk.empty()) continue;
    if (!result->exists) {
      result->exists = true;
      if (chunk.column_count() > 0) result->scalar = chunk.at(0, 0).Owned();
    }
    if (e.kind != BoundKind::kInSubquery) break;
    for (size_t r = 0; r < chunk.size(); ++r) {
      const Value& v = chunk.at(0, r);
      if (v.is_null()) {
        result->has_null = true;
        continue;
      }
      Value key_value = ApplyComparisonAffinity(e.cast_target, v).Owned();
      result->hash.emplace(HashValue(key_value, e.collation), result->values.size());
      result->values.push_back(std::move(key_value));
    }
  }
  --ctx_->depth;
  if (!status.ok()) return status;
  const SubqueryResult* out = result.get();
  cache.emplace(std::move(key), std::move(result));
  return out;
}

Result<Value> ExprEvaluator::Eval(const BoundExpr& e, const RowRef& row) {
  auto child = [&](size_t i) { return Eval(*e.children[i], row); };
  switch (e.kind) {
    case BoundKind::kConstant: return e.constant;
    case BoundKind::kColumn: {
      if (e.slot >= 0) return row.at(static_cast<size_t>(e.slot));
      const Value* v = ctx_->FindOuter(e.column);
      if (v == nullptr) return Status::Internal("unresolved column reference");
      return *v;
    }
    case BoundKind::kNot: {
      SLUICE_ASSIGN_OR_RETURN(Value v, child(0));
      return LogicalNot(v);
    }
    case BoundKind::kNegate: {
      SLUICE_ASSIGN_OR_RETURN(Value v, child(0));
      return Negate(v);
    }
    case BoundKind::kBitNot: {
      SLUICE_ASSIGN_OR_RETURN(Value v, child(0));
      return BitNot(v);
    }
    case BoundKind::kArith:
    case BoundKind::kBit:
    case BoundKind::kConcat:
    case BoundKind::kCompare:
    case BoundKind::kIs: {
      SLUICE_ASSIGN_OR_RETURN(Value a, child(0));
      SLUICE_ASSIGN_OR_RETURN(Value b, child(1));
      switch (e.kind) {
        case BoundKind::kArith: return Arithmetic(static_cast<ArithOp>(e.op), a, b);
        case BoundKind::kBit: return BitOperation(static_cast<BitOp>(e.op), a, b);
        case BoundKind::kConcat: return Concat(a, b);
        case BoundKind::kCompare:
          return EvaluateComparison(static_cast<CompareOp>(e.op), a, b, e.children[0]->affinity,
                                    e.children[1]->affinity, e.collation);
        default: return EvaluateIs(a, b, e.negated, e.children[0]->affinity, e.children[1]->affinity, e.collation);
      }
    }
    case BoundKind::kAnd:
    case BoundKind::kOr: {
      bool is_and = e.kind == BoundKind::kAnd;
      bool unknown = false;
      for (const BoundExprPtr& c : e.children) {
        SLUICE_ASSIGN_OR_RETURN(Value v, Eval(*c, row));
        TriBool t = Truthiness(v);
        if (t == TriBool::kUnknown) {
          unknown = true;
        } else if ((t == TriBool::kTrue) != is_and) {
          return Bool(!is_and);
        }
      }
      return unknown ? Value() : Bool(is_and);
    }
    case BoundKind::kNullTest: {
      SLUICE_ASSIGN_OR_RETURN(Value v, child(0));
      return Bool(v.is_null() != e.negated);
    }
    case BoundKind::kLike:
    case BoundKind::kGlob: {
      SLUICE_ASSIGN_OR_RETURN(Value text, child(0));
      SLUICE_ASSIGN_OR_RETURN(Value pattern, child(1));
      Result<Value> r = Value();
      const bool case_sensitive =
          ctx_ != nullptr && ctx_->connection != nullptr && ctx_->connection->case_sensitive_like;
      if (e.kind == BoundKind::kGlob) {
        r = EvaluateGlob(text, pattern);
      } else if (e.children.size() > 2) {
        SLUICE_ASSIGN_OR_RETURN(Value esc, child(2));
        r = EvaluateLike(text, pattern, &esc, case_sensitive);
      } else {
        r = EvaluateLike(text, pattern, nullptr, case_sensitive);
      }
      if (!r.ok() || !e.negated) return r;
      return LogicalNot(*r);
    }
    case BoundKind::kBetween: {
      SLUICE_ASSIGN_OR_RETURN(Value x, child(0));
      SLUICE_ASSIGN_OR_RETURN(Value lo, child(1));
      SLUICE_ASSIGN_OR_RETURN(Value hi, child(2));
      const BoundExpr& ex = *e.children[0];
      Value a = EvaluateComparison(CompareOp::kGe, x, lo, ex.affinity, e.children[1]->affinity,
                                   PairCollation(ex, *e.children[1]));
      Value b = EvaluateComparison(CompareOp::kLe, x, hi, ex.affinity, e.children[2]->affinity,
                                   PairCollation(ex, *e.children[2]));
      Value r = LogicalAnd(a, b);
      return e.negated ? LogicalNot(r) : r;
    }
    case BoundKind::kInList: {
      if (e.children.size() == 1) return Bool(e.negated);
      SLUICE_ASSIGN_OR_RETURN(Value x, child(0));
      bool unknown = x.is_null();
      bool found = false;
      if (!unknown) {
        const BoundExpr& ex = *e.children[0];
        for (size_t i = 1; i < e.children.size() && !found; ++i) {
          SLUICE_ASSIGN_OR_RETURN(Value item, child(i));
          Value c = EvaluateComparison(CompareOp::kEq, x, item, ex.affinity, Affinity::kNone,
                                       PairCollation(ex, *e.children[i]));
          if (c.is_null()) {
            unknown = true;
          } else if (c.integer() != 0) {
            found = true;
          }
        }
      }
      if (found) return Bool(!e.negated);
      if (unknown) return Value();
      return Bool(e.negated);
    }
    case BoundKind::kInSubquery: {
      SLUICE_ASSIGN_OR_RETURN(const SubqueryResult* r, RunSubquery(e, row));
      if (!r->exists) return Bool(e.negated);
      SLUICE_ASSIGN_OR_RETURN(Value x, child(0));
      if (x.is_null()) return Value();
      Value key = ApplyComparisonAffinity(e.cast_target, x);
      auto range = r->hash.equal_range(HashValue(key, e.collation));
      for (auto it = range.first; it != range.second; ++it) {
        if (CompareValues(r->values[it->second], key, e.collation) == 0) return Bool(!e.negated);
      }
      if (r->has_null) return Value();
      return Bool(e.negated);
    }
    case BoundKind::kExists: {
      SLUICE_ASSIGN_OR_RETURN(const SubqueryResult* r, RunSubquery(e, row));
      return Bool(r->exists != e.negated);
    }
    case BoundKind::kScalarSubquery: {
      SLUICE_ASSIGN_OR_RETURN(const SubqueryResult* r, RunSubquery(e, row));
      return r->scalar;
    }
    case BoundKind::kCase: {
      size_t i = 0;
      Value base;
      if (e.has_operand) {
        SLUICE_ASSIGN_OR_RETURN(base, child(0));
        i = 1;
      }
      size_t end = e.children.size() - (e.has_else ? 1 : 0);
      for (; i + 2 <= end; i += 2) {
        SLUICE_ASSIGN_OR_RETURN(Value when, child(i));
        bool hit;
        if (e.has_operand) {
          Value c = EvaluateComparison(CompareOp::kEq, base, when, e.children[0]->affinity, e.children[i]->affinity,
                                       PairCollation(*e.children[0], *e.children[i]));
          hit = IsTrue(c);
        } else {
          hit = IsTrue(when);
        }
        if (hit) return child(i + 1);
      }
      if (e.has_else) return child(e.children.size() - 1);
      return Value();
    }
    case BoundKind::kCast: {
      SLUICE_ASSIGN_OR_RETURN(Value v, child(0));
      return CastValue(v, e.cast_target);
    }
    case BoundKind::kFunction: {
      ScalarFunction fn = e.function->scalar;
      if (fn == &fn::Coalesce) {
        for (size_t i = 0; i < e.children.size(); ++i) {
          SLUICE_ASSIGN_OR_RETURN(Value v, child(i));
          if (!v.is_null() || i + 1 == e.children.size()) return v;
        }
        return Value();
      }
      if (fn == &fn::Iif) {
        SLUICE_ASSIGN_OR_RETURN(Value c, child(0));
        return IsTrue(c) ? child(1) : child(2);
      }
      Value args[8];
      std::vector<Value> many;
      Value* argv = args;
      if (e.children.size() > 8) {
        many.resize(e.children.size());
        argv = many.data();
      }
      for (size_t i = 0; i < e.children.size(); ++i) {
        SLUICE_ASSIGN_OR_RETURN(argv[i], child(i));
      }
      FunctionContext fctx;
      fctx.collation = e.collation;
      fctx.connection = ctx_ != nullptr ? ctx_->connection : nullptr;
      return fn(fctx, std::span<const Value>(argv, e.children.size()));
    }
    case BoundKind::kAggregate: return Status::Internal("aggregate evaluated outside an aggregate node");
    case BoundKind::kRowValue: return Status::InvalidArgument("row value misused");
  }
  return Status::Internal("unknown bound expression");
}

Result<Value> EvaluateConstant(const BoundExpr& e, ExecContext* ctx) {
  static const std::vector<ColumnId> kNoColumns;
  ExprEvaluator eval(ctx, &kNoColumns);
  RowRef row;
  return eval.Eval(e, row);
}

}  // namespace sluice::sql

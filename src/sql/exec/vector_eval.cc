// Column-at-a-time expression evaluation (expr_eval.h). Each kernel runs
// over the whole chunk and takes the common cases inline — INTEGER with
// INTEGER, TEXT with TEXT where no numeric affinity applies — and calls
// the sql/value function the row path uses for everything else, so the
// two paths cannot disagree. Operators whose operands are all constant are
// computed once and broadcast.
#include <span>

#include "sql/exec/expr_eval.h"
#include "sql/value/arithmetic.h"
#include "sql/value/cast.h"
#include "sql/value/logic.h"
#include "sql/function/scalar_functions.h"

namespace sluice::sql {

namespace {

bool IsLazyFunction(const BoundExpr& e) {
  return e.function->scalar == &fn::Coalesce || e.function->scalar == &fn::Iif;
}

// True when evaluating `e` can neither fail nor run a subquery, so it may
// be evaluated for rows where SQLite's AND/OR would have stopped early.
bool CannotFail(const BoundExpr& e) {
  switch (e.kind) {
    case BoundKind::kConstant:
    case BoundKind::kColumn:
    case BoundKind::kNot:
    case BoundKind::kNegate:
    case BoundKind::kBitNot:
    case BoundKind::kArith:
    case BoundKind::kBit:
    case BoundKind::kCompare:
    case BoundKind::kIs:
    case BoundKind::kAnd:
    case BoundKind::kOr:
    case BoundKind::kNullTest:
    case BoundKind::kBetween:
    case BoundKind::kCast:
      for (const BoundExprPtr& c : e.children) {
        if (!CannotFail(*c)) return false;
      }
      return true;
    default: return false;
  }
}

inline TriBool Truth(const Value& v) {
  if (v.is_integer()) return v.integer() != 0 ? TriBool::kTrue : TriBool::kFalse;
  if (v.is_null()) return TriBool::kUnknown;
  return Truthiness(v);
}

inline bool Holds(CompareOp op, int c) {
  switch (op) {
    case CompareOp::kEq: return c == 0;
    case CompareOp::kNe: return c != 0;
    case CompareOp::kLt: return c < 0;
    case CompareOp::kLe: return c <= 0;
    case CompareOp::kGt: return c > 0;
    case CompareOp::kGe: return c >= 0;
  }
  return false;
}

// a OP b as EvaluateComparison(), with the INTEGER and plain TEXT cases inline.
struct Comparer {
  CompareOp op;
  Affinity left;
  Affinity right;
  Collation collation;
  bool text_inline;  // no numeric affinity: TEXT vs TEXT is a plain text compare

  Comparer(CompareOp o, Affinity l, Affinity r, Collation c)
      : op(o), left(l), right(r), collation(c), text_inline(!IsNumericAffinity(l) && !IsNumericAffinity(r)) {}

  Value operator()(const Value& x, const Value& y) const {
    if (x.is_integer() && y.is_integer()) {
      return Value::Integer(Holds(op, CompareInt64s(x.integer(), y.integer())) ? 1 : 0);
    }
    if (text_inline && x.is_text() && y.is_text()) {
      int c = collation == Collation::kBinary ? CompareTextBinary(x.bytes(), y.bytes())
                                              : CompareText(x.bytes(), y.bytes(), collation);
      return Value::Integer(Holds(op, c) ? 1 : 0);
    }
    return EvaluateComparison(op, x, y, left, right, collation);
  }

  // The truth of x OP y with OP known at compile time: the per-row body of
  // the comparison kernels (CompareRows, ComparePairsAs).
  template <CompareOp kOp>
  TriBool TruthAs(const Value& x, const Value& y) const {
    if (x.is_integer() && y.is_integer()) {
      return Holds(kOp, CompareInt64s(x.integer(), y.integer())) ? TriBool::kTrue : TriBool::kFalse;
    }
    if (text_inline && collation == Collation::kBinary && x.is_text() && y.is_text()) {
      return Holds(kOp, CompareTextBinary(x.bytes(), y.bytes())) ? TriBool::kTrue : TriBool::kFalse;
    }
    return Truth((*this)(x, y));
  }
};

inline Value ArithInline(ArithOp op, const Value& x, const Value& y) {
  if (x.is_integer() && y.is_integer()) {
    Value out;
    if (IntegerArithmetic(op, x.integer(), y.integer(), &out)) return out;
  }
  return Arithmetic(op, x, y);
}

}  // namespace

std::vector<Value>& ExprEvaluator::Scratch(size_t n) {
  if (scratch_used_ == scratch_.size()) scratch_.push_back(std::make_unique<std::vector<Value>>());
  std::vector<Value>& v = *scratch_[scratch_used_++];
  v.resize(n);
  return v;
}

Status ExprEvaluator::EvalColumn(const BoundExpr& e, const DataChunk& in, std::vector<Value>* out) {
  size_t mark = scratch_used_;
  Result<ColumnView> view = EvalVector(e, in);
  if (view.ok()) {
    size_t n = in.size();
    if (view->constant) {
      out->assign(n, view->data[0]);
    } else {
      out->assign(view->data, view->data + n);
    }
  }
  scratch_used_ = mark;
  return view.status();
}

Result<ColumnView> ExprEvaluator::EvalView(const BoundExpr& e, const DataChunk& in) { return EvalVector(e, in); }

// WHERE a AND b AND ...: each conjunct is evaluated only on the rows where
// the ones before it were not false — the rows SQLite's left-to-right AND
// evaluates it on — so a failing conjunct fails exactly when SQLite's does.
Status ExprEvaluator::SelectTrue(const BoundExpr& e, const DataChunk& in, std::vector<uint32_t>* rows) {
  size_t n = in.size();
  rows->resize(n);
  for (size_t i = 0; i < n; ++i) (*rows)[i] = static_cast<uint32_t>(i);
  size_t mark = scratch_used_;
  std::vector<TriBool> truth(n);
  std::vector<uint8_t> saw_null;
  bool is_and = e.kind == BoundKind::kAnd;
  size_t parts = is_and ? e.children.size() : 1;
  Status status;
  for (size_t p = 0; p < parts && !rows->empty(); ++p) {
    const BoundExpr& part = is_and ? *e.children[p] : e;
    status = Classify(part, in, rows->data(), rows->size(), truth.data());
    if (!status.ok()) break;
    uint32_t* sel = rows->data();
    size_t count = rows->size();
    bool any_null = false;
    for (size_t i = 0; i < count; ++i) any_null |= truth[i] == TriBool::kUnknown;
    if (any_null) {
      if (saw_null.empty()) saw_null.assign(n, 0);
      for (size_t i = 0; i < count; ++i) {
        if (truth[i] == TriBool::kUnknown) saw_null[sel[i]] = 1;
      }
    }
    size_t kept = 0;
    for (size_t i = 0; i < count; ++i) {
      sel[kept] = sel[i];
      kept += truth[i] != TriBool::kFalse ? 1 : 0;
    }
    rows->resize(kept);
  }
  scratch_used_ = mark;
  if (!status.ok()) return status;
  if (!saw_null.empty()) {
    size_t kept = 0;
    for (uint32_t r : *rows) {
      if (!saw_null[r]) (*rows)[kept++] = r;
    }
    rows->resize(kept);
  }
  return Status::OK();
}

namespace {

template <CompareOp kOp>
void CompareRows(const Comparer& cmp, ColumnView a, ColumnView b, const uint32_t* rows, size_t n, TriBool* out) {
  if (!a.constant && b.constant && b.data[0].is_integer()) {
    // column OP integer constant: the common WHERE term.
    int64_t k = b.data[0].integer();
    const Value* x = a.data;
    for (size_t i = 0; i < n; ++i) {
      const Value& v = x[rows[i]];
      if (v.is_integer()) {
        out[i] = Holds(kOp, CompareInt64s(v.integer(), k)) ? TriBool::kTrue : TriBool::kFalse;
      } else {
        out[i] = Truth(cmp(v, b.data[0]));
      }
    }
    return;
  }
  for (size_t i = 0; i < n; ++i) out[i] = cmp.TruthAs<kOp>(a[rows[i]], b[rows[i]]);
}

template <CompareOp kOp>
void ComparePairsAs(const Comparer& cmp, const Value* a, const uint32_t* a_rows, const Value* b, const uint32_t* b_rows,
                    size_t n, uint8_t* keep) {
  for (size_t i = 0; i < n; ++i) {
    keep[i] = cmp.TruthAs<kOp>(a[a_rows[i]], b[b_rows[i]]) == TriBool::kTrue ? 1 : 0;
  }
}

}  // namespace

void ComparePairs(const BoundExpr& e, const Value* a, const uint32_t* a_rows, const Value* b, const uint32_t* b_rows,
                  size_t n, uint8_t* keep) {
  CompareOp op = static_cast<CompareOp>(e.op);
  Comparer cmp(op, e.children[0]->affinity, e.children[1]->affinity, e.collation);
  switch (op) {
    case CompareOp::kEq: ComparePairsAs<CompareOp::kEq>(cmp, a, a_rows, b, b_rows, n, keep); break;
    case CompareOp::kNe: ComparePairsAs<CompareOp::kNe>(cmp, a, a_rows, b, b_rows, n, keep); break;
    case CompareOp::kLt: ComparePairsAs<CompareOp::kLt>(cmp, a, a_rows, b, b_rows, n, keep); break;
    case CompareOp::kLe: ComparePairsAs<CompareOp::kLe>(cmp, a, a_rows, b, b_rows, n, keep); break;
    case CompareOp::kGt: ComparePairsAs<CompareOp::kGt>(cmp, a, a_rows, b, b_rows, n, keep); break;
    case CompareOp::kGe: ComparePairsAs<CompareOp::kGe>(cmp, a, a_rows, b, b_rows, n, keep); break;
  }
}

Status ExprEvaluator::Classify(const BoundExpr& e, const DataChunk& in, const uint32_t* rows, size_t n, TriBool* out) {
  if (e.kind == BoundKind::kCompare && CannotFail(e)) {
    SLUICE_ASSIGN_OR_RETURN(ColumnView a, EvalVector(*e.children[0], in));
    SLUICE_ASSIGN_OR_RETURN(ColumnView b, EvalVector(*e.children[1], in));
    CompareOp op = static_cast<CompareOp>(e.op);
    Comparer cmp(op, e.children[0]->affinity, e.children[1]->affinity, e.collation);
    switch (op) {
      case CompareOp::kEq: CompareRows<CompareOp::kEq>(cmp, a, b, rows, n, out); break;
      case CompareOp::kNe: CompareRows<CompareOp::kNe>(cmp, a, b, rows, n, out); break;
      case CompareOp::kLt: CompareRows<CompareOp::kLt>(cmp, a, b, rows, n, out); break;
      case CompareOp::kLe: CompareRows<CompareOp::kLe>(cmp, a, b, rows, n, out); break;
      case CompareOp::kGt: CompareRows<CompareOp::kGt>(cmp, a, b, rows, n, out); break;
      case CompareOp::kGe: CompareRows<CompareOp::kGe>(cmp, a, b, rows, n, out); break;
    }
    return Status::OK();
  }
  if (CannotFail(e) || n == in.size()) {
    // Evaluating every row is unobservable (or asked for).
    SLUICE_ASSIGN_OR_RETURN(ColumnView v, EvalVector(e, in));
    for (size_t i = 0; i < n; ++i) out[i] = Truth(v[rows[i]]);
    return Status::OK();
  }
  RowRef row = ChunkRow(in, 0);
  for (size_t i = 0; i < n; ++i) {
    row.left_row = rows[i];
    SLUICE_ASSIGN_OR_RETURN(Value v, Eval(e, row));
    out[i] = Truth(v);
  }
  return Status::OK();
}

Result<ColumnView> ExprEvaluator::EvalRows(const BoundExpr& e, const DataChunk& in) {
  size_t n = in.size();
  std::vector<Value>& out = Scratch(n);
  RowRef row = ChunkRow(in, 0);
  for (size_t r = 0; r < n; ++r) {
    row.left_row = r;
    SLUICE_ASSIGN_OR_RETURN(out[r], Eval(e, row));
  }
  return ColumnView{out.data(), false};
}

Result<ColumnView> ExprEvaluator::EvalVector(const BoundExpr& e, const DataChunk& in) {
  switch (e.kind) {
    case BoundKind::kConstant: return ColumnView{&e.constant, true};
    case BoundKind::kColumn: {
      if (e.slot >= 0 && static_cast<size_t>(e.slot) < in.column_count()) {
        return ColumnView{in.data(static_cast<size_t>(e.slot)), false};
      }
      if (e.slot >= 0) return Status::Internal("column slot out of range");
      const Value* v = ctx_->FindOuter(e.column);
      if (v == nullptr) return Status::Internal("unresolved column reference");
      return ColumnView{v, true};
    }
    case BoundKind::kNot:
    case BoundKind::kNegate:
    case BoundKind::kBitNot:
    case BoundKind::kNullTest:
    case BoundKind::kCast: {
      SLUICE_ASSIGN_OR_RETURN(ColumnView a, EvalVector(*e.children[0], in));
      size_t n = a.constant ? 1 : in.size();
      std::vector<Value>& out = Scratch(n);
      for (size_t i = 0; i < n; ++i) {
        const Value& x = a[i];
        switch (e.kind) {
          case BoundKind::kNot: out[i] = TriBoolToValue(Not(Truth(x))); break;
          case BoundKind::kNegate:
            out[i] = x.is_integer() && x.integer() != INT64_MIN ? Value::Integer(-x.integer()) : Negate(x);
            break;
          case BoundKind::kBitNot: out[i] = BitNot(x); break;
          case BoundKind::kNullTest: out[i] = Value::Integer(x.is_null() != e.negated ? 1 : 0); break;
          default: out[i] = CastValue(x, e.cast_target); break;
        }
      }
      return ColumnView{out.data(), a.constant};
    }
    case BoundKind::kArith:
    case BoundKind::kBit:
    case BoundKind::kConcat:
    case BoundKind::kCompare:
    case BoundKind::kIs: {
      SLUICE_ASSIGN_OR_RETURN(ColumnView a, EvalVector(*e.children[0], in));
      SLUICE_ASSIGN_OR_RETURN(ColumnView b, EvalVector(*e.children[1], in));
      bool constant = a.constant && b.constant;
      size_t n = constant ? 1 : in.size();
      std::vector<Value>& out = Scratch(n);
      Affinity la = e.children[0]->affinity, ra = e.children[1]->affinity;
      switch (e.kind) {
        case BoundKind::kArith: {
          ArithOp op = static_cast<ArithOp>(e.op);
          for (size_t i = 0; i < n; ++i) out[i] = ArithInline(op, a[i], b[i]);
          break;
        }
        case BoundKind::kBit:
          for (size_t i = 0; i < n; ++i) out[i] = BitOperation(static_cast<BitOp>(e.op), a[i], b[i]);
          break;
        case BoundKind::kConcat:
          for (size_t i = 0; i < n; ++i) {
            SLUICE_ASSIGN_OR_RETURN(out[i], Concat(a[i], b[i]));
          }
          break;
        case BoundKind::kCompare: {
          Comparer cmp(static_cast<CompareOp>(e.op), la, ra, e.collation);
          for (size_t i = 0; i < n; ++i) out[i] = cmp(a[i], b[i]);
          break;
        }
        default:
          for (size_t i = 0; i < n; ++i) out[i] = EvaluateIs(a[i], b[i], e.negated, la, ra, e.collation);
          break;
      }
      return ColumnView{out.data(), constant};
    }
    case BoundKind::kBetween: {
      SLUICE_ASSIGN_OR_RETURN(ColumnView x, EvalVector(*e.children[0], in));
      SLUICE_ASSIGN_OR_RETURN(ColumnView lo, EvalVector(*e.children[1], in));
      SLUICE_ASSIGN_OR_RETURN(ColumnView hi, EvalVector(*e.children[2], in));
      bool constant = x.constant && lo.constant && hi.constant;
      size_t n = constant ? 1 : in.size();
      std::vector<Value>& out = Scratch(n);
      const BoundExpr& ex = *e.children[0];
      Comparer ge(CompareOp::kGe, ex.affinity, e.children[1]->affinity, PairCollation(ex, *e.children[1]));
      Comparer le(CompareOp::kLe, ex.affinity, e.children[2]->affinity, PairCollation(ex, *e.children[2]));
      for (size_t i = 0; i < n; ++i) {
        TriBool t = And(Truth(ge(x[i], lo[i])), Truth(le(x[i], hi[i])));
        out[i] = TriBoolToValue(e.negated ? Not(t) : t);
      }
      return ColumnView{out.data(), constant};
    }
    case BoundKind::kAnd:
    case BoundKind::kOr: {
      if (!CannotFail(e)) return EvalRows(e, in);
      bool is_and = e.kind == BoundKind::kAnd;
      size_t n = in.size();
      std::vector<Value>& out = Scratch(n);
      std::vector<TriBool> acc(n, is_and ? TriBool::kTrue : TriBool::kFalse);
      for (const BoundExprPtr& c : e.children) {
        SLUICE_ASSIGN_OR_RETURN(ColumnView v, EvalVector(*c, in));
        for (size_t i = 0; i < n; ++i) acc[i] = is_and ? And(acc[i], Truth(v[i])) : Or(acc[i], Truth(v[i]));
      }
      for (size_t i = 0; i < n; ++i) out[i] = TriBoolToValue(acc[i]);
      return ColumnView{out.data(), false};
    }
    case BoundKind::kFunction: {
      if (IsLazyFunction(e) || e.children.size() > 8) return EvalRows(e, in);
      ColumnView args[8];
      for (size_t k = 0; k < e.children.size(); ++k) {
        SLUICE_ASSIGN_OR_RETURN(args[k], EvalVector(*e.children[k], in));
      }
      size_t n = in.size();
      std::vector<Value>& out = Scratch(n);
      Value argv[8];
      FunctionContext fctx;
      fctx.collation = e.collation;
      fctx.connection = ctx_ != nullptr ? ctx_->connection : nullptr;
      std::span<const Value> span(argv, e.children.size());
      for (size_t i = 0; i < n; ++i) {
        for (size_t k = 0; k < e.children.size(); ++k) argv[k] = Value::ViewOf(args[k][i]);
        SLUICE_ASSIGN_OR_RETURN(out[i], e.function->scalar(fctx, span));
      }
      return ColumnView{out.data(), false};
    }
    default: return EvalRows(e, in);
  }
}

}  // namespace sluice::sql

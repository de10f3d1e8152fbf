// SQL arithmetic with SQLite 3.40's semantics (see arithmetic.h).
#include "sql/value/arithmetic.h"

#include <cstring>
#include <string>

#include "sql/value/conversion.h"
#include "sql/value/length_limit.h"
#include "sql/value/numeric_text.h"

namespace sluice::sql {

bool RemDouble(double a, double b, double* out) {
  int64_t ia = RealToInt64(a);
  int64_t ib = RealToInt64(b);
  int64_t r;
  if (RemInt64(ia, ib, &r) != IntDivOutcome::kOk) return false;
  *out = static_cast<double>(r);
  return true;
}

int64_t ShiftLeftInt64(int64_t a, int64_t amount) {
  if (amount == 0) return a;
  if (amount < 0) return ShiftRightInt64(a, amount > -64 ? -amount : 64);
  if (amount >= 64) return 0;
  uint64_t u;
  std::memcpy(&u, &a, sizeof(u));
  u <<= amount;
  std::memcpy(&a, &u, sizeof(a));
  return a;
}

int64_t ShiftRightInt64(int64_t a, int64_t amount) {
  if (amount == 0) return a;
  if (amount < 0) return ShiftLeftInt64(a, amount > -64 ? -amount : 64);
  if (amount >= 64) return a >= 0 ? 0 : -1;
  uint64_t u;
  std::memcpy(&u, &a, sizeof(u));
  u >>= amount;
  if (a < 0) u |= ~uint64_t{0} << (64 - amount);
  std::memcpy(&a, &u, sizeof(a));
  return a;
}

namespace {

Value RealArithmetic(ArithOp op, const Value& a, const Value& b) {
  double x = ValueToDouble(a);
  double y = ValueToDouble(b);
  double r = 0.0;
  switch (op) {
    case ArithOp::kAdd: r = x + y; break;
    case ArithOp::kSubtract: r = x - y; break;
    case ArithOp::kMultiply: r = x * y; break;
    case ArithOp::kDivide:
      if (y == 0.0) return Value();
      r = x / y;
      break;
    case ArithOp::kRemainder: {
      int64_t ix = ValueToInt64(a), iy = ValueToInt64(b), ir;
      if (RemInt64(ix, iy, &ir) != IntDivOutcome::kOk) return Value();
      r = static_cast<double>(ir);
      break;
    }
  }
  return Value::Real(r);  // NaN -> NULL
}

}  // namespace

Value Arithmetic(ArithOp op, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  const Value* x = &a;
  const Value* y = &b;
  Value xa, ya;
  if (!a.is_numeric()) {
    xa = ArithmeticOperand(a);
    x = &xa;
  }
  if (!b.is_numeric()) {
    ya = ArithmeticOperand(b);
    y = &ya;
  }
  if (x->is_integer() && y->is_integer()) {
    Value out;
    if (IntegerArithmetic(op, x->integer(), y->integer(), &out)) return out;
  }
  // The REAL path reads the original operands again, as SQLite does: for %
  // that is their integer prefix ('1e3' % 7 is 1 % 7).
  return RealArithmetic(op, a, b);
}

Value Negate(const Value& a) { return Subtract(Value::Integer(0), a); }

Value BitOperation(BitOp op, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  int64_t x = ValueToInt64(a), y = ValueToInt64(b);
  switch (op) {
    case BitOp::kAnd: return Value::Integer(x & y);
    case BitOp::kOr: return Value::Integer(x | y);
    case BitOp::kShiftLeft: return Value::Integer(ShiftLeftInt64(x, y));
    case BitOp::kShiftRight: return Value::Integer(ShiftRightInt64(x, y));
  }
  return Value();
}

Value BitNot(const Value& a) {
  if (a.is_null()) return Value();
  return Value::Integer(~ValueToInt64(a));
}

Result<Value> Concat(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  std::string out;
  AppendTextForm(a, &out);
  // Checked before the second copy: two values at the limit must not
  // take twice its memory.
  size_t b_size = b.is_text() || b.is_blob() ? b.bytes().size() : 0;
  if (ExceedsMaxValueLength(uint64_t{out.size()} + b_size)) return TooBigError();
  AppendTextForm(b, &out);
  if (ExceedsMaxValueLength(out.size())) return TooBigError();
  return Value::Text(out);
}

}  // namespace sluice::sql

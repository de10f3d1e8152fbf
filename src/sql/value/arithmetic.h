// SQL arithmetic, bit and concatenation operators with SQLite's semantics,
// both as per-element kernels on primitive types (for vectorized executors:
// no allocation, no virtual calls, no UB on overflow) and on Values.
//
// Rules (SQLite 3.40, OP_Add ... OP_Remainder, OP_BitAnd ..., OP_Concat):
//   - NULL in, NULL out (for every operator here).
//   - TEXT/BLOB operands are first read as numbers by ArithmeticOperand()
//     ('3abc' -> 3, 'abc' -> 0, '1.5' -> 1.5).
//   - INTEGER op INTEGER for + - * stays INTEGER unless it overflows, then
//     the operation is redone in REAL (9223372036854775807 + 1 = 9.22e18).
//   - INTEGER / INTEGER truncates toward zero; INT64_MIN / -1 goes REAL.
//   - x / 0 and x % 0 are NULL (also 0.0; and % by a REAL whose integer
//     part is 0, e.g. 5 % 0.5).
//   - % with a REAL operand: both operands are converted to INTEGER (by
//     truncation), the remainder is taken and returned as REAL (5.5 % 2 =
//     1.0). The sign follows the dividend (-5 % 3 = -2).
//   - A REAL result that is NaN becomes NULL (Inf - Inf).
//   - Bit operators convert operands to INTEGER (2.7 -> 2, '3' -> 3);
//     shifting by a negative amount shifts the other way; by >= 64 gives 0
//     (or -1 for a right shift of a negative value).
//   - || joins the text forms (REAL as "%!.15g", so 1.0 || 'x' = '1.0x').
#ifndef SLUICE_SQL_VALUE_ARITHMETIC_H_
#define SLUICE_SQL_VALUE_ARITHMETIC_H_

#include <cstdint>

#include "sluice/result.h"
#include "sql/value/value.h"

namespace sluice::sql {

// ---- Kernels on primitives. Each returns false when the INTEGER result
// does not exist (overflow: redo in REAL; or division by zero: NULL).

// a + b, a - b, a * b; false on int64 overflow.
inline bool AddInt64(int64_t a, int64_t b, int64_t* out) { return !__builtin_add_overflow(a, b, out); }
inline bool SubInt64(int64_t a, int64_t b, int64_t* out) { return !__builtin_sub_overflow(a, b, out); }
inline bool MulInt64(int64_t a, int64_t b, int64_t* out) { return !__builtin_mul_overflow(a, b, out); }

// Outcome of INTEGER / and %.
enum class IntDivOutcome : uint8_t { kOk, kNull, kUseReal };
// a / b truncating; kNull for b == 0, kUseReal for INT64_MIN / -1.
inline IntDivOutcome DivInt64(int64_t a, int64_t b, int64_t* out) {
  if (b == 0) return IntDivOutcome::kNull;
  if (b == -1 && a == INT64_MIN) return IntDivOutcome::kUseReal;
  *out = a / b;
  return IntDivOutcome::kOk;
}
// a % b; kNull for b == 0 (x % -1 is 0, also for INT64_MIN).
inline IntDivOutcome RemInt64(int64_t a, int64_t b, int64_t* out) {
  if (b == 0) return IntDivOutcome::kNull;
  if (b == -1) b = 1;
  *out = a % b;
  return IntDivOutcome::kOk;
}
// REAL a / b; false (NULL) when b == 0 or the quotient is NaN.
inline bool DivDouble(double a, double b, double* out) {
  if (b == 0.0) return false;
  *out = a / b;
  return *out == *out;
}
// SQLite's REAL remainder: both operands truncated to int64 (saturating),
// result as REAL; false (NULL) when the divisor truncates to 0.
bool RemDouble(double a, double b, double* out);

// Shifts with SQLite's rules for negative and large shift amounts.
int64_t ShiftLeftInt64(int64_t a, int64_t amount);
int64_t ShiftRightInt64(int64_t a, int64_t amount);

// ---- Operators on Values (never fail: errors in SQLite's arithmetic are NULLs).
enum class ArithOp : uint8_t { kAdd, kSubtract, kMultiply, kDivide, kRemainder };
Value Arithmetic(ArithOp op, const Value& a, const Value& b);

// INTEGER op INTEGER when the answer needs no REAL arithmetic: sets *out
// (the INTEGER, or NULL for x / 0 and x % 0) and returns true; false when
// the operation must be redone in REAL (overflow, INT64_MIN / -1).
// Arithmetic() uses it, and so do vectorized kernels.
inline bool IntegerArithmetic(ArithOp op, int64_t i, int64_t j, Value* out) {
  int64_t r = 0;
  switch (op) {
    case ArithOp::kAdd:
      if (!AddInt64(i, j, &r)) return false;
      break;
    case ArithOp::kSubtract:
      if (!SubInt64(i, j, &r)) return false;
      break;
    case ArithOp::kMultiply:
      if (!MulInt64(i, j, &r)) return false;
      break;
    case ArithOp::kDivide:
      switch (DivInt64(i, j, &r)) {
        case IntDivOutcome::kOk: break;
        case IntDivOutcome::kNull: *out = Value(); return true;
        case IntDivOutcome::kUseReal: return false;
      }
      break;
    case ArithOp::kRemainder:
      if (RemInt64(i, j, &r) != IntDivOutcome::kOk) {
        *out = Value();
        return true;
      }
      break;
  }
  *out = Value::Integer(r);
  return true;
}
inline Value Add(const Value& a, const Value& b) { return Arithmetic(ArithOp::kAdd, a, b); }
inline Value Subtract(const Value& a, const Value& b) { return Arithmetic(ArithOp::kSubtract, a, b); }
inline Value Multiply(const Value& a, const Value& b) { return Arithmetic(ArithOp::kMultiply, a, b); }
inline Value Divide(const Value& a, const Value& b) { return Arithmetic(ArithOp::kDivide, a, b); }
inline Value Remainder(const Value& a, const Value& b) { return Arithmetic(ArithOp::kRemainder, a, b); }

// Unary minus: SQLite computes 0 - x, so -'abc' is 0, -'1.5' is -1.5 and
// -(-9223372036854775808) is REAL 9.22337203685478e+18. (A negative numeric
// literal such as -9223372036854775808 is the parser's to fold.)
Value Negate(const Value& a);

enum class BitOp : uint8_t { kAnd, kOr, kShiftLeft, kShiftRight };
Value BitOperation(BitOp op, const Value& a, const Value& b);
Value BitNot(const Value& a);

// a || b: NULL if either is NULL, else TEXT of both text forms;
// `string or blob too big` past MaxValueLength() (length_limit.h).
Result<Value> Concat(const Value& a, const Value& b);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_VALUE_ARITHMETIC_H_

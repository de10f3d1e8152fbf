// Three-valued logic: SQLite's truthiness of a value and NOT / AND / OR with
// NULL as "unknown".
//
// Truthiness (sqlite3VdbeBooleanValue): NULL is unknown; INTEGER is true
// when non-zero; anything else is converted to REAL by its numeric prefix and
// is true when non-zero: '1abc' and '0.5' are true, 'abc', '' and x'30' false.
#ifndef SLUICE_SQL_VALUE_LOGIC_H_
#define SLUICE_SQL_VALUE_LOGIC_H_

#include <cstdint>

#include "sql/value/value.h"

namespace sluice::sql {

enum class TriBool : uint8_t { kFalse = 0, kTrue = 1, kUnknown = 2 };

TriBool Truthiness(const Value& v);
// True only for kTrue: the test of WHERE, HAVING, ON, CASE WHEN.
inline bool IsTrue(const Value& v) { return Truthiness(v) == TriBool::kTrue; }

inline TriBool Not(TriBool a) {
  return a == TriBool::kUnknown ? a : (a == TriBool::kTrue ? TriBool::kFalse : TriBool::kTrue);
}
inline TriBool And(TriBool a, TriBool b) {
  if (a == TriBool::kFalse || b == TriBool::kFalse) return TriBool::kFalse;
  if (a == TriBool::kUnknown || b == TriBool::kUnknown) return TriBool::kUnknown;
  return TriBool::kTrue;
}
inline TriBool Or(TriBool a, TriBool b) {
  if (a == TriBool::kTrue || b == TriBool::kTrue) return TriBool::kTrue;
  if (a == TriBool::kUnknown || b == TriBool::kUnknown) return TriBool::kUnknown;
  return TriBool::kFalse;
}

// INTEGER 0 / 1, or NULL for unknown.
Value TriBoolToValue(TriBool t);

// The SQL operators on values: results are INTEGER 0/1 or NULL.
Value LogicalNot(const Value& a);
Value LogicalAnd(const Value& a, const Value& b);
Value LogicalOr(const Value& a, const Value& b);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_VALUE_LOGIC_H_

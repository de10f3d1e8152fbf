// Three-valued logic with SQLite's truthiness (see logic.h).
#include "sql/value/logic.h"

#include "sql/value/conversion.h"

namespace sluice::sql {

TriBool Truthiness(const Value& v) {
  switch (v.type()) {
    case StorageClass::kNull: return TriBool::kUnknown;
    case StorageClass::kInteger: return v.integer() != 0 ? TriBool::kTrue : TriBool::kFalse;
    default: return ValueToDouble(v) != 0.0 ? TriBool::kTrue : TriBool::kFalse;
  }
}

Value TriBoolToValue(TriBool t) {
  if (t == TriBool::kUnknown) return Value();
  return Value::Integer(t == TriBool::kTrue ? 1 : 0);
}

Value LogicalNot(const Value& a) { return TriBoolToValue(Not(Truthiness(a))); }
Value LogicalAnd(const Value& a, const Value& b) { return TriBoolToValue(And(Truthiness(a), Truthiness(b))); }
Value LogicalOr(const Value& a, const Value& b) { return TriBoolToValue(Or(Truthiness(a), Truthiness(b))); }

}  // namespace sluice::sql

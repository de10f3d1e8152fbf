// Type affinity: SQLite's per-column preference for a storage class, how a
// declared type name maps to one, how a value is coerced on the way into a
// column (or by a CAST-derived expression), and which affinity a binary
// comparison applies to its operands.
//
// Affinity::kNone is "an expression without affinity" (a literal, an
// arithmetic result): it differs from kBlob, the affinity of a column
// declared without a type, only in comparisons (ComparisonAffinity).
//
// Column affinity (ApplyColumnAffinity), per SQLite's applyAffinity():
//   TEXT     INTEGER and REAL become their text (1.5 -> '1.5', 1e20 -> '1.0e+20').
//   NUMERIC, INTEGER
//            TEXT that is wholly a number (spaces around allowed, no hex)
//            becomes INTEGER when it is an integer in range or a REAL with
//            an exact int64 value ('3.0' -> 3, '1e3' -> 1000), else REAL;
//            a REAL with an exact int64 value becomes INTEGER.
//   REAL     as NUMERIC, then INTEGER becomes REAL (SQLite stores it as an
//            integer but always reads it back as REAL).
//   BLOB     nothing changes.
// NULL and BLOB values are never converted.
#ifndef SLUICE_SQL_VALUE_AFFINITY_H_
#define SLUICE_SQL_VALUE_AFFINITY_H_

#include <string_view>

#include "sql/value/value.h"

namespace sluice::sql {

// In SQLite's order (SQLITE_AFF_NONE < BLOB < TEXT < NUMERIC < INTEGER < REAL).
enum class Affinity : uint8_t {
  kNone = 0,
  kBlob,
  kText,
  kNumeric,
  kInteger,
  kReal,
};

std::string_view AffinityName(Affinity affinity);  // "NONE", "BLOB", "TEXT", ...

inline bool IsNumericAffinity(Affinity a) { return a >= Affinity::kNumeric; }

// The affinity of a column declared with type name `declared_type`
// (sqlite3AffinityType): contains "INT" -> INTEGER; else "CHAR", "CLOB" or
// "TEXT" -> TEXT; else "BLOB" or empty -> BLOB; else "REAL", "FLOA" or
// "DOUB" -> REAL; else NUMERIC. Case-insensitive, first rule that matches
// wins ("FLOATING POINT" is INTEGER, "CHARINT" is INTEGER).
Affinity AffinityFromTypeName(std::string_view declared_type);

// The value `v` takes when stored in a column of affinity `affinity`.
Value ApplyColumnAffinity(Affinity affinity, const Value& v);

// The affinity SQLite applies to both operands of = <> < <= > >= IS, IN,
// BETWEEN (sqlite3CompareAffinity), given each operand's expression affinity
// (kNone for non-column expressions):
//   both have affinity (columns, CASTs): NUMERIC if either is numeric, else BLOB;
//   otherwise: the affinity of the one that has it (kNone when neither).
Affinity ComparisonAffinity(Affinity left, Affinity right);

// Applies a comparison affinity to one operand: numeric affinities turn
// wholly-numeric TEXT into a number ('1.0' -> 1.0, ' 1' -> 1); TEXT affinity
// turns a number into text. BLOB/NONE change nothing.
Value ApplyComparisonAffinity(Affinity affinity, const Value& v);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_VALUE_AFFINITY_H_

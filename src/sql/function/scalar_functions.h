// The built-in scalar SQL functions with SQLite 3.40's semantics, as plain
// function pointers the executor calls per row (or per element) without
// virtual dispatch. Look them up by name and arity in FunctionRegistry
// (function_registry.h); the registry checks arity, so each function may
// assume its argument count is one the registry allows.
//
// Conventions: arguments are read with SQLite's conversions (conversion.h):
// a number where text is wanted is its text form, text where a number is
// wanted is its numeric prefix. Results that are strings are owning Values.
// Errors (expected failures, the messages are SQLite's) come back as a
// Status: "integer overflow" (abs), "string or blob too big" (zeroblob,
// randomblob), "ESCAPE expression must be a single character" (like).
#ifndef SLUICE_SQL_FUNCTION_SCALAR_FUNCTIONS_H_
#define SLUICE_SQL_FUNCTION_SCALAR_FUNCTIONS_H_

#include <span>

#include "sluice/result.h"
#include "sql/function/connection_state.h"
#include "sql/value/compare.h"
#include "sql/value/value.h"

namespace sluice::sql {

// Per-call context from the executor.
struct FunctionContext {
  // The collating sequence of the arguments (min(), max(), nullif(),
  // instr is always binary): that of the first argument with one, as SQLite.
  Collation collation = Collation::kBinary;
  // The running statement's connection (changes(), last_insert_rowid(),
  // case_sensitive_like); null where none is (constant folding, tests):
  // those functions then see a fresh connection's zeros.
  const ConnectionState* connection = nullptr;
};

using ScalarFunction = Result<Value> (*)(const FunctionContext& ctx, std::span<const Value> args);

namespace fn {
Result<Value> Abs(const FunctionContext&, std::span<const Value> args);
Result<Value> Changes(const FunctionContext&, std::span<const Value> args);  // connection_functions.cc
Result<Value> Char(const FunctionContext&, std::span<const Value> args);
Result<Value> Coalesce(const FunctionContext&, std::span<const Value> args);  // also ifnull
Result<Value> Glob(const FunctionContext&, std::span<const Value> args);      // glob(pattern, text)
Result<Value> Hex(const FunctionContext&, std::span<const Value> args);
Result<Value> Iif(const FunctionContext&, std::span<const Value> args);
Result<Value> Instr(const FunctionContext&, std::span<const Value> args);
Result<Value> LastInsertRowid(const FunctionContext&, std::span<const Value> args);  // connection_functions.cc
Result<Value> Length(const FunctionContext&, std::span<const Value> args);
Result<Value> Like(const FunctionContext&, std::span<const Value> args);    // like(pattern, text[, esc])
Result<Value> Likely(const FunctionContext&, std::span<const Value> args);  // likely/unlikely/likelihood
Result<Value> Lower(const FunctionContext&, std::span<const Value> args);
Result<Value> LTrim(const FunctionContext&, std::span<const Value> args);
Result<Value> Max(const FunctionContext&, std::span<const Value> args);  // scalar, >= 2 args
Result<Value> Min(const FunctionContext&, std::span<const Value> args);  // scalar, >= 2 args
Result<Value> NullIf(const FunctionContext&, std::span<const Value> args);
Result<Value> Printf(const FunctionContext&, std::span<const Value> args);  // also format (printf_function.cc)
Result<Value> Quote(const FunctionContext&, std::span<const Value> args);
Result<Value> Random(const FunctionContext&, std::span<const Value> args);
Result<Value> RandomBlob(const FunctionContext&, std::span<const Value> args);
Result<Value> Replace(const FunctionContext&, std::span<const Value> args);
Result<Value> Round(const FunctionContext&, std::span<const Value> args);
Result<Value> Sign(const FunctionContext&, std::span<const Value> args);
Result<Value> RTrim(const FunctionContext&, std::span<const Value> args);
Result<Value> SqliteVersion(const FunctionContext&, std::span<const Value> args);  // connection_functions.cc
Result<Value> Substr(const FunctionContext&, std::span<const Value> args);         // also substring
Result<Value> TotalChanges(const FunctionContext&, std::span<const Value> args);   // connection_functions.cc
Result<Value> Trim(const FunctionContext&, std::span<const Value> args);
Result<Value> TypeOf(const FunctionContext&, std::span<const Value> args);
Result<Value> Unicode(const FunctionContext&, std::span<const Value> args);
Result<Value> Upper(const FunctionContext&, std::span<const Value> args);
Result<Value> ZeroBlob(const FunctionContext&, std::span<const Value> args);
}  // namespace fn

// Kernels usable without Values.
// round(x, digits) on a double, SQLite's way (half away from zero for
// digits == 0, else via its printf "%.*f" and back). digits is clamped to
// [0, 30].
double RoundDouble(double x, int digits);
// SQLite's quote() of a value: 'it''s', X'00FF', NULL, 12, 1.5.
std::string QuoteValue(const Value& v);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_FUNCTION_SCALAR_FUNCTIONS_H_

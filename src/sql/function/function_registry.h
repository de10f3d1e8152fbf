// FunctionRegistry: the built-in SQL functions by name and arity, for the
// binder. A name may have several definitions told apart by arity: min(x)
// and max(x) are aggregates, min(x, y, ...) and max(...) scalars.
//
// Lookup errors carry SQLite's messages with the name as the query spelled
// it: "no such function: FOO", "wrong number of arguments to function abs()".
// The built-in registry is immutable after construction and safe to share
// between threads.
#ifndef SLUICE_SQL_FUNCTION_FUNCTION_REGISTRY_H_
#define SLUICE_SQL_FUNCTION_FUNCTION_REGISTRY_H_

#include <optional>
#include <string_view>
#include <vector>

#include "sluice/result.h"
#include "sql/function/aggregates.h"
#include "sql/function/scalar_functions.h"

namespace sluice::sql {

struct FunctionDef {
  static constexpr int kVariadic = -1;

  std::string_view name;  // lower case
  int min_args;
  int max_args;                            // kVariadic: no upper bound
  bool deterministic;                      // false for random(), randomblob()
  ScalarFunction scalar = nullptr;         // set for scalar functions
  std::optional<AggregateKind> aggregate;  // set for aggregates

  bool is_aggregate() const { return aggregate.has_value(); }
  bool AcceptsArity(int n) const { return n >= min_args && (max_args == kVariadic || n <= max_args); }
};

class FunctionRegistry {
 public:
  // The SQLite built-ins this module implements.
  static const FunctionRegistry& BuiltIns();

  // The definition of `name` (case-insensitive) taking `arg_count`
  // arguments. count(*) is looked up as count with 0 arguments.
  Result<const FunctionDef*> Lookup(std::string_view name, int arg_count) const;

  // Whether any definition of `name` exists (e.g. to tell an aggregate use).
  bool Contains(std::string_view name) const;

  const std::vector<FunctionDef>& definitions() const { return defs_; }

  void Add(FunctionDef def) { defs_.push_back(def); }

 private:
  std::vector<FunctionDef> defs_;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_FUNCTION_FUNCTION_REGISTRY_H_

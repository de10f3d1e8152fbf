// The built-in aggregate functions with SQLite 3.40's semantics, as
// accumulators with Step / Merge / Finalize. The concrete classes are
// non-virtual for hash-aggregation kernels; Aggregator is the type-erased
// form the generic executor path and the function registry use.
//
// Call order: construct (= init), Step() once per input row, optionally
// Merge() other partial states of the same kind (parallel local -> combine),
// Finalize() once. Accumulators copy what they keep (Values are made owning),
// so Step() arguments may borrow batch memory.
//
// Semantics:
//   count(x)   rows where x is not NULL; count(*) all rows. INTEGER.
//   sum(x)     NULLs ignored; TEXT that is wholly numeric counts as its number
//              ('3' is INTEGER 3), other TEXT/BLOB as the REAL of its prefix.
//              INTEGER while every input is an INTEGER (error "integer
//              overflow" when that sum leaves int64); REAL once any input is
//              not an INTEGER (then a plain double sum, in input order); NULL
//              when no non-NULL input.
//   total(x)   the double sum; 0.0 when no input. avg(x) double sum / count,
//              NULL when no input.
//   min/max(x) NULLs ignored; compare.h's order under the collation; the
//              first of equal values is kept; NULL when no input.
//   group_concat(x[, sep])  text forms of non-NULL x joined by sep (default
//              ","; taken from each row; a NULL sep joins with nothing) in
//              input order; NULL when no input.
// DISTINCT is the caller's: filter the inputs with value_hash.h first.
//
// Merge order matters where SQLite's result is order-dependent (the double
// sum, group_concat, ties of min/max): Merge(other) means "other's rows came
// after this state's rows".
#ifndef SLUICE_SQL_FUNCTION_AGGREGATES_H_
#define SLUICE_SQL_FUNCTION_AGGREGATES_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "sluice/result.h"
#include "sql/value/compare.h"
#include "sql/value/value.h"

namespace sluice::sql {

class CountAccumulator {
 public:
  void Step(const Value& v) { count_ += v.is_null() ? 0 : 1; }
  void StepRow() { ++count_; }  // count(*)
  void Merge(const CountAccumulator& other) { count_ += other.count_; }
  Value Finalize() const { return Value::Integer(count_); }
  int64_t count() const { return count_; }

 private:
  int64_t count_ = 0;
};

// The shared state of sum(), total() and avg() (SQLite's SumCtx).
class SumAccumulator {
 public:
  void Step(const Value& v);
  // Kernels for typed vectors.
  void StepInt64(int64_t v);
  void StepDouble(double v);
  void Merge(const SumAccumulator& other);
  Result<Value> FinalizeSum() const;
  Value FinalizeTotal() const { return Value::Real(real_sum_); }
  Value FinalizeAvg() const;
  int64_t count() const { return count_; }

 private:
  double real_sum_ = 0.0;
  int64_t int_sum_ = 0;
  int64_t count_ = 0;
  bool approx_ = false;    // a non-INTEGER input was seen: the result is REAL
  bool overflow_ = false;  // the INTEGER sum overflowed: sum() fails
};

class MinMaxAccumulator {
 public:
  MinMaxAccumulator(bool is_max, Collation collation) : is_max_(is_max), collation_(collation) {}
  // Returns true when v became the new extreme (the executor then takes the
  // row's bare columns, as SQLite does for min()/max() queries).
  bool Step(const Value& v) {
    if (v.is_integer() && best_.is_integer()) {
      int64_t x = v.integer();
      if (is_max_ ? x <= best_.integer() : x >= best_.integer()) return false;
      best_ = Value::Integer(x);
      return true;
    }
    return StepAny(v);
  }
  void Merge(const MinMaxAccumulator& other);
  Value Finalize() const { return best_; }
  const Value& best() const { return best_; }

 private:
  bool StepAny(const Value& v);

  bool is_max_;
  Collation collation_;
  Value best_;  // NULL until the first non-NULL input
};

class GroupConcatAccumulator {
 public:
  // sep: nullptr for the one-argument form (","); a NULL Value joins with
  // nothing.
  void Step(const Value& v, const Value* sep = nullptr);
  void Merge(const GroupConcatAccumulator& other);
  // `string or blob too big` once the text passed MaxValueLength().
  Result<Value> Finalize() const;

 private:
  std::string text_;
  bool any_ = false;
  // The text grew past the length limit: it was dropped (to bound the
  // memory kept) and Finalize fails.
  bool too_big_ = false;
  void CheckLength();
  // The separator that came with the first value (used when a state that
  // precedes this one is merged with it).
  std::optional<std::string> first_sep_;
};

enum class AggregateKind : uint8_t {
  kCount,      // count(x)
  kCountStar,  // count(*), count()
  kSum,
  kTotal,
  kAvg,
  kMin,
  kMax,
  kGroupConcat,
};

// Type-erased accumulator. Not thread-safe; one per group per thread.
class Aggregator {
 public:
  virtual ~Aggregator() = default;
  virtual AggregateKind kind() const = 0;
  // args: the function's arguments for one row (none for count(*)).
  virtual Status Step(std::span<const Value> args) = 0;
  // REQUIRES: other.kind() == kind().
  virtual void Merge(const Aggregator& other) = 0;
  virtual Result<Value> Finalize() const = 0;
};

// A fresh accumulator (the init step). collation: for min/max.
std::unique_ptr<Aggregator> MakeAggregator(AggregateKind kind, Collation collation = Collation::kBinary);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_FUNCTION_AGGREGATES_H_

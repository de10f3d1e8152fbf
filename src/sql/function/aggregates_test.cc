// Tests of the aggregate accumulators and of DISTINCT hashing. Each group
// models `select agg(x) from (select .. as x union all select ..)` as run
// in sqlite3 3.40.
#include "sql/function/aggregates.h"

#include <gtest/gtest.h>

#include <unordered_set>
#include <vector>

#include "sql/value/value_hash.h"
#include "sql/value/length_limit.h"
#include "sql/function/function_test_util.h"

namespace sluice::sql {
namespace {

using namespace sluice::sql::testing;

// Runs one aggregate over `rows`, split into two partial states at `split`
// and merged, as a parallel plan would.
Result<Value> RunAgg(AggregateKind kind, const std::vector<Value>& rows, size_t split = 0,
                     const std::vector<Value>* seps = nullptr) {
  auto left = MakeAggregator(kind);
  auto right = MakeAggregator(kind);
  for (size_t i = 0; i < rows.size(); ++i) {
    std::vector<Value> args{rows[i]};
    if (seps) args.push_back((*seps)[i]);
    SLUICE_RETURN_IF_ERROR((i < split ? left : right)->Step(args));
  }
  left->Merge(*right);
  return left->Finalize();
}

TEST(AggregatesTest, MixedInputs) {
  // 1, 2.5, NULL, '3abc', 'abc'
  const std::vector<Value> rows = {I(1), R(2.5), N(), T("3abc"), T("abc")};
  for (size_t split : {0u, 2u, 5u}) {
    const ExprCase cases[] = {
        {"sum(x)", RunAgg(AggregateKind::kSum, rows, split).value(), "6.5", "real"},
        {"total(x)", RunAgg(AggregateKind::kTotal, rows, split).value(), "6.5", "real"},
        {"avg(x)", RunAgg(AggregateKind::kAvg, rows, split).value(), "1.625", "real"},
        {"count(x)", RunAgg(AggregateKind::kCount, rows, split).value(), "4", "integer"},
        {"count(*)", RunAgg(AggregateKind::kCountStar, rows, split).value(), "5", "integer"},
        {"min(x)", RunAgg(AggregateKind::kMin, rows, split).value(), "1", "integer"},
        {"max(x)", RunAgg(AggregateKind::kMax, rows, split).value(), "abc", "text"},
        {"group_concat(x)", RunAgg(AggregateKind::kGroupConcat, rows, split).value(), "1,2.5,3abc,abc", "text"},
    };
    ExpectCases(cases);
  }
}

TEST(AggregatesTest, EmptyAndAllNull) {
  const std::vector<Value> rows = {N()};
  const ExprCase cases[] = {
      {"sum(x) over NULL", RunAgg(AggregateKind::kSum, rows).value(), "", "null"},
      {"total(x) over NULL", RunAgg(AggregateKind::kTotal, rows).value(), "0.0", "real"},
      {"avg(x) over NULL", RunAgg(AggregateKind::kAvg, rows).value(), "", "null"},
      {"min(x) over NULL", RunAgg(AggregateKind::kMin, rows).value(), "", "null"},
      {"max(x) over NULL", RunAgg(AggregateKind::kMax, rows).value(), "", "null"},
      {"group_concat(x) over NULL", RunAgg(AggregateKind::kGroupConcat, rows).value(), "", "null"},
      {"count(x) over NULL", RunAgg(AggregateKind::kCount, rows).value(), "0", "integer"},
      {"count(*) over no rows", RunAgg(AggregateKind::kCountStar, {}).value(), "0", "integer"},
  };
  ExpectCases(cases);
}

TEST(AggregatesTest, SumTypesAndOverflow) {
  const ExprCase cases[] = {
      {"sum of '3','4'", RunAgg(AggregateKind::kSum, {T("3"), T("4")}).value(), "7", "integer"},
      {"avg of '3','4'", RunAgg(AggregateKind::kAvg, {T("3"), T("4")}).value(), "3.5", "real"},
      {"sum of '3.0'", RunAgg(AggregateKind::kSum, {T("3.0")}).value(), "3.0", "real"},
      {"sum of MAX, 1.0, -1", RunAgg(AggregateKind::kSum, {I(INT64_MAX), R(1.0), I(-1)}).value(),
       "9.22337203685478e+18", "real"},
      {"sum of 1e20, 1, -1e20", RunAgg(AggregateKind::kSum, {R(1e20), I(1), R(-1e20)}).value(), "0.0", "real"},
      {"total of MAX, 1", RunAgg(AggregateKind::kTotal, {I(INT64_MAX), I(1)}).value(), "9.22337203685478e+18", "real"},
      {"sum of x'33'", RunAgg(AggregateKind::kSum, {B("3")}).value(), "3.0", "real"},
  };
  ExpectCases(cases);
  for (size_t split : {0u, 2u, 3u}) {
    EXPECT_EQ(RunAgg(AggregateKind::kSum, {I(INT64_MAX), I(1), I(-1)}, split).status().message(), "integer overflow");
  }
  // Documented limit of Merge(): an overflow inside a later partial state
  // that the state's own total hides ([1, -1] sums to 0) goes unnoticed.
  EXPECT_EQ(RunAgg(AggregateKind::kSum, {I(INT64_MAX), I(1), I(-1)}, 1).value().integer(), INT64_MAX);
  // A REAL before the overflowing integers makes the sum approximate: no error.
  EXPECT_TRUE(RunAgg(AggregateKind::kSum, {R(1.0), I(INT64_MAX), I(1)}, 1).ok());
}

TEST(AggregatesTest, MinMaxKeepFirstOfEquals) {
  MinMaxAccumulator mx(/*is_max=*/true, Collation::kBinary);
  EXPECT_TRUE(mx.Step(I(1)));
  EXPECT_FALSE(mx.Step(R(1.0)));  // equal: the first stays
  EXPECT_FALSE(mx.Step(N()));
  EXPECT_TRUE(mx.Step(T("a")));
  EXPECT_EQ(mx.best().DebugString(), "'a'");
  MinMaxAccumulator mn(/*is_max=*/false, Collation::kNoCase);
  EXPECT_TRUE(mn.Step(T("b")));
  EXPECT_FALSE(mn.Step(T("B")));
  EXPECT_TRUE(mn.Step(T("A")));
  EXPECT_EQ(mn.Finalize().DebugString(), "'A'");
  // select min(x), max(x) from ('a', 1, x'00', 2.5)
  EXPECT_EQ(RunAgg(AggregateKind::kMin, {T("a"), I(1), B(std::string(1, '\0')), R(2.5)}).value().DebugString(), "1");
  EXPECT_EQ(RunAgg(AggregateKind::kMax, {T("a"), I(1), B(std::string(1, '\0')), R(2.5)}).value().DebugString(),
            "x'00'");
}

TEST(AggregatesTest, MinMaxOwnBorrowedInputs) {
  MinMaxAccumulator mx(true, Collation::kBinary);
  {
    std::string batch(40, 'z');
    mx.Step(Value::TextView(batch));
  }  // the batch is gone
  EXPECT_EQ(mx.best().bytes(), std::string(40, 'z'));
}

TEST(AggregatesTest, GroupConcatSeparators) {
  const std::vector<Value> rows = {T("a"), T("b"), T("c")};
  const std::vector<Value> null_seps = {N(), N(), N()};
  const std::vector<Value> one_seps = {I(1), I(1), I(1)};
  const std::vector<Value> mixed = {T("x"), T("-"), T("+")};
  for (size_t split : {0u, 1u, 2u}) {
    const ExprCase cases[] = {
        {"group_concat(x, NULL)", RunAgg(AggregateKind::kGroupConcat, rows, split, &null_seps).value(), "abc", "text"},
        {"group_concat(x, 1)", RunAgg(AggregateKind::kGroupConcat, rows, split, &one_seps).value(), "a1b1c", "text"},
        // the separator comes from the row it precedes
        {"group_concat(x, s)", RunAgg(AggregateKind::kGroupConcat, rows, split, &mixed).value(), "a-b+c", "text"},
    };
    ExpectCases(cases);
  }
  EXPECT_EQ(RunAgg(AggregateKind::kGroupConcat, {T(""), T("")}).value().DebugString(), "','");
  EXPECT_EQ(RunAgg(AggregateKind::kGroupConcat, {T("")}).value().DebugString(), "''");
}

TEST(AggregatesTest, SumKernels) {
  SumAccumulator acc;
  for (int64_t i = 1; i <= 100; ++i) acc.StepInt64(i);
  EXPECT_EQ(acc.FinalizeSum().value().integer(), 5050);
  acc.StepDouble(0.5);
  EXPECT_EQ(acc.FinalizeSum().value().real(), 5050.5);
  EXPECT_EQ(acc.count(), 101);
}

TEST(DistinctTest, HashAgreesWithEquality) {
  // select count(distinct x) from (1, 1.0, '1') -> 2
  std::unordered_set<Value, ValueHasher, ValueEqual> seen;
  for (const Value& v : {I(1), R(1.0), T("1")}) seen.insert(v);
  EXPECT_EQ(seen.size(), 2u);
  EXPECT_EQ(HashValue(I(INT64_MIN)), HashValue(R(-9223372036854775808.0)));
  EXPECT_EQ(HashValue(R(0.0)), HashValue(R(-0.0)));
  EXPECT_EQ(HashValue(I(0)), HashValue(R(-0.0)));
  EXPECT_NE(HashValue(T("ab")), HashValue(B("ab")));
  EXPECT_EQ(HashValue(T("ABC"), Collation::kNoCase), HashValue(T("abc"), Collation::kNoCase));
  EXPECT_EQ(HashValue(T("a  "), Collation::kRtrim), HashValue(T("a"), Collation::kRtrim));
  EXPECT_TRUE(ValuesEqual(N(), N()));
  const Value samples[] = {N(),
                           I(0),
                           I(1),
                           I(-1),
                           I(INT64_MAX),
                           R(0.5),
                           R(1.0),
                           R(-0.0),
                           R(9007199254740993.0),
                           T(""),
                           T("a"),
                           T("A"),
                           T("a "),
                           B(""),
                           B("a"),
                           T(std::string("a\0b", 3)),
                           T(std::string("A\0c", 3))};
  for (Collation coll : {Collation::kBinary, Collation::kNoCase, Collation::kRtrim}) {
    for (const Value& a : samples) {
      for (const Value& b : samples) {
        if (ValuesEqual(a, b, coll)) {
          EXPECT_EQ(HashValue(a, coll), HashValue(b, coll)) << a.DebugString() << " " << b.DebugString();
        }
      }
    }
  }
}

TEST(AggregatesTest, GroupConcatPastTheLengthLimitIsTooBig) {
  ScopedMaxValueLengthForTesting limit(20);
  EXPECT_EQ(RunAgg(AggregateKind::kGroupConcat, {T("aaaaaaaaa"), T("bbbbbbbbbb")}).value().DebugString(),
            "'aaaaaaaaa,bbbbbbbbbb'");
  for (size_t split : {0, 1, 2}) {
    Result<Value> r = RunAgg(AggregateKind::kGroupConcat, {T("aaaaaaaaaa"), T("bbbbbbbbbb")}, split);
    ASSERT_FALSE(r.ok()) << split;
    EXPECT_EQ(r.status().message(), "string or blob too big");
    EXPECT_EQ(r.status().result_code(), ResultCode::kTooBig);
  }
}

}  // namespace
}  // namespace sluice::sql

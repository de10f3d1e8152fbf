// Tests of type affinity: from declared type names, and on storage. The
// rows model `CREATE TABLE t(i INTEGER, r REAL, n NUMERIC, tx TEXT, b BLOB)`
// and an INSERT of the literal, checked with sqlite3 3.40.
#include "sql/value/affinity.h"

#include <gtest/gtest.h>

#include "sql/value/value_test_util.h"

namespace sluice::sql {
namespace {

using namespace sluice::sql::testing;

TEST(AffinityTest, FromTypeName) {
  const std::pair<const char*, Affinity> cases[] = {
      {"INTEGER", Affinity::kInteger}, {"int", Affinity::kInteger},      {"TINYINT", Affinity::kInteger},
      {"BIGINT", Affinity::kInteger},  {"VARCHAR(10)", Affinity::kText}, {"NCHAR", Affinity::kText},
      {"CLOB", Affinity::kText},       {"text", Affinity::kText},        {"BLOB", Affinity::kBlob},
      {"", Affinity::kBlob},           {"REAL", Affinity::kReal},        {"DOUBLE PRECISION", Affinity::kReal},
      {"FLOAT", Affinity::kReal},      {"NUMERIC", Affinity::kNumeric},  {"DECIMAL(10,5)", Affinity::kNumeric},
      {"BOOLEAN", Affinity::kNumeric}, {"DATETIME", Affinity::kNumeric}, {"FLOATING POINT", Affinity::kInteger},
      {"STRING", Affinity::kNumeric},  {"CHARINT", Affinity::kInteger},  {"BLOBCHAR", Affinity::kText},
      {"CHARBLOB", Affinity::kText},
  };
  for (const auto& [name, aff] : cases) EXPECT_EQ(AffinityFromTypeName(name), aff) << name;
}

TEST(AffinityTest, IntegerAndNumericColumns) {
  auto i = [](const Value& v) { return ApplyColumnAffinity(Affinity::kInteger, v); };
  auto n = [](const Value& v) { return ApplyColumnAffinity(Affinity::kNumeric, v); };
  const ExprCase cases[] = {
      {"i <- '3.0'", i(T("3.0")), "3", "integer"},
      {"i <- ' 12 '", i(T(" 12 ")), "12", "integer"},
      {"i <- '12abc'", i(T("12abc")), "12abc", "text"},
      {"i <- '1e3'", i(T("1e3")), "1000", "integer"},
      {"i <- '0x10'", i(T("0x10")), "0x10", "text"},
      {"i <- '9223372036854775808'", i(T("9223372036854775808")), "9.22337203685478e+18", "real"},
      {"i <- '9223372036854775807.0'", i(T("9223372036854775807.0")), "9.22337203685478e+18", "real"},
      {"i <- '1.5'", i(T("1.5")), "1.5", "real"},
      {"i <- 1.5", i(R(1.5)), "1.5", "real"},
      {"i <- ''", i(T("")), "", "text"},
      {"i <- '1e400'", i(T("1e400")), "Inf", "real"},
      {"i <- '1 2'", i(T("1 2")), "1 2", "text"},
      {"i <- x'01'", i(B("\x01")), "\x01", "blob"},
      {"n <- 5.0", n(R(5.0)), "5", "integer"},
      {"n <- '  .5'", n(T("  .5")), "0.5", "real"},
      {"n <- '-9223372036854775808'", n(T("-9223372036854775808")), "-9223372036854775808", "integer"},
      {"n <- '- 1'", n(T("- 1")), "- 1", "text"},
      {"n <- NULL", n(N()), "", "null"},
  };
  ExpectCases(cases);
}

TEST(AffinityTest, RealTextBlobColumns) {
  auto r = [](const Value& v) { return ApplyColumnAffinity(Affinity::kReal, v); };
  auto t = [](const Value& v) { return ApplyColumnAffinity(Affinity::kText, v); };
  auto b = [](const Value& v) { return ApplyColumnAffinity(Affinity::kBlob, v); };
  const ExprCase cases[] = {
      {"r <- '3.0'", r(T("3.0")), "3.0", "real"},
      {"r <- 5", r(I(5)), "5.0", "real"},
      {"r <- '+1'", r(T("+1")), "1.0", "real"},
      {"r <- '1.'", r(T("1.")), "1.0", "real"},
      {"r <- '-1e400'", r(T("-1e400")), "-Inf", "real"},
      {"r <- 'x'", r(T("x")), "x", "text"},
      {"tx <- 3.0", t(R(3.0)), "3.0", "text"},
      {"tx <- 1e20", t(R(1e20)), "1.0e+20", "text"},
      {"tx <- -0.0", t(R(-0.0)), "0.0", "text"},
      {"tx <- 9223372036854775807", t(I(INT64_MAX)), "9223372036854775807", "text"},
      {"tx <- x'41'", t(B("A")), "A", "blob"},
      {"b <- '3.0'", b(T("3.0")), "3.0", "text"},
      {"b <- 1.5", b(R(1.5)), "1.5", "real"},
  };
  ExpectCases(cases);
}

}  // namespace
}  // namespace sluice::sql

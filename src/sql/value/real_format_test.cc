// Tests of SQLite's float formatting (REAL -> TEXT and printf's %f/%e/%g).
#include "sql/value/real_format.h"

#include <gtest/gtest.h>

#include <limits>

namespace sluice::sql {
namespace {

TEST(FormatRealTest, MatchesSqlite3) {
  // Each expected string is what `sqlite3 :memory: "select <literal>"` prints.
  const std::pair<double, const char*> cases[] = {
      {1.0, "1.0"},
      {0.1, "0.1"},
      {2.5, "2.5"},
      {100.0, "100.0"},
      {1e20, "1.0e+20"},
      {1e15, "1.0e+15"},
      {1e14, "100000000000000.0"},
      {123456789012345.0, "123456789012345.0"},
      {1234567890123456.0, "1.23456789012346e+15"},
      {1.23456789012346e+18, "1.23456789012346e+18"},
      {0.0001, "0.0001"},
      {0.000001, "1.0e-06"},
      {1e-5, "1.0e-05"},
      {3.0e-10, "3.0e-10"},
      {-0.0, "0.0"},
      {0.1 + 0.2, "0.3"},
      {1.0 / 3, "0.333333333333333"},
      {9223372036854775807.0, "9.22337203685478e+18"},
      {-9223372036854775808.0, "-9.22337203685478e+18"},
      {1e-300, "1.0e-300"},
      {1e300, "1.0e+300"},
      {std::numeric_limits<double>::infinity(), "Inf"},
      {-std::numeric_limits<double>::infinity(), "-Inf"},
      {5e-324, "4.94065645841247e-324"},
  };
  for (const auto& [value, text] : cases) EXPECT_EQ(FormatReal(value), text) << value;
}

struct PrintfCase {
  const char* sql;  // the printf() call checked with sqlite3
  FloatFormatSpec spec;
  double value;
  const char* text;
};

TEST(AppendSqliteFloatTest, PrintfConversions) {
  const PrintfCase cases[] = {
      {"printf('%.3f', 0.0625)", {'f', 3}, 0.0625, "0.063"},  // glibc says 0.062
      {"printf('%.1f', 22.45)", {'f', 1}, 22.45, "22.5"},
      {"printf('%.0f', 93484.5)", {'f', 0}, 93484.5, "93485"},
      {"printf('%.0f', 0.5)", {'f', 0}, 0.5, "1"},
      {"printf('%f', 3.14159)", {'f', -1}, 3.14159, "3.141590"},
      {"printf('%.2e', 0.000123)", {'e', 2}, 0.000123, "1.23e-04"},
      {"printf('%e', 0.0)", {'e', -1}, 0.0, "0.000000e+00"},
      {"printf('%g', 100000000.0)", {'g', -1}, 1e8, "1e+08"},
      {"printf('%g', 1e-5)", {'g', -1}, 1e-5, "1e-05"},
      {"printf('%G', 1e-10)", {'G', -1}, 1e-10, "1E-10"},
      {"printf('%.10g', 1.0/3)", {'g', 10}, 1.0 / 3, "0.3333333333"},
      {"printf('%!.20e', 1.0/3)", {'e', 20, false, true}, 1.0 / 3, "3.33333333333333314829e-01"},
      {"printf('%#g', 1.0)", {'g', -1, true}, 1.0, "1.00000"},
      {"printf('%+.1f', 2.0)", {'f', 1, false, false, '+'}, 2.0, "+2.0"},
  };
  for (const PrintfCase& c : cases) {
    std::string out;
    AppendSqliteFloat(c.value, c.spec, &out);
    EXPECT_EQ(out, c.text) << c.sql;
  }
}

}  // namespace
}  // namespace sluice::sql

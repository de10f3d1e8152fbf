// Test helpers for sql/value/ unit tests: short Value constructors and a
// table format whose rows carry the SQL expression they model, so that the
// expected text and typeof() can be checked against the sqlite3 CLI
// (`sqlite3 :memory: "select SQL, typeof(SQL)"`).
#ifndef SLUICE_SQL_VALUE_VALUE_TEST_UTIL_H_
#define SLUICE_SQL_VALUE_VALUE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "sql/value/function_registry.h"
#include "sql/value/value.h"
#include "sql/value/value_print.h"

namespace sluice::sql::testing {

inline Value I(int64_t v) { return Value::Integer(v); }
inline Value R(double v) { return Value::Real(v); }
inline Value T(std::string_view s) { return Value::Text(s); }
inline Value B(std::string_view s) { return Value::Blob(s); }
inline Value N() { return Value(); }

// One row: the SQL it models, the value we computed, and what sqlite3 prints
// for `select SQL, typeof(SQL)` in list mode.
struct ExprCase {
  const char* sql;
  Value value;
  const char* text;
  const char* type;
};

inline void ExpectCases(std::span<const ExprCase> cases) {
  for (const ExprCase& c : cases) {
    EXPECT_EQ(ShellText(c.value), c.text) << c.sql;
    EXPECT_EQ(StorageClassName(c.value.type()), c.type) << c.sql;
  }
}

// Calls a built-in scalar function; a lookup or call error becomes a NULL
// result and a test failure.
inline Value Fn(std::string_view name, std::vector<Value> args) {
  auto def = FunctionRegistry::BuiltIns().Lookup(name, static_cast<int>(args.size()));
  EXPECT_TRUE(def.ok()) << def.status().ToString();
  if (!def.ok() || (*def)->scalar == nullptr) return Value();
  auto r = (*def)->scalar(FunctionContext{}, args);
  EXPECT_TRUE(r.ok()) << name << ": " << r.status().ToString();
  return r.ok() ? *r : Value();
}

// The error message of a built-in scalar call that must fail.
inline std::string FnError(std::string_view name, std::vector<Value> args) {
  auto def = FunctionRegistry::BuiltIns().Lookup(name, static_cast<int>(args.size()));
  if (!def.ok()) return def.status().message();
  auto r = (*def)->scalar(FunctionContext{}, args);
  return r.ok() ? std::string("(no error)") : r.status().message();
}

}  // namespace sluice::sql::testing

#endif  // SLUICE_SQL_VALUE_VALUE_TEST_UTIL_H_

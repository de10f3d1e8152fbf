// Test helpers for sql/function unit tests: calling a built-in function by
// name, on top of the value helpers of sql/value/value_test_util.h.
#ifndef SLUICE_SQL_FUNCTION_FUNCTION_TEST_UTIL_H_
#define SLUICE_SQL_FUNCTION_FUNCTION_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "sql/function/function_registry.h"
#include "sql/value/value_test_util.h"

namespace sluice::sql::testing {

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

#endif  // SLUICE_SQL_FUNCTION_FUNCTION_TEST_UTIL_H_

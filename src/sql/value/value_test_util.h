// Test helpers for the unit tests of sql/value and sql/function: short Value constructors and a
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

#include "sql/value/conversion.h"
#include "sql/value/utf8.h"
#include "sql/value/value.h"

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

// What the sqlite3 shell prints for `v` in list mode: its text form
// (sqlite3_column_text) up to the first NUL byte; NULL as "".
inline std::string ListModeText(const Value& v) { return v.is_null() ? "" : std::string(CutAtNul(TextForm(v))); }

inline void ExpectCases(std::span<const ExprCase> cases) {
  for (const ExprCase& c : cases) {
    EXPECT_EQ(ListModeText(c.value), c.text) << c.sql;
    EXPECT_EQ(StorageClassName(c.value.type()), c.type) << c.sql;
  }
}

}  // namespace sluice::sql::testing

#endif  // SLUICE_SQL_VALUE_VALUE_TEST_UTIL_H_

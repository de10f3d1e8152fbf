// Test helpers of the sql/connection tests.
#ifndef SLUICE_SQL_CONNECTION_TEST_UTIL_H_
#define SLUICE_SQL_CONNECTION_TEST_UTIL_H_

#include <string>

#include "sluice/database.h"
#include "sluice/status.h"

namespace sluice::sql::testing {

// Steps `statement` to its end, appending each row to *out as its column
// texts joined by '|' and followed by ';' ("a|b;c|d;"). Returns the first
// Step error (the rows before it are in *out).
inline Status AppendRowsText(::sluice::Statement& statement, std::string* out) {
  while (true) {
    Result<bool> row = statement.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::OK();
    for (int c = 0; c < statement.column_count(); ++c) {
      if (c > 0) out->push_back('|');
      out->append(statement.column_text(c));
    }
    out->push_back(';');
  }
}

}  // namespace sluice::sql::testing

#endif  // SLUICE_SQL_CONNECTION_TEST_UTIL_H_

// ConnectionState: what a connection knows that a few SQL functions and
// LIKE read while a statement runs — changes(), total_changes(),
// last_insert_rowid() and PRAGMA case_sensitive_like. The connection owns
// it (sql/connection), the executor hands it to functions through
// FunctionContext, and INSERT updates last_insert_rowid row by row.
//
// Counts follow sqlite3 3.40: `changes` is the row count of the last
// INSERT, UPDATE or DELETE that finished (after one that failed: 0, or the
// rows an OR FAIL statement kept), `total_changes` the sum of those
// since the connection opened (rolled back work included), and
// `last_insert_rowid` the rowid of the last row an INSERT stored (kept
// when the statement later fails or is rolled back, as in sqlite3).
#ifndef SLUICE_SQL_FUNCTION_CONNECTION_STATE_H_
#define SLUICE_SQL_FUNCTION_CONNECTION_STATE_H_

#include <cstdint>

namespace sluice::sql {

struct ConnectionState {
  int64_t changes = 0;
  int64_t total_changes = 0;
  int64_t last_insert_rowid = 0;
  // The rows an INSERT or UPDATE OR FAIL kept before the row that failed
  // (what changes() then counts); set by the statement that fails.
  int64_t kept_by_failure = 0;
  // PRAGMA case_sensitive_like: LIKE (operator and like()) compares ASCII
  // letters exactly instead of folding their case.
  bool case_sensitive_like = false;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_FUNCTION_CONNECTION_STATE_H_

// The functions that read the connection rather than their arguments:
// changes(), total_changes(), last_insert_rowid() (ConnectionState, see
// connection_state.h) and sqlite_version().
//
// sqlite_version() is "3.40.1": sluice contains no SQLite code, but its SQL
// dialect, results and error messages are those of sqlite3 3.40.1, and the
// value answers what callers ask it (ORMs and drivers test it before using
// RETURNING, UPSERT, STRICT ...). sqlite_source_id() names a check-in of
// SQLite's sources, which sluice is not built from, so it does not exist.
#include "sql/function/scalar_functions.h"

namespace sluice::sql::fn {

namespace {

const ConnectionState& StateOf(const FunctionContext& ctx) {
  static const ConnectionState kFresh;
  return ctx.connection != nullptr ? *ctx.connection : kFresh;
}

}  // namespace

Result<Value> Changes(const FunctionContext& ctx, std::span<const Value>) {
  return Value::Integer(StateOf(ctx).changes);
}

Result<Value> TotalChanges(const FunctionContext& ctx, std::span<const Value>) {
  return Value::Integer(StateOf(ctx).total_changes);
}

Result<Value> LastInsertRowid(const FunctionContext& ctx, std::span<const Value>) {
  return Value::Integer(StateOf(ctx).last_insert_rowid);
}

Result<Value> SqliteVersion(const FunctionContext&, std::span<const Value>) { return Value::Text("3.40.1"); }

}  // namespace sluice::sql::fn

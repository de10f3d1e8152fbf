// ExecContext: per-execution state shared by the operators of one statement
// run: the stack of outer rows that correlated subqueries read, and the
// result caches of subqueries (keyed by the values of the outer columns
// they read, so an uncorrelated subquery runs once), and the connection's
// interrupt flag (Database::Interrupt), which operators poll at chunk
// boundaries and in their long inner loops.
//
// Not thread-safe: one per statement execution (parallel workers will get
// their own stacks; caches then need a lock or per-worker copies).
#ifndef SLUICE_SQL_EXEC_EXEC_CONTEXT_H_
#define SLUICE_SQL_EXEC_EXEC_CONTEXT_H_

#include <atomic>
#include <memory>
#include <unordered_map>
#include <vector>

#include "sql/function/connection_state.h"
#include "sql/plan/bound_expr.h"
#include "sql/exec/row_ref.h"
#include "sql/value/value_hash.h"
#include "sluice/status.h"

namespace sluice::sql {

class TableWriteAccess;  // ops/table_write.h
class RowTriggers;       // ops/trigger_writes.h

struct OuterFrame {
  const std::vector<ColumnId>* layout;
  RowRef row;
};

// The materialized result of a subquery for one outer key.
struct SubqueryResult {
  Value scalar;         // kScalarSubquery: first row's value or NULL
  bool exists = false;  // kExists / any row at all
  // kInSubquery: the values after the comparison affinity.
  std::vector<Value> values;
  bool has_null = false;
  std::unordered_multimap<uint64_t, size_t> hash;  // hash -> index in values
};

struct KeyHash {
  size_t operator()(const std::vector<Value>& key) const {
    uint64_t h = 7;
    for (const Value& v : key) h = h * 1000003 + HashValue(v);
    return static_cast<size_t>(h);
  }
};
struct KeyEqual {
  bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const {
    for (size_t i = 0; i < a.size(); ++i) {
      if (!a[i].IdenticalTo(b[i])) return false;
    }
    return true;
  }
};

class ExecContext {
 public:
  std::vector<OuterFrame> frames;
  std::unordered_map<const BoundExpr*,
                     std::unordered_map<std::vector<Value>, std::shared_ptr<SubqueryResult>, KeyHash, KeyEqual>>
      subquery_cache;
  // Nesting of subquery executions (bounded by the parser's depth limits).
  int depth = 0;
  // Where modify operators (INSERT, UPDATE, DELETE) write; not owned.
  TableWriteAccess* tables = nullptr;
  // The triggers a modify operator fires for each row it writes; null:
  // none (ops/trigger_writes.h). Not owned.
  RowTriggers* row_triggers = nullptr;
  // RETURNING: where the modify operators put the rows they return
  // (exec/ops/returning.h); null: nobody asked. Not owned.
  std::vector<std::vector<Value>>* returning = nullptr;
  // The connection's interrupt flag, set from another thread or a signal
  // handler; null: the statement cannot be interrupted. Not owned.
  const std::atomic<bool>* interrupt = nullptr;
  // When set, UPDATE appends (old rowid, new rowid) for each row whose
  // rowid it changes (foreign key actions follow a row across it). Not
  // owned.
  std::vector<std::pair<int64_t, int64_t>>* renumbered = nullptr;
  // When set, UPDATE stores the rowids of the rows it matched (before any
  // renumbering). Not owned.
  std::vector<int64_t>* matched = nullptr;
  // When set, DELETE (and INSERT OR REPLACE, once it succeeded) appends
  // (rowid, values) of each row it deleted that was there before the
  // statement. Not owned.
  std::vector<std::pair<int64_t, std::vector<Value>>>* deleted = nullptr;
  // When set, UPDATE appends (rowid, values) of each row it matched, as
  // they were before it changed any. Not owned.
  std::vector<std::pair<int64_t, std::vector<Value>>>* updated = nullptr;
  // When set, INSERT appends the rowid of each row it stores (a rowid may
  // repeat when a later row replaced an earlier one). Not owned.
  std::vector<int64_t>* inserted = nullptr;

  // The connection's counters and settings (changes(), LIKE's case,
  // last_insert_rowid, which INSERT updates); null: a fresh connection's,
  // and INSERT records nothing. Not owned.
  ConnectionState* connection = nullptr;

  bool interrupted() const { return interrupt != nullptr && interrupt->load(std::memory_order_relaxed); }
  // OK, or SQLite's "interrupted" (SQLITE_INTERRUPT) once the flag is set.
  Status CheckInterrupt() const { return interrupted() ? InterruptedStatus() : Status::OK(); }
  static Status InterruptedStatus() { return Status::Cancelled("interrupted"); }

  // The value of outer column `id` from the innermost frame that has it.
  const Value* FindOuter(ColumnId id) const {
    for (size_t f = frames.size(); f-- > 0;) {
      const std::vector<ColumnId>& layout = *frames[f].layout;
      for (size_t i = 0; i < layout.size(); ++i) {
        if (layout[i] == id) return &frames[f].row.at(i);
      }
    }
    return nullptr;
  }
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_EXEC_EXEC_CONTEXT_H_

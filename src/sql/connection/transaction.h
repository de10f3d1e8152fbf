// Transaction: the write transaction state of one connection — the
// explicit BEGIN ... COMMIT / ROLLBACK, the implicit transaction of each
// write statement outside BEGIN (file databases), the writer lock of a file
// database, and a stack of named savepoints.
//
// What each state keeps:
//   - an explicit transaction of an in-memory database keeps the catalog
//     as it was at BEGIN, which ROLLBACK restores. A Catalog copy shares
//     its tables; a table is copied only when it is first written while
//     shared (Catalog::Mutable), so BEGIN costs one catalog copy, not one
//     copy of the data;
//   - a file database keeps no copy at BEGIN: its committed state is in its
//     files, and ROLLBACK reloads it (so the first write to each table does
//     not copy the table either);
//   - a savepoint keeps a copy of the catalog as it was when it was set
//     (ROLLBACK TO restores it; change tracking for the next commit is
//     part of the tables and comes back with them) — except on a file
//     database when nothing changed since the transaction began (a
//     SAVEPOINT that begins one, or one right after BEGIN): the files hold
//     that state, and ROLLBACK TO reloads it as ROLLBACK does, so the
//     writes after it copy no table. A copy shares the tables, but the
//     first write to each table inside the savepoint copies that table.
//
// Writer lock (file databases): BEGIN takes it at once and holds it until
// COMMIT/ROLLBACK, as SQLite's BEGIN IMMEDIATE (a deferred transaction
// would have to fail when another writer commits first); a write statement
// outside BEGIN holds it for its own implicit transaction. Taking it
// catches up with what other processes committed.
//
// Ownership: a member of DatabaseImpl, which it changes (catalog, files)
// through DatabaseImpl's durable side (durable.cc). Thread safety: none,
// serialised by the connection.
#ifndef SLUICE_SQL_CONNECTION_TRANSACTION_H_
#define SLUICE_SQL_CONNECTION_TRANSACTION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/status.h"
#include "sql/catalog/catalog.h"

namespace sluice::sql {

class DatabaseImpl;

class Transaction {
 public:
  // REQUIRES: `db` outlives the transaction.
  explicit Transaction(DatabaseImpl* db) : db_(db) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // True between BEGIN (or a first SAVEPOINT) and its COMMIT/ROLLBACK.
  bool active() const { return active_; }

  // Explicit transactions, with SQLite's errors ("cannot start a
  // transaction within a transaction", "cannot commit - no transaction is
  // active", "cannot rollback - ..."). A failed COMMIT of a file database
  // still ends the transaction (the committed state is reloaded).
  Status Begin();
  Status Commit();
  Status Rollback();

  // The implicit write transaction of one statement (or one appender
  // batch) outside BEGIN. Protocol: BeginWrite (writer lock, catch up) ->
  // changes -> CommitWrite (one log record or a checkpoint; on failure the
  // committed state is reloaded, so nothing uncommitted stays visible) ->
  // EndWrite (unlock). All are no-ops for in-memory databases and while the
  // files are replayed. REQUIRES: !active() (inside BEGIN the explicit
  // transaction holds the lock and commits at COMMIT).
  Status BeginWrite();
  Status CommitWrite();
  void EndWrite();

  // Savepoints, innermost last: SQL's SAVEPOINT, RELEASE and ROLLBACK TO
  // (statement_runner.cc). Names compare case-insensitively; a name may
  // repeat (the innermost one is meant). As in SQLite:
  //   - Savepoint outside a transaction begins one; releasing that
  //     outermost savepoint commits it;
  //   - Release removes the named savepoint and all set after it, keeping
  //     their changes;
  //   - RollbackTo restores the catalog as it was when the named savepoint
  //     was set and removes the savepoints set after it (the named one
  //     stays, the transaction stays open).
  // Errors: "no such savepoint: NAME". Commit and Rollback drop the stack.
  Status Savepoint(std::string_view name);
  Status Release(std::string_view name);
  Status RollbackTo(std::string_view name);
  size_t savepoint_count() const { return savepoints_.size(); }

 private:
  struct SavepointState {
    std::string name;
    // The catalog when the savepoint was set; none when it was what the
    // files hold (file databases: ROLLBACK TO reloads them).
    std::optional<Catalog> catalog;
  };
  // Position of the innermost savepoint called `name`, or -1.
  int Find(std::string_view name) const;

  DatabaseImpl* db_;
  bool active_ = false;
  // The transaction was begun by a SAVEPOINT (released: committed).
  bool begun_by_savepoint_ = false;
  // In-memory databases: the catalog at BEGIN.
  std::optional<Catalog> begin_catalog_;
  // File databases: the TEMP objects at BEGIN (the files hold the rest).
  std::optional<Catalog> begin_temp_;
  // File databases: the catalog's data_version when it last equalled the
  // files (at BEGIN, after a reload); every write changes data_version.
  uint64_t files_data_version_ = 0;
  std::vector<SavepointState> savepoints_;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_TRANSACTION_H_

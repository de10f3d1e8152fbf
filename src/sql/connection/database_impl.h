// DatabaseImpl: one connection, the implementation of sluice::Database
// (include/sluice/database.h). It owns the catalog (schema and rows), the
// Transaction (transaction.h), the file side of a file database
// (durable.cc) and the connection's settings (PRAGMA busy_timeout,
// synchronous).
//
// Call order: Prepare parses the first statement of the text (ScriptParser)
// and makes the statement's cursor (statement_impl.h), which binds and
// plans it (errors SQLite reports at prepare time: names, DDL conflicts);
// Step runs it.
//
// Atomicity of one statement: INSERT appends in place and removes its rows
// again on error; UPDATE changes rows in place and restores the old values
// (and rowids) on a constraint failure; DELETE compacts in place once the
// rows to delete are known (it cannot fail after that); INSERT OR REPLACE
// into a table with an INTEGER PRIMARY KEY or an index (rows may be
// replaced) builds a copy of the table and swaps it in on success (dml.cc).
#ifndef SLUICE_SQL_CONNECTION_DATABASE_IMPL_H_
#define SLUICE_SQL_CONNECTION_DATABASE_IMPL_H_

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sluice/database.h"
#include "sql/catalog/catalog.h"
#include "sql/connection/foreign_keys.h"
#include "sql/connection/transaction.h"
#include "sql/durable/record_codec.h"
#include "sql/function/connection_state.h"
#include "sql/planner/planner.h"
#include "storage/db_files.h"

namespace sluice::sql {

enum class Synchronous { kOff, kNormal, kFull };

// The file side of a durable database (durable.cc).
struct DurableState {
  std::unique_ptr<storage::DbFiles> files;
  // What the files hold: per table (lower-case name) its generation and
  // row count, and the catalog's schema_version at that commit.
  std::map<std::string, std::pair<uint64_t, size_t>> committed;
  uint64_t committed_schema_version = 0;
};

class DatabaseImpl : public Database {
 public:
  // A file database folds its log into the image when no one else writes
  // (durable.cc).
  ~DatabaseImpl() override;

  // Database (database_impl.cc, appender.cc, durable.cc).
  PrepareOutcome Prepare(std::string_view sql) override;
  Result<std::unique_ptr<Appender>> CreateAppender(std::string_view table) override;
  bool in_transaction() const override { return txn_.active(); }
  Status Backup(std::string_view path) override;
  std::vector<std::string> warnings() const override;
  // Sets the flag that the running statements' operators poll
  // (ExecContext::interrupt); async-signal-safe.
  void Interrupt() override { interrupt_.store(true, std::memory_order_relaxed); }

  // The interrupt flag, for the ExecContext of a statement's run.
  // An ATTACHed database's statements poll main's: Interrupt() of the
  // connection stops them too.
  const std::atomic<bool>* interrupt_flag() const {
    return parent_ != nullptr ? parent_->interrupt_flag() : &interrupt_;
  }
  // A statement starts / stops running (a query: from its first Step to its
  // end or destruction). The first to start while none runs clears the
  // interrupt flag, as sqlite3 forgets an interrupt when no statement is
  // running.
  void StatementStarted() {
    if (parent_ != nullptr) return parent_->StatementStarted();
    if (running_statements_++ == 0) interrupt_.store(false, std::memory_order_relaxed);
  }
  void StatementStopped() {
    if (parent_ != nullptr) return parent_->StatementStopped();
    --running_statements_;
  }

  static PlannerOptions DefaultPlannerOptions();

  // The schema and rows that statements read and change (inside a
  // transaction: with its changes so far).
  Catalog& catalog() { return catalog_; }
  Transaction& transaction() { return txn_; }
  ForeignKeyState& foreign_keys() { return foreign_keys_; }
  bool is_file_database() const { return durable_ != nullptr; }
  // True while the files' statements are replayed through Execute
  // (durable.cc's Reload): no foreign key checks then, and CREATE TABLE
  // sqlite_sequence comes from the files instead of from DDL.
  bool replaying() const { return replaying_; }
  // Whether the TEMP schema was ever used on this connection (PRAGMA
  // database_list lists temp from then on, as sqlite3 does once it opened
  // its temp database, even when the objects were rolled back or dropped).
  bool temp_used() const { return temp_used_ || catalog_.HasTemp(); }
  void note_temp_used() { temp_used_ = true; }
  // PRAGMA temp_store (0 default, 1 file, 2 memory): where sqlite3 keeps
  // TEMP objects. Here they are always in memory, but a change empties
  // the TEMP schema as in sqlite3 (and is refused in a transaction once
  // the schema is in use).
  int temp_store() const { return temp_store_; }
  Status SetTempStore(int value);

  // PRAGMA busy_timeout (how long a writer waits for the writer lock) and
  // PRAGMA synchronous (what a commit syncs).
  int busy_timeout_ms() const { return busy_timeout_ms_; }
  void set_busy_timeout_ms(int ms) { busy_timeout_ms_ = ms; }
  Synchronous synchronous() const { return synchronous_; }
  void set_synchronous(Synchronous s) { synchronous_ = s; }
  // PRAGMA recursive_triggers: whether a trigger fires again for the
  // writes of its own program (connection/triggers.cc).
  bool recursive_triggers() const { return recursive_triggers_; }
  void set_recursive_triggers(bool on) { recursive_triggers_ = on; }

  // The file side (durable.cc). CatchUp and CheckpointNow do nothing for
  // in-memory databases.
  // Makes this a file database: loads the image and log of `path`
  // (created when missing).
  Status OpenFile(const std::string& path, Env* env);
  // Applies what other processes committed (outside transactions).
  Status CatchUp();
  // Folds the log into a new image (VACUUM, PRAGMA wal_checkpoint) under
  // the writer lock.
  Status CheckpointNow();
  // Reads in every column not loaded yet (before anything that needs all
  // rows, e.g. a backup or an integrity check).
  Status LoadAllColumns();
  // Reads in every column of the table `name` (before a statement changes
  // it: rows change in place); a missing table is the statement's error.
  Status LoadTableColumns(std::string_view name);
  // PRAGMA integrity_check: problems found (none: "ok").
  std::vector<std::string> IntegrityProblems();
  // The values bound to the parameters of the statement being prepared or
  // run (BindableStatement sets them around each call into its
  // StatementImpl); null: every parameter is NULL. Binders take them.
  const std::vector<Value>* parameters() const { return parameters_; }
  void set_parameters(const std::vector<Value>* parameters) { parameters_ = parameters; }

  // An Appender holds the database's write from its first Append to its
  // Finish (appender.cc); meanwhile no statement may write (ExecCursor
  // refuses, SQLITE_MISUSE) and no second appender may start.
  bool appender_writing() const { return appender_writing_; }
  // changes(), total_changes(), last_insert_rowid(), case_sensitive_like:
  // handed to every statement's ExecContext.
  ConnectionState& connection_state() { return connection_state_; }
  void set_appender_writing(bool writing) { appender_writing_ = writing; }

  // An SQLite file opened read-only (sqlite_open.cc): its rows copied into
  // this in-memory database, which then refuses every write ("attempt to
  // write a readonly database", SQLITE_READONLY). The objects the engine
  // could not load are warnings().
  static Result<std::unique_ptr<Database>> OpenSqliteFile(const std::string& path);

  // ATTACHed databases (attach.h), in the order attached; each a
  // DatabaseImpl of its own whose parent() is this one.
  struct AttachedDatabase {
    std::string name;
    std::unique_ptr<DatabaseImpl> db;
  };
  std::vector<AttachedDatabase>& attached() { return attached_; }
  DatabaseImpl* parent() const { return parent_; }
  void set_parent(DatabaseImpl* parent) { parent_ = parent; }
  // The Statements handed out for this database and not destroyed yet
  // (DETACH refuses while there are any).
  int live_statements() const { return live_statements_; }
  void StatementCreated() { ++live_statements_; }
  void StatementDestroyed() { --live_statements_; }
  // A write statement succeeded in the current transaction (the one-file
  // rule of attach.h); cleared when a statement runs outside one.
  bool wrote_in_transaction() const { return wrote_in_transaction_; }
  void set_wrote_in_transaction(bool wrote) { wrote_in_transaction_ = wrote; }
  bool read_only() const override { return !sqlite_file_.empty(); }
  bool read_only(std::string_view schema) const override;
  // The file main is read from, absolute, as PRAGMA database_list shows it
  // ("" in memory).
  std::string main_file() const;

 private:
  // The transaction restores the catalog and drives the file protocol.
  friend class Transaction;

  // durable.cc.
  // The catalog becomes what the files hold, plus the TEMP objects of
  // `temp_from` (the files never hold them): by default the current
  // catalog's; a rollback passes those of its start.
  Status Reload(const Catalog* temp_from = nullptr);
  // Applies what other processes committed (a replaced image: Reload).
  // check_image: also look at the image itself, as writers must (see
  // storage::DbFiles::Poll).
  Status Poll(bool check_image);
  Status ApplyLogRecord(const std::string& data);
  // Writes the catalog as a new image: tables unchanged since they were
  // loaded are copied block for block, the others encoded (and loaded).
  Status CheckpointCatalog(bool sync);
  Status RunReplaySql(const std::string& sql);
  // Commits the changes since the last commit: one log record, or a new
  // image for schema changes and large transactions. REQUIRES: the writer
  // lock.
  Status WriteChanges();
  void MarkCommitted();

  Catalog catalog_;
  std::unique_ptr<DurableState> durable_;  // null: in memory
  Transaction txn_{this};
  ForeignKeyState foreign_keys_;
  int busy_timeout_ms_ = 0;
  Synchronous synchronous_ = Synchronous::kFull;
  bool recursive_triggers_ = false;
  // The files' schema is being replayed through Execute: no write protocol.
  bool replaying_ = false;
  bool temp_used_ = false;
  int temp_store_ = 0;
  const std::vector<Value>* parameters_ = nullptr;
  bool appender_writing_ = false;
  ConnectionState connection_state_;
  // Set by Interrupt() (any thread, signal handlers); lock-free.
  std::atomic<bool> interrupt_{false};
  static_assert(std::atomic<bool>::is_always_lock_free);
  int running_statements_ = 0;
  // The SQLite file this read-only copy was read from (absolute); empty
  // for sluice's own databases.
  std::string sqlite_file_;
  // What opening an SQLite file could not load (warnings()).
  std::vector<std::string> open_warnings_;
  std::vector<AttachedDatabase> attached_;
  DatabaseImpl* parent_ = nullptr;
  int live_statements_ = 0;
  bool wrote_in_transaction_ = false;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_DATABASE_IMPL_H_

// The embedding API of sluice's SQL engine: open a database, prepare and step
// statements, bulk-append rows. Modelled on SQLite's C API
// (sqlite3_open / prepare_v2 / step / column_*) so that sqlite3 users find
// their way, and so that the shell, the sqllogictest runner and the servers
// all sit on the same few calls. Facts about SQL text without a database
// (sqlite3_complete, keywords) are in sluice/sql_text.h.
//
//   auto db = sluice::Database::Open(":memory:");
//   std::string_view sql = "create table t(x); insert into t values (1),(2); select sum(x) from t;";
//   while (!sql.empty()) {
//     sluice::PrepareOutcome p = (*db)->Prepare(sql);
//     if (!p.status.ok()) { ...report p.status (message, result_code(), error_offset())...; }
//     sql.remove_prefix(p.consumed);
//     if (!p.statement) continue;               // only whitespace/comments were left
//     while (true) {
//       sluice::Result<bool> row = p.statement->Step();
//       if (!row.ok()) { ...runtime error...; break; }
//       if (!*row) break;                       // done
//       ... p.statement->column_text(0) ...
//     }
//   }
//
// Parameters, as with sqlite3_bind_* / sqlite3_reset:
//
//   auto ins = std::move((*db)->Prepare("insert into t values (?1, :name)").statement);
//   for (...) {
//     ins->BindInt64(1, id);
//     ins->BindText(ins->bind_parameter_index(":name"), name);
//     ins->Step();
//     ins->Reset();
//   }
//
// Semantics are SQLite's (dialect, dynamic typing, affinity, NULL logic,
// result ordering, error messages). Every statement is atomic: on an error
// the database is exactly as before the statement.
//
// Errors: a failed Prepare or Step returns a Status (status.h) that carries
// what sqlite3's C API reports after the failed call:
//   status.message()               sqlite3_errmsg()
//   status.result_code()           sqlite3_errcode(): SQLITE_ERROR (1) for
//                                  SQL errors, SQLITE_CONSTRAINT (19),
//                                  SQLITE_MISMATCH (20), SQLITE_TOOBIG (18),
//                                  SQLITE_BUSY (5), SQLITE_IOERR (10), ...
//   status.extended_result_code()  sqlite3_extended_errcode(), e.g.
//                                  SQLITE_CONSTRAINT_UNIQUE (2067)
//   status.error_offset()          sqlite3_error_offset() (Prepare only)
//   status.phase()                 ErrorPhase::kPrepare or kStep: which call
//                                  failed (sqlite3's shell prints "Parse
//                                  error" or "Runtime error")
//
// Thread safety: a Database and its Statements are used by one thread at a
// time (as an SQLite connection in its default threading mode), except
// Database::Interrupt(), which any thread or a signal handler may call.
// Internally the engine may use several threads for one query.
#ifndef SLUICE_DATABASE_H_
#define SLUICE_DATABASE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/result.h"
#include "sluice/status.h"

namespace sluice {

class Env;  // src/base/env.h

// SQLite's storage classes.
enum class ColumnType { kNull, kInteger, kReal, kText, kBlob };

// A prepared statement (sqlite3_stmt). Created by Database::Prepare; must be
// destroyed before its Database.
class Statement {
 public:
  virtual ~Statement() = default;

  // Runs the statement to its next result row. Returns true when a row is
  // available through the column accessors, false when the statement has
  // finished (for statements that return no rows: after the first call).
  // An error (constraint violation, runtime error) leaves the database as
  // before the statement; the status has phase kStep, SQLite's message and
  // result code, e.g. "UNIQUE constraint failed: primes.n" with
  // SQLITE_CONSTRAINT_UNIQUE. Step after false or after an error returns
  // false.
  virtual Result<bool> Step() = 0;

  // Result shape; valid right after Prepare. Zero columns for statements that
  // return no rows.
  virtual int column_count() const = 0;
  // The column's name as sqlite3 prints it in headers: the alias, the column
  // name, or the expression's text as written.
  virtual std::string_view column_name(int i) const = 0;

  // Accessors of the current row. REQUIRES: the last Step() returned true
  // and 0 <= i < column_count(). Conversions follow sqlite3_column_*:
  // column_text of a number is its text form (REAL as SQLite prints it,
  // e.g. 100.0, 2.5, 1.0e+20), column_int64 of a text is its numeric prefix.
  // Returned views are valid until the next Step() or the destruction of
  // the statement.
  virtual ColumnType column_type(int i) const = 0;
  virtual int64_t column_int64(int i) const = 0;
  virtual double column_double(int i) const = 0;
  virtual std::string_view column_text(int i) const = 0;
  virtual std::string_view column_blob(int i) const = 0;

  // The statement's own text (from its first token up to and including its
  // terminating ';' if any).
  virtual std::string_view sql() const = 0;

  // Rows inserted, updated or deleted by this statement (sqlite3_changes);
  // 0 for other statements. Valid once Step() returned false.
  virtual int64_t changes() const = 0;

  // True for EXPLAIN statements.
  virtual bool is_explain() const = 0;

  // Parameters (sqlite3_bind_*). Slots are numbered from 1 as SQLite
  // numbers them: ?NNN is slot NNN, a bare ? is one more than the largest
  // slot before it, :name, @name and $name get one more than the largest on
  // their first use and keep it. An unbound parameter is NULL; values stay
  // bound across Reset() until ClearBindings(). Text and blobs are copied.
  // Errors, with sqlite3's messages: a slot outside
  // [1, bind_parameter_count()] is "column index out of range"
  // (SQLITE_RANGE); binding after Step() and before Reset() is "bad
  // parameter or other API misuse" (SQLITE_MISUSE). The defaults (for test
  // doubles) have no parameters.
  virtual Status BindNull(int i) { return NoSuchParameter(i); }
  virtual Status BindInt64(int i, int64_t /*value*/) { return NoSuchParameter(i); }
  virtual Status BindDouble(int i, double /*value*/) { return NoSuchParameter(i); }
  virtual Status BindText(int i, std::string_view /*value*/) { return NoSuchParameter(i); }
  virtual Status BindBlob(int i, std::string_view /*value*/) { return NoSuchParameter(i); }
  // Sets every parameter back to NULL (sqlite3_clear_bindings); allowed at
  // any time, it takes effect at the next run.
  virtual void ClearBindings() {}
  // The largest slot number (sqlite3_bind_parameter_count); 0 without
  // parameters.
  virtual int bind_parameter_count() const { return 0; }
  // The name of slot i as written (":a", "@b", "$c", "?5" for ?NNN), or ""
  // for a bare ? and an index out of range (sqlite3 returns NULL).
  virtual std::string_view bind_parameter_name(int /*i*/) const { return {}; }
  // The slot of a name written with its prefix (":a", "@a", "$a", "?5");
  // 0 when the statement has no such parameter. Binding by name is
  // Bind*(bind_parameter_index(":a"), value): a name used several times in
  // the statement is one slot, so every use reads the value.
  virtual int bind_parameter_index(std::string_view /*name*/) const { return 0; }
  // Makes the statement ready to run again from the start (sqlite3_reset):
  // the next Step() binds and plans it again with the current values and
  // the current schema (an error of that, e.g. "no such table: t" after a
  // DROP, is that Step's error). Bindings are kept. An open transaction is
  // not affected.
  virtual void Reset() {}

 private:
  static Status NoSuchParameter(int /*i*/) { return Status::InvalidArgument("column index out of range"); }
};

// What Database::Prepare produced from the front of a script.
struct PrepareOutcome {
  // OK, or the error in SQLite's words: `near "selec": syntax error`,
  // `no such table: foo`, `no such column: x`, ... with phase kPrepare, its
  // result code (SQLITE_ERROR for these), and, in error_offset(), the byte
  // offset in the given text of the offending token (-1 when the error
  // marks no spot, as sqlite3_error_offset()).
  Status status;
  // The prepared statement; null when status is not OK or when the text
  // held only whitespace, comments and ';'.
  std::unique_ptr<Statement> statement;
  // Bytes of the input used: the statement and its ';'. On an error, the
  // bytes to skip to reach the next statement (the shell continues there).
  size_t consumed = 0;
  // Byte offset (in the given text) of the statement's first token; on an
  // error, of the failed statement.
  size_t statement_offset = 0;
};

// One value of a row given to Appender::Append: NULL, an integer, a real,
// a text or a blob. A view: the bytes of a text or blob must stay valid
// until the call returns.
struct AppendValue {
  ColumnType type = ColumnType::kNull;
  int64_t integer = 0;
  double real = 0;
  std::string_view bytes;  // kText, kBlob

  static AppendValue Null() { return {}; }
  static AppendValue Integer(int64_t v) { return {ColumnType::kInteger, v, 0, {}}; }
  static AppendValue Real(double v) { return {ColumnType::kReal, 0, v, {}}; }
  static AppendValue Text(std::string_view v) { return {ColumnType::kText, 0, 0, v}; }
  static AppendValue Blob(std::string_view v) { return {ColumnType::kBlob, 0, 0, v}; }
};

// Appends rows to one existing table at bulk speed (the shell's .import, the
// storage loader), as sqlite3's .import does it: BEGIN, one INSERT per row,
// COMMIT. Values get the column's affinity, as values bound to an INSERT
// do (the text "12" becomes an integer in an INTEGER column); a NaN real
// is NULL.
//
// Each row is checked and stored by its Append: a row that violates a
// constraint is not stored and its Append returns the INSERT's error
// ("UNIQUE constraint failed: t.a", "NOT NULL constraint failed: t.b");
// the rows before and after it are kept. From the first Append until
// Finish() the appender holds the database's write (on a file database,
// the writer lock, as a statement does): meanwhile a statement that writes,
// or a second appender's Append, fails with SQLITE_MISUSE ("... Finish it
// first"); queries may run and see the rows appended so far. Finish() commits the stored rows
// (outside BEGIN...COMMIT as one transaction of their own; inside one,
// they become part of it). Destroying the appender without Finish() takes
// the stored rows out again.
class Appender {
 public:
  virtual ~Appender() = default;
  // REQUIRES: values.size() equals the table's column count.
  virtual Status Append(std::span<const AppendValue> values) = 0;
  // Append with every value a text.
  Status AppendRow(std::span<const std::string_view> fields) {
    std::vector<AppendValue> values;
    values.reserve(fields.size());
    for (std::string_view f : fields) values.push_back(AppendValue::Text(f));
    return Append(values);
  }
  // Commits the stored rows (see above). After Finish the appender may
  // append again (a new transaction).
  virtual Status Finish() = 0;
};

struct OpenOptions {
  // All file access of a file database goes through this Env (tests inject
  // faults with base/fault_injection_env.h); null: the POSIX one.
  Env* env = nullptr;
};

class Database {
 public:
  virtual ~Database() = default;

  // Opens (creating if needed) the database at `path`; ":memory:" or "" is a
  // private in-memory database. A file database is a file PATH and its
  // write-ahead log PATH-wal (docs/formats/database_file.md): every
  // statement outside BEGIN...COMMIT commits on its own, durably once it
  // returns (PRAGMA synchronous=FULL, the default); one writer at a time
  // across processes ("database is locked" after PRAGMA busy_timeout ms).
  // Errors name the file: "shop.db: file is not a database" (SQLITE_NOTADB),
  // "cannot open ...: ..." (SQLITE_CANTOPEN), "shop.db: database disk image
  // is malformed: ..." (SQLITE_CORRUPT: an empty image next to a log that
  // holds data), ... A damaged log does not stop the open: see warnings().
  // An SQLite database file (its own header) is read through libsqlite3
  // into a private in-memory copy that refuses writes ("attempt to write a
  // readonly database", SQLITE_READONLY): see sluice/sqlite_file.h.
  static Result<std::unique_ptr<Database>> Open(std::string_view path, const OpenOptions& options = {});

  // What is wrong with the database without stopping it from opening (the
  // shell prints it on stderr): a damaged write-ahead log — which file,
  // where, which transactions are not applied, where its copy was kept.
  // The database then shows the transactions before the damage, read-only:
  // writes fail with that same message (SQLITE_CORRUPT), PRAGMA
  // integrity_check reports it, and .backup can save what is readable
  // (docs/formats/database_file.md, "Damage"). Empty when all is well.
  virtual std::vector<std::string> warnings() const { return {}; }

  // True when the database refuses every write (sqlite3_db_readonly): an
  // SQLite file, which sluice reads but never writes (sluice/sqlite_file.h).
  virtual bool read_only() const { return false; }
  // The same for the database `schema` ("main", or an ATTACHed one's name);
  // false for a name that is not attached.
  virtual bool read_only(std::string_view schema) const { return schema == "main" && read_only(); }

  // Writes a consistent copy of the database to the file `path` (replaced
  // if it exists and is empty or a sluice database; any other file is kept:
  // "file is not a database", SQLITE_NOTADB), as a sluice database (the
  // shell's .backup).
  // (The default, for test doubles, refuses.)
  virtual Status Backup(std::string_view path) {
    return Status::InvalidArgument("cannot back up to " + std::string(path) + ": not supported here");
  }

  // Parses, binds and plans the first statement of `sql` (sqlite3_prepare_v2).
  virtual PrepareOutcome Prepare(std::string_view sql) = 0;

  // Runs every statement of `sql`, discarding result rows; stops at the first
  // error.
  Status Execute(std::string_view sql);

  // Starts a bulk append into `table` (NotFound: "no such table: t").
  // AppendRow and Finish fail with SQLite's constraint codes (e.g.
  // SQLITE_CONSTRAINT_NOTNULL), phase kNone.
  virtual Result<std::unique_ptr<Appender>> CreateAppender(std::string_view table) = 0;

  // True inside a transaction: after BEGIN, or a SAVEPOINT outside one,
  // until its COMMIT/ROLLBACK (or the RELEASE of that first savepoint).
  virtual bool in_transaction() const = 0;

  // Makes the statements running now stop soon (sqlite3_interrupt): their
  // Step fails with "interrupted" (SQLITE_INTERRUPT, 9, phase kStep), at
  // the next chunk boundary of the query. As in SQLite, an interrupted
  // query leaves an open transaction as it was, while an interrupted
  // INSERT/UPDATE/DELETE (or CREATE TABLE ... AS) inside BEGIN...COMMIT
  // rolls the whole transaction back; outside one it is undone like any
  // failed statement. When no statement is running the call has no effect
  // (it is forgotten when the next statement starts). Safe to call from
  // any thread and from a signal handler (it only stores an atomic flag).
  // (The default, for test doubles, does nothing.)
  virtual void Interrupt() {}
};

}  // namespace sluice

#endif  // SLUICE_DATABASE_H_

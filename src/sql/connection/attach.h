// ATTACH / DETACH and the statements that use an attached database
// (attach.cc).
//
// An attached database is a DatabaseImpl of its own (in memory, a sluice
// file, or an SQLite file read-only), owned by the connection's main
// DatabaseImpl. A statement runs in ONE database: Prepare routes it
// (RouteStatement) to the attached database it names — by qualified names
// (aux.t) or by unqualified table names that sqlite3 would resolve there
// (not in main, first attached database holding it) — and strips that
// qualifier, so the attached DatabaseImpl prepares and runs it as its own.
// The routing reads the statement's tokens and is conservative: a
// statement that names tables of two databases, or a name main also has,
// is refused ("statements that use tables of several databases are not
// supported"), never run against the wrong tables.
//
// Transactions: an attached database joins main's transaction when a
// statement first runs in it (BEGIN, in sqlite3's words the database is
// then "locked": DETACH refuses); COMMIT and ROLLBACK of main end it in
// every joined database. A transaction writes to at most ONE database
// file (in-memory databases do not count), so a COMMIT is atomic across
// files without a super-journal: a write to a second file inside BEGIN is
// refused. Savepoints are refused while an attached database is in the
// transaction.
#ifndef SLUICE_SQL_CONNECTION_ATTACH_H_
#define SLUICE_SQL_CONNECTION_ATTACH_H_

#include "sluice/result.h"
#include "sql/ast/statement.h"
#include "sql/connection/database_impl.h"

namespace sluice::sql {

Status RunAttach(DatabaseImpl& db, const AttachStatement& s);
Status RunDetach(DatabaseImpl& db, const DetachStatement& s);

// The database `ast` runs in: `main` itself unless it names an attached
// one (then the qualifiers naming it are removed from `ast`). With no
// database attached: `main`, at no cost. Errors: a statement over several
// databases; a statement joining main's transaction inside a savepoint.
// *qualifier: the attached database's name when the statement named it
// (for sqlite3's "no such table: aux.t"), else left as it is.
Result<DatabaseImpl*> RouteStatement(DatabaseImpl& main, Statement& ast, std::string* qualifier);

// An attached `db` joins its main database's transaction (if one is
// open and it has not joined yet): before a statement prepared or run in
// it. Refused inside a savepoint.
Status JoinTransaction(DatabaseImpl& db);

// The one-file rule: before a write statement runs in `db` inside a
// transaction, no other database file of the connection may have been
// written in it.
Status CheckSingleFileWrite(DatabaseImpl& db);

// COMMIT / ROLLBACK of main: the same in every attached database in the
// transaction (the written file first, see above).
Status CommitAttached(DatabaseImpl& main);
Status RollbackAttached(DatabaseImpl& main);
// SAVEPOINT, RELEASE, ROLLBACK TO: refused while an attached database is
// in the transaction.
Status CheckNoAttachedInTransaction(DatabaseImpl& main);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_ATTACH_H_

// The two SqltestEngines of `sluice slt` (sqltest_runner.h): sluice's own
// shell run in-process, and the sqlite3 program (the reference).
//
// Sluice (MakeSluiceSqltestEngine): each run is a `sluice sql` shell
// (shell/shell.h) in its default list mode reading the input as a script
// (as `sluice sql DB < input` does), its stdout and stderr captured in
// memory, the exit status the one `sluice sql` would return; `.open` is
// refused (a test runs on the database its @database names), and a test
// still running after its time limit is interrupted (Database::Interrupt,
// every statement from then on), so it fails instead of hanging. Databases:
// :memory: a fresh in-memory one; :temp: a fresh file in a scratch
// directory; a database file of the corpus (database/testing.db, ...):
// sluice cannot open SQLite's format, so the sqlite3 dump beside it
// (testing.sql) is loaded once per run into a sluice database file kept in
// the scratch directory, and every test gets a private copy of that file
// (so a test that writes leaves the next one a pristine database; the
// "readonly" of the corpus is not enforced -- sluice has no read-only
// mode -- so a write that sqlite3 refuses succeeds here and such a test
// fails). A missing dump is NotFound.
//
// sqlite3 (MakeSqlite3SqltestEngine): one process per run, as Turso's cli
// backend runs it: `sqlite3 DB` with the input on stdin, DB ":memory:", a
// scratch file for :temp:, `file:PATH?immutable=1 -readonly` for a
// readonly database file, a scratch copy of a writable one; killed at its
// time limit (via timeout(1)). A missing database file is NotFound.
//
// Both own a scratch directory (under $TMPDIR), removed with the engine.
#ifndef SLUICE_SLT_SQLTEST_ENGINES_H_
#define SLUICE_SLT_SQLTEST_ENGINES_H_

#include <memory>
#include <string>

#include "slt/sqltest_runner.h"
#include "sluice/result.h"

namespace sluice::slt {

// `time_limit_seconds` (> 0): how long one test may run.
Result<std::unique_ptr<SqltestEngine>> MakeSluiceSqltestEngine(int time_limit_seconds);
Result<std::unique_ptr<SqltestEngine>> MakeSqlite3SqltestEngine(const std::string& sqlite3_binary,
                                                                int time_limit_seconds);

}  // namespace sluice::slt

#endif  // SLUICE_SLT_SQLTEST_ENGINES_H_

// Triggers (CREATE TRIGGER, their firing): the connection side.
//
// A DML statement whose target has triggers runs through
// RunDmlFiringTriggers: its modify operator fires, row by row, the
// triggers of its table and event through a TriggerRunner
// (exec/ops/trigger_writes.h), most recently created first as in sqlite3;
// each program statement is bound again per row with NEW/OLD as constants
// (binder/trigger_row.h) and run, firing triggers in turn. INSERT, UPDATE
// and DELETE on a view run its INSTEAD OF triggers once per row of the
// view the statement selects.
//
// The whole statement, its triggers' writes included, is atomic: the
// catalog from before it is put back when it fails — except after OR FAIL
// conflicts and RAISE(FAIL), whose earlier work stays, as in sqlite3.
// RAISE(ROLLBACK) also ends the transaction (statement_runner.cc).
#ifndef SLUICE_SQL_CONNECTION_TRIGGERS_H_
#define SLUICE_SQL_CONNECTION_TRIGGERS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/result.h"
#include "sql/ast/statement.h"
#include "sql/connection/database_impl.h"

namespace sluice::sql {

// True when running `s` (an INSERT, UPDATE or DELETE) must go through
// RunDmlFiringTriggers: a trigger exists on its target for its event, or
// its target is a view with an INSTEAD OF trigger for it.
bool MayFireTriggers(const Catalog& catalog, const Statement& s);

// Runs `s` with its triggers; returns the rows it changed (not counting
// its triggers' writes, nor rows of a view, as sqlite3's changes()); its
// RETURNING rows go to *returning when given.
Result<int64_t> RunDmlFiringTriggers(DatabaseImpl& db, const Statement& s,
                                     std::vector<std::vector<Value>>* returning = nullptr);

// True when `s` writes a view through INSTEAD OF triggers (its target is a
// view with one for its event): then it has no plan of its own.
bool WritesViewThroughTriggers(const Catalog& catalog, const Statement& s);

// The errors sqlite3 reports when it prepares `s`: those of binding the
// programs of the triggers it may fire (e.g. "no such column: old.a" in an
// INSERT trigger), and of a view target with INSTEAD OF triggers.
Status CheckDmlTriggers(DatabaseImpl& db, const Statement& s);

// Whether any trigger is on `table`.
bool HasTriggers(const Catalog& catalog, std::string_view table);

// Stores `row` into `table` as INSERT INTO table VALUES (...) does, firing
// its triggers: the Appender's way for a table with triggers.
Status InsertFiringTriggers(DatabaseImpl& db, const std::string& table, const std::vector<Value>& row);

// CREATE TRIGGER's checks: its table, timing and program (for ddl.cc;
// defined in trigger_checks.cc);
// *error_offset: where an error points, when it points somewhere.
Status CheckCreateTrigger(const Catalog& catalog, const CreateTriggerStatement& c, int64_t* error_offset = nullptr);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_TRIGGERS_H_

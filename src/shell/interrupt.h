// Ctrl-C (SIGINT) in the shell, as sqlite3 3.40's interrupt_handler():
// each SIGINT is counted and interrupts the statement running on the
// current database (Database::Interrupt); the third one in a row (no input
// line read in between) ends the process with status 1, the way out of a
// statement that does not stop. The input loop (Shell::ProcessInput) reads
// the count before each line: a script stops there, the terminal goes on.
//
// Process-wide state (a signal handler has no other); the handler only
// touches atomics and calls Database::Interrupt, which is
// async-signal-safe.
#ifndef SLUICE_SHELL_INTERRUPT_H_
#define SLUICE_SHELL_INTERRUPT_H_

#include "sluice/database.h"

namespace sluice::shell {

// Installs the SIGINT handler for the life of the object (the previous
// disposition is restored after), unless SIGINT is ignored (a background
// job): then it stays ignored. Only one may exist at a time.
class InterruptHandler {
 public:
  InterruptHandler();
  ~InterruptHandler();
  InterruptHandler(const InterruptHandler&) = delete;
  InterruptHandler& operator=(const InterruptHandler&) = delete;
};

// The database the next SIGINT interrupts (null: none). The Shell sets it
// whenever its database changes (.open).
void SetInterruptTarget(Database* db);

// SIGINTs since the last ResetInterrupts().
int PendingInterrupts();
void ResetInterrupts();
// SIGINTs ever received (never reset): a reader compares it before and
// after a blocking call to learn that the call was cut short by Ctrl-C.
unsigned InterruptGeneration();

// Counts one interrupt as the handler does (for tests and for callers that
// learn of a Ctrl-C another way).
void RaiseInterrupt();

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_INTERRUPT_H_

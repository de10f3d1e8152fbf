// The shell's SIGINT handling (interrupt.h).
#include "shell/interrupt.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>

namespace sluice::shell {

namespace {

std::atomic<Database*> g_target{nullptr};
std::atomic<int> g_pending{0};
std::atomic<unsigned> g_generation{0};
struct sigaction g_previous;
bool g_installed = false;

static_assert(std::atomic<Database*>::is_always_lock_free && std::atomic<int>::is_always_lock_free);

extern "C" void OnSigint(int) { RaiseInterrupt(); }

}  // namespace

void RaiseInterrupt() {
  g_generation.fetch_add(1);
  // sqlite3: "if( seenInterrupt>2 ) exit(1);" — the third Ctrl-C without a
  // line read in between is the way out of a statement that does not stop.
  if (g_pending.fetch_add(1) + 1 > 2) _exit(1);
  if (Database* db = g_target.load()) db->Interrupt();
}

InterruptHandler::InterruptHandler() {
  // A shell started with SIGINT ignored (a background job of a script, a
  // nohup'd run) keeps ignoring it, as a Ctrl-C at the terminal is not
  // meant for it.
  struct sigaction current = {};
  if (sigaction(SIGINT, nullptr, &current) == 0 && current.sa_handler == SIG_IGN) return;
  struct sigaction sa = {};
  sa.sa_handler = OnSigint;
  sigemptyset(&sa.sa_mask);
  // Blocking reads and writes resume after the handler; the terminal's line
  // reader turns SA_RESTART off around readline() (line_source.cc).
  sa.sa_flags = SA_RESTART;
  g_installed = sigaction(SIGINT, &sa, &g_previous) == 0;
}

InterruptHandler::~InterruptHandler() {
  if (g_installed) sigaction(SIGINT, &g_previous, nullptr);
  g_installed = false;
}

void SetInterruptTarget(Database* db) { g_target.store(db); }
int PendingInterrupts() { return g_pending.load(); }
void ResetInterrupts() { g_pending.store(0); }
unsigned InterruptGeneration() { return g_generation.load(); }

}  // namespace sluice::shell

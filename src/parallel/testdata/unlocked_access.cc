// Must NOT compile under clang -Wthread-safety -Werror: each function below
// breaks the locking discipline once. Compiled by the ctest
// parallel.thread_annotations_reject_unlocked_access, which expects all
// three diagnostics (in this order) to prove the annotations are live.
#include "sluice/parallel/mutex.h"

namespace {

class Counter {
 public:
  void AddUnlocked() { ++count_; }             // error: writing count_ without mu_
  int ReadUnlocked() const { return count_; }  // error: reading count_ without mu_
  void CallUnlocked() { Locked(); }            // error: calling Locked() without mu_
  void Locked() REQUIRES(mu_) { count_ = 0; }

 private:
  mutable sluice::parallel::Mutex mu_;
  int count_ GUARDED_BY(mu_) = 0;
};

}  // namespace

int main() {
  Counter c;
  c.AddUnlocked();
  c.CallUnlocked();
  return c.ReadUnlocked();
}

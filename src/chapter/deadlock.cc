// Chapter 4.8, "synchronization pitfalls": two processes that both receive
// first wait for each other for ever — a circular wait.
//
//   def deadlock(in_pipe, out_pipe):
//       item = in_pipe.recv()
//       print('got an item:', item)
//       out_pipe.send(item + 1)
//
//   def create_deadlock():
//       pipe = multiprocessing.Pipe()
//       other = multiprocessing.Process(target=deadlock, args=(pipe[0], pipe[1]))
//       other.start()
//       deadlock(pipe[1], pipe[0])
//
// The chapter's duplex Pipe is a pair of one-way Pipes here. Instead of
// hanging, each side receives with recv_value_for(0.2 s); when both time
// out, the deadlock is reported. Then the operations are aligned — the
// parent sends before it receives — and the same exchange completes.
#include <chrono>
#include <cstdio>
#include <optional>
#include <utility>

#include "chapter/parallel_programs.h"
#include "sluice/parallel/pipe.h"

namespace sluice::chapter {

namespace {

using namespace std::chrono_literals;

constexpr auto kPatience = 200ms;
constexpr int kTimedOut = 3;    // exit code of a side that waited in vain
constexpr int kPeerGaveUp = 4;  // end of stream: the other side exited unanswered

// The chapter's deadlock(): returns 0 after receiving and answering,
// kTimedOut if nothing arrived within kPatience, kPeerGaveUp if the other
// side closed its end without sending (it timed out first and exited), 1 on
// other errors.
int Deadlock(parallel::Pipe& in_pipe, parallel::Pipe& out_pipe, std::FILE* out) {
  Result<std::optional<int>> item = in_pipe.recv_value_for<int>(kPatience);
  if (!item.ok()) return item.status().code() == StatusCode::kTimedOut ? kTimedOut : 1;
  if (!item->has_value()) return kPeerGaveUp;
  std::fprintf(out, "got an item: %d\n", **item);
  std::fflush(out);  // print before the other side can, deterministically
  // The last answer has no receiver: the other side may already have exited
  // (Closed). Python's send() would not notice either.
  const Status sent = out_pipe.send_value(**item + 1);
  return sent.ok() || sent.code() == StatusCode::kClosed ? 0 : 1;
}

// A duplex channel between parent and child.
struct Duplex {
  parallel::Pipe to_child;
  parallel::Pipe to_parent;
};

Result<Duplex> MakeDuplex() {
  SLUICE_ASSIGN_OR_RETURN(parallel::Pipe to_child, parallel::Pipe::create());
  SLUICE_ASSIGN_OR_RETURN(parallel::Pipe to_parent, parallel::Pipe::create());
  return Duplex{std::move(to_child), std::move(to_parent)};
}

// Forks a child that runs Deadlock() on its ends; the parent optionally
// sends `first` before running Deadlock() on its own ends. Returns the
// exit codes {parent, child}.
std::optional<std::pair<int, int>> Exchange(std::optional<int> first, std::FILE* out) {
  Result<Duplex> duplex = MakeDuplex();
  if (!duplex.ok()) return std::nullopt;
  Result<parallel::ChildProcess> other = parallel::fork_child([&] {
    duplex->to_child.close_write();
    duplex->to_parent.close_read();
    return Deadlock(duplex->to_child, duplex->to_parent, out);
  });
  if (!other.ok()) return std::nullopt;
  duplex->to_child.close_read();
  duplex->to_parent.close_write();
  if (first && !duplex->to_child.send_value(*first).ok()) return std::nullopt;
  const int mine = Deadlock(duplex->to_parent, duplex->to_child, out);
  Result<int> theirs = other->wait();
  if (!theirs.ok()) return std::nullopt;
  return std::make_pair(mine, *theirs);
}

}  // namespace

int RunDeadlock(std::FILE* out) {
  // create_deadlock(): both sides receive first.
  // The child keeps the parent's pipe open only until its own timeout; if it
  // gives up first, the parent sees end of stream instead of a timeout.
  std::optional<std::pair<int, int>> stuck = Exchange(std::nullopt, out);
  const bool parent_waited = stuck && (stuck->first == kTimedOut || stuck->first == kPeerGaveUp);
  const bool child_waited = stuck && stuck->second == kTimedOut;
  if (!parent_waited || !child_waited) {
    std::fprintf(out, "no deadlock?\n");
    return 1;
  }
  std::fprintf(out, "deadlock detected: both sides waited %.1f s to receive\n",
               std::chrono::duration<double>(kPatience).count());

  // Aligned: the parent sends 0 first; the child answers 1.
  std::fprintf(out, "aligned (the parent sends first):\n");
  std::optional<std::pair<int, int>> aligned = Exchange(0, out);
  if (!aligned || aligned->first != 0 || aligned->second != 0) return 1;
  return 0;
}

}  // namespace sluice::chapter

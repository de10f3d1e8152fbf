// `sluice demo` (demo_main.h): the tour of chapters 4.2 and 4.8.
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "chapter/demo_main.h"
#include "chapter/parallel_programs.h"
#include "sluice/parallel.h"
#include "sluice/stream.h"

namespace sluice::chapter {
namespace {

void Heading(const char* title) { fmt::print("\n== {}\n", title); }

Generator<long> Fibonacci() {
  long a = 0, b = 1;
  for (;;) {
    co_yield a;
    long next = a + b;
    a = b;
    b = next;
  }
}

void StreamsTour() {
  Heading("4.2 implicit sequences: lazy streams");
  auto r = views::range(10000L, 1000000000L);
  fmt::print(">>> r = range(10000, 1000000000); r[45006230]\n{}\n", r[45006230]);

  Stream<int> positives = integers_from(1);
  fmt::print(">>> positives = integers_from(1)\n{}\n", positives.to_string());
  fmt::print(">>> positives.first\n{}\n", positives.first());

  auto square = [](int x) { return x * x; };
  fmt::print(">>> first_k(map(square, integers_from(3)), 5)\n{}\n", first_k(map(square, integers_from(3)), 5));
  fmt::print(">>> first_k(primes(integers_from(2)), 7)\n{}\n", first_k(primes(integers_from(2)), 7));

  fmt::print(">>> doubled = map(lambda x: print('** doubling', x) or 2 * x, [1, 2, 3])\n");
  std::vector<int> counts{1, 2, 3};
  auto doubled = counts | views::map([](int x) {
                   fmt::print("** doubling {}\n", x);
                   return 2 * x;
                 });
  fmt::print("(nothing doubled yet)\n>>> next(doubled)\n");
  auto it = doubled.begin();
  fmt::print("{}\n>>> next(doubled)\n", *it);
  ++it;
  fmt::print("{}\n", *it);

  fmt::print(">>> sum of squares of the even numbers below 1000, through lazy adaptors\n");
  long sum = 0;
  for (long x : views::range(0L, 1000L) | views::filter([](long v) { return v % 2 == 0; }) |
                    views::map([](long v) { return v * v; })) {
    sum += x;
  }
  fmt::print("{}\n", sum);
  fmt::print(">>> first 10 Fibonacci numbers from an infinite generator\n{}\n",
             views::to_vector(Fibonacci() | views::take(10)));
}

void ParallelTour() {
  Heading("4.8 parallel computing: the problem with shared state");
  // The chapter's point is the difference between the two counts, so each
  // is labelled and the lost updates are counted, not left to the reader.
  fmt::print(">>> unsynchronized: two threads each read the counter, then write what they read + 1\n");
  const int racy = RacyCount();
  fmt::print("count is now:  {}\n{} of 2 increments lost{}\n", racy, 2 - racy,
             racy == 1 ? ": both threads read 0 before either wrote" : "");
  fmt::print(">>> locked: the same two increments, each holding a lock from its read to its write\n");
  const int locked = LockedCount();
  fmt::print("count is now:  {}\n{} of 2 increments lost\n", locked, 2 - locked);
  Heading("4.8 synchronized data structures: a queue");
  RunQueueProducerConsumer(stdout);
  Heading("4.8 locks: already_seen");
  RunAlreadySeen(stdout);
  Heading("4.8 barriers");
  RunBarrierCounters(stdout);
  Heading("4.8 message passing: a pipe to a child process");
  std::fflush(stdout);
  RunPipeProducerConsumer(stdout);
  Heading("4.8 synchronization pitfalls: deadlock, reported by a time-out");
  std::fflush(stdout);
  RunDeadlock(stdout);

  Heading("a thread pool and parallel_for");
  parallel::ThreadPool pool(4);
  std::vector<long> squares(1000);
  parallel::parallel_for(pool, 0, squares.size(), [&](std::size_t i) { squares[i] = long(i) * long(i); });
  fmt::print("sum of i*i for i < 1000 over {} threads: {}\n", pool.size(),
             std::accumulate(squares.begin(), squares.end(), 0L));
  auto answer = pool.submit([](int a, int b) { return a * b; }, 6, 7);
  fmt::print("submit(6 * 7).get(): {}\n", answer.get());
}

}  // namespace

int DemoMain() {
  fmt::print("sluice demo: chapter 4.2 and 4.8 of Composing Programs on sluice's own primitives\n");
  StreamsTour();
  ParallelTour();
  std::fflush(stdout);
  return 0;
}

}  // namespace sluice::chapter

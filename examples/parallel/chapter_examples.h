// The chapter 4.8 ("parallel computing") snippets, one runnable program per
// file in this directory. Each program's main() calls its Run* function with
// stdout; examples_test.cc links all of them (compiled with
// SLUICE_EXAMPLES_NO_MAIN) and checks the same functions' output and values.
//
// Every Run* function writes the program's output to `out` and returns the
// process exit code (0 on success).
#ifndef SLUICE_EXAMPLES_PARALLEL_CHAPTER_EXAMPLES_H_
#define SLUICE_EXAMPLES_PARALLEL_CHAPTER_EXAMPLES_H_

#include <cstdio>

namespace sluice::examples {

// racy_counter.cc: two unsynchronized increments lose one: always 1.
int RacyCount();
int RunRacyCounter(std::FILE* out);

// locked_counter.cc: the same increments under a Mutex: always 2.
int LockedCount();
int RunLockedCounter(std::FILE* out);

// queue_producer_consumer.cc: "got an item: 0" .. "got an item: 9".
int RunQueueProducerConsumer(std::FILE* out);

// already_seen.cc: 8 crawler threads; each URL is new exactly once.
int RunAlreadySeen(std::FILE* out);

// barrier_counters.cc: "counters: [10, 10]".
int RunBarrierCounters(std::FILE* out);

// pipe_producer_consumer.cc: a child process prints the items it receives.
int RunPipeProducerConsumer(std::FILE* out);

// deadlock.cc: both processes receive first; a timeout reports it.
int RunDeadlock(std::FILE* out);

}  // namespace sluice::examples

#endif  // SLUICE_EXAMPLES_PARALLEL_CHAPTER_EXAMPLES_H_

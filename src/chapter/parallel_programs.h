// The chapter 4.8 ("parallel computing") snippets, one per file in this
// directory, as functions: `sluice demo` runs them in its tour, each
// examples/parallel program is a main() that calls one of them with stdout,
// and parallel_programs_test.cc checks their output and values in-process.
//
// Every Run* function writes the program's output to `out` and returns the
// process exit code (0 on success).
#ifndef SLUICE_CHAPTER_PARALLEL_PROGRAMS_H_
#define SLUICE_CHAPTER_PARALLEL_PROGRAMS_H_

#include <cstdio>

namespace sluice::chapter {

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

}  // namespace sluice::chapter

#endif  // SLUICE_CHAPTER_PARALLEL_PROGRAMS_H_

// Checks the chapter 4.8 programs in-process: exact output text (the same
// as examples/parallel/expected/*.txt, which the example.parallel.* ctests
// compare with the example programs' stdout) and, where output cannot show it, the values over
// many runs.
#include <chrono>
#include <cstdio>
#include <string>

#include <gtest/gtest.h>

#include "chapter/parallel_programs.h"

namespace sluice::chapter {
namespace {

struct Captured {
  int exit_code;
  std::string output;
};

// Runs `run` with a temporary file as its output. Child processes of the
// pipe examples inherit the descriptor, so their lines land there too.
Captured Capture(int (*run)(std::FILE*)) {
  std::FILE* out = std::tmpfile();
  EXPECT_NE(out, nullptr);
  Captured c;
  c.exit_code = run(out);
  std::fflush(out);
  std::rewind(out);
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, out)) > 0) c.output.append(buf, n);
  std::fclose(out);
  return c;
}

std::string ItemLines(int from, int to) {
  std::string s;
  for (int i = from; i <= to; ++i) s += "got an item: " + std::to_string(i) + "\n";
  return s;
}

TEST(ChapterExamplesTest, RacyCounterLosesAnUpdateEveryTime) {
  const Captured c = Capture(RunRacyCounter);
  EXPECT_EQ(c.exit_code, 0);
  EXPECT_EQ(c.output, "count is now:  1\n");
  for (int run = 0; run < 1000; ++run) ASSERT_EQ(RacyCount(), 1) << "run " << run;
}

TEST(ChapterExamplesTest, LockedCounterNeverLosesAnUpdate) {
  const Captured c = Capture(RunLockedCounter);
  EXPECT_EQ(c.exit_code, 0);
  EXPECT_EQ(c.output, "count is now:  2\n");
  for (int run = 0; run < 1000; ++run) ASSERT_EQ(LockedCount(), 2) << "run " << run;
}

TEST(ChapterExamplesTest, QueueProducerConsumer) {
  const Captured c = Capture(RunQueueProducerConsumer);
  EXPECT_EQ(c.exit_code, 0);
  EXPECT_EQ(c.output, ItemLines(0, 9));
}

TEST(ChapterExamplesTest, AlreadySeenReportsEachUrlNewOnce) {
  for (int run = 0; run < 20; ++run) {
    const Captured c = Capture(RunAlreadySeen);
    ASSERT_EQ(c.exit_code, 0) << c.output;
    ASSERT_EQ(c.output,
              "http://composingprograms.com/ was new 1 time\n"
              "http://composingprograms.com/pages/48-parallel-computing.html was new 1 time\n"
              "http://composingprograms.com/examples/parallel/crawler.py.html was new 1 time\n"
              "http://composingprograms.com/examples/parallel/particle.py.html was new 1 time\n"
              "http://view.eecs.berkeley.edu/wiki/Dwarf_Mine was new 1 time\n"
              "https://docs.python.org/3/reference/compound_stmts.html was new 1 time\n"
              "8 threads, 144 checks, 6 new urls\n");
  }
}

TEST(ChapterExamplesTest, BarrierCounters) {
  for (int run = 0; run < 20; ++run) {
    const Captured c = Capture(RunBarrierCounters);
    ASSERT_EQ(c.exit_code, 0);
    ASSERT_EQ(c.output, "counters: [10, 10]\n");
  }
}

TEST(ChapterExamplesTest, PipeProducerConsumerAcrossProcesses) {
  const Captured c = Capture(RunPipeProducerConsumer);
  EXPECT_EQ(c.exit_code, 0);
  EXPECT_EQ(c.output, ItemLines(0, 9));
}

TEST(ChapterExamplesTest, DeadlockIsReportedPromptly) {
  const auto start = std::chrono::steady_clock::now();
  const Captured c = Capture(RunDeadlock);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(c.exit_code, 0);
  EXPECT_EQ(c.output,
            "deadlock detected: both sides waited 0.2 s to receive\n"
            "aligned (the parent sends first):\n" +
                ItemLines(0, 1));
  EXPECT_GE(took, std::chrono::milliseconds(200));  // both sides really waited
  EXPECT_LT(took, std::chrono::seconds(3)) << "the deadlock must be reported, not waited out";
}

}  // namespace
}  // namespace sluice::chapter

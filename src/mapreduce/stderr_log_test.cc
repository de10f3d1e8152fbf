#include "mapreduce/stderr_log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace sluice::mapreduce {
namespace {

namespace fs = std::filesystem;

class StderrLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("mr_stderr_log_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    log_ = (dir_ / "logs" / "a.log").string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Text() const {
    std::ifstream f(log_);
    return std::string((std::istreambuf_iterator<char>(f)), {});
  }
  fs::path dir_;
  std::string log_;
};

// Reporter lines split over chunks at any byte are still recognized; plain
// lines go to the log and the tail.
TEST_F(StderrLogTest, ReporterLinesAcrossChunks) {
  const std::string text =
      "reporter:counter:G,n,2\nplain one\r\nreporter:status:busy\nreporter:counter:bad\nrepo\nreporter:counter:G,n,3";
  for (std::size_t chunk : {1u, 2u, 7u, 1000u}) {
    fs::remove_all(dir_);
    StreamingReport report;
    {
      StderrLog log(log_, 0, report);
      for (std::size_t i = 0; i < text.size(); i += chunk) log.Feed(std::string_view(text).substr(i, chunk));
      log.Finish();
    }
    EXPECT_EQ(report.counters.Get("G", "n"), 5) << chunk;
    EXPECT_EQ(report.last_status, "busy") << chunk;
    EXPECT_EQ(Text(), "plain one\r\nreporter:counter:bad\nrepo\n") << chunk;
    EXPECT_EQ(report.stderr_tail, "plain one\nreporter:counter:bad\nrepo\n") << chunk;
  }
}

TEST_F(StderrLogTest, NothingPlainNoFile) {
  StreamingReport report;
  {
    StderrLog log(log_, 0, report);
    log.Feed("reporter:status:x\n");
  }
  EXPECT_FALSE(fs::exists(dir_));
  EXPECT_EQ(report.stderr_tail, "");
}

// An endless line is streamed, not held: the limit cuts it, the log says so.
TEST_F(StderrLogTest, LimitCutsAndSaysSo) {
  StreamingReport report;
  {
    StderrLog log(log_, 1000, report);
    log.Feed("first\n");
    const std::string block(4096, 'y');
    for (int i = 0; i < 100; ++i) log.Feed(block);
    log.Finish();
  }
  const std::string text = Text();
  ASSERT_GT(text.size(), 1000u);
  EXPECT_EQ(text.substr(0, 1000), "first\n" + std::string(994, 'y'));
  EXPECT_EQ(text.substr(1000), "\n... [truncated, " + std::to_string(409600 - 994) +
                                   " bytes dropped: an attempt's log keeps its first 1000 bytes]\n");
  EXPECT_EQ(report.stderr_tail, "first\n" + std::string(StderrLog::kTailLineBytes, 'y') + "\n");
}

// A line starting "reporter:" that grows past kMaxReporterLine is plain:
// it is not held whole.
TEST_F(StderrLogTest, LongReporterLikeLineIsPlain) {
  StreamingReport report;
  const std::string line = "reporter:status:" + std::string(StderrLog::kMaxReporterLine, 'z');
  {
    StderrLog log(log_, 0, report);
    log.Feed(line);
    log.Feed("\nafter\n");
  }
  EXPECT_EQ(Text(), line + "\nafter\n");
  EXPECT_EQ(report.last_status, "");
}

// The limit counts what the file already holds (a combiner appends to the
// map attempt's log); notes come last, after the program's bytes.
TEST_F(StderrLogTest, LimitCountsTheFileAndNotesComeLast) {
  StreamingReport report;
  {
    StderrLog log(log_, 10, report);
    log.Feed("12345678\n");
  }
  {
    StderrLog log(log_, 10, report);
    log.Note("sluice: a note");
    log.Feed("abc");
  }
  EXPECT_EQ(Text(),
            "12345678\na\n... [truncated, 2 bytes dropped: an attempt's log keeps its first 10 bytes]\n"
            "sluice: a note\n");
  EXPECT_EQ(report.stderr_tail, "abc\n");
}

}  // namespace
}  // namespace sluice::mapreduce

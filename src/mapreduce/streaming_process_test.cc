#include "mapreduce/streaming_process.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <thread>

namespace sluice::mapreduce {
namespace {

namespace fs = std::filesystem;

class StringFeeder final : public ByteFeeder {
 public:
  explicit StringFeeder(std::string text, std::size_t chunk = 4096) : text_(std::move(text)), chunk_(chunk) {}
  Result<std::string_view> Next() override {
    std::string_view rest = std::string_view(text_).substr(pos_);
    std::string_view c = rest.substr(0, chunk_);
    pos_ += c.size();
    return c;
  }

 private:
  std::string text_;
  std::size_t chunk_;
  std::size_t pos_ = 0;
};

class Lines final : public LineConsumer {
 public:
  Status Line(std::string_view line) override {
    lines.emplace_back(line);
    return Status::OK();
  }
  std::vector<std::string> lines;
};

StreamingCommand Cmd(const std::string& command, std::chrono::milliseconds timeout = std::chrono::milliseconds(0)) {
  StreamingCommand c;
  c.command = command;
  c.environment = {"PATH=/usr/bin:/bin"};
  c.timeout = timeout;
  return c;
}

TEST(StreamingProcessTest, FeedsInputAndSplitsOutputLines) {
  StringFeeder in("a\tb\nc\r\nlast", 3);
  Lines out;
  StreamingReport report;
  ASSERT_TRUE(RunStreamingProcess(Cmd("cat"), in, out, report, nullptr).ok());
  EXPECT_EQ(out.lines, (std::vector<std::string>{"a\tb", "c", "last"}));
  EXPECT_EQ(report.bytes_fed, 11u);
}

TEST(StreamingProcessTest, ReporterLinesBecomeCountersAndStatusOthersGoToTheLog) {
  std::string log = (fs::temp_directory_path() / ("mr_sp_test_" + std::to_string(::getpid()) + "/a.log")).string();
  StreamingCommand c =
      Cmd("cat >/dev/null; echo 'reporter:counter:My Group,lines,5' >&2; echo 'reporter:counter:My Group,lines,2' >&2;"
          " echo 'reporter:status:half way' >&2; echo 'plain message' >&2");
  c.log_path = log;
  StringFeeder in("x\n");
  Lines out;
  StreamingReport report;
  ASSERT_TRUE(RunStreamingProcess(c, in, out, report, nullptr).ok());
  EXPECT_EQ(report.counters.Get("My Group", "lines"), 7);
  EXPECT_EQ(report.last_status, "half way");
  EXPECT_EQ(report.stderr_tail, "plain message\n");
  std::ifstream f(log);
  std::string text((std::istreambuf_iterator<char>(f)), {});
  EXPECT_EQ(text, "plain message\n");
  fs::remove_all(fs::path(log).parent_path());
}

TEST(StreamingProcessTest, NonZeroExitAndSignalsFail) {
  StringFeeder in("x\n");
  Lines out;
  StreamingReport report;
  Status s = RunStreamingProcess(Cmd("cat >/dev/null; echo boom >&2; exit 3"), in, out, report, nullptr);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("exited with status 3"), std::string::npos) << s.message();
  EXPECT_EQ(report.stderr_tail, "boom\n");
  StringFeeder in2("x\n");
  s = RunStreamingProcess(Cmd("kill -SEGV $$"), in2, out, report, nullptr);
  EXPECT_NE(s.message().find("killed by signal 11"), std::string::npos) << s.message();
}

TEST(StreamingProcessTest, ExitingZeroWithoutReadingAllInputFails) {
  std::string big;
  for (int i = 0; i < 100000; ++i) big += "line " + std::to_string(i) + "\n";
  for (const char* cmd : {"head -n 1", "true", "read x; exit 0"}) {
    StringFeeder in(big);
    Lines out;
    StreamingReport report;
    Status s = RunStreamingProcess(Cmd(cmd), in, out, report, nullptr);
    EXPECT_FALSE(s.ok()) << cmd;
    EXPECT_NE(s.message().find("without reading all of its input"), std::string::npos) << s.message();
  }
  // Small input that fits the pipe buffer but is never read is caught too.
  StringFeeder small("a\nb\n");
  Lines out;
  StreamingReport report;
  Status s = RunStreamingProcess(Cmd("true"), small, out, report, nullptr);
  EXPECT_NE(s.message().find("4 bytes unread"), std::string::npos) << s.message();
}

TEST(StreamingProcessTest, HangingProgramTimesOutAndIsKilled) {
  StringFeeder in("x\n");
  Lines out;
  StreamingReport report;
  Status s = RunStreamingProcess(Cmd("sleep 60", std::chrono::milliseconds(200)), in, out, report, nullptr);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("timed out"), std::string::npos) << s.message();
}

TEST(StreamingProcessTest, CancelKillsTheWholeProcessGroup) {
  std::string pidfile = (fs::temp_directory_path() / ("mr_sp_pid_" + std::to_string(::getpid()))).string();
  std::atomic<bool> cancel{false};
  std::thread canceller([&] {
    for (int i = 0; i < 500 && !fs::exists(pidfile); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    cancel.store(true);
  });
  StringFeeder in("x\n");
  Lines out;
  StreamingReport report;
  Status s = RunStreamingProcess(Cmd("sleep 60 & echo $! > " + pidfile + "; wait"), in, out, report, &cancel);
  canceller.join();
  EXPECT_EQ(s.code(), StatusCode::kCancelled);
  std::ifstream f(pidfile);
  pid_t grandchild = 0;
  f >> grandchild;
  ASSERT_GT(grandchild, 0);
  // The background sleep was in the task's process group: it must be gone
  // (or a zombie about to be reaped by init, which kill(0) still sees).
  bool gone = false;
  for (int i = 0; i < 200 && !gone; ++i) {
    std::ifstream stat("/proc/" + std::to_string(grandchild) + "/stat");
    std::string dummy, state;
    if (!(stat >> dummy >> dummy >> state) || state == "Z")
      gone = true;
    else
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(gone);
  fs::remove(pidfile);
}

}  // namespace
}  // namespace sluice::mapreduce

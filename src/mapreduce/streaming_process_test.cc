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

// Whether `pid` is gone (or a zombie about to be reaped by init, which
// kill(0) still sees), waiting up to 2 s.
bool Gone(pid_t pid) {
  for (int i = 0; i < 200; ++i) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string dummy, state;
    if (!(stat >> dummy >> dummy >> state) || state == "Z") return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

std::string PidFile(const std::string& name) {
  return (fs::temp_directory_path() / ("mr_sp_" + name + "_" + std::to_string(::getpid()))).string();
}

pid_t ReadPid(const std::string& pidfile) {
  std::ifstream f(pidfile);
  pid_t pid = 0;
  f >> pid;
  return pid;
}

// Sets `cancel` once `pidfile` exists (and 50 ms more).
std::thread CancelWhenStarted(const std::string& pidfile, std::atomic<bool>& cancel) {
  return std::thread([&cancel, pidfile] {
    for (int i = 0; i < 500 && !fs::exists(pidfile); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    cancel.store(true);
  });
}

TEST(StreamingProcessTest, CancelKillsTheWholeProcessGroup) {
  std::string pidfile = PidFile("cancel");
  std::atomic<bool> cancel{false};
  std::thread canceller = CancelWhenStarted(pidfile, cancel);
  StringFeeder in("x\n");
  Lines out;
  StreamingReport report;
  Status s = RunStreamingProcess(Cmd("sleep 60 & echo $! > " + pidfile + "; wait"), in, out, report, &cancel);
  canceller.join();
  EXPECT_EQ(s.code(), StatusCode::kCancelled);
  pid_t grandchild = ReadPid(pidfile);
  ASSERT_GT(grandchild, 0);
  EXPECT_TRUE(Gone(grandchild));  // the background sleep was in the task's process group
  fs::remove(pidfile);
}

// A program that exits while a background child still holds its stdout
// open: the run ends `linger` after the exit, with the program's status and
// all of its output, and the child is killed. Both ways a shell leaves such
// a child behind: a subshell's `&` and an `exec` after `&`.
TEST(StreamingProcessTest, DescendantsHoldingStdoutAfterTheExitAreKilledPromptly) {
  const std::string pidfile = PidFile("linger");
  const std::string log = PidFile("linger_log") + "/a.log";
  for (const std::string& command :
       {"(sleep 1000 & echo $! > " + pidfile + ") ; cat", "sleep 1000 & echo $! > " + pidfile + "; exec cat"}) {
    fs::remove(pidfile);
    StringFeeder in("a\nb\n");
    Lines out;
    StreamingReport report;
    StreamingCommand c = Cmd(command, std::chrono::milliseconds(60000));
    c.linger = std::chrono::milliseconds(200);
    c.log_path = log;
    const auto start = std::chrono::steady_clock::now();
    Status s = RunStreamingProcess(c, in, out, report, nullptr);
    const auto took = std::chrono::steady_clock::now() - start;
    EXPECT_TRUE(s.ok()) << command << ": " << s.message();
    EXPECT_EQ(out.lines, (std::vector<std::string>{"a", "b"})) << command;
    EXPECT_LT(took, std::chrono::seconds(5)) << command;
    pid_t child = ReadPid(pidfile);
    ASSERT_GT(child, 0) << command;
    EXPECT_TRUE(Gone(child)) << command;
    std::ifstream f(log);
    std::string text((std::istreambuf_iterator<char>(f)), {});
    EXPECT_NE(text.find("kept its stdout or stderr open; killed"), std::string::npos) << text;
  }
  fs::remove(pidfile);
  fs::remove_all(fs::path(log).parent_path());
}

// Descendants still writing to stdout when the linger is over are killed,
// and the run fails: their records were cut short. Output the program
// itself left unread in the pipe (a lot of it) does not count as theirs.
TEST(StreamingProcessTest, DescendantsStillWritingStdoutFailTheRun) {
  const std::string pidfile = PidFile("writer");
  StringFeeder in("a\n");
  Lines out;
  StreamingReport report;
  StreamingCommand c = Cmd("sh -c 'echo $$ > " + pidfile + "; while :; do echo more; sleep 0.05; done' & exec cat");
  c.linger = std::chrono::milliseconds(300);
  Status s = RunStreamingProcess(c, in, out, report, nullptr);
  EXPECT_NE(s.message().find("still writing to its stdout 0.3 s later; killed them"), std::string::npos) << s.message();
  pid_t child = ReadPid(pidfile);
  ASSERT_GT(child, 0);
  EXPECT_TRUE(Gone(child));
  fs::remove(pidfile);

  std::string big;
  for (int i = 0; i < 200000; ++i) big += "line " + std::to_string(i) + "\n";
  StringFeeder in2(big);
  // Slow enough that cat exits with its last MiB still in the pipe.
  class SlowLines final : public LineConsumer {
   public:
    Status Line(std::string_view) override {
      if (++n % 10000 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      return Status::OK();
    }
    std::size_t n = 0;
  } out2;
  StreamingReport report2;
  StreamingCommand c2 = Cmd("sleep 1000 & exec cat");
  c2.linger = std::chrono::milliseconds(300);
  s = RunStreamingProcess(c2, in2, out2, report2, nullptr);
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(out2.n, 200000u);
}

// A child that left the process group (setsid) but holds stdout is found
// by the pipe and killed too; the run ends with all of the program's output
// (its last line without a newline too).
TEST(StreamingProcessTest, ADescendantOutsideTheGroupHoldingStdoutIsKilled) {
  const std::string pidfile = PidFile("setsid");
  StringFeeder in("a\nlast");
  Lines out;
  StreamingReport report;
  StreamingCommand c = Cmd("setsid sh -c 'echo $$ > " + pidfile + "; exec sleep 1000' & exec cat");
  c.linger = std::chrono::milliseconds(200);
  const auto start = std::chrono::steady_clock::now();
  Status s = RunStreamingProcess(c, in, out, report, nullptr);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(out.lines, (std::vector<std::string>{"a", "last"}));
  pid_t escaped = ReadPid(pidfile);
  ASSERT_GT(escaped, 0);
  EXPECT_TRUE(Gone(escaped));
  ::kill(escaped, SIGKILL);  // should it have survived
  fs::remove(pidfile);
}

// Cancel finds it too.
TEST(StreamingProcessTest, CancelKillsADescendantOutsideTheGroup) {
  const std::string pidfile = PidFile("setsid_cancel");
  std::atomic<bool> cancel{false};
  std::thread canceller = CancelWhenStarted(pidfile, cancel);
  StringFeeder in("x\n");
  Lines out;
  StreamingReport report;
  Status s = RunStreamingProcess(Cmd("setsid sh -c 'echo $$ > " + pidfile + "; exec sleep 1000' & cat; sleep 60"), in,
                                 out, report, &cancel);
  canceller.join();
  EXPECT_EQ(s.code(), StatusCode::kCancelled);
  pid_t escaped = ReadPid(pidfile);
  ASSERT_GT(escaped, 0);
  EXPECT_TRUE(Gone(escaped));
  ::kill(escaped, SIGKILL);
  fs::remove(pidfile);
}

// A background child that does not hold the pipes is killed too: nothing
// a run started outlives it, whether it succeeded or not.
TEST(StreamingProcessTest, DetachedDescendantsAreKilledWhenTheRunEnds) {
  const std::string pidfile = PidFile("detached");
  for (const char* tail : {"cat", "cat; exit 3"}) {
    fs::remove(pidfile);
    StringFeeder in("a\n");
    Lines out;
    StreamingReport report;
    Status s = RunStreamingProcess(Cmd("sleep 1000 </dev/null >/dev/null 2>&1 & echo $! > " + pidfile + "; " + tail),
                                   in, out, report, nullptr);
    EXPECT_EQ(s.ok(), std::string(tail) == "cat") << s.message();
    pid_t child = ReadPid(pidfile);
    ASSERT_GT(child, 0);
    EXPECT_TRUE(Gone(child)) << tail;
  }
  fs::remove(pidfile);
}

// Cancel (Ctrl-C, or the job stopping) and the timeout, once the program
// itself has exited and only its descendants hold the pipes, still kill them.
TEST(StreamingProcessTest, CancelAndTimeoutAfterTheExitKillTheDescendants) {
  const std::string pidfile = PidFile("late");
  for (bool use_cancel : {true, false}) {
    fs::remove(pidfile);
    std::atomic<bool> cancel{false};
    std::thread canceller;
    if (use_cancel) canceller = CancelWhenStarted(pidfile, cancel);
    StringFeeder in("a\n");
    Lines out;
    StreamingReport report;
    StreamingCommand c =
        Cmd("sleep 1000 & echo $! > " + pidfile + "; exec cat", std::chrono::milliseconds(use_cancel ? 0 : 300));
    c.linger = std::chrono::milliseconds(60000);
    Status s = RunStreamingProcess(c, in, out, report, &cancel);
    if (canceller.joinable()) canceller.join();
    if (use_cancel) {
      EXPECT_EQ(s.code(), StatusCode::kCancelled) << s.message();
    } else {
      EXPECT_NE(s.message().find("timed out"), std::string::npos) << s.message();
    }
    pid_t child = ReadPid(pidfile);
    ASSERT_GT(child, 0);
    EXPECT_TRUE(Gone(child)) << (use_cancel ? "cancel" : "timeout");
  }
  fs::remove(pidfile);
}

// A command sh cannot find fails at once, marked so the runner does not
// retry it, with a hint; an ordinary failure is not marked.
TEST(StreamingProcessTest, ACommandThatCannotRunIsMarked) {
  StringFeeder in("x\n");
  Lines out;
  StreamingReport report;
  Status s = RunStreamingProcess(Cmd("./no-such-mapper.py"), in, out, report, nullptr);
  EXPECT_TRUE(report.cannot_run);
  EXPECT_NE(s.message().find("exited with status 127; the command cannot run: './no-such-mapper.py' does not exist"),
            std::string::npos)
      << s.message();
  StringFeeder in2("x\n");
  StreamingReport report2;
  s = RunStreamingProcess(Cmd("cat >/dev/null; exit 1"), in2, out, report2, nullptr);
  EXPECT_FALSE(s.ok());
  EXPECT_FALSE(report2.cannot_run);
  StringFeeder in3("x\n");
  StreamingReport report3;
  StreamingCommand c = Cmd("cat");
  c.working_dir = "/nonexistent/dir";
  s = RunStreamingProcess(c, in3, out, report3, nullptr);
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(report3.cannot_run) << s.message();
}

// stderr goes to the log through a bounded buffer: an endless line without
// a newline is cut at the limit, and the log says how much was dropped.
TEST(StreamingProcessTest, StderrIsCappedInTheLog) {
  std::string log = PidFile("cap_log") + "/a.log";
  StreamingCommand c = Cmd("cat >/dev/null; head -c 3000000 /dev/zero | tr '\\0' x >&2");
  c.log_path = log;
  c.log_limit = 100000;
  StringFeeder in("x\n");
  Lines out;
  StreamingReport report;
  ASSERT_TRUE(RunStreamingProcess(c, in, out, report, nullptr).ok());
  std::ifstream f(log);
  std::string text((std::istreambuf_iterator<char>(f)), {});
  EXPECT_EQ(text.substr(0, 100000), std::string(100000, 'x'));
  EXPECT_EQ(text.substr(100000, 34), "\n... [truncated, 2900000 bytes dro") << text.substr(100000);
  EXPECT_EQ(report.stderr_tail, std::string(300, 'x') + "\n");
  fs::remove_all(fs::path(log).parent_path());
}

}  // namespace
}  // namespace sluice::mapreduce

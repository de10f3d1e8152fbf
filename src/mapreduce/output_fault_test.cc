// MapReduce output under injected I/O faults (base/fault_injection_env.h):
// every mutating file operation of a job (spills, merges, part files, task
// and job commit renames, _SUCCESS, the --overwrite swap) is failed in turn.
// A job whose write failed must report it and leave no output at all, or,
// under --overwrite, the previous output exactly as it was; a job that
// succeeded despite the fault (a failed removal of scratch) must be right.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "base/fault_injection_env.h"
#include "sluice/mapreduce.h"

namespace sluice::mapreduce {
namespace {

namespace fs = std::filesystem;

// Every file under `dir` (relative path -> contents); empty if it is missing.
std::map<std::string, std::string> Snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    std::ifstream f(e.path());
    files[fs::relative(e.path(), dir).string()] =
        e.is_directory() ? "<dir>" : std::string((std::istreambuf_iterator<char>(f)), {});
  }
  return files;
}

class OutputFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "mr_fault_test.XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    std::ofstream f(dir_ + "/in.txt");
    for (int i = 0; i < 3000; ++i) f << "w" << (i * 7919 % 211) << " w" << (i % 13) << "\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  static NativeJob WordCount() {
    NativeJob job;
    job.map = [](std::string_view line, Emitter& out) {
      const std::size_t space = line.find(' ');
      out.emit(line.substr(0, space), "1");
      out.emit(line.substr(space + 1), "1");
    };
    job.reduce = [](std::string_view key, ValueIterator& values, Emitter& out) {
      long n = 0;
      for (std::string_view v : values) n += std::stol(std::string(v));
      out.emit(key, std::to_string(n));
    };
    return job;
  }
  JobOptions Options(unsigned reducers, Env* env) const {
    JobOptions o;
    o.inputs = {dir_ + "/in.txt"};
    o.output = dir_ + "/out";
    o.progress = ProgressMode::kQuiet;
    o.split_size = 8 << 10;  // a few map tasks
    o.sort_memory = 1 << 20;
    o.reducers = reducers;
    o.parallel = 1;      // the same order of file operations on every run
    o.max_attempts = 1;  // a failed attempt fails the job
    o.overwrite = true;
    o.env = env;
    return o;
  }
  // Fails each mutating operation of the job in turn; see the file comment.
  void FailEachOperation(unsigned reducers, bool previous_output) {
    FaultInjectionEnv env(Env::Default());
    const JobOptions o = Options(reducers, &env);
    auto good = RunNativeJob(WordCount(), o);
    ASSERT_TRUE(good.ok() && good->status.ok());
    const auto expected = Snapshot(o.output);
    ASSERT_TRUE(expected.count("_SUCCESS"));
    const uint64_t ops = env.operation_count();
    int failures = 0;
    for (uint64_t n = 0; n < ops; ++n) {
      SCOPED_TRACE("operation " + std::to_string(n) + " of " + std::to_string(ops));
      fs::remove_all(o.output);
      if (previous_output) {
        fs::create_directory(o.output);
        std::ofstream(o.output + "/part-00000") << "old\t1\n";
      }
      const auto before = Snapshot(o.output);
      env.FailAt(n, FaultKind::kShortWrite);  // an Append writes half, then fails; the rest plainly fail
      auto r = RunNativeJob(WordCount(), o);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_TRUE(env.fault_fired());
      env.ClearFaults();
      if (r->status.ok()) {
        EXPECT_EQ(Snapshot(o.output), expected);
      } else {
        ++failures;
        EXPECT_NE(r->status.message().find("injected fault"), std::string::npos) << r->status.ToString();
        EXPECT_EQ(Snapshot(o.output), before);
      }
      for (const auto& e : fs::directory_iterator(dir_)) {
        const std::string name = e.path().filename().string();
        if (name != "in.txt" && name != "out") ADD_FAILURE() << "left behind: " << name;
      }
    }
    EXPECT_GT(failures, 0);
  }

  std::string dir_;
};

TEST_F(OutputFaultTest, FailedWriteOrCommitLeavesNoOutput) { FailEachOperation(2, false); }

TEST_F(OutputFaultTest, FailedWriteOrCommitUnderOverwriteKeepsThePreviousOutput) { FailEachOperation(2, true); }

TEST_F(OutputFaultTest, MapOnlyJobFailedPartWriteKeepsThePreviousOutput) { FailEachOperation(0, true); }

// The swap of --overwrite is the job's last two operations (parallel 1):
// old output aside, then the new one in its place.
TEST_F(OutputFaultTest, FailedOverwriteSwapSaysWhichRenameFailed) {
  FaultInjectionEnv env(Env::Default());
  const JobOptions o = Options(1, &env);
  fs::create_directory(o.output);
  ASSERT_TRUE(RunNativeJob(WordCount(), o)->status.ok());
  const uint64_t ops = env.operation_count();
  for (const char* step : {"cannot move the old output ", "cannot rename "}) {
    const auto before = Snapshot(o.output);
    env.FailAt(ops - (std::string(step) == "cannot rename " ? 1 : 2), FaultKind::kError);
    auto r = RunNativeJob(WordCount(), o);
    env.ClearFaults();
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status.message().rfind(step, 0), 0u) << r->status.ToString();
    EXPECT_NE(r->status.message().find(": injected fault: RenameFile "), std::string::npos);
    EXPECT_EQ(Snapshot(o.output), before);
    EXPECT_FALSE(fs::exists(dir_ + "/.out.sluice-new"));
    EXPECT_FALSE(fs::exists(dir_ + "/.out.sluice-old"));
  }
}

}  // namespace
}  // namespace sluice::mapreduce

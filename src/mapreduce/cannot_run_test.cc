#include "mapreduce/cannot_run.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace sluice::mapreduce {
namespace {

namespace fs = std::filesystem;

class CannotRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("mr_cannot_run_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "bin");
    env_ = {"PATH=/usr/bin:/bin:" + (dir_ / "bin").string()};
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text, bool executable) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    ::chmod((dir_ / name).c_str(), executable ? 0755 : 0644);
  }
  std::string Diagnose(const std::string& command, int status, const std::string& tail = "") {
    return DiagnoseCannotRun(command, status, tail, env_, dir_.string()).value_or("(none)");
  }
  fs::path dir_;
  std::vector<std::string> env_;
};

TEST_F(CannotRunTest, MissingFiles) {
  EXPECT_EQ(Diagnose("./mapper.py", 127), "'./mapper.py' does not exist in " + dir_.string());
  EXPECT_EQ(Diagnose("exec /no/such/prog --x", 127), "'/no/such/prog' does not exist");
  EXPECT_EQ(Diagnose("mapper.py", 127, "sh: 1: mapper.py: not found\n"), "'mapper.py' is not on the tasks' PATH");
  Write("mapper.py", "#!/usr/bin/env python3\n", true);
  EXPECT_EQ(
      Diagnose("mapper.py", 127, "sh: 1: mapper.py: not found\n"),
      "'mapper.py' is not on the tasks' PATH, but " + (dir_ / "mapper.py").string() + " exists: write ./mapper.py");
  ::chmod((dir_ / "mapper.py").c_str(), 0644);
  EXPECT_EQ(Diagnose("mapper.py", 127, "sh: 1: mapper.py: not found\n"),
            "'mapper.py' (" + (dir_ / "mapper.py").string() +
                ") is not executable: chmod +x mapper.py, or name its interpreter (\"python3 mapper.py\")");
  // dash's word for a file on PATH that is not executable (a --file shipped
  // without its x bit).
  std::ofstream(dir_ / "bin" / "shipped.py") << "#!/usr/bin/env python3\n";
  EXPECT_EQ(Diagnose("shipped.py", 127, "sh: 1: shipped.py: Permission denied\n"),
            "'shipped.py' (" + (dir_ / "bin" / "shipped.py").string() +
                ") is not executable: chmod +x shipped.py, or name its interpreter (\"python3 shipped.py\")");
  fs::create_directory(dir_ / "sub");
  EXPECT_EQ(Diagnose("./sub", 126), "'./sub' is a directory");
}

// An interpreter (or any program) told to open a script that is not there.
TEST_F(CannotRunTest, MissingScriptOfAnInterpreter) {
  EXPECT_EQ(Diagnose("python3 nothere.py", 2,
                     "python3: can't open file '" + (dir_ / "nothere.py").string() +
                         "': [Errno 2] No such file or directory\n"),
            "'nothere.py' does not exist in " + dir_.string() +
                ", so python3 could not open it (ship it with --file, or give its path)");
  EXPECT_EQ(Diagnose("perl -w x.pl", 2, "Can't open perl script \"x.pl\": No such file or directory\n"),
            "'x.pl' does not exist in " + dir_.string() +
                ", so perl could not open it (ship it with --file, or give its path)");
  // Another file missing is the program's own business: an ordinary failure.
  EXPECT_EQ(Diagnose("grep foo", 2, "grep: nothere.txt: No such file or directory\n"), "(none)");
}

TEST_F(CannotRunTest, NotExecutable) {
  Write("m.py", "#!/usr/bin/env python3\n", false);
  EXPECT_EQ(Diagnose("./m.py arg", 126),
            "'./m.py' is not executable: chmod +x ./m.py, or name its interpreter (\"python3 ./m.py\")");
}

TEST_F(CannotRunTest, ShebangProblems) {
  Write("dos.py", "#!/usr/bin/env python3\r\nprint(1)\r\n", true);
  EXPECT_NE(Diagnose("./dos.py", 127).find("ends in a carriage return (DOS line endings)"), std::string::npos);
  Write("gone.py", "#!/usr/bin/no-such-python\n", true);
  EXPECT_EQ(Diagnose("./gone.py", 127),
            "the #! line of './gone.py' names /usr/bin/no-such-python, which does not exist");
  Write("envgone.py", "#!/usr/bin/env -S no-such-python3 -u\n", true);
  EXPECT_EQ(Diagnose("./envgone.py", 127),
            "the #! line of './envgone.py' runs no-such-python3 through env, and no-such-python3 is not on the "
            "tasks' PATH");
  // Found on PATH: the file there is examined.
  std::ofstream(dir_ / "bin" / "onpath.py") << "#!/usr/bin/no-such-python\n";
  ::chmod((dir_ / "bin" / "onpath.py").c_str(), 0755);
  EXPECT_EQ(Diagnose("onpath.py", 127),
            "the #! line of 'onpath.py' names /usr/bin/no-such-python, which does not exist");
}

// A Python file without #! is run by sh as a script: status 2 with sh's
// "Syntax error" is then a program that cannot run; status 2 otherwise (or
// from a real shell script) is an ordinary failure.
TEST_F(CannotRunTest, NoShebang) {
  Write("m.py", "import sys\nfor line in sys.stdin:\n    print(line)\n", true);
  const std::string tail =
      "./m.py: 1: import: not found\n./m.py: 3: Syntax error: word unexpected (expecting \"do\")\n";
  EXPECT_NE(Diagnose("./m.py", 2, tail).find("'./m.py' has no #! line, so /bin/sh ran it as a shell script"),
            std::string::npos);
  EXPECT_EQ(Diagnose("./m.py", 2, "some error\n"), "(none)");
  // A shell script without #! that ran a missing command: sh's own words
  // first, the missing #! as a note.
  Write("job.sh", "jq .x\n", true);
  EXPECT_EQ(Diagnose("./job.sh", 127, "./job.sh: 1: jq: not found\n"),
            "a command it ran was not found (sh's status 127; see its stderr); note: './job.sh' has no #! line, so "
            "/bin/sh ran it as a shell script: make its first line say which interpreter runs it (e.g. "
            "#!/usr/bin/env python3), or name the interpreter (\"python3 ./job.sh\")");
  Write("ok.sh", "#!/bin/sh\nexit 2\n", true);
  EXPECT_EQ(Diagnose("./ok.sh", 2, "Syntax error\n"), "(none)");
}

// 126 and 127 always mean the command cannot run; without a finding, the
// hint is generic. Other statuses are ordinary failures.
TEST_F(CannotRunTest, GenericAndOrdinary) {
  Write("ok.sh", "#!/bin/sh\nexit 127\n", true);
  EXPECT_EQ(Diagnose("./ok.sh", 127), "a command it ran was not found (sh's status 127; see its stderr)");
  EXPECT_EQ(Diagnose("cat | ./ok.sh", 126), "a command it ran could not be executed (sh's status 126; see its stderr)");
  EXPECT_EQ(Diagnose("./missing", 1), "(none)");
  EXPECT_EQ(Diagnose("./missing", 3), "(none)");
}

}  // namespace
}  // namespace sluice::mapreduce

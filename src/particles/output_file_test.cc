// ReplaceOutputFile and CheckOutputPath: the new bytes or the old file,
// never a partial one; no temporary file left; modes, symlinks, devices.
#include "particles/output_file.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace sluice::particles {
namespace {

class OutputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/sluice_output_file_test.XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::system(("rm -rf '" + dir_ + "'").c_str()); }

  std::string Path(const std::string& name) const { return dir_ + "/" + name; }

  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  static void Write(const std::string& path, const std::string& data) { std::ofstream(path, std::ios::binary) << data; }
  // Every name in the directory, hidden ones too.
  std::set<std::string> Names() const {
    std::set<std::string> names;
    DIR* d = ::opendir(dir_.c_str());
    while (dirent* e = ::readdir(d)) {
      const std::string name = e->d_name;
      if (name != "." && name != "..") names.insert(name);
    }
    ::closedir(d);
    return names;
  }

  std::string dir_;
};

TEST_F(OutputFileTest, CreatesTheFileAndLeavesNoTemporary) {
  ASSERT_TRUE(ReplaceOutputFile(Path("a.png"), "new bytes").ok());
  EXPECT_EQ(Read(Path("a.png")), "new bytes");
  EXPECT_EQ(Names(), (std::set<std::string>{"a.png"}));
}

TEST_F(OutputFileTest, NamedFallbackAlsoLeavesNoTemporary) {
  Write(Path("a.html"), "old");
  ASSERT_TRUE(internal::ReplaceOutputFileNamed(Path("a.html"), "new").ok());
  EXPECT_EQ(Read(Path("a.html")), "new");
  EXPECT_EQ(Names(), (std::set<std::string>{"a.html"}));
}

TEST_F(OutputFileTest, ReplacesAnExistingFileKeepingItsMode) {
  Write(Path("a.png"), "old content that is longer than the new");
  ASSERT_EQ(::chmod(Path("a.png").c_str(), 0640), 0);
  ASSERT_TRUE(ReplaceOutputFile(Path("a.png"), "new").ok());
  EXPECT_EQ(Read(Path("a.png")), "new");
  struct stat st;
  ASSERT_EQ(::stat(Path("a.png").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
}

TEST_F(OutputFileTest, ANewFileGetsTheUmaskMode) {
  const mode_t old = ::umask(027);
  const Status s = ReplaceOutputFile(Path("a.png"), "x");
  ::umask(old);
  ASSERT_TRUE(s.ok());
  struct stat st;
  ASSERT_EQ(::stat(Path("a.png").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
}

TEST_F(OutputFileTest, ASymlinkIsFollowedAndKept) {
  Write(Path("target.png"), "old");
  ASSERT_EQ(::symlink("target.png", Path("link.png").c_str()), 0);
  ASSERT_TRUE(ReplaceOutputFile(Path("link.png"), "new").ok());
  struct stat st;
  ASSERT_EQ(::lstat(Path("link.png").c_str(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode));
  EXPECT_EQ(Read(Path("target.png")), "new");
  // A dangling link: its target is created.
  ASSERT_EQ(::symlink("missing.png", Path("dangling.png").c_str()), 0);
  ASSERT_TRUE(ReplaceOutputFile(Path("dangling.png"), "made").ok());
  EXPECT_EQ(Read(Path("missing.png")), "made");
}

TEST_F(OutputFileTest, ADeviceIsWrittenInPlaceNotReplaced) {
  ASSERT_TRUE(CheckOutputPath("/dev/null").ok());
  ASSERT_TRUE(ReplaceOutputFile("/dev/null", "discarded").ok());
  struct stat st;
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST_F(OutputFileTest, DirectoriesAndMissingDirectoriesAreRefused) {
  for (const std::string& path : {dir_, dir_ + "/", Path("no/such/a.png")}) {
    const Status check = CheckOutputPath(path);
    const Status write = ReplaceOutputFile(path, "x");
    ASSERT_FALSE(check.ok()) << path;
    ASSERT_FALSE(write.ok()) << path;
    EXPECT_EQ(check.message().rfind("cannot write '" + path + "': ", 0), 0u) << check.message();
    EXPECT_EQ(write.message(), check.message());
  }
  EXPECT_NE(CheckOutputPath(dir_).message().find("Is a directory"), std::string::npos);
  EXPECT_NE(CheckOutputPath(Path("no/such/a.png")).message().find("No such file or directory"), std::string::npos);
}

TEST_F(OutputFileTest, SameOutputFileSeesThroughSpellingsButNotDevices) {
  EXPECT_TRUE(SameOutputFile(Path("a.png"), Path("a.png")));
  EXPECT_TRUE(SameOutputFile(Path("a.png"), dir_ + "/./a.png"));
  EXPECT_FALSE(SameOutputFile(Path("a.png"), Path("b.png")));
  Write(Path("a.png"), "x");
  ASSERT_EQ(::symlink("a.png", Path("link.png").c_str()), 0);
  EXPECT_TRUE(SameOutputFile(Path("a.png"), Path("link.png")));
  EXPECT_FALSE(SameOutputFile(Path("a.png"), Path("b.png")));
  EXPECT_FALSE(SameOutputFile("/dev/null", "/dev/null"));
}

TEST_F(OutputFileTest, CheckTouchesNothing) {
  Write(Path("a.png"), "previous");
  ASSERT_TRUE(CheckOutputPath(Path("a.png")).ok());
  ASSERT_TRUE(CheckOutputPath(Path("b.png")).ok());
  EXPECT_EQ(Read(Path("a.png")), "previous");
  EXPECT_EQ(Names(), (std::set<std::string>{"a.png"}));
}

TEST_F(OutputFileTest, ReadOnlyTargetsAndDirectoriesAreRefused) {
  if (::geteuid() == 0) GTEST_SKIP() << "root may write anything";
  Write(Path("ro.png"), "keep");
  ASSERT_EQ(::chmod(Path("ro.png").c_str(), 0444), 0);
  EXPECT_FALSE(CheckOutputPath(Path("ro.png")).ok());
  ASSERT_EQ(::mkdir(Path("ro").c_str(), 0555), 0);
  EXPECT_FALSE(CheckOutputPath(Path("ro/a.png")).ok());
  EXPECT_FALSE(ReplaceOutputFile(Path("ro/a.png"), "x").ok());
}

}  // namespace
}  // namespace sluice::particles

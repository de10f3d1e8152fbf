// Tests of ExpandTestPaths: which files `sluice slt PATH...` runs.
#include "slt/slt_paths.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace sluice::slt {
namespace {

namespace fs = std::filesystem;

class SltPathsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/slt_paths_test.XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Touch(const std::string& rel) {
    fs::path p = fs::path(dir_) / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << "statement ok\nSELECT 1\n";
    return p.string();
  }

  std::string dir_;
};

TEST_F(SltPathsTest, DirectoryStandsForItsTestFilesInPathOrder) {
  const std::string b = Touch("b.test"), a2 = Touch("a/2.test"), a10 = Touch("a/10.test"), slt = Touch("c/x.slt");
  Touch("README.md");
  Touch("a/notes.txt");
  auto files = ExpandTestPaths({dir_});
  ASSERT_TRUE(files.ok()) << files.status().message();
  EXPECT_EQ(*files, (std::vector<std::string>{a10, a2, b, slt}));
}

TEST_F(SltPathsTest, FilesAndMissingPathsAreKeptAsGivenInOrder) {
  const std::string b = Touch("d/b.test");
  const std::string readme = Touch("README.md");
  auto files = ExpandTestPaths({readme, "/no/such/file.test", fs::path(dir_) / "d"});
  ASSERT_TRUE(files.ok()) << files.status().message();
  EXPECT_EQ(*files, (std::vector<std::string>{readme, "/no/such/file.test", b}));
}

TEST_F(SltPathsTest, DirectoryWithoutTestFilesIsRefused) {
  Touch("sub/README.md");
  auto files = ExpandTestPaths({dir_});
  ASSERT_FALSE(files.ok());
  EXPECT_NE(files.status().message().find(dir_), std::string::npos) << files.status().message();
  EXPECT_NE(files.status().message().find("no test file"), std::string::npos) << files.status().message();
}

TEST_F(SltPathsTest, SymlinkedDirectoriesAreNotFollowed) {
  const std::string a = Touch("real/a.test");
  fs::create_directory_symlink(fs::path(dir_) / "real", fs::path(dir_) / "link");
  auto files = ExpandTestPaths({dir_});
  ASSERT_TRUE(files.ok()) << files.status().message();
  EXPECT_EQ(*files, std::vector<std::string>{a});
}

}  // namespace
}  // namespace sluice::slt

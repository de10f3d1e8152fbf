#include "mapreduce/input_split.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace sluice::mapreduce {
namespace {

namespace fs = std::filesystem;

class InputSplitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "mr_split_test.XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  static std::string ReadAll(const InputSplit& s) {
    auto r = SplitReader::Open(s);
    EXPECT_TRUE(r.ok());
    std::string out;
    while (true) {
      auto chunk = r->Next();
      EXPECT_TRUE(chunk.ok());
      if (chunk->empty()) break;
      out.append(*chunk);
    }
    return out;
  }
  std::string dir_;
};

TEST_F(InputSplitTest, CutsAtLineBoundariesAndCoversEveryByteOnce) {
  std::string text;
  for (int i = 0; i < 1000; ++i)
    text += "line " + std::to_string(i) + std::string(static_cast<std::size_t>(i % 13), 'x') + "\n";
  std::string path = Write("a.txt", text);
  for (std::uint64_t size : {1u, 7u, 100u, 4096u, 1u << 20}) {
    auto splits = PlanSplits({path}, size);
    ASSERT_TRUE(splits.ok());
    std::string joined;
    for (const InputSplit& s : *splits) {
      std::string part = ReadAll(s);
      ASSERT_FALSE(part.empty());
      EXPECT_EQ(part.back(), '\n');
      joined += part;
    }
    EXPECT_EQ(joined, text) << "split size " << size;
  }
}

TEST_F(InputSplitTest, LastLineWithoutNewlineGetsOne) {
  std::string path = Write("b.txt", "a\nb");
  auto splits = PlanSplits({path}, 1 << 20);
  ASSERT_TRUE(splits.ok());
  ASSERT_EQ(splits->size(), 1u);
  EXPECT_EQ(ReadAll((*splits)[0]), "a\nb\n");
}

TEST_F(InputSplitTest, EmptyFileHasOneEmptySplitAndDirectoriesSkipHiddenFiles) {
  Write("empty.txt", "");
  Write("_SUCCESS", "");
  Write(".hidden", "x\n");
  Write("z.txt", "z\n");
  auto splits = PlanSplits({dir_}, 1 << 20);
  ASSERT_TRUE(splits.ok());
  ASSERT_EQ(splits->size(), 2u);
  EXPECT_EQ(fs::path((*splits)[0].path).filename(), "empty.txt");
  EXPECT_EQ((*splits)[0].length, 0u);
  EXPECT_EQ(ReadAll((*splits)[0]), "");
  EXPECT_EQ(fs::path((*splits)[1].path).filename(), "z.txt");
}

TEST_F(InputSplitTest, MissingInputIsNamed) {
  auto splits = PlanSplits({dir_ + "/nope"}, 100);
  ASSERT_FALSE(splits.ok());
  EXPECT_EQ(splits.status().code(), StatusCode::kNotFound);
  EXPECT_NE(splits.status().message().find(dir_ + "/nope"), std::string::npos);
}

TEST_F(InputSplitTest, HiddenSubdirectoriesAreSkippedOthersAreAnError) {
  Write("a.txt", "a\n");
  fs::create_directory(dir_ + "/_logs");
  fs::create_directory(dir_ + "/.git");
  Write("_logs/x.log", "x\n");
  auto splits = PlanSplits({dir_}, 1 << 20);
  ASSERT_TRUE(splits.ok()) << splits.status().message();
  ASSERT_EQ(splits->size(), 1u);
  EXPECT_EQ(fs::path((*splits)[0].path).filename(), "a.txt");

  fs::create_directory(dir_ + "/sub");
  splits = PlanSplits({dir_}, 1 << 20);
  ASSERT_FALSE(splits.ok());
  EXPECT_EQ(splits.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(splits.status().message().find(dir_ + "/sub"), std::string::npos) << splits.status().message();
}

TEST_F(InputSplitTest, GlobPatternsAreExpandedInSortedOrder) {
  // Created out of name order: glob(3) with GLOB_NOSORT gives directory order.
  for (const char* name : {"c.txt", "a.txt", "b.log", "_x.txt", "b.txt"}) Write(name, std::string(name) + "\n");
  auto splits = PlanSplits({dir_ + "/*.txt"}, 1 << 20);
  ASSERT_TRUE(splits.ok()) << splits.status().message();
  std::vector<std::string> names;
  for (const InputSplit& s : *splits) names.push_back(fs::path(s.path).filename().string());
  EXPECT_EQ(names, (std::vector<std::string>{"a.txt", "b.txt", "c.txt"}));  // _x.txt is hidden

  splits = PlanSplits({dir_ + "/[ab].?x?"}, 1 << 20);
  ASSERT_TRUE(splits.ok()) << splits.status().message();
  ASSERT_EQ(splits->size(), 2u);
  EXPECT_EQ(fs::path((*splits)[0].path).filename(), "a.txt");
  EXPECT_EQ(fs::path((*splits)[1].path).filename(), "b.txt");
}

TEST_F(InputSplitTest, GlobMatchedDirectoriesAreReadAsDirectoryInputs) {
  fs::create_directory(dir_ + "/day2");
  fs::create_directory(dir_ + "/day1");
  Write("day2/b.txt", "b\n");
  Write("day1/a.txt", "a\n");
  Write("day1/_SUCCESS", "");
  Write("notes.md", "n\n");
  auto splits = PlanSplits({dir_ + "/day*"}, 1 << 20);
  ASSERT_TRUE(splits.ok()) << splits.status().message();
  ASSERT_EQ(splits->size(), 2u);
  EXPECT_EQ((*splits)[0].path, dir_ + "/day1/a.txt");
  EXPECT_EQ((*splits)[1].path, dir_ + "/day2/b.txt");

  fs::create_directory(dir_ + "/day1/sub");  // and their subdirectories are an error too
  splits = PlanSplits({dir_ + "/day*"}, 1 << 20);
  ASSERT_FALSE(splits.ok());
  EXPECT_NE(splits.status().message().find(dir_ + "/day1/sub"), std::string::npos) << splits.status().message();
}

TEST_F(InputSplitTest, ExistingPathWithGlobCharactersIsTakenAsIs) {
  Write("a*.txt", "literal\n");
  Write("ab.txt", "ab\n");
  auto splits = PlanSplits({dir_ + "/a*.txt"}, 1 << 20);
  ASSERT_TRUE(splits.ok()) << splits.status().message();
  ASSERT_EQ(splits->size(), 1u);
  EXPECT_EQ(ReadAll((*splits)[0]), "literal\n");
}

TEST_F(InputSplitTest, PatternMatchingNothingIsNamed) {
  Write("a.txt", "a\n");
  Write("_hidden.csv", "h\n");
  for (const std::string& pattern : {dir_ + "/*.csv", dir_ + "/nodir/*.txt", dir_ + "/a.txt/*"}) {
    auto splits = PlanSplits({dir_ + "/a.txt", pattern}, 100);
    ASSERT_FALSE(splits.ok()) << pattern;
    EXPECT_EQ(splits.status().code(), StatusCode::kNotFound);
    EXPECT_EQ(splits.status().message(), "input pattern matches no files: " + pattern);
  }
}

}  // namespace
}  // namespace sluice::mapreduce

#include "mapreduce/input_split.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

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
  for (int i = 0; i < 1000; ++i) text += "line " + std::to_string(i) + std::string(static_cast<std::size_t>(i % 13), 'x') + "\n";
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

}  // namespace
}  // namespace sluice::mapreduce

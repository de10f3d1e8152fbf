#include "extsort/run_file.h"

#include <gtest/gtest.h>

#include <fstream>

#include "extsort/test_util.h"

namespace sluice::extsort {
namespace {

using testing::Drain;
using testing::Pairs;
using testing::ScratchDir;

TEST(RunFileTest, RoundTripsRecordsAcrossManyBlocks) {
  ScratchDir dir;
  RunFormat format;
  format.block_bytes = 1000;  // many blocks
  auto w = RunWriter::Create(dir.path() + "/r.run", format);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  Pairs want;
  for (int i = 0; i < 5000; ++i) {
    want.emplace_back("key" + std::to_string(i), std::string(static_cast<std::size_t>(i % 7), '\xff'));
  }
  want.emplace_back("", "");
  want.emplace_back(std::string(300000, 'k'), "big");  // bigger than a block
  for (auto& [k, v] : want) ASSERT_TRUE((*w)->Add(k, v).ok());
  auto info = (*w)->Finish();
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->records, want.size());
  auto r = RunReader::Open(info->path);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Drain(**r), want);
  EXPECT_TRUE((*r)->status().ok());
}

TEST(RunFileTest, UnfinishedRunIsDeleted) {
  ScratchDir dir;
  {
    auto w = RunWriter::Create(dir.path() + "/r.run");
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->Add("a", "b").ok());
  }
  EXPECT_EQ(dir.FileCount(), 0u);
}

TEST(RunFileTest, ExistingFileIsNotOverwritten) {
  ScratchDir dir;
  std::ofstream(dir.path() + "/r.run") << "x";
  EXPECT_FALSE(RunWriter::Create(dir.path() + "/r.run").ok());
}

TEST(RunFileTest, TruncatedOrDamagedRunIsCorruption) {
  ScratchDir dir;
  auto w = RunWriter::Create(dir.path() + "/r.run");
  ASSERT_TRUE(w.ok());
  for (int i = 0; i < 100; ++i) ASSERT_TRUE((*w)->Add("key" + std::to_string(i), "value").ok());
  auto info = (*w)->Finish();
  ASSERT_TRUE(info.ok());
  std::string bytes;
  {
    std::ifstream in(info->path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  {
    std::ofstream out(dir.path() + "/short.run", std::ios::binary);
    out << bytes.substr(0, bytes.size() - 5);
  }
  auto r = RunReader::Open(dir.path() + "/short.run");
  ASSERT_TRUE(r.ok());
  Drain(**r);
  EXPECT_EQ((*r)->status().code(), StatusCode::kCorruption);
  bytes[bytes.size() / 2] ^= 0x55;
  bytes[bytes.size() / 2 + 1] ^= 0x55;
  {
    std::ofstream out(dir.path() + "/bad.run", std::ios::binary);
    out << bytes;
  }
  auto r2 = RunReader::Open(dir.path() + "/bad.run");
  ASSERT_TRUE(r2.ok());
  Pairs got = Drain(**r2);
  // A flipped byte inside the zstd frame is caught by zstd or by the sizes;
  // either way the reader must not return the damaged block as good data.
  EXPECT_FALSE((*r2)->status().ok());
  EXPECT_LT(got.size(), 100u);
}

TEST(RunFileTest, MissingFileIsAnError) {
  auto r = RunReader::Open("/nonexistent/dir/r.run");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/nonexistent/dir/r.run"), std::string::npos);
}

}  // namespace
}  // namespace sluice::extsort

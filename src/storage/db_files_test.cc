// DbFiles: image + log protocol, torn tails, stale logs, bad files, locks.
#include "storage/db_files.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "storage/block.h"

namespace sluice::storage {
namespace {

class DbFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "dbfilesXXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/test.db";
  }
  void TearDown() override {
    for (const char* suffix : {"", "-wal", ".tmp"}) std::remove((path_ + suffix).c_str());
    rmdir(dir_.c_str());
  }
  std::unique_ptr<DbFiles> OpenOk() {
    Result<std::unique_ptr<DbFiles>> f = DbFiles::Open(Env::Default(), path_, "empty");
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? std::move(*f) : nullptr;
  }
  std::string Slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  void Spit(const std::string& p, const std::string& data) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << data;
  }

  std::string dir_, path_;
};

TEST_F(DbFilesTest, NewDatabaseHasTheEmptyImageAndNoRecords) {
  auto f = OpenOk();
  std::string image;
  std::vector<std::string> records;
  ASSERT_TRUE(f->Load(&image, &records).ok());
  EXPECT_EQ(image, "empty");
  EXPECT_TRUE(records.empty());
  EXPECT_EQ(f->seq(), 1u);
}

TEST_F(DbFilesTest, AppendedRecordsSurviveReopenInOrder) {
  {
    auto f = OpenOk();
    std::string image;
    std::vector<std::string> records;
    ASSERT_TRUE(f->Load(&image, &records).ok());
    ASSERT_TRUE(f->LockWriter(0).ok());
    ASSERT_TRUE(f->Append("one", true).ok());
    ASSERT_TRUE(f->Append(std::string(100000, 'x'), true).ok());
    f->UnlockWriter();
  }
  auto g = OpenOk();
  std::string image;
  std::vector<std::string> records;
  ASSERT_TRUE(g->Load(&image, &records).ok());
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0], "one");
  EXPECT_EQ(records[1], std::string(100000, 'x'));
}

TEST_F(DbFilesTest, TornTailIsIgnoredAndOverwrittenByTheNextWriter) {
  size_t end = 0;
  {
    auto f = OpenOk();
    std::string image;
    std::vector<std::string> records;
    ASSERT_TRUE(f->Load(&image, &records).ok());
    ASSERT_TRUE(f->LockWriter(0).ok());
    ASSERT_TRUE(f->Append("kept", true).ok());
    ASSERT_TRUE(f->Append("torn", true).ok());
    end = kFileHeaderSize + f->log_bytes();
  }
  std::string log = Slurp(path_ + "-wal");
  // The log is grown in zero-filled chunks: the records end at log_bytes().
  EXPECT_GT(log.size(), end);
  log[end - 2] = 0;  // the last record loses its end
  log[end - 1] = 0;
  Spit(path_ + "-wal", log);
  auto g = OpenOk();
  std::string image;
  std::vector<std::string> records;
  ASSERT_TRUE(g->Load(&image, &records).ok());
  ASSERT_EQ(records, std::vector<std::string>{"kept"});
  ASSERT_TRUE(g->LockWriter(0).ok());
  ASSERT_TRUE(g->Append("after", true).ok());
  g->UnlockWriter();
  auto h = OpenOk();
  ASSERT_TRUE(h->Load(&image, &records).ok());
  EXPECT_EQ(records, (std::vector<std::string>{"kept", "after"}));
}

TEST_F(DbFilesTest, CorruptRecordEndsTheLog) {
  auto f = OpenOk();
  std::string image;
  std::vector<std::string> records;
  ASSERT_TRUE(f->Load(&image, &records).ok());
  ASSERT_TRUE(f->LockWriter(0).ok());
  ASSERT_TRUE(f->Append(std::string(200, 'a'), true).ok());
  ASSERT_TRUE(f->Append(std::string(200, 'b'), true).ok());
  size_t end = kFileHeaderSize + f->log_bytes();
  f->UnlockWriter();
  std::string log = Slurp(path_ + "-wal");
  log[end - 10] ^= 1;  // a bit flip in the second record
  Spit(path_ + "-wal", log);
  ASSERT_TRUE(f->Load(&image, &records).ok());
  EXPECT_EQ(records.size(), 1u);
}

TEST_F(DbFilesTest, CheckpointReplacesTheImageAndEmptiesTheLog) {
  auto f = OpenOk();
  std::string image;
  std::vector<std::string> records;
  ASSERT_TRUE(f->Load(&image, &records).ok());
  ASSERT_TRUE(f->LockWriter(0).ok());
  ASSERT_TRUE(f->Append("r1", true).ok());
  ASSERT_TRUE(f->Checkpoint("image2", true).ok());
  EXPECT_EQ(f->log_bytes(), 0u);
  ASSERT_TRUE(f->Append("r2", true).ok());
  f->UnlockWriter();
  auto g = OpenOk();
  ASSERT_TRUE(g->Load(&image, &records).ok());
  EXPECT_EQ(image, "image2");
  EXPECT_EQ(records, std::vector<std::string>{"r2"});
}

TEST_F(DbFilesTest, StaleLogAfterACrashBetweenRenameAndResetIsIgnored) {
  auto f = OpenOk();
  std::string image;
  std::vector<std::string> records;
  ASSERT_TRUE(f->Load(&image, &records).ok());
  ASSERT_TRUE(f->LockWriter(0).ok());
  ASSERT_TRUE(f->Append("in the old log", true).ok());
  std::string old_log = Slurp(path_ + "-wal");
  ASSERT_TRUE(f->Checkpoint("new image", true).ok());
  f->UnlockWriter();
  Spit(path_ + "-wal", old_log);  // as if the log reset never happened
  auto g = OpenOk();
  ASSERT_TRUE(g->Load(&image, &records).ok());
  EXPECT_EQ(image, "new image");
  EXPECT_TRUE(records.empty());
}

TEST_F(DbFilesTest, PollSeesOtherWritersRecordsAndCheckpoints) {
  auto writer = OpenOk();
  auto reader = OpenOk();
  std::string image;
  std::vector<std::string> records;
  ASSERT_TRUE(writer->Load(&image, &records).ok());
  ASSERT_TRUE(reader->Load(&image, &records).ok());
  ASSERT_TRUE(writer->LockWriter(0).ok());
  ASSERT_TRUE(writer->Append("new", true).ok());
  bool reload = false;
  records.clear();
  ASSERT_TRUE(reader->Poll(&records, &reload).ok());
  EXPECT_FALSE(reload);
  EXPECT_EQ(records, std::vector<std::string>{"new"});
  records.clear();
  ASSERT_TRUE(reader->Poll(&records, &reload).ok());
  EXPECT_TRUE(records.empty());
  ASSERT_TRUE(writer->Checkpoint("cp", true).ok());
  ASSERT_TRUE(reader->Poll(&records, &reload).ok());
  EXPECT_TRUE(reload);
}

TEST_F(DbFilesTest, SecondWriterIsToldTheDatabaseIsLocked) {
  auto a = OpenOk();
  auto b = OpenOk();
  ASSERT_TRUE(a->LockWriter(0).ok());
  Status s = b->LockWriter(50);
  EXPECT_EQ(s.code(), StatusCode::kTimedOut);
  EXPECT_EQ(s.message(), "database is locked");
  a->UnlockWriter();
  EXPECT_TRUE(b->LockWriter(0).ok());
}

TEST_F(DbFilesTest, BadFilesGiveClearErrorsNamingTheFile) {
  Spit(path_, "this is not a database at all, just some text that is long enough");
  Result<std::unique_ptr<DbFiles>> f = DbFiles::Open(Env::Default(), path_, "empty");
  ASSERT_TRUE(f.ok());
  std::string image;
  std::vector<std::string> records;
  Status s = (*f)->Load(&image, &records);
  EXPECT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_NE(s.message().find(path_), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("file is not a database"), std::string::npos) << s.message();

  std::remove(path_.c_str());
  auto g = OpenOk();
  ASSERT_TRUE(g->LockWriter(0).ok());
  std::string noise;
  uint64_t x = 88172645463325252ULL;
  for (int i = 0; i < 5000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    noise.push_back(static_cast<char>(x));
  }
  ASSERT_TRUE(g->Checkpoint(noise, true).ok());  // incompressible: stored as is
  g->UnlockWriter();
  std::string whole = Slurp(path_);
  Spit(path_, whole.substr(0, whole.size() - 100));
  s = g->Load(&image, &records);
  EXPECT_NE(s.message().find("truncated"), std::string::npos) << s.message();
  whole[whole.size() - 3] ^= 0x40;
  Spit(path_, whole);
  s = g->Load(&image, &records);
  EXPECT_NE(s.message().find("checksum mismatch"), std::string::npos) << s.message();
  EXPECT_FALSE(g->Verify().empty());
}

TEST_F(DbFilesTest, DevicesAndFifosAreRefusedAndLeftAlone) {
  std::string fifo = dir_ + "/fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0644), 0);
  std::vector<std::string> refused = {fifo, dir_};
  std::string dev = dir_ + "/null";
  if (mknod(dev.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0) refused.push_back(dev);  // needs root
  for (const std::string& p : refused) {
    Result<std::unique_ptr<DbFiles>> f = DbFiles::Open(Env::Default(), p, "empty");
    ASSERT_FALSE(f.ok()) << p;
    EXPECT_EQ(f.status().message(), p + ": not a regular file");
    EXPECT_EQ(f.status().result_code(), ResultCode::kCantOpen);
    struct stat st;
    ASSERT_EQ(lstat(p.c_str(), &st), 0);
    EXPECT_FALSE(S_ISREG(st.st_mode)) << p << " was replaced";
  }
  std::remove(dev.c_str());
  std::remove(fifo.c_str());
}

TEST_F(DbFilesTest, ASymlinkedDatabaseIsTheTargetFile) {
  std::string link = dir_ + "/link.db";
  ASSERT_EQ(symlink("test.db", link.c_str()), 0);  // dangling until created
  {
    Result<std::unique_ptr<DbFiles>> f = DbFiles::Open(Env::Default(), link, "empty");
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    EXPECT_EQ((*f)->path(), path_);
    ASSERT_TRUE((*f)->LockWriter(0).ok());
    ASSERT_TRUE((*f)->Checkpoint("image 2", true).ok());
    ASSERT_TRUE((*f)->Append("rec", true).ok());
    // The target's writer lock is the link's.
    auto other = OpenOk();
    EXPECT_EQ(other->LockWriter(0).code(), StatusCode::kTimedOut);
  }
  struct stat st;
  ASSERT_EQ(lstat(link.c_str(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode)) << "the checkpoint replaced the link";
  auto g = OpenOk();
  std::string image;
  std::vector<std::string> records;
  ASSERT_TRUE(g->Load(&image, &records).ok());
  EXPECT_EQ(image, "image 2");
  EXPECT_EQ(records, std::vector<std::string>{"rec"});
  std::remove(link.c_str());
}

TEST_F(DbFilesTest, AStaleTemporaryImageIsRemovedOnOpenByAWriterOnly) {
  std::string tmp = path_ + ".tmp";
  {
    auto writer = OpenOk();
    ASSERT_TRUE(writer->LockWriter(0).ok());
    Spit(tmp, "half an image");
    auto reader = OpenOk();  // the lock is taken: the file may be a checkpoint's
    EXPECT_EQ(Slurp(tmp), "half an image");
  }
  auto g = OpenOk();
  EXPECT_NE(access(tmp.c_str(), F_OK), 0) << "stale " << tmp << " kept";
  std::string image;
  std::vector<std::string> records;
  ASSERT_TRUE(g->Load(&image, &records).ok());
  EXPECT_EQ(image, "empty");
}

TEST(BlockTest, RoundTripsAndRejectsTheWrongSeed) {
  std::string raw(10000, 'q');
  std::string block = EncodeBlock(raw, 7);
  EXPECT_LT(block.size(), raw.size());  // compressed
  Result<BlockHeader> h = ParseBlockHeader(block);
  ASSERT_TRUE(h.ok());
  std::string_view body = std::string_view(block).substr(kBlockHeaderSize);
  Result<std::string> back = DecodeBlockBody(*h, body, 7);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, raw);
  EXPECT_FALSE(DecodeBlockBody(*h, body, 8).ok());
}

TEST(BlockTest, ResaltingKeepsTheBytesAndMovesTheChecksumToTheNewSeed) {
  std::string raw(10000, 'r');
  std::string block = EncodeBlock(raw, 7);
  Result<BlockHeader> h = ParseBlockHeader(block);
  ASSERT_TRUE(h.ok());
  std::string_view body = std::string_view(block).substr(kBlockHeaderSize);
  Result<std::string> moved = ResaltBlock(*h, body, 7, 9);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->substr(kBlockHeaderSize), body);  // not recompressed
  Result<BlockHeader> h2 = ParseBlockHeader(*moved);
  ASSERT_TRUE(h2.ok());
  std::string_view body2 = std::string_view(*moved).substr(kBlockHeaderSize);
  Result<std::string> back = DecodeBlockBody(*h2, body2, 9);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, raw);
  EXPECT_FALSE(DecodeBlockBody(*h2, body2, 7).ok());
  // A block that does not verify under the old seed is not copied.
  Result<std::string> wrong = ResaltBlock(*h, body, 8, 9);
  EXPECT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("checksum mismatch"), std::string::npos);
}

}  // namespace
}  // namespace sluice::storage

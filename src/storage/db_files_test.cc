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
    for (const char* suffix : {"", "-wal", ".tmp", "-wal.corrupt"}) std::remove((path_ + suffix).c_str());
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
  // The last record: indistinguishable from a torn one, so not damage.
  EXPECT_TRUE(f->damage().ok()) << f->damage().ToString();
  EXPECT_TRUE(f->Verify().empty());
}

// Appends `payloads` as records of a new database; returns each record's
// offset in the log.
std::vector<size_t> AppendAll(DbFiles* f, const std::vector<std::string>& payloads) {
  std::string image;
  std::vector<std::string> records;
  EXPECT_TRUE(f->Load(&image, &records).ok());
  EXPECT_TRUE(f->LockWriter(0).ok());
  std::vector<size_t> at;
  for (const std::string& p : payloads) {
    at.push_back(kFileHeaderSize + f->log_bytes());
    EXPECT_TRUE(f->Append(p, true).ok());
  }
  f->UnlockWriter();
  return at;
}

TEST_F(DbFilesTest, DamageBeforeValidRecordsIsReportedKeptAsideAndNeverOverwritten) {
  std::vector<size_t> at;
  {
    auto f = OpenOk();
    at = AppendAll(f.get(), {"first", "second", "third"});
  }
  std::string log = Slurp(path_ + "-wal");
  log[at[1] + kBlockHeaderSize + 2] ^= 0x20;  // a bit flip in the second record
  Spit(path_ + "-wal", log);

  auto g = OpenOk();
  std::string image;
  std::vector<std::string> records;
  ASSERT_TRUE(g->Load(&image, &records).ok());
  EXPECT_EQ(records, std::vector<std::string>{"first"});  // the good prefix
  Status d = g->damage();
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.result_code(), ResultCode::kCorrupt);
  EXPECT_NE(d.message().find(path_ + "-wal: database disk image is malformed: record at offset " +
                             std::to_string(at[1]) + ": checksum mismatch"),
            std::string::npos)
      << d.message();
  EXPECT_NE(d.message().find("follows it at offset " + std::to_string(at[2])), std::string::npos) << d.message();
  EXPECT_NE(d.message().find(path_ + "-wal.corrupt"), std::string::npos) << d.message();
  EXPECT_EQ(Slurp(path_ + "-wal.corrupt"), log);

  // Nothing writes over it: neither an append nor a checkpoint.
  ASSERT_TRUE(g->LockWriter(0).ok());
  EXPECT_EQ(g->Append("fourth", true).message(), d.message());
  EXPECT_EQ(g->Checkpoint("new image", true).message(), d.message());
  EXPECT_EQ(g->CheckWritable().message(), d.message());
  g->UnlockWriter();
  EXPECT_EQ(Slurp(path_ + "-wal"), log);
  EXPECT_EQ(Slurp(path_ + "-wal.corrupt"), log);
  std::vector<std::string> problems = g->Verify();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], d.message());

  // Another connection sees the same; the copy is not made twice.
  auto h = OpenOk();
  ASSERT_TRUE(h->Load(&image, &records).ok());
  EXPECT_EQ(h->damage().message(), d.message());
  EXPECT_NE(access((path_ + "-wal.corrupt.1").c_str(), F_OK), 0);
  std::remove((path_ + "-wal.corrupt").c_str());
}

TEST_F(DbFilesTest, ADamagedRecordLengthDoesNotHideTheRecordsAfterIt) {
  std::vector<size_t> at;
  {
    auto f = OpenOk();
    at = AppendAll(f.get(), {"first", "second", "third"});
  }
  std::string log = Slurp(path_ + "-wal");
  log[at[1] + 3] ^= 0x04;  // stored_len of the second record: far past the end of the file
  Spit(path_ + "-wal", log);
  auto g = OpenOk();
  std::string image;
  std::vector<std::string> records;
  ASSERT_TRUE(g->Load(&image, &records).ok());
  EXPECT_EQ(records, std::vector<std::string>{"first"});
  EXPECT_NE(g->damage().message().find("record at offset " + std::to_string(at[1]) + ": "), std::string::npos)
      << g->damage().ToString();
  EXPECT_NE(g->damage().message().find("follows it at offset " + std::to_string(at[2])), std::string::npos)
      << g->damage().ToString();
}

TEST_F(DbFilesTest, ALogCutShortIsDamageButOneCutAtAGrowthStepIsNot) {
  std::vector<size_t> at;
  {
    auto f = OpenOk();
    at = AppendAll(f.get(), {"first", "second", "third"});
  }
  std::string log = Slurp(path_ + "-wal");
  ASSERT_EQ(log.size() % (1u << 20), 0u);  // grown in 1 MiB steps
  Spit(path_ + "-wal", log.substr(0, at[2] + 7));
  auto g = OpenOk();
  std::string image;
  std::vector<std::string> records;
  ASSERT_TRUE(g->Load(&image, &records).ok());
  EXPECT_EQ(records, (std::vector<std::string>{"first", "second"}));
  EXPECT_NE(g->damage().message().find("the log is cut short at offset " + std::to_string(at[2] + 7) +
                                       ", inside the record at offset " + std::to_string(at[2])),
            std::string::npos)
      << g->damage().ToString();
  std::remove((path_ + "-wal.corrupt").c_str());

  std::remove(path_.c_str());
  std::remove((path_ + "-wal").c_str());
  // A record that straddles the end of a growth step, cut there: the step
  // after it was allocated but not kept by a power loss. A torn tail.
  std::string noise(1u << 20, '\0');
  uint64_t x = 88172645463325252ULL;
  for (char& c : noise) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    c = static_cast<char>(x);  // incompressible
  }
  {
    auto f = OpenOk();
    at = AppendAll(f.get(), {noise.substr(0, (1u << 20) - 200), "second", noise.substr(0, 1000)});
  }
  ASSERT_LT(at[2], 1u << 20);
  ASSERT_GT(at[2] + 1000, 1u << 20);
  Spit(path_ + "-wal", Slurp(path_ + "-wal").substr(0, 1u << 20));
  auto h = OpenOk();
  ASSERT_TRUE(h->Load(&image, &records).ok());
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1], "second");
  EXPECT_TRUE(h->damage().ok()) << h->damage().ToString();
  EXPECT_TRUE(h->Verify().empty());
  ASSERT_TRUE(h->LockWriter(0).ok());
  ASSERT_TRUE(h->Append("after", true).ok());
  h->UnlockWriter();
  auto k = OpenOk();
  ASSERT_TRUE(k->Load(&image, &records).ok());
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[2], "after");
  EXPECT_TRUE(k->damage().ok()) << k->damage().ToString();
}

TEST_F(DbFilesTest, AFlippedLogHeaderIsDamageNotAnEmptyLog) {
  {
    auto f = OpenOk();
    AppendAll(f.get(), {"first", "second"});
  }
  std::string log = Slurp(path_ + "-wal");
  log[5] ^= 1;
  Spit(path_ + "-wal", log);
  auto g = OpenOk();
  std::string image;
  std::vector<std::string> records;
  ASSERT_TRUE(g->Load(&image, &records).ok());
  EXPECT_TRUE(records.empty());
  Status d = g->damage();
  ASSERT_FALSE(d.ok());
  EXPECT_NE(
      d.message().find(path_ + "-wal: database disk image is malformed: log header at offset 0: not the log magic"),
      std::string::npos)
      << d.message();
  ASSERT_TRUE(g->LockWriter(0).ok());
  EXPECT_FALSE(g->Append("third", true).ok());
  EXPECT_FALSE(g->Checkpoint("new image", true).ok());
  g->UnlockWriter();
  EXPECT_EQ(Slurp(path_ + "-wal"), log);
  EXPECT_EQ(Slurp(path_ + "-wal.corrupt"), log);
  EXPECT_FALSE(g->Verify().empty());
  std::remove((path_ + "-wal.corrupt").c_str());

  log[5] ^= 1;
  log[20] ^= 1;  // the seq, under the header's checksum
  Spit(path_ + "-wal", log);
  auto h = OpenOk();
  ASSERT_TRUE(h->Load(&image, &records).ok());
  EXPECT_NE(h->damage().message().find("log header at offset 0: header checksum mismatch, with "), std::string::npos)
      << h->damage().ToString();
}

TEST_F(DbFilesTest, ATornLogHeaderWithNothingAfterItIsNotDamage) {
  {
    auto f = OpenOk();
    std::string image;
    std::vector<std::string> records;
    ASSERT_TRUE(f->Load(&image, &records).ok());
  }
  // A crash while the log was reset: its header is cut short.
  Spit(path_ + "-wal", Slurp(path_ + "-wal").substr(0, 20));
  auto g = OpenOk();
  std::string image;
  std::vector<std::string> records;
  ASSERT_TRUE(g->Load(&image, &records).ok());
  EXPECT_TRUE(g->damage().ok()) << g->damage().ToString();
  ASSERT_TRUE(g->LockWriter(0).ok());
  ASSERT_TRUE(g->Append("after", true).ok());
  g->UnlockWriter();
  auto h = OpenOk();
  ASSERT_TRUE(h->Load(&image, &records).ok());
  EXPECT_EQ(records, std::vector<std::string>{"after"});
}

TEST_F(DbFilesTest, ADamagedLogFoundByAPollStopsThatConnectionsWrites) {
  auto writer = OpenOk();
  auto reader = OpenOk();
  std::string image;
  std::vector<std::string> records;
  ASSERT_TRUE(reader->Load(&image, &records).ok());
  std::vector<size_t> at = AppendAll(writer.get(), {"first", "second"});
  std::string log = Slurp(path_ + "-wal");
  log[at[0] + kBlockHeaderSize] ^= 1;
  Spit(path_ + "-wal", log);
  bool reload = false;
  records.clear();
  ASSERT_TRUE(reader->Poll(&records, &reload).ok());
  EXPECT_TRUE(records.empty());
  EXPECT_FALSE(reader->damage().ok());
  ASSERT_TRUE(reader->LockWriter(0).ok());
  EXPECT_FALSE(reader->Append("third", true).ok());
  reader->UnlockWriter();
  EXPECT_EQ(Slurp(path_ + "-wal"), log);
  std::remove((path_ + "-wal.corrupt").c_str());
}

TEST_F(DbFilesTest, ATornTailIsZeroedWhenCutSoItsRemainsAreNotReadAgain) {
  std::string big(300000, '\0');
  uint64_t x = 88172645463325252ULL;
  for (char& c : big) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    c = static_cast<char>(x | 1);  // incompressible, no zero bytes
  }
  // A writer that has its log allocated, and another one whose last
  // record is torn (a crash mid-append).
  auto g = OpenOk();
  std::vector<size_t> at = AppendAll(g.get(), {"kept"});
  {
    auto f = OpenOk();
    at = AppendAll(f.get(), {big});
  }
  std::string log = Slurp(path_ + "-wal");
  log[at[0] + kBlockHeaderSize + 5] ^= 1;  // the last record does not verify: torn
  Spit(path_ + "-wal", log);
  ASSERT_TRUE(g->LockWriter(0).ok());
  std::vector<std::string> seen;
  bool reload = false;
  ASSERT_TRUE(g->Poll(&seen, &reload).ok());
  EXPECT_TRUE(seen.empty());
  ASSERT_TRUE(g->Append("after", true).ok());
  g->UnlockWriter();
  EXPECT_TRUE(g->damage().ok()) << g->damage().ToString();
  std::string cut = Slurp(path_ + "-wal");
  size_t end = at[0] + kBlockHeaderSize + 5;  // "after" is shorter than the torn record
  EXPECT_EQ(cut.find_first_not_of('\0', end), std::string::npos) << "torn bytes left after the new record";
  auto h = OpenOk();
  std::string image;
  std::vector<std::string> records;
  ASSERT_TRUE(h->Load(&image, &records).ok());
  EXPECT_EQ(records, (std::vector<std::string>{"kept", "after"}));
  EXPECT_TRUE(h->Verify().empty());
}

TEST_F(DbFilesTest, AnEmptyOrMissingImageWithALogThatHoldsDataIsRefused) {
  {
    auto f = OpenOk();
    AppendAll(f.get(), {"first", "second"});
  }
  std::string log = Slurp(path_ + "-wal");
  Spit(path_, "");  // truncated to 0 bytes
  Result<std::unique_ptr<DbFiles>> g = DbFiles::Open(Env::Default(), path_, "empty");
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().result_code(), ResultCode::kCorrupt);
  EXPECT_NE(g.status().message().find(path_ + ": database disk image is malformed: the database file is empty"),
            std::string::npos)
      << g.status().message();
  EXPECT_EQ(Slurp(path_ + "-wal"), log);
  EXPECT_EQ(Slurp(path_), "");

  std::remove(path_.c_str());  // missing, with records in the log
  g = DbFiles::Open(Env::Default(), path_, "empty");
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.status().message().find("the database file is missing"), std::string::npos) << g.status().message();
  EXPECT_EQ(Slurp(path_ + "-wal"), log);

  // Missing, next to the bare header of a cleanly closed database: a new
  // database (there is nothing to lose).
  Spit(path_ + "-wal", log.substr(0, kFileHeaderSize));
  auto h = OpenOk();
  std::string image;
  std::vector<std::string> records;
  ASSERT_TRUE(h->Load(&image, &records).ok());
  EXPECT_EQ(image, "empty");
  EXPECT_TRUE(records.empty());
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

// Damaged database files through the public API: a log damaged before
// valid records, or in its header, opens read-only with the transactions
// before the damage, says so (warnings(), PRAGMA integrity_check, the
// SQLITE_CORRUPT error of every write) and is kept, byte for byte, with a
// copy in PATH-wal.corrupt — and so does a log cut short; a torn tail is
// still ignored and cut; an empty image next to a log that holds data is
// refused.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sluice/database.h"
#include "sql/connection/test_util.h"

namespace sluice {
namespace {

// The log's framing (docs/formats/database_file.md): a 32-byte header, then
// blocks of a 25-byte header (stored_len:fixed64 first) and stored_len bytes.
constexpr size_t kLogHeader = 32;
constexpr size_t kBlockHeader = 25;

class DamagedFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "damagedXXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/shop.db";
  }
  void TearDown() override {
    for (const std::string& base : {path_, dir_ + "/src.db"}) {
      for (const char* suffix : {"", "-wal", ".tmp", "-wal.corrupt"}) std::remove((base + suffix).c_str());
    }
    rmdir(dir_.c_str());
  }
  static std::string Slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  static void Spit(const std::string& p, const std::string& data) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << data;
  }
  static bool Exists(const std::string& p) { return access(p.c_str(), F_OK) == 0; }
  // "a|b;c|d;" or "error: msg".
  static std::string Q(Database& db, std::string_view sql) {
    PrepareOutcome p = db.Prepare(sql);
    if (!p.status.ok()) return "error: " + p.status.message();
    if (!p.statement) return "";
    std::string out;
    if (Status s = sql::testing::AppendRowsText(*p.statement, &out); !s.ok()) return out + "error: " + s.message();
    return out;
  }

  // Makes path_ a database whose table t(a) got `rows` rows, one committed
  // transaction (one log record) each, all still in the log (the files are
  // copied while their connection is open: closing it would fold the log
  // into the image). Returns the offsets of the log's records.
  std::vector<size_t> MakeLogWithRows(int rows) {
    std::string src = dir_ + "/src.db";
    std::vector<size_t> at;
    Result<std::unique_ptr<Database>> db = Database::Open(src);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    if (!db.ok()) return at;
    EXPECT_TRUE((*db)->Execute("create table t(a integer, b text);").ok());
    for (int i = 1; i <= rows; ++i) {
      EXPECT_TRUE(
          (*db)->Execute("insert into t values (" + std::to_string(i) + ", 'row " + std::to_string(i) + "');").ok());
    }
    Spit(path_, Slurp(src));
    std::string log = Slurp(src + "-wal");
    Spit(path_ + "-wal", log);
    for (size_t pos = kLogHeader; pos + kBlockHeader <= log.size();) {
      uint64_t stored_len = 0;
      std::memcpy(&stored_len, log.data() + pos, 8);  // little-endian, as the machine
      if (stored_len == 0) break;
      at.push_back(pos);
      pos += kBlockHeader + stored_len;
    }
    EXPECT_EQ(at.size(), static_cast<size_t>(rows));
    return at;
  }
  void FlipByte(const std::string& p, size_t offset) {
    std::string data = Slurp(p);
    ASSERT_LT(offset, data.size());
    data[offset] ^= 0x10;
    Spit(p, data);
  }

  std::string dir_, path_;
};

TEST_F(DamagedFilesTest, ALogDamagedBeforeValidRecordsOpensReadOnlyAndIsKept) {
  std::vector<size_t> at = MakeLogWithRows(5);
  ASSERT_EQ(at.size(), 5u);
  FlipByte(path_ + "-wal", at[2] + kBlockHeader + 3);  // the third insert's record
  std::string damaged = Slurp(path_ + "-wal");
  {
    Result<std::unique_ptr<Database>> opened = Database::Open(path_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    Database& db = **opened;
    std::vector<std::string> warnings = db.warnings();
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(
        warnings[0].find(path_ + "-wal: database disk image is malformed: record at offset " + std::to_string(at[2])),
        std::string::npos)
        << warnings[0];
    EXPECT_NE(warnings[0].find("copy in " + path_ + "-wal.corrupt"), std::string::npos) << warnings[0];
    // The transactions before the damage, read-only.
    EXPECT_EQ(Q(db, "select a from t"), "1;2;");
    Status w = db.Execute("insert into t values (6, 'six');");
    EXPECT_EQ(w.result_code(), ResultCode::kCorrupt);
    EXPECT_EQ(w.message(), warnings[0]);
    EXPECT_EQ(db.Execute("begin;").result_code(), ResultCode::kCorrupt);
    EXPECT_EQ(db.Execute("create table u(x);").result_code(), ResultCode::kCorrupt);
    EXPECT_EQ(db.Execute("vacuum;").result_code(), ResultCode::kCorrupt);
    EXPECT_EQ(Q(db, "pragma wal_checkpoint"), "error: " + warnings[0]);
    EXPECT_EQ(Q(db, "pragma integrity_check"), warnings[0] + ";");
    EXPECT_EQ(Q(db, "select a from t"), "1;2;");
    // What is readable can be saved.
    ASSERT_TRUE(db.Backup(dir_ + "/src.db").ok());
  }
  // Closing did not fold the good prefix into the image and reset the log.
  EXPECT_EQ(Slurp(path_ + "-wal"), damaged);
  EXPECT_EQ(Slurp(path_ + "-wal.corrupt"), damaged);
  Result<std::unique_ptr<Database>> again = Database::Open(path_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->warnings().size(), 1u);
  Result<std::unique_ptr<Database>> saved = Database::Open(dir_ + "/src.db");
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(Q(**saved, "select a, b from t"), "1|row 1;2|row 2;");
  EXPECT_TRUE((*saved)->warnings().empty());
}

TEST_F(DamagedFilesTest, AFlippedLogHeaderDoesNotThrowTheLogAway) {
  MakeLogWithRows(3);
  FlipByte(path_ + "-wal", 3);
  std::string damaged = Slurp(path_ + "-wal");
  {
    Result<std::unique_ptr<Database>> opened = Database::Open(path_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    Database& db = **opened;
    ASSERT_EQ(db.warnings().size(), 1u);
    EXPECT_NE(db.warnings()[0].find(path_ + "-wal: database disk image is malformed: log header at offset 0"),
              std::string::npos)
        << db.warnings()[0];
    EXPECT_EQ(Q(db, "select count(*) from t"), "0;");
    EXPECT_EQ(db.Execute("insert into t values (9, 'nine');").result_code(), ResultCode::kCorrupt);
    EXPECT_NE(Q(db, "pragma integrity_check"), "ok;");
  }
  EXPECT_EQ(Slurp(path_ + "-wal"), damaged);
  EXPECT_EQ(Slurp(path_ + "-wal.corrupt"), damaged);
}

TEST_F(DamagedFilesTest, ATornLastRecordIsIgnoredAndCutAsInSqlite) {
  std::vector<size_t> at = MakeLogWithRows(4);
  ASSERT_EQ(at.size(), 4u);
  // A crash in the middle of the last append: the end of its record never
  // reached the file (which the log's zero-filled growth had allocated).
  std::string log = Slurp(path_ + "-wal");
  std::fill(log.begin() + static_cast<std::ptrdiff_t>(at[3] + kBlockHeader + 4),
            log.begin() + log.find_last_not_of('\0') + 1, '\0');
  Spit(path_ + "-wal", log);
  {
    Result<std::unique_ptr<Database>> opened = Database::Open(path_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    Database& db = **opened;
    EXPECT_TRUE(db.warnings().empty());
    EXPECT_EQ(Q(db, "select a from t"), "1;2;3;");
    EXPECT_EQ(Q(db, "pragma integrity_check"), "ok;");
    ASSERT_TRUE(db.Execute("insert into t values (5, 'five');").ok());
  }
  EXPECT_FALSE(Exists(path_ + "-wal.corrupt"));
  Result<std::unique_ptr<Database>> again = Database::Open(path_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(Q(**again, "select a from t"), "1;2;3;5;");
}

TEST_F(DamagedFilesTest, ALogCutShortIsReportedNotTakenForATornTail) {
  std::vector<size_t> at = MakeLogWithRows(5);
  ASSERT_EQ(at.size(), 5u);
  std::string log = Slurp(path_ + "-wal");
  // Inside the fourth record, and right after the second one: a crash
  // leaves neither (the log grows in zero-filled 1 MiB steps ahead of its
  // records), so the transactions after the cut are missing.
  for (size_t cut : {at[3] + 10, at[2]}) {
    Spit(path_ + "-wal", log.substr(0, cut));
    std::remove((path_ + "-wal.corrupt").c_str());
    {
      Result<std::unique_ptr<Database>> opened = Database::Open(path_);
      ASSERT_TRUE(opened.ok()) << opened.status().ToString();
      Database& db = **opened;
      ASSERT_EQ(db.warnings().size(), 1u) << cut;
      EXPECT_NE(
          db.warnings()[0].find(path_ + "-wal: database disk image is malformed: the log is cut short at offset " +
                                std::to_string(cut)),
          std::string::npos)
          << db.warnings()[0];
      EXPECT_EQ(Q(db, "select count(*) from t"), cut == at[2] ? "2;" : "3;");
      EXPECT_NE(Q(db, "pragma integrity_check"), "ok;");
      EXPECT_EQ(db.Execute("insert into t values (9, 'nine');").result_code(), ResultCode::kCorrupt);
    }
    EXPECT_EQ(Slurp(path_ + "-wal"), log.substr(0, cut));
    EXPECT_EQ(Slurp(path_ + "-wal.corrupt"), log.substr(0, cut));
  }
}

TEST_F(DamagedFilesTest, AnEmptyImageNextToALogIsRefusedNotANewDatabase) {
  MakeLogWithRows(3);
  std::string log = Slurp(path_ + "-wal");
  Spit(path_, "");
  Result<std::unique_ptr<Database>> opened = Database::Open(path_);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().result_code(), ResultCode::kCorrupt);
  EXPECT_NE(opened.status().message().find(path_ + ": database disk image is malformed"), std::string::npos)
      << opened.status().message();
  EXPECT_EQ(Slurp(path_), "");
  EXPECT_EQ(Slurp(path_ + "-wal"), log);
}

TEST_F(DamagedFilesTest, ATruncatedImageIsRefusedAndItsLogKept) {
  MakeLogWithRows(3);
  std::string image = Slurp(path_);
  std::string log = Slurp(path_ + "-wal");
  for (size_t keep : {size_t{5}, image.size() / 2, image.size() - 1}) {
    Spit(path_, image.substr(0, keep));
    Result<std::unique_ptr<Database>> opened = Database::Open(path_);
    ASSERT_FALSE(opened.ok()) << keep;
    EXPECT_EQ(opened.status().result_code(), ResultCode::kCorrupt) << opened.status().ToString();
    EXPECT_NE(opened.status().message().find(path_ + ": "), std::string::npos) << opened.status().message();
    EXPECT_EQ(Slurp(path_ + "-wal"), log);
  }
}

}  // namespace
}  // namespace sluice

// Tests of FaultInjectionEnv: which operations count, FailAt of each kind at
// each position, sticky failures, and SimulateCrash's model of power loss
// (unsynced data, unsynced creations, renames and removals are undone;
// synced data and synced directory entries survive).
#include "base/fault_injection_env.h"

#include <stdlib.h>

#include <filesystem>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sluice {
namespace {

class FaultInjectionEnvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "sluice_fault_env_XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Path(const std::string& name) const { return dir_ + "/" + name; }

  // Opens, appends `content`, syncs when asked, closes -- through `env`.
  static Status Write(Env* env, const std::string& path, const std::string& content, bool sync) {
    SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, env->NewWritableFile(path));
    SLUICE_RETURN_IF_ERROR(file->Append(content));
    if (sync) SLUICE_RETURN_IF_ERROR(file->Sync());
    return file->Close();
  }

  // The file's bytes read through the real env, or "<missing>".
  static std::string Read(const std::string& path) {
    Result<std::unique_ptr<RandomAccessFile>> file = Env::Default()->NewRandomAccessFile(path);
    if (!file.ok()) return file.status().code() == StatusCode::kNotFound ? "<missing>" : file.status().ToString();
    std::string out;
    Status s = (*file)->Read(0, std::numeric_limits<size_t>::max(), &out);
    return s.ok() ? out : s.ToString();
  }

  // A file whose data and directory entry are durable.
  void MakeDurable(const std::string& path, const std::string& content) {
    ASSERT_TRUE(Write(&env_, path, content, /*sync=*/true).ok());
    ASSERT_TRUE(env_.SyncDir(dir_).ok());
  }

  FaultInjectionEnv env_{Env::Default()};
  std::string dir_;
};

TEST_F(FaultInjectionEnvTest, CountsMutatingOperationsOnly) {
  EXPECT_EQ(env_.operation_count(), 0u);
  Result<std::unique_ptr<WritableFile>> file = env_.NewWritableFile(Path("a"));
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(env_.operation_count(), 1u);
  ASSERT_TRUE((*file)->Append("xy").ok());
  ASSERT_TRUE((*file)->Sync().ok());
  EXPECT_EQ(env_.operation_count(), 3u);
  EXPECT_EQ((*file)->Size(), 2u);
  ASSERT_TRUE((*file)->Close().ok());
  EXPECT_EQ(env_.operation_count(), 3u) << "Close and Size are not counted";

  // Reads, metadata queries and locks are not counted.
  EXPECT_TRUE(env_.FileExists(Path("a")));
  EXPECT_EQ(*env_.FileSize(Path("a")), 2u);
  Result<std::unique_ptr<RandomAccessFile>> reader = env_.NewRandomAccessFile(Path("a"));
  ASSERT_TRUE(reader.ok());
  std::string out;
  ASSERT_TRUE((*reader)->Read(0, 2, &out).ok());
  EXPECT_TRUE(env_.LockFile(Path("LOCK"), 0).ok());
  EXPECT_EQ(env_.operation_count(), 3u);

  ASSERT_TRUE(env_.RenameFile(Path("a"), Path("b")).ok());
  ASSERT_TRUE(env_.TruncateFile(Path("b"), 1).ok());
  ASSERT_TRUE(env_.SyncDir(dir_).ok());
  ASSERT_TRUE(env_.NewAppendableFile(Path("b")).ok());
  ASSERT_TRUE(env_.RemoveFile(Path("b")).ok());
  EXPECT_EQ(env_.operation_count(), 8u);
  EXPECT_FALSE(env_.RemoveFile(Path("b")).ok());
  EXPECT_EQ(env_.operation_count(), 9u) << "failed operations count too";
}

// One step of a workload: a mutating operation and what it touched.
struct Step {
  std::string name;
  std::function<Status()> run;
};

// FailAt(n) for every n of a workload: exactly operation n fails, with an
// "injected fault" error naming the operation, and the others succeed.
TEST_F(FaultInjectionEnvTest, FailAtEachOperationOfAWorkload) {
  std::unique_ptr<WritableFile> file;
  const std::vector<Step> steps = {
      {"NewWritableFile " + Path("tmp"),
       [&] {
         Result<std::unique_ptr<WritableFile>> f = env_.NewWritableFile(Path("tmp"));
         if (f.ok()) file = std::move(*f);
         return f.status();
       }},
      {"Append " + Path("tmp"), [&] { return file->Append("data"); }},
      {"Sync " + Path("tmp"), [&] { return file->Sync(); }},
      {"RenameFile " + Path("tmp") + " to " + Path("final"),
       [&] { return env_.RenameFile(Path("tmp"), Path("final")); }},
      {"SyncDir " + dir_, [&] { return env_.SyncDir(dir_); }},
      {"TruncateFile " + Path("final"), [&] { return env_.TruncateFile(Path("final"), 2); }},
      {"NewAppendableFile " + Path("final"), [&] { return env_.NewAppendableFile(Path("final")).status(); }},
      {"RemoveFile " + Path("final"), [&] { return env_.RemoveFile(Path("final")); }},
  };
  for (size_t n = 0; n < steps.size(); ++n) {
    SCOPED_TRACE("fault at operation " + std::to_string(n));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directory(dir_);
    // "final" exists whichever step fails, so that no later step fails
    // for want of it: only the injected fault may fail.
    ASSERT_TRUE(Write(Env::Default(), Path("final"), "old", true).ok());
    env_.FailAt(n, FaultKind::kError);
    EXPECT_FALSE(env_.fault_fired());
    for (size_t i = 0; i < steps.size(); ++i) {
      Status s = steps[i].run();
      if (i == n) {
        EXPECT_EQ(s, Status::IOError("injected fault: " + steps[i].name));
        // Without side effects: a failed creation leaves no file.
        if (i == 0) {
          EXPECT_FALSE(env_.FileExists(Path("tmp")));
          break;
        }
      } else {
        EXPECT_TRUE(s.ok()) << steps[i].name << ": " << s.ToString();
      }
    }
    EXPECT_TRUE(env_.fault_fired());
  }
}

TEST_F(FaultInjectionEnvTest, FailAtCountsFromArming) {
  ASSERT_TRUE(Write(&env_, Path("a"), "x", true).ok());  // 3 operations
  env_.FailAt(1, FaultKind::kError);
  EXPECT_TRUE(env_.SyncDir(dir_).ok());
  EXPECT_FALSE(env_.SyncDir(dir_).ok());
  EXPECT_TRUE(env_.SyncDir(dir_).ok()) << "not sticky: one fault only";
  EXPECT_TRUE(env_.fault_fired());
  env_.ClearFaults();
  EXPECT_FALSE(env_.fault_fired());
}

TEST_F(FaultInjectionEnvTest, FailedAppendWritesNothing) {
  Result<std::unique_ptr<WritableFile>> file = env_.NewWritableFile(Path("a"));
  ASSERT_TRUE(file.ok());
  env_.FailAt(0, FaultKind::kError);
  EXPECT_FALSE((*file)->Append("lost").ok());
  EXPECT_EQ((*file)->Size(), 0u);
  EXPECT_TRUE((*file)->Append("kept").ok());
  EXPECT_EQ(Read(Path("a")), "kept");
}

TEST_F(FaultInjectionEnvTest, ShortWriteKeepsHalfTheAppend) {
  Result<std::unique_ptr<WritableFile>> file = env_.NewWritableFile(Path("a"));
  ASSERT_TRUE(file.ok());
  env_.FailAt(0, FaultKind::kShortWrite);
  Status s = (*file)->Append("0123456789");
  EXPECT_EQ(s.code(), StatusCode::kIOError);
  EXPECT_EQ(s.message(), "injected fault: Append " + Path("a") + " (short write, 5 of 10 bytes)");
  EXPECT_EQ((*file)->Size(), 5u);
  EXPECT_EQ(Read(Path("a")), "01234");

  env_.FailAt(0, FaultKind::kShortWrite);
  EXPECT_FALSE((*file)->Append("abc").ok());
  EXPECT_EQ(Read(Path("a")), "01234a") << "half of 3 bytes rounds down";
}

TEST_F(FaultInjectionEnvTest, ShortWriteOnOtherOperationsIsAnError) {
  ASSERT_TRUE(Write(&env_, Path("a"), "x", false).ok());
  env_.FailAt(0, FaultKind::kShortWrite);
  EXPECT_EQ(env_.RenameFile(Path("a"), Path("b")),
            Status::IOError("injected fault: RenameFile " + Path("a") + " to " + Path("b")));
  EXPECT_TRUE(env_.FileExists(Path("a")));
  EXPECT_FALSE(env_.FileExists(Path("b")));
}

TEST_F(FaultInjectionEnvTest, StickyFaultKeepsFailingUntilCleared) {
  env_.set_sticky(true);
  env_.FailAt(1, FaultKind::kError);
  Result<std::unique_ptr<WritableFile>> file = env_.NewWritableFile(Path("a"));
  ASSERT_TRUE(file.ok()) << "operation 0 precedes the fault";
  EXPECT_FALSE((*file)->Append("x").ok());
  EXPECT_FALSE((*file)->Append("y").ok());
  EXPECT_FALSE((*file)->Sync().ok());
  EXPECT_FALSE(env_.SyncDir(dir_).ok());
  EXPECT_FALSE(env_.NewWritableFile(Path("b")).ok());
  EXPECT_FALSE(env_.FileExists(Path("b")));
  EXPECT_TRUE(env_.FileExists(Path("a"))) << "reads still work";
  EXPECT_EQ(Read(Path("a")), "");

  env_.ClearFaults();
  EXPECT_TRUE((*file)->Append("z").ok());
  EXPECT_EQ(Read(Path("a")), "z");
}

TEST_F(FaultInjectionEnvTest, CrashDropsUnsyncedAppends) {
  Result<std::unique_ptr<WritableFile>> file = env_.NewWritableFile(Path("log"));
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE(env_.SyncDir(dir_).ok());
  ASSERT_TRUE((*file)->Append("durable|").ok());
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE((*file)->Append("lost").ok());
  EXPECT_EQ(Read(Path("log")), "durable|lost") << "visible before the crash";

  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(Path("log")), "durable|");
  // The writer belonged to the crashed "process".
  EXPECT_EQ((*file)->Append("zombie").code(), StatusCode::kIOError);
  EXPECT_EQ((*file)->Sync().code(), StatusCode::kIOError);
  EXPECT_EQ(Read(Path("log")), "durable|");
}

TEST_F(FaultInjectionEnvTest, CrashDropsWritesAfterAFailedSync) {
  Result<std::unique_ptr<WritableFile>> file = env_.NewWritableFile(Path("log"));
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE(env_.SyncDir(dir_).ok());
  ASSERT_TRUE((*file)->Append("a").ok());
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE((*file)->Append("b").ok());
  env_.FailAt(0, FaultKind::kError);
  EXPECT_FALSE((*file)->Sync().ok());
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(Path("log")), "a");
}

TEST_F(FaultInjectionEnvTest, CrashRemovesFilesWhoseCreationWasNotSynced) {
  ASSERT_TRUE(Write(&env_, Path("never_synced"), "x", /*sync=*/false).ok());
  // Data synced, directory not: the entry itself may be lost.
  ASSERT_TRUE(Write(&env_, Path("data_synced"), "y", /*sync=*/true).ok());
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(Path("never_synced")), "<missing>");
  EXPECT_EQ(Read(Path("data_synced")), "<missing>");
}

TEST_F(FaultInjectionEnvTest, CrashKeepsSyncedFilesInSyncedDirectories) {
  MakeDurable(Path("a"), "all of it");
  // A directory synced before the data: the entry survives, the data is
  // whatever was synced (nothing).
  ASSERT_TRUE(Write(&env_, Path("b"), "unsynced", /*sync=*/false).ok());
  ASSERT_TRUE(env_.SyncDir(dir_).ok());
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(Path("a")), "all of it");
  EXPECT_EQ(Read(Path("b")), "");
}

TEST_F(FaultInjectionEnvTest, CrashUndoesUnsyncedRenameOverAFile) {
  MakeDurable(Path("final"), "old");
  ASSERT_TRUE(Write(&env_, Path("tmp"), "new", /*sync=*/true).ok());
  ASSERT_TRUE(env_.RenameFile(Path("tmp"), Path("final")).ok());
  EXPECT_EQ(Read(Path("final")), "new");
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(Path("final")), "old");
  EXPECT_EQ(Read(Path("tmp")), "<missing>") << "tmp's creation was not synced either";
}

TEST_F(FaultInjectionEnvTest, CrashKeepsRenameFollowedBySyncDir) {
  MakeDurable(Path("final"), "old");
  ASSERT_TRUE(Write(&env_, Path("tmp"), "new", /*sync=*/true).ok());
  ASSERT_TRUE(env_.RenameFile(Path("tmp"), Path("final")).ok());
  ASSERT_TRUE(env_.SyncDir(dir_).ok());
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(Path("final")), "new");
  EXPECT_EQ(Read(Path("tmp")), "<missing>");
}

TEST_F(FaultInjectionEnvTest, RenameWithoutDataSyncLosesTheData) {
  MakeDurable(Path("final"), "old");
  ASSERT_TRUE(Write(&env_, Path("tmp"), "new", /*sync=*/false).ok());  // the classic bug
  ASSERT_TRUE(env_.RenameFile(Path("tmp"), Path("final")).ok());
  ASSERT_TRUE(env_.SyncDir(dir_).ok());
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(Path("final")), "") << "the rename survived, the unsynced data did not";
}

TEST_F(FaultInjectionEnvTest, CrashUndoesUnsyncedRenameOfADurableFile) {
  MakeDurable(Path("a"), "content");
  ASSERT_TRUE(env_.RenameFile(Path("a"), Path("b")).ok());
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(Path("a")), "content");
  EXPECT_EQ(Read(Path("b")), "<missing>");
}

TEST_F(FaultInjectionEnvTest, CrossDirectoryRenameNeedsBothDirectoriesSynced) {
  const std::string sub = Path("sub");
  std::filesystem::create_directory(sub);
  MakeDurable(Path("a"), "content");
  for (const std::string& synced : {sub, dir_}) {
    SCOPED_TRACE("only " + synced + " synced");
    ASSERT_TRUE(env_.RenameFile(Path("a"), sub + "/a").ok());
    ASSERT_TRUE(env_.SyncDir(synced).ok());
    ASSERT_TRUE(env_.SimulateCrash().ok());
    EXPECT_EQ(Read(Path("a")), "content");
    EXPECT_EQ(Read(sub + "/a"), "<missing>");
  }

  ASSERT_TRUE(env_.RenameFile(Path("a"), sub + "/a").ok());
  ASSERT_TRUE(env_.SyncDir(sub).ok());
  ASSERT_TRUE(env_.SyncDir(dir_).ok());
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(Path("a")), "<missing>");
  EXPECT_EQ(Read(sub + "/a"), "content");
}

TEST_F(FaultInjectionEnvTest, CrashUndoesUnsyncedRemove) {
  MakeDurable(Path("a"), "content");
  ASSERT_TRUE(env_.RemoveFile(Path("a")).ok());
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(Path("a")), "content");

  ASSERT_TRUE(env_.RemoveFile(Path("a")).ok());
  ASSERT_TRUE(env_.SyncDir(dir_).ok());
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(Path("a")), "<missing>");
}

TEST_F(FaultInjectionEnvTest, SyncFollowsAFileRenamedWhileOpen) {
  Result<std::unique_ptr<WritableFile>> file = env_.NewWritableFile(Path("tmp"));
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("data").ok());
  ASSERT_TRUE(env_.RenameFile(Path("tmp"), Path("final")).ok());
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE(env_.SyncDir(dir_).ok());
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(Path("final")), "data");
}

// Files the env did not write are durable as found; appending to one
// through the env puts only the appended tail at risk.
TEST_F(FaultInjectionEnvTest, PreexistingFilesAreDurableAsFound) {
  ASSERT_TRUE(Write(Env::Default(), Path("old"), "before|", true).ok());
  ASSERT_TRUE(Write(Env::Default(), Path("other"), "untouched", true).ok());
  Result<std::unique_ptr<WritableFile>> file = env_.NewAppendableFile(Path("old"));
  ASSERT_TRUE(file.ok());
  EXPECT_EQ((*file)->Size(), 7u);
  ASSERT_TRUE((*file)->Append("after").ok());
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(Path("old")), "before|");
  EXPECT_EQ(Read(Path("other")), "untouched");
}

TEST_F(FaultInjectionEnvTest, AppendableFileKeepsItsDurableSize) {
  MakeDurable(Path("log"), "a");
  Result<std::unique_ptr<WritableFile>> file = env_.NewAppendableFile(Path("log"));
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("b").ok());
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE((*file)->Append("c").ok());
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(Path("log")), "ab");
}

TEST_F(FaultInjectionEnvTest, TruncationIsDurableAtOnce) {
  MakeDurable(Path("log"), "0123456789");
  ASSERT_TRUE(env_.TruncateFile(Path("log"), 4).ok());
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(Path("log")), "0123");

  MakeDurable(Path("log"), "longer content");
  ASSERT_TRUE(Write(&env_, Path("log"), "new", /*sync=*/false).ok());
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(Path("log")), "") << "NewWritableFile's truncation is durable, the unsynced data not";
}

TEST_F(FaultInjectionEnvTest, PathsAreComparedAfterNormalisation) {
  ASSERT_TRUE(Write(&env_, dir_ + "//./a", "x", true).ok());
  ASSERT_TRUE(env_.SyncDir(dir_ + "/").ok());
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(Path("a")), "x");
}

// The atomic-replace pattern, crashed after a fault at each of its steps
// (and with no fault at all): "final" is always entirely old or new.
TEST_F(FaultInjectionEnvTest, AtomicReplaceSurvivesACrashAnywhere) {
  auto replace = [this]() -> Status {
    SLUICE_RETURN_IF_ERROR(Write(&env_, Path("tmp"), "new image", /*sync=*/true));
    SLUICE_RETURN_IF_ERROR(env_.RenameFile(Path("tmp"), Path("final")));
    return env_.SyncDir(dir_);
  };
  MakeDurable(Path("final"), "old image");
  const uint64_t before = env_.operation_count();
  ASSERT_TRUE(replace().ok());
  const uint64_t ops = env_.operation_count() - before;
  EXPECT_EQ(ops, 5u);  // NewWritableFile, Append, Sync, RenameFile, SyncDir

  for (FaultKind kind : {FaultKind::kError, FaultKind::kShortWrite}) {
    for (uint64_t n = 0; n <= ops; ++n) {
      SCOPED_TRACE("fault at step " + std::to_string(n) + (kind == FaultKind::kError ? " (error)" : " (short)"));
      MakeDurable(Path("final"), "old image");
      env_.set_sticky(true);
      env_.FailAt(n, kind);
      Status s = replace();
      EXPECT_EQ(s.ok(), n == ops) << s.ToString();
      EXPECT_EQ(env_.fault_fired(), n < ops);
      ASSERT_TRUE(env_.SimulateCrash().ok());
      env_.ClearFaults();
      EXPECT_EQ(Read(Path("final")), n == ops ? "new image" : "old image");
      EXPECT_EQ(Read(Path("tmp")), "<missing>");
    }
  }
}

}  // namespace
}  // namespace sluice

namespace sluice {
namespace {

TEST_F(FaultInjectionEnvTest, CrashPutsBackUnsyncedOverwritesBelowTheDurableSize) {
  std::string path = Path("log");
  MakeDurable(path, "AAAAAAAAAA");
  Result<std::unique_ptr<WritableFile>> file = env_.NewUpdatableFile(path);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->WriteAt(2, "bb").ok());
  ASSERT_TRUE((*file)->Sync().ok());  // durable
  ASSERT_TRUE((*file)->WriteAt(5, "cc").ok());
  ASSERT_TRUE((*file)->WriteAt(6, "dd").ok());   // overlaps the previous one
  ASSERT_TRUE((*file)->WriteAt(10, "ee").ok());  // past the durable size
  EXPECT_EQ(Read(path), "AAbbAcddAAee");
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(path), "AAbbAAAAAA");
}

TEST_F(FaultInjectionEnvTest, WriteAtIsAFaultPoint) {
  std::string path = Path("w");
  MakeDurable(path, "0123456789");
  Result<std::unique_ptr<WritableFile>> file = env_.NewUpdatableFile(path);
  ASSERT_TRUE(file.ok());
  env_.FailAt(0, FaultKind::kShortWrite);
  Status s = (*file)->WriteAt(4, "abcd");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(Read(path), "0123ab6789");  // half of it
  env_.FailAt(0, FaultKind::kError);
  EXPECT_FALSE((*file)->WriteAt(0, "zz").ok());
  EXPECT_EQ(Read(path), "0123ab6789");
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(Read(path), "0123456789");
}

}  // namespace
}  // namespace sluice

// Tests of the POSIX Env (posix_env.cc) and DirName: file round trips,
// short reads at the end of a file, errors that name the path, and the
// lock's exclusion inside one process and across processes.
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "base/env.h"

namespace sluice {
namespace {

// A fresh directory per test, removed afterwards.
class PosixEnvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "sluice_env_XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Path(const std::string& name) const { return dir_ + "/" + name; }

  void WriteFile(const std::string& path, const std::string& content) {
    Result<std::unique_ptr<WritableFile>> file = env_->NewWritableFile(path);
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    ASSERT_TRUE((*file)->Append(content).ok());
    ASSERT_TRUE((*file)->Sync().ok());
    ASSERT_TRUE((*file)->Close().ok());
  }

  std::string ReadFile(const std::string& path) {
    Result<std::unique_ptr<RandomAccessFile>> file = env_->NewRandomAccessFile(path);
    if (!file.ok()) return "<" + file.status().ToString() + ">";
    std::string out;
    Status s = (*file)->Read(0, std::numeric_limits<size_t>::max(), &out);
    return s.ok() ? out : "<" + s.ToString() + ">";
  }

  Env* env_ = Env::Default();
  std::string dir_;
};

TEST(DirNameTest, SplitsLikeDirname) {
  EXPECT_EQ(DirName("/a/b/c.db"), "/a/b");
  EXPECT_EQ(DirName("a/b"), "a");
  EXPECT_EQ(DirName("a//b"), "a");
  EXPECT_EQ(DirName("a/b/"), "a");
  EXPECT_EQ(DirName("c.db"), ".");
  EXPECT_EQ(DirName(""), ".");
  EXPECT_EQ(DirName("/c.db"), "/");
  EXPECT_EQ(DirName("/"), "/");
  EXPECT_EQ(DirName("//x"), "/");
}

TEST_F(PosixEnvTest, DefaultIsOneObject) { EXPECT_EQ(Env::Default(), Env::Default()); }

TEST_F(PosixEnvTest, AppendSyncReadBack) {
  const std::string path = Path("f");
  Result<std::unique_ptr<WritableFile>> file = env_->NewWritableFile(path);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ((*file)->Size(), 0u);
  ASSERT_TRUE((*file)->Append("hello").ok());
  ASSERT_TRUE((*file)->Append("").ok());
  ASSERT_TRUE((*file)->Append(" world").ok());
  EXPECT_EQ((*file)->Size(), 11u);
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE((*file)->Close().ok());
  EXPECT_TRUE((*file)->Close().ok()) << "a second Close is harmless";

  EXPECT_TRUE(env_->FileExists(path));
  Result<uint64_t> size = env_->FileSize(path);
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(*size, 11u);

  Result<std::unique_ptr<RandomAccessFile>> reader = env_->NewRandomAccessFile(path);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(*(*reader)->Size(), 11u);
  std::string out = "stale";
  ASSERT_TRUE((*reader)->Read(0, 11, &out).ok());
  EXPECT_EQ(out, "hello world");
  ASSERT_TRUE((*reader)->Read(6, 3, &out).ok());
  EXPECT_EQ(out, "wor");
}

TEST_F(PosixEnvTest, ReadsAreShortOnlyAtEndOfFile) {
  const std::string path = Path("f");
  WriteFile(path, "0123456789");
  Result<std::unique_ptr<RandomAccessFile>> reader = env_->NewRandomAccessFile(path);
  ASSERT_TRUE(reader.ok());
  std::string out;
  ASSERT_TRUE((*reader)->Read(6, 100, &out).ok());
  EXPECT_EQ(out, "6789");
  ASSERT_TRUE((*reader)->Read(10, 5, &out).ok());
  EXPECT_EQ(out, "");
  out = "stale";
  ASSERT_TRUE((*reader)->Read(1000, 5, &out).ok());
  EXPECT_EQ(out, "");
  // A huge n ("read everything") must not try to allocate n bytes.
  ASSERT_TRUE((*reader)->Read(2, std::numeric_limits<size_t>::max(), &out).ok());
  EXPECT_EQ(out, "23456789");
}

TEST_F(PosixEnvTest, LargeAppendIsWrittenCompletely) {
  std::string data(5 << 20, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>('a' + (i * 7 + i / 4096) % 26);
  const std::string path = Path("big");
  WriteFile(path, data);
  EXPECT_EQ(ReadFile(path), data);
}

TEST_F(PosixEnvTest, NewWritableFileTruncatesExistingFile) {
  const std::string path = Path("f");
  WriteFile(path, "long old content");
  WriteFile(path, "new");
  EXPECT_EQ(ReadFile(path), "new");
}

TEST_F(PosixEnvTest, AppendableFileContinuesAtTheEnd) {
  const std::string path = Path("log");
  Result<std::unique_ptr<WritableFile>> created = env_->NewAppendableFile(path);
  ASSERT_TRUE(created.ok()) << "creates a missing file";
  EXPECT_EQ((*created)->Size(), 0u);
  ASSERT_TRUE((*created)->Append("abc").ok());
  ASSERT_TRUE((*created)->Close().ok());

  Result<std::unique_ptr<WritableFile>> reopened = env_->NewAppendableFile(path);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->Size(), 3u);
  ASSERT_TRUE((*reopened)->Append("def").ok());
  EXPECT_EQ((*reopened)->Size(), 6u);
  ASSERT_TRUE((*reopened)->Sync().ok());
  EXPECT_EQ(ReadFile(path), "abcdef");
}

TEST_F(PosixEnvTest, RenameReplacesTarget) {
  WriteFile(Path("tmp"), "new");
  WriteFile(Path("final"), "old");
  ASSERT_TRUE(env_->RenameFile(Path("tmp"), Path("final")).ok());
  EXPECT_FALSE(env_->FileExists(Path("tmp")));
  EXPECT_EQ(ReadFile(Path("final")), "new");
  EXPECT_TRUE(env_->SyncDir(dir_).ok());
}

TEST_F(PosixEnvTest, RemoveFile) {
  WriteFile(Path("f"), "x");
  ASSERT_TRUE(env_->RemoveFile(Path("f")).ok());
  EXPECT_FALSE(env_->FileExists(Path("f")));
}

TEST_F(PosixEnvTest, TruncateShrinksAndExtendsWithZeros) {
  const std::string path = Path("f");
  WriteFile(path, "0123456789");
  ASSERT_TRUE(env_->TruncateFile(path, 4).ok());
  EXPECT_EQ(ReadFile(path), "0123");
  ASSERT_TRUE(env_->TruncateFile(path, 6).ok());
  EXPECT_EQ(ReadFile(path), std::string("0123\0\0", 6));
}

// Every error says what failed and on which path; a missing file is
// kNotFound, anything else kIOError.
TEST_F(PosixEnvTest, ErrorsNameThePath) {
  const std::string missing = Path("missing");
  const std::string no_dir = Path("no/such/dir/f");

  Result<std::unique_ptr<RandomAccessFile>> r = env_->NewRandomAccessFile(missing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().message(), "cannot open " + missing + ": No such file or directory");

  Result<std::unique_ptr<WritableFile>> w = env_->NewWritableFile(no_dir);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().message(), "cannot open " + no_dir + ": No such file or directory");
  EXPECT_FALSE(env_->NewAppendableFile(no_dir).ok());

  Result<std::unique_ptr<WritableFile>> on_dir = env_->NewWritableFile(dir_);
  ASSERT_FALSE(on_dir.ok());
  EXPECT_EQ(on_dir.status().code(), StatusCode::kIOError);
  EXPECT_EQ(on_dir.status().message(), "cannot open " + dir_ + ": Is a directory");

  Result<uint64_t> size = env_->FileSize(missing);
  ASSERT_FALSE(size.ok());
  EXPECT_EQ(size.status().message(), "cannot stat " + missing + ": No such file or directory");
  EXPECT_FALSE(env_->FileExists(missing));

  EXPECT_EQ(env_->RemoveFile(missing).message(), "cannot remove " + missing + ": No such file or directory");
  EXPECT_EQ(env_->RenameFile(missing, Path("to")).message(),
            "cannot rename " + missing + " to " + Path("to") + ": No such file or directory");
  EXPECT_EQ(env_->TruncateFile(missing, 0).message(), "cannot truncate " + missing + ": No such file or directory");
  EXPECT_EQ(env_->SyncDir(Path("nodir")).message(),
            "cannot open directory " + Path("nodir") + ": No such file or directory");
  EXPECT_EQ(env_->LockFile(no_dir, 0).status().message(), "cannot open " + no_dir + ": No such file or directory");
}

TEST_F(PosixEnvTest, WriteErrorNamesThePath) {
  if (!env_->FileExists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  Result<std::unique_ptr<WritableFile>> file = env_->NewAppendableFile("/dev/full");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  Status s = (*file)->Append("x");
  EXPECT_EQ(s.code(), StatusCode::kIOError);
  EXPECT_EQ(s.message(), "cannot write /dev/full: No space left on device");
}

TEST_F(PosixEnvTest, ClosedFileRefusesWrites) {
  Result<std::unique_ptr<WritableFile>> file = env_->NewWritableFile(Path("f"));
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Close().ok());
  EXPECT_EQ((*file)->Append("x").message(), "cannot write " + Path("f") + ": file is closed");
  EXPECT_EQ((*file)->Sync().code(), StatusCode::kIOError);
}

TEST_F(PosixEnvTest, LockExcludesWithinOneProcess) {
  const std::string path = Path("LOCK");
  Result<std::unique_ptr<FileLock>> first = env_->LockFile(path, 0);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(env_->FileExists(path)) << "the lock file is created";

  Result<std::unique_ptr<FileLock>> second = env_->LockFile(path, 0);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kTimedOut);
  EXPECT_EQ(second.status().message(), "database is locked");

  // A timeout waits (at least) that long before giving up.
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(env_->LockFile(path, 30).status().code(), StatusCode::kTimedOut);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(30));

  first->reset();
  Result<std::unique_ptr<FileLock>> third = env_->LockFile(path, 0);
  EXPECT_TRUE(third.ok()) << "released by the destructor: " << third.status().ToString();
}

TEST_F(PosixEnvTest, LockWaiterGetsLockWhenReleased) {
  const std::string path = Path("LOCK");
  Result<std::unique_ptr<FileLock>> held = env_->LockFile(path, 0);
  ASSERT_TRUE(held.ok());
  std::thread releaser([&held] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    held->reset();
  });
  Result<std::unique_ptr<FileLock>> waiter = env_->LockFile(path, 10000);
  releaser.join();
  EXPECT_TRUE(waiter.ok()) << waiter.status().ToString();
}

// Forks a child that tries LockFile(path, 0) and exits without cleanup.
// Returns 0 (acquired), 1 (timed out), 2 (other error), or -1 (abnormal).
int TryLockInChild(const std::string& path) {
  pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    Result<std::unique_ptr<FileLock>> lock = Env::Default()->LockFile(path, 0);
    // _exit: no atexit handlers or gtest teardown in the child. A lock
    // acquired here is released by the kernel as the process ends.
    ::_exit(lock.ok() ? 0 : lock.status().code() == StatusCode::kTimedOut ? 1 : 2);
  }
  int wstatus = 0;
  if (::waitpid(pid, &wstatus, 0) != pid || !WIFEXITED(wstatus)) return -1;
  return WEXITSTATUS(wstatus);
}

TEST_F(PosixEnvTest, LockExcludesOtherProcesses) {
  const std::string path = Path("LOCK");
  {
    Result<std::unique_ptr<FileLock>> held = env_->LockFile(path, 0);
    ASSERT_TRUE(held.ok());
    EXPECT_EQ(TryLockInChild(path), 1) << "the child must see the lock held";
    // The child inherited our descriptor; its exit must not drop our lock.
    EXPECT_EQ(env_->LockFile(path, 0).status().code(), StatusCode::kTimedOut);
  }
  EXPECT_EQ(TryLockInChild(path), 0) << "free once released";
  // That child exited holding the lock: the kernel released it.
  EXPECT_TRUE(env_->LockFile(path, 0).ok());
}

}  // namespace
}  // namespace sluice

namespace sluice {
namespace {

TEST_F(PosixEnvTest, UpdatableFilesWriteAtOffsetsAndKeepContents) {
  std::string path = Path("upd");
  WriteFile(path, "hello world");
  Result<std::unique_ptr<WritableFile>> file = env_->NewUpdatableFile(path);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ((*file)->Size(), 11u);
  ASSERT_TRUE((*file)->WriteAt(0, "J").ok());
  ASSERT_TRUE((*file)->WriteAt(13, "!").ok());  // past the end: a hole of zeros
  ASSERT_TRUE((*file)->Append("?").ok());       // at Size()
  ASSERT_TRUE((*file)->Close().ok());
  EXPECT_EQ(ReadFile(path), std::string("Jello world\0\0!?", 15));
  Result<std::unique_ptr<WritableFile>> appendable = env_->NewAppendableFile(path);
  ASSERT_TRUE(appendable.ok());
  EXPECT_FALSE((*appendable)->WriteAt(0, "x").ok());  // appendable files only append
}

TEST_F(PosixEnvTest, FileIdentityChangesWhenRenamedOver) {
  std::string a = Path("a"), b = Path("b");
  WriteFile(a, "1");
  WriteFile(b, "2");
  Result<uint64_t> before = env_->FileIdentity(a);
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(env_->RenameFile(b, a).ok());
  Result<uint64_t> after = env_->FileIdentity(a);
  ASSERT_TRUE(after.ok());
  EXPECT_NE(*before, *after);
  EXPECT_EQ(env_->FileIdentity(Path("missing")).status().code(), StatusCode::kNotFound);
}

TEST_F(PosixEnvTest, LocksCanBeReleasedAndRetakenWithoutReopening) {
  std::string path = Path("lock");
  Result<std::unique_ptr<FileLock>> first = env_->LockFile(path, 0);
  ASSERT_TRUE(first.ok());
  (*first)->Unlock();
  Result<std::unique_ptr<FileLock>> second = env_->LockFile(path, 0);
  ASSERT_TRUE(second.ok());  // free while unlocked
  EXPECT_EQ((*first)->Relock(0).code(), StatusCode::kTimedOut);
  second->reset();
  EXPECT_TRUE((*first)->Relock(0).ok());
  EXPECT_EQ(env_->LockFile(path, 0).status().code(), StatusCode::kTimedOut);
}

TEST_F(PosixEnvTest, GetFileTypeTellsRegularFilesFromTheRest) {
  std::string file = Path("f");
  WriteFile(file, "x");
  ASSERT_EQ(::mkfifo(Path("fifo").c_str(), 0644), 0);
  ASSERT_EQ(::symlink("f", Path("link").c_str()), 0);
  ASSERT_EQ(::symlink("nowhere", Path("dangling").c_str()), 0);
  auto type = [&](const std::string& p) {
    Result<FileType> t = env_->GetFileType(p);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? *t : FileType::kMissing;
  };
  EXPECT_EQ(type(file), FileType::kRegular);
  EXPECT_EQ(type(Path("link")), FileType::kRegular);
  EXPECT_EQ(type(Path("fifo")), FileType::kOther);
  EXPECT_EQ(type(dir_), FileType::kDirectory);
  EXPECT_EQ(type(Path("missing")), FileType::kMissing);
  EXPECT_EQ(type(Path("dangling")), FileType::kMissing);
  if (env_->FileExists("/dev/null")) {
    EXPECT_EQ(type("/dev/null"), FileType::kOther);
  }
}

TEST_F(PosixEnvTest, ResolveSymlinksFollowsLinkChainsAndDanglingLinks) {
  WriteFile(Path("real"), "x");
  ASSERT_EQ(::symlink("real", Path("a").c_str()), 0);             // relative
  ASSERT_EQ(::symlink(Path("a").c_str(), Path("b").c_str()), 0);  // absolute, to a link
  ASSERT_EQ(::symlink("new.db", Path("dangling").c_str()), 0);    // target missing
  ASSERT_EQ(::symlink("loop2", Path("loop1").c_str()), 0);
  ASSERT_EQ(::symlink("loop1", Path("loop2").c_str()), 0);
  auto resolve = [&](const std::string& p) {
    Result<std::string> r = env_->ResolveSymlinks(p);
    return r.ok() ? *r : "<" + r.status().ToString() + ">";
  };
  EXPECT_EQ(resolve(Path("real")), Path("real"));
  EXPECT_EQ(resolve(Path("a")), Path("real"));
  EXPECT_EQ(resolve(Path("b")), Path("real"));
  EXPECT_EQ(resolve(Path("dangling")), Path("new.db"));
  EXPECT_EQ(resolve(Path("missing")), Path("missing"));
  EXPECT_FALSE(env_->ResolveSymlinks(Path("loop1")).ok());
}

}  // namespace
}  // namespace sluice

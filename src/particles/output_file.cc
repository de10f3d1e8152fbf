// See output_file.h.
#include "particles/output_file.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace sluice::particles {
namespace {

Status WriteError(const std::string& path, int err) {
  return Status::IOError("cannot write '" + path + "': " + std::strerror(err));
}

// The temporary file beside the target could not be created: say where,
// since the target itself may well be writable.
Status TempError(const std::string& path, const std::string& dir, int err) {
  if (err == ENOENT || err == ENOTDIR) return WriteError(path, err);
  return Status::IOError("cannot write '" + path + "': cannot create a file in '" + dir + "' (" + std::strerror(err) +
                         "), and the file is only ever replaced whole");
}

std::string DirOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string BaseOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// `path` with symlinks in its last component followed until it names
// something else or nothing (a dangling link resolves to its target).
bool ResolveSymlinks(const std::string& path, std::string* out, int* err) {
  std::string p = path;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) {
      *out = p;
      return true;
    }
    char target[PATH_MAX];
    const ssize_t len = ::readlink(p.c_str(), target, sizeof target - 1);
    if (len < 0) {
      *err = errno;
      return false;
    }
    std::string t(target, static_cast<std::size_t>(len));
    p = (t.empty() || t[0] == '/' || p.find('/') == std::string::npos) ? t : DirOf(p) + "/" + t;
  }
  *err = ELOOP;
  return false;
}

// The named temporary file that exists right now, if any, and the signals
// that remove it. The handler only calls unlink and raise (both
// async-signal-safe); SA_RESETHAND puts the default action back first, so
// the raised signal, delivered when the handler returns, ends the process
// as it would have without us.
char g_temp_name[PATH_MAX + 1];
std::atomic<bool> g_temp_named{false};
constexpr int kCleanupSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};

extern "C" void RemoveTempAndReraise(int sig) {
  if (g_temp_named.load()) ::unlink(g_temp_name);
  ::raise(sig);
}

// Installs the handler for the signals whose action is the default one (an
// ignored SIGHUP under nohup stays ignored) and puts the old actions back
// when destroyed.
class TempFileGuard {
 public:
  TempFileGuard() {
    for (std::size_t i = 0; i < std::size(kCleanupSignals); ++i) {
      struct sigaction old;
      installed_[i] = false;
      if (::sigaction(kCleanupSignals[i], nullptr, &old) != 0 || old.sa_handler != SIG_DFL) continue;
      struct sigaction sa;
      std::memset(&sa, 0, sizeof sa);
      sa.sa_handler = RemoveTempAndReraise;
      sigemptyset(&sa.sa_mask);
      sa.sa_flags = SA_RESETHAND;
      installed_[i] = ::sigaction(kCleanupSignals[i], &sa, &old_[i]) == 0;
    }
  }
  ~TempFileGuard() {
    Forget();
    for (std::size_t i = 0; i < std::size(kCleanupSignals); ++i) {
      if (installed_[i]) ::sigaction(kCleanupSignals[i], &old_[i], nullptr);
    }
  }
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;

  // From now on a signal removes `name`.
  bool Track(const std::string& name) {
    if (name.size() >= sizeof g_temp_name) return false;
    g_temp_named.store(false);
    std::memcpy(g_temp_name, name.c_str(), name.size() + 1);
    g_temp_named.store(true);
    return true;
  }
  void Forget() { g_temp_named.store(false); }

 private:
  bool installed_[std::size(kCleanupSignals)];
  struct sigaction old_[std::size(kCleanupSignals)];
};

// ".NAME.sluice-tmp-PID-K" beside `target` (NAME cut so the whole stays a
// valid file name).
std::string TempName(const std::string& target, int k) {
  std::string base = BaseOf(target);
  if (base.size() > 160) base.resize(160);
  return DirOf(target) + "/." + base + ".sluice-tmp-" + std::to_string(::getpid()) + "-" + std::to_string(k);
}

bool WriteAll(int fd, std::string_view data, int* err) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      *err = errno;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool TmpfileUnsupported(int err) { return err == EOPNOTSUPP || err == EISDIR || err == EINVAL; }

// Makes the directory's new entry durable; file systems that cannot sync a
// directory (EINVAL) have nothing to make durable.
void SyncDir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

// A target that exists and is not a regular file: written where it is.
Status WriteInPlace(const std::string& shown, const std::string& path, std::string_view data) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return WriteError(shown, errno);
  int err = 0;
  const bool wrote = WriteAll(fd, data, &err);
  if (::close(fd) != 0 && wrote) err = errno;
  return wrote && err == 0 ? Status::OK() : WriteError(shown, err);
}

// Writes `data` to a new temporary file beside `target` and renames it
// into place. `unnamed`: through O_TMPFILE; *unsupported is set (and
// nothing done) when the file system or /proc cannot do that.
Status WriteAndRename(const std::string& shown, const std::string& target, std::string_view data,
                      const struct stat* existing, bool unnamed, bool* unsupported) {
  TempFileGuard guard;
  const std::string dir = DirOf(target);
  std::string temp;
  int fd = -1;
  if (unnamed) {
    fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0) {
      if (TmpfileUnsupported(errno)) {
        *unsupported = true;
        return Status::OK();
      }
      return TempError(shown, dir, errno);
    }
  } else {
    for (int k = 0; fd < 0; ++k) {
      temp = TempName(target, k);
      fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd < 0 && (errno != EEXIST || k == 100)) return TempError(shown, dir, errno);
    }
    if (!guard.Track(temp)) {
      ::unlink(temp.c_str());
      ::close(fd);
      return WriteError(shown, ENAMETOOLONG);
    }
  }
  int err = 0;
  bool ok = WriteAll(fd, data, &err);
  if (ok && existing && ::fchmod(fd, existing->st_mode & 07777) != 0) ok = false, err = errno;
  if (ok && ::fsync(fd) != 0 && errno != EINVAL) ok = false, err = errno;
  if (ok && unnamed) {
    char proc[64];
    std::snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    for (int k = 0;; ++k) {
      temp = TempName(target, k);
      if (!guard.Track(temp)) {
        ok = false, err = ENAMETOOLONG;
        break;
      }
      if (::linkat(AT_FDCWD, proc, AT_FDCWD, temp.c_str(), AT_SYMLINK_FOLLOW) == 0) break;
      guard.Forget();
      if (errno == EEXIST && k < 100) continue;
      if (errno == ENOENT || errno == EPERM || errno == EXDEV) {  // no /proc, or a file system that refuses
        ::close(fd);
        *unsupported = true;
        return Status::OK();
      }
      ok = false, err = errno;
      break;
    }
  }
  if (::close(fd) != 0 && ok) ok = false, err = errno;
  if (ok && ::rename(temp.c_str(), target.c_str()) != 0) ok = false, err = errno;
  if (!ok) {
    if (!temp.empty()) ::unlink(temp.c_str());
    return WriteError(shown, err);
  }
  guard.Forget();
  SyncDir(dir);
  return Status::OK();
}

}  // namespace

bool SameOutputFile(const std::string& a, const std::string& b) {
  std::string ta, tb;
  int err = 0;
  if (!ResolveSymlinks(a, &ta, &err) || !ResolveSymlinks(b, &tb, &err)) return false;
  struct stat sa, sb;
  const bool ea = ::stat(ta.c_str(), &sa) == 0, eb = ::stat(tb.c_str(), &sb) == 0;
  if (ea && eb) return S_ISREG(sa.st_mode) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  if (ea || eb) return false;
  // Neither exists yet: the same name in the same directory.
  char da[PATH_MAX], db[PATH_MAX];
  if (!::realpath(DirOf(ta).c_str(), da) || !::realpath(DirOf(tb).c_str(), db)) return false;
  return std::strcmp(da, db) == 0 && BaseOf(ta) == BaseOf(tb);
}

Status CheckOutputPath(const std::string& path) {
  if (path.empty() || path.back() == '/') return WriteError(path, EISDIR);
  std::string target;
  int err = 0;
  if (!ResolveSymlinks(path, &target, &err)) return WriteError(path, err);
  struct stat st;
  if (::stat(target.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return WriteError(path, EISDIR);
    if (::access(target.c_str(), W_OK) != 0) return WriteError(path, errno);
    if (!S_ISREG(st.st_mode)) return Status::OK();  // written in place
  } else if (errno != ENOENT) {
    return WriteError(path, errno);
  }
  // Can a file be created beside it? An unnamed one leaves no trace.
  const std::string dir = DirOf(target);
  int fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0 && TmpfileUnsupported(errno)) {
    const std::string temp = TempName(target, 0);
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) ::unlink(temp.c_str());
  }
  if (fd < 0) return TempError(path, dir, errno);
  ::close(fd);
  return Status::OK();
}

namespace {

Status Replace(const std::string& path, std::string_view data, bool try_unnamed) {
  if (path.empty() || path.back() == '/') return WriteError(path, EISDIR);
  std::string target;
  int err = 0;
  if (!ResolveSymlinks(path, &target, &err)) return WriteError(path, err);
  struct stat st;
  const bool exists = ::stat(target.c_str(), &st) == 0;
  if (!exists && errno != ENOENT) return WriteError(path, errno);
  if (exists && S_ISDIR(st.st_mode)) return WriteError(path, EISDIR);
  if (exists && !S_ISREG(st.st_mode)) return WriteInPlace(path, target, data);
  bool unsupported = false;
  if (try_unnamed) {
    Status s = WriteAndRename(path, target, data, exists ? &st : nullptr, /*unnamed=*/true, &unsupported);
    if (!unsupported) return s;
  }
  return WriteAndRename(path, target, data, exists ? &st : nullptr, /*unnamed=*/false, &unsupported);
}

}  // namespace

Status ReplaceOutputFile(const std::string& path, std::string_view data) {
  return Replace(path, data, /*try_unnamed=*/true);
}

Status internal::ReplaceOutputFileNamed(const std::string& path, std::string_view data) {
  return Replace(path, data, /*try_unnamed=*/false);
}

}  // namespace sluice::particles

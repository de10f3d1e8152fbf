// The sluice and sqlite3 SqltestEngines (sqltest_engines.h).
#include "slt/sqltest_engines.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "shell/line_source.h"
#include "shell/shell.h"
#include "sluice/database.h"

extern char** environ;

namespace sluice::slt {

namespace fs = std::filesystem;

namespace {

// A scratch directory, removed with everything in it on destruction.
class ScratchDir {
 public:
  static Result<std::unique_ptr<ScratchDir>> Create() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/sluice-sqltest-XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (!mkdtemp(buf.data())) return Status::FromErrno("cannot create a scratch directory " + pattern, errno);
    return std::unique_ptr<ScratchDir>(new ScratchDir(buf.data()));
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  // A new path in the directory (nothing is created).
  std::string NewPath(const std::string& suffix) { return path_ + "/" + std::to_string(++counter_) + suffix; }

 private:
  explicit ScratchDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
  long counter_ = 0;
};

void RemoveDatabaseFiles(const std::string& path) {
  std::error_code ec;
  fs::remove(path, ec);
  fs::remove(path + "-wal", ec);
}

std::string DumpPathOf(const std::string& db_file) {
  fs::path p(db_file);
  p.replace_extension(".sql");
  return p.string();
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot be read");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The input text's lines, as a script on stdin gives them.
class TextLineSource : public shell::LineSource {
 public:
  explicit TextLineSource(std::string_view text) : text_(text) {}
  bool ReadLine(bool, std::string* line) override {
    if (pos_ >= text_.size()) return false;
    size_t nl = text_.find('\n', pos_);
    size_t end = nl == std::string_view::npos ? text_.size() : nl;
    std::string_view l = text_.substr(pos_, end - pos_);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    line->assign(l);
    pos_ = nl == std::string_view::npos ? text_.size() : nl + 1;
    return true;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// A memory stream the shell writes to; Take() closes it and returns the text.
class MemoryStream {
 public:
  MemoryStream() : file_(open_memstream(&data_, &size_)) {}
  ~MemoryStream() {
    if (file_) std::fclose(file_);
    std::free(data_);
  }
  std::FILE* file() const { return file_; }
  std::string Take() {
    if (file_) std::fclose(file_);
    file_ = nullptr;
    return data_ ? std::string(data_, size_) : std::string();
  }

 private:
  char* data_ = nullptr;
  size_t size_ = 0;
  std::FILE* file_;
};

// While alive, interrupts `db` (Database::Interrupt) every 50 ms once
// `limit` has passed, so a test that runs away ends with "interrupted"
// errors instead of hanging the whole run.
class Watchdog {
 public:
  Watchdog(Database* db, std::chrono::seconds limit)
      : thread_([this, db, limit] {
          std::unique_lock<std::mutex> lock(mu_);
          if (cv_.wait_for(lock, limit, [this] { return done_; })) return;
          while (!cv_.wait_for(lock, std::chrono::milliseconds(50), [this] { return done_; })) db->Interrupt();
        }) {}
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;  // last: started once the members above exist
};

class SluiceEngine : public SqltestEngine {
 public:
  SluiceEngine(std::unique_ptr<ScratchDir> scratch, int time_limit_seconds)
      : scratch_(std::move(scratch)), time_limit_(time_limit_seconds) {}

  Result<SqltestRun> Run(const SqltestTarget& target, const std::string& input) override {
    std::string path = ":memory:";
    std::string remove;  // a per-run file to delete afterwards
    if (target.kind == SqltestDatabase::Kind::kTemp) {
      path = remove = scratch_->NewPath(".db");
    } else if (target.kind != SqltestDatabase::Kind::kMemory) {
      Result<std::string> loaded = Loaded(target.db_file);
      if (!loaded.ok()) return loaded.status();
      path = remove = scratch_->NewPath(".db");
      std::error_code ec;
      fs::copy_file(*loaded, path, ec);
      if (!ec && fs::exists(*loaded + "-wal")) fs::copy_file(*loaded + "-wal", path + "-wal", ec);
      if (ec) return Status::IOError("cannot copy " + *loaded + " to " + path + ": " + ec.message());
    }
    SqltestRun run = RunShell(path, input);
    if (!remove.empty()) RemoveDatabaseFiles(remove);
    return run;
  }

 private:
  SqltestRun RunShell(const std::string& path, const std::string& input) {
    SqltestRun run;
    MemoryStream out, err;
    Result<std::unique_ptr<Database>> db = Database::Open(path);
    if (!db.ok()) {
      run.err = "Error: unable to open database \"" + path + "\": " + db.status().message() + "\n";
      run.exit_status = 1;
      return run;
    }
    {
      // No opener: `.open` is refused, so the database the watchdog
      // interrupts stays the shell's until the end.
      Database* raw = db->get();
      shell::Shell sh(raw, path, out.file(), err.file());
      sh.TakeOwnership(std::move(*db));
      Watchdog watchdog(raw, time_limit_);
      TextLineSource source(input);
      shell::CommandResult r = sh.ProcessInput(&source, /*from_file=*/true);
      sh.Flush();
      if (r == shell::CommandResult::kQuit && sh.exit_code() != 0) {
        run.exit_status = sh.exit_code();
      } else {
        run.exit_status = sh.error_count() > 0 ? 1 : 0;
      }
    }
    run.out = out.Take();
    run.err = err.Take();
    return run;
  }

  // The sluice database file holding `db_file`'s dump, loaded on first use.
  Result<std::string> Loaded(const std::string& db_file) {
    auto it = loaded_.find(db_file);
    if (it != loaded_.end()) return it->second;
    const std::string dump_path = DumpPathOf(db_file);
    Result<std::string> dump = ReadFile(dump_path);
    if (!dump.ok()) return Status::NotFound(dump_path + ": no sqlite3 dump of " + db_file);
    Result<std::unique_ptr<Database>> db = Database::Open(":memory:");
    if (!db.ok()) return db.status();
    Status s = (*db)->Execute(*dump);
    if (!s.ok()) return Status::InvalidArgument("cannot load " + dump_path + ": " + s.message());
    std::string file = scratch_->NewPath("-loaded.db");
    s = (*db)->Backup(file);
    if (!s.ok()) return s;
    loaded_[db_file] = file;
    return file;
  }

  std::unique_ptr<ScratchDir> scratch_;
  std::chrono::seconds time_limit_;
  std::map<std::string, std::string> loaded_;  // corpus database file -> loaded sluice file
};

class Sqlite3Engine : public SqltestEngine {
 public:
  Sqlite3Engine(std::string binary, std::unique_ptr<ScratchDir> scratch, int time_limit_seconds)
      : binary_(std::move(binary)), scratch_(std::move(scratch)), time_limit_(time_limit_seconds) {}

  Result<SqltestRun> Run(const SqltestTarget& target, const std::string& input) override {
    std::vector<std::string> args = {"timeout", std::to_string(time_limit_), binary_};
    std::vector<std::string> remove;
    std::error_code ec;
    if (target.kind == SqltestDatabase::Kind::kMemory) {
      args.push_back(":memory:");
    } else if (target.kind == SqltestDatabase::Kind::kTemp) {
      std::string p = scratch_->NewPath(".db");
      remove.push_back(p);
      args.push_back(p);
    } else {
      if (!fs::exists(target.db_file, ec)) return Status::NotFound(target.db_file + ": no such database file");
      if (target.readonly) {
        args.push_back("file:" + target.db_file + "?immutable=1");
        args.push_back("-readonly");
      } else {
        std::string p = scratch_->NewPath(".db");
        fs::copy_file(target.db_file, p, ec);
        if (ec) return Status::IOError("cannot copy " + target.db_file + ": " + ec.message());
        remove.push_back(p);
        args.push_back(p);
      }
    }
    const std::string in_path = scratch_->NewPath(".in"), out_path = scratch_->NewPath(".out"),
                      err_path = scratch_->NewPath(".err");
    {
      std::ofstream in(in_path, std::ios::binary);
      in << input;
      if (!in) return Status::IOError("cannot write " + in_path);
    }
    remove.insert(remove.end(), {in_path, out_path, err_path});
    Result<SqltestRun> run = Spawn(args, in_path, out_path, err_path);
    for (const std::string& p : remove) {
      fs::remove(p, ec);
      fs::remove(p + "-journal", ec);
    }
    return run;
  }

 private:
  static Result<SqltestRun> Spawn(const std::vector<std::string>& args, const std::string& in, const std::string& out,
                                  const std::string& err) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, in.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return Status::FromErrno("cannot run " + args[2], rc);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
      if (errno != EINTR) return Status::FromErrno("waiting for " + args[2], errno);
    }
    SqltestRun run;
    run.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    run.out = ReadFile(out).value_or(std::string());
    run.err = ReadFile(err).value_or(std::string());
    return run;
  }

  std::string binary_;
  std::unique_ptr<ScratchDir> scratch_;
  int time_limit_;
};

}  // namespace

Result<std::unique_ptr<SqltestEngine>> MakeSluiceSqltestEngine(int time_limit_seconds) {
  Result<std::unique_ptr<ScratchDir>> scratch = ScratchDir::Create();
  if (!scratch.ok()) return scratch.status();
  return std::unique_ptr<SqltestEngine>(new SluiceEngine(std::move(*scratch), time_limit_seconds));
}

Result<std::unique_ptr<SqltestEngine>> MakeSqlite3SqltestEngine(const std::string& sqlite3_binary,
                                                                int time_limit_seconds) {
  if (access(sqlite3_binary.c_str(), X_OK) != 0) {
    return Status::InvalidArgument(sqlite3_binary + ": not an executable sqlite3 program");
  }
  Result<std::unique_ptr<ScratchDir>> scratch = ScratchDir::Create();
  if (!scratch.ok()) return scratch.status();
  return std::unique_ptr<SqltestEngine>(new Sqlite3Engine(sqlite3_binary, std::move(*scratch), time_limit_seconds));
}

}  // namespace sluice::slt

// Shell: input grouping and statement execution (shell.h). The dot
// commands are in meta_commands.cc, import_command.cc and
// schema_commands.cc.
#include "shell/shell.h"

#include <sys/resource.h>

#include <chrono>
#include <cinttypes>

#include "shell/cell.h"
#include "shell/error_report.h"
#include "shell/input_scan.h"
#include "shell/interrupt.h"
#include "shell/result_formatter.h"
#include "sluice/sql_text.h"

namespace sluice::shell {

namespace {

// sqlite3 reads and writes nested scripts up to this depth (.read in .read).
constexpr int kMaxInputNesting = 25;
// Pending output is written out when it grows past this.
constexpr size_t kFlushThreshold = 1 << 16;

// The `.timer` clock: wall time and the process's user/system CPU time.
struct TimerSample {
  std::chrono::steady_clock::time_point real;
  double user = 0;
  double sys = 0;

  static TimerSample Now() {
    TimerSample s;
    s.real = std::chrono::steady_clock::now();
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0) {
      s.user = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6;
      s.sys = ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
    }
    return s;
  }
};

size_t SkipSpace(std::string_view s, size_t pos) {
  while (pos < s.size() && IsSpaceChar(s[pos])) ++pos;
  return pos;
}

}  // namespace

Cell ReadCell(const Statement& stmt, int i) {
  switch (stmt.column_type(i)) {
    case ColumnType::kNull: return Cell::Null();
    case ColumnType::kInteger: return Cell::Integer(stmt.column_text(i));
    case ColumnType::kReal: return Cell::Real(stmt.column_double(i), stmt.column_text(i));
    case ColumnType::kText: return Cell::Text(stmt.column_text(i));
    case ColumnType::kBlob: return Cell::Blob(stmt.column_blob(i));
  }
  return Cell::Null();
}

Shell::Shell(Database* db, std::string db_name, std::FILE* out, std::FILE* err)
    : db_(db), db_name_(std::move(db_name)), out_(out), err_(err) {
  SetInterruptTarget(db_);
}

Shell::~Shell() {
  SetInterruptTarget(nullptr);
  Flush();
  ResetOutput();
}

void Shell::TakeOwnership(std::unique_ptr<Database> db) {
  if (db.get() == db_) owned_db_ = std::move(db);
}

void Shell::ReplaceDatabase(std::unique_ptr<Database> db, std::string name) {
  // The handler must never see a closed database: retarget first.
  SetInterruptTarget(db.get());
  db_ = db.get();
  owned_db_ = std::move(db);  // closes the previous one if the Shell owned it
  db_name_ = std::move(name);
}

void Shell::Flush() {
  if (!buffer_.empty()) {
    std::fwrite(buffer_.data(), 1, buffer_.size(), out());
    buffer_.clear();
  }
  std::fflush(out());
}

void Shell::PrintError(std::string_view text) {
  Flush();
  std::fwrite(text.data(), 1, text.size(), err_);
  std::fflush(err_);
}

void Shell::EchoInput(std::string_view text) {
  if (!echo_) return;
  buffer_.append(text);
  buffer_.push_back('\n');
}

CommandResult Shell::ProcessInput(LineSource* source, bool from_file) {
  if (input_nesting_ >= kMaxInputNesting) {
    PrintError("Input nesting limit (" + std::to_string(kMaxInputNesting) + ") reached at line " +
               std::to_string(line_number_) + ". Check recursion.\n");
    return CommandResult::kError;
  }
  ++input_nesting_;
  const int saved_line_number = line_number_;
  line_number_ = 0;
  const bool at_terminal = interactive_ && !from_file;

  std::string line;
  std::string sql;  // the pending group
  int start_line = 0;
  int errors = 0;
  bool quit = false;
  QuickScan scan;
  while (errors == 0 || !bail_ || at_terminal) {
    Flush();
    // Ctrl-C (interrupt.h) ends a script; at the terminal it only stopped
    // the statement or the line being typed.
    if (PendingInterrupts() > 0) {
      if (from_file) break;
      ResetInterrupts();
    }
    if (!source->ReadLine(!sql.empty(), &line)) {
      if (at_terminal) buffer_.push_back('\n');
      break;
    }
    ++line_number_;
    if (scan.in_plain() && IsCommandTerminatorLine(line) && (sql.empty() || IsCompleteStatement(sql + ";"))) {
      line.assign(1, ';');
    }
    scan.Scan(line);
    if (scan.plain_white() && sql.empty()) {
      EchoInput(line);  // whitespace and comments alone
      scan.Reset();
      continue;
    }
    if (sql.empty() && !line.empty() && (line[0] == '.' || line[0] == '#')) {
      EchoInput(line);
      if (line[0] == '.') {
        CommandResult r = RunMetaCommand(line);
        if (r == CommandResult::kQuit) {
          quit = true;
          break;
        }
        if (r == CommandResult::kError) {
          ++errors;
          ++error_count_;
        }
      }
      scan.Reset();
      continue;
    }
    if (sql.empty()) {
      sql.assign(line, SkipSpace(line, 0));
      start_line = line_number_;
    } else {
      sql.push_back('\n');
      sql.append(line);
    }
    if (!sql.empty() && scan.semi_terminated() && IsCompleteStatement(sql)) {
      EchoInput(sql);
      if (!RunGroup(sql, start_line, from_file)) {
        ++errors;
        ++error_count_;
      }
      sql.clear();
      if (once_) ResetOutput();
      scan.Reset();
    } else if (!sql.empty() && scan.plain_white()) {
      EchoInput(sql);
      sql.clear();
      scan.Reset();
    }
  }
  if (!sql.empty()) {
    // Possibly incomplete: the parser says what is wrong with it.
    EchoInput(sql);
    if (!RunGroup(sql, start_line, from_file)) {
      ++errors;
      ++error_count_;
    }
  }
  Flush();
  line_number_ = saved_line_number;
  --input_nesting_;
  if (quit) return CommandResult::kQuit;
  return errors > 0 ? CommandResult::kError : CommandResult::kOk;
}

bool Shell::RunGroup(std::string_view sql, int start_line, bool from_file) {
  TimerSample begin;
  if (timer_) begin = TimerSample::Now();
  std::string_view failed_sql;
  Status status = ExecuteSql(sql, &failed_sql);
  Flush();
  if (timer_) {
    TimerSample end = TimerSample::Now();
    char buf[160];
    std::snprintf(buf, sizeof(buf), "Run Time: real %.3f user %f sys %f\n",
                  std::chrono::duration<double>(end.real - begin.real).count(), end.user - begin.user,
                  end.sys - begin.sys);
    std::fputs(buf, out_);
    std::fflush(out_);
  }
  if (status.ok()) {
    if (count_changes_) PrintChanges();
    return true;
  }
  const SqlErrorSource source = from_file || !interactive_ ? SqlErrorSource::kScript : SqlErrorSource::kTerminal;
  PrintError(SqlErrorReport(status, failed_sql, source, start_line));
  return false;
}

Status Shell::ExecuteSql(std::string_view sql, std::string_view* failed_sql) {
  size_t pos = SkipSpace(sql, 0);
  while (pos < sql.size()) {
    std::string_view rest = sql.substr(pos);
    if (failed_sql != nullptr) *failed_sql = rest;
    PrepareOutcome prepared = db_->Prepare(rest);
    if (!prepared.status.ok()) return prepared.status;
    if (prepared.consumed == 0 && !prepared.statement) break;  // nothing left the engine can use
    pos = SkipSpace(sql, pos + prepared.consumed);
    if (!prepared.statement) continue;  // only comments
    BindParameters(prepared.statement.get());
    SLUICE_RETURN_IF_ERROR(RunStatement(prepared.statement.get()));
  }
  return Status::OK();
}

Status Shell::RunStatement(Statement* stmt) {
  const int ncol = stmt->column_count();
  std::unique_ptr<ResultFormatter> formatter;
  std::vector<Cell> cells(ncol);
  while (true) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) {
      if (formatter) formatter->Finish();
      return row.status();
    }
    if (!*row) break;
    if (ncol == 0) continue;
    if (!formatter) {
      std::vector<std::string> names;
      names.reserve(ncol);
      for (int i = 0; i < ncol; ++i) names.emplace_back(stmt->column_name(i));
      formatter = std::make_unique<ResultFormatter>(&settings_, std::move(names), &buffer_);
      formatter->set_flush([this] { Flush(); });
    }
    for (int i = 0; i < ncol; ++i) cells[i] = ReadCell(*stmt, i);
    formatter->Row(cells);
    if (buffer_.size() > kFlushThreshold) Flush();
  }
  if (formatter) formatter->Finish();
  return Status::OK();
}

bool Shell::OpenOutput(std::string_view file) {
  ResetOutput();
  if (file == "stdout" || file == "-" || file.empty()) return true;
  std::string name(file);
  std::FILE* f = std::fopen(name.c_str(), "wb");
  if (f == nullptr) {
    PrintError("Error: cannot open \"" + name + "\"\nError: cannot write to \"" + name + "\"\n");
    return false;
  }
  redirect_ = f;
  redirect_name_ = name;
  return true;
}

void Shell::ResetOutput() {
  if (redirect_ == nullptr) return;
  if (!buffer_.empty()) {
    std::fwrite(buffer_.data(), 1, buffer_.size(), redirect_);
    buffer_.clear();
  }
  std::fclose(redirect_);
  redirect_ = nullptr;
  redirect_name_.clear();
  once_ = false;
}

}  // namespace sluice::shell

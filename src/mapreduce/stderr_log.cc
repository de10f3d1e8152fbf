// StderrLog (stderr_log.h): reporter lines, the capped attempt log, the tail.
#include "mapreduce/stderr_log.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <limits>

namespace sluice::mapreduce {
namespace {

constexpr std::string_view kReporter = "reporter:";

std::string_view Chomp(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// Whether a line starting with `held` may still turn out a reporter line.
bool MayBeReporter(std::string_view held) {
  const std::size_t n = std::min(held.size(), kReporter.size());
  return held.substr(0, n) == kReporter.substr(0, n) && held.size() <= StderrLog::kMaxReporterLine;
}

}  // namespace

StderrLog::StderrLog(std::string log_path, std::uint64_t limit, StreamingReport& report)
    : log_path_(std::move(log_path)), limit_(limit), report_(report) {}

StderrLog::~StderrLog() {
  Finish();
  if (file_ != nullptr) std::fclose(file_);
}

void StderrLog::Feed(std::string_view bytes) {
  while (!bytes.empty()) {
    const std::size_t nl = bytes.find('\n');
    const std::string_view part = bytes.substr(0, nl);  // all of it when there is no newline
    if (holding_) {
      const std::size_t take = std::min(part.size(), kMaxReporterLine + 1 - held_.size());
      held_.append(part.substr(0, take));
      bytes.remove_prefix(take);
      if (!MayBeReporter(held_)) {
        holding_ = false;
        Plain(held_);
        held_.clear();
        continue;
      }
      if (bytes.empty()) return;  // the line goes on in the next chunk
      // bytes[0] is the newline: a whole line held.
      bytes.remove_prefix(1);
      if (!TryReporterLine(Chomp(held_))) {
        Plain(held_);
        EndPlainLine();
      }
      held_.clear();
      continue;
    }
    Plain(part);
    if (nl == std::string_view::npos) return;
    bytes.remove_prefix(nl + 1);
    EndPlainLine();
  }
}

bool StderrLog::TryReporterLine(std::string_view line) {
  constexpr std::string_view kCounter = "reporter:counter:", kStatus = "reporter:status:";
  if (line.substr(0, kCounter.size()) == kCounter) {
    std::string_view rest = line.substr(kCounter.size());
    std::size_t c2 = rest.rfind(',');
    std::size_t c1 = c2 == std::string_view::npos || c2 == 0 ? std::string_view::npos : rest.rfind(',', c2 - 1);
    if (c1 == std::string_view::npos) return false;
    std::string amount(rest.substr(c2 + 1));
    char* end = nullptr;
    long long v = std::strtoll(amount.c_str(), &end, 10);
    if (amount.empty() || end != amount.c_str() + amount.size()) return false;
    report_.counters.Add(std::string(rest.substr(0, c1)), std::string(rest.substr(c1 + 1, c2 - c1 - 1)), v);
    return true;
  }
  if (line.substr(0, kStatus.size()) == kStatus) {
    report_.last_status.assign(line.substr(kStatus.size()));
    if (report_.on_status) report_.on_status(report_.last_status);
    return true;
  }
  return false;  // a malformed reporter line is logged like any other line
}

void StderrLog::Plain(std::string_view bytes) {
  Log(bytes);
  if (tail_line_.size() < kTailLineBytes) tail_line_.append(bytes.substr(0, kTailLineBytes - tail_line_.size()));
}

void StderrLog::EndPlainLine() {
  Log("\n");
  tail_.emplace_back(Chomp(tail_line_));
  if (tail_.size() > kTailLines) tail_.pop_front();
  tail_line_.clear();
  holding_ = true;
}

bool StderrLog::Open() {
  if (file_ != nullptr) return true;
  if (open_failed_ || log_path_.empty()) return false;
  // The log directory appears only when some task writes to stderr.
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(log_path_).parent_path(), ec);
  file_ = std::fopen(log_path_.c_str(), "ae");
  if (file_ == nullptr) {
    open_failed_ = true;
    return false;
  }
  struct stat st;
  if (::fstat(::fileno(file_), &st) == 0) {
    written_ = static_cast<std::uint64_t>(st.st_size);
    if (st.st_size > 0) last_logged_newline_ = true;  // whatever the file ends with is not ours to finish
  }
  return true;
}

void StderrLog::Log(std::string_view bytes) {
  if (bytes.empty() || !Open()) return;
  const std::uint64_t room =
      limit_ == 0 ? std::numeric_limits<std::uint64_t>::max() : (written_ >= limit_ ? 0 : limit_ - written_);
  const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(bytes.size(), room));
  if (n > 0) {
    std::fwrite(bytes.data(), 1, n, file_);
    written_ += n;
    last_logged_newline_ = bytes[n - 1] == '\n';
  }
  dropped_ += bytes.size() - n;
}

void StderrLog::Note(std::string line) { notes_.push_back(std::move(line)); }

void StderrLog::Finish() {
  if (finished_) return;
  finished_ = true;
  if (holding_ && !held_.empty()) {
    // A last line without a newline: a reporter line still counts.
    if (!TryReporterLine(Chomp(held_))) {
      Plain(held_);
      holding_ = false;
    }
    held_.clear();
  }
  if (!holding_) {
    // A last plain line without a newline: into the tail, and ended in the
    // log unless the limit cut it (then the note below ends it).
    if (dropped_ == 0) Log("\n");
    tail_.emplace_back(Chomp(tail_line_));
    if (tail_.size() > kTailLines) tail_.pop_front();
    tail_line_.clear();
    holding_ = true;
  }
  std::string tail;
  if (dropped_ > 0 || !notes_.empty()) {
    std::string end;
    if (!last_logged_newline_) end += "\n";
    if (dropped_ > 0) {
      end += "... [truncated, " + std::to_string(dropped_) + " bytes dropped: an attempt's log keeps its first " +
             std::to_string(limit_) + " bytes]\n";
    }
    for (const std::string& n : notes_) end += n + "\n";
    if (Open()) {
      std::fwrite(end.data(), 1, end.size(), file_);
      written_ += end.size();
      last_logged_newline_ = true;
    }
  }
  if (file_ != nullptr) std::fflush(file_);
  for (const std::string& l : tail_) tail += l + "\n";
  report_.stderr_tail = std::move(tail);
}

}  // namespace sluice::mapreduce

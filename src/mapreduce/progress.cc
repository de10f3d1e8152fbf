#include "mapreduce/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>

#include "mapreduce/units.h"

namespace sluice::mapreduce {
namespace {

std::string HMS(double seconds) {
  if (seconds < 0) seconds = 0;
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

std::string Count(double n) {
  char buf[32];
  if (n >= 1e9)
    std::snprintf(buf, sizeof buf, "%.1fG", n / 1e9);
  else if (n >= 1e6)
    std::snprintf(buf, sizeof buf, "%.1fM", n / 1e6);
  else if (n >= 1e4)
    std::snprintf(buf, sizeof buf, "%.0fk", n / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.0f", n);
  return buf;
}

// `text` cut to at most `width` bytes, never inside a UTF-8 sequence.
std::string FitWidth(const std::string& text, std::size_t width) {
  if (text.size() <= width) return text;
  std::size_t n = width;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

// Columns of the terminal on stderr (80 if it does not say).
std::size_t TerminalWidth() {
  struct winsize ws = {};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

}  // namespace

JobProgress::JobProgress(unsigned m, unsigned r, std::uint64_t bytes)
    : maps(m),
      reduces(r),
      input_bytes(bytes),
      map_bytes(new std::atomic<std::uint64_t>[m == 0 ? 1 : m]),
      reduce_records(new std::atomic<std::uint64_t>[r == 0 ? 1 : r]) {
  for (unsigned i = 0; i < m; ++i) map_bytes[i] = 0;
  for (unsigned i = 0; i < r; ++i) reduce_records[i] = 0;
}

void JobProgress::SetStatus(const std::string& status) {
  parallel::MutexLock lock(mu_);
  status_ = status;
}

std::string JobProgress::CurrentStatus() {
  parallel::MutexLock lock(mu_);
  return status_;
}

std::string JobProgress::Render() {
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::uint64_t bytes = 0;
  for (unsigned i = 0; i < maps; ++i) bytes += map_bytes[i].load(std::memory_order_relaxed);
  double map_frac = input_bytes == 0 ? (maps_done == maps ? 1.0 : 0.0) : static_cast<double>(bytes) / input_bytes;
  if (maps_done == maps) map_frac = 1.0;
  std::uint64_t rec = 0;
  for (unsigned i = 0; i < reduces; ++i) rec += reduce_records[i].load(std::memory_order_relaxed);
  const std::uint64_t rtotal = reduce_input_records.load();
  double red_frac = reduces == 0 ? 1.0 : (rtotal == 0 ? 0.0 : static_cast<double>(rec) / rtotal);
  if (reduces > 0 && reduces_done == reduces) red_frac = 1.0;
  std::string line = "map " + std::to_string(static_cast<int>(map_frac * 100)) + "% (" +
                     std::to_string(maps_done.load()) + "/" + std::to_string(maps) + ")";
  if (reduces > 0) {
    line += " reduce " + std::to_string(static_cast<int>(red_frac * 100)) + "% (" +
            std::to_string(reduces_done.load()) + "/" + std::to_string(reduces) + ")";
  }
  line += " | " + Count(static_cast<double>(map_output_records.load())) + " pairs";
  char rate[32];
  double eta = -1;
  if (phase.load() == 0) {
    std::snprintf(rate, sizeof rate, "%.1f MB/s", elapsed > 0 ? static_cast<double>(bytes) / 1e6 / elapsed : 0);
    // The reduce phase counted as a share of the work (no better guess yet).
    const double total_frac = reduces == 0 ? map_frac : 0.7 * map_frac + 0.3 * red_frac;
    if (total_frac > 0.02 && total_frac < 1.0) eta = elapsed * (1 - total_frac) / total_frac;
  } else {
    const double reduce_elapsed = elapsed - map_seconds.load();
    std::snprintf(rate, sizeof rate, "%s rec/s",
                  Count(reduce_elapsed > 0 ? static_cast<double>(rec) / reduce_elapsed : 0).c_str());
    if (red_frac > 0.02 && red_frac < 1.0) eta = reduce_elapsed * (1 - red_frac) / red_frac;
  }
  line += std::string(" | ") + rate;
  if (eta >= 0) line += " | ETA " + HMS(eta);
  line += " | " + HMS(elapsed);
  if (unsigned f = failed_attempts.load(); f > 0)
    line += " | " + std::to_string(f) + " failed attempt" + (f > 1 ? "s" : "");
  std::string st = CurrentStatus();
  if (!st.empty()) line += " | " + FitWidth(st, 200);
  return line;
}

ProgressMonitor::ProgressMonitor(JobProgress& progress, ProgressMode mode, std::chrono::milliseconds interval)
    : progress_(progress),
      live_(mode == ProgressMode::kAuto && ::isatty(STDERR_FILENO)),
      enabled_(mode != ProgressMode::kQuiet),
      interval_(live_ ? std::chrono::milliseconds(250) : interval) {
  if (enabled_) thread_ = std::thread([this] { Loop(); });
}

ProgressMonitor::~ProgressMonitor() { Stop(); }

void ProgressMonitor::Stop() {
  {
    parallel::MutexLock lock(mu_);
    if (stop_) return;
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  parallel::MutexLock lock(mu_);
  if (line_shown_) {
    std::fprintf(stderr, "\r\033[K");
    line_shown_ = false;
  }
}

void ProgressMonitor::Note(const std::string& line) {
  if (!enabled_) return;
  parallel::MutexLock lock(mu_);
  if (line_shown_) std::fprintf(stderr, "\r\033[K");
  std::fprintf(stderr, "sluice mr: %s\n", line.c_str());
  line_shown_ = false;
}

void ProgressMonitor::Loop() {
  parallel::MutexLock lock(mu_);
  while (!stop_) {
    cv_.wait_for(mu_, interval_);
    if (stop_) break;
    std::string line = progress_.Render();
    if (live_) {
      // One row, or "\r\033[K" would clear only the last of the wrapped ones.
      std::fprintf(stderr, "\r\033[K%s", FitWidth(line, TerminalWidth() - 1).c_str());
      line_shown_ = true;
    } else {
      std::fprintf(stderr, "sluice mr: %s\n", line.c_str());
    }
    std::fflush(stderr);
  }
}

}  // namespace sluice::mapreduce

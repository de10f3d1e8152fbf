// See progress_line.h.
#include "particles/progress_line.h"

#include <cmath>

namespace sluice::particles {

namespace {

// 0:07, 12:34, 1:02:03.
std::string Duration(double seconds) {
  if (!(seconds >= 0) || seconds > 1e8) return "?";
  const long long s = std::llround(seconds);
  char buf[48];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
  }
  return buf;
}

}  // namespace

std::string FormatProgress(std::int64_t step, std::int64_t total, double seconds) {
  char buf[160];
  const double percent = total > 0 ? 100.0 * static_cast<double>(step) / static_cast<double>(total) : 100.0;
  const double rate = seconds > 0 ? static_cast<double>(step) / seconds : 0;
  std::string text;
  std::snprintf(buf, sizeof buf, "step %lld/%lld (%.0f%%), ", static_cast<long long>(step),
                static_cast<long long>(total), std::floor(percent));
  text = buf;
  if (rate >= 100) {
    std::snprintf(buf, sizeof buf, "%.0f steps/s", rate);
  } else {
    std::snprintf(buf, sizeof buf, "%.3g steps/s", rate);
  }
  text += buf;
  text += ", ETA ";
  text += rate > 0 ? Duration(static_cast<double>(total - step) / rate) : std::string("?");
  return text;
}

ProgressLine::ProgressLine(std::FILE* out, std::int64_t total_steps, int width, Clock::time_point start)
    : out_(out), total_(total_steps), width_(width > 1 ? static_cast<std::size_t>(width) : 80), start_(start) {}

void ProgressLine::Update(std::int64_t step, Clock::time_point now) {
  if (now - start_ < kShowAfter) return;
  if (drawn_ && now - last_draw_ < kRefreshEvery) return;  // also after Clear: no flicker
  drawn_ = true;
  last_draw_ = now;
  std::string text = FormatProgress(step, total_, std::chrono::duration<double>(now - start_).count());
  if (text.size() > width_ - 1) text.resize(width_ - 1);  // the last column would wrap on some terminals
  const std::size_t len = text.size();
  if (len < shown_len_) text.append(shown_len_ - len, ' ');  // cover the longer old line
  std::fprintf(out_, "\r%s", text.c_str());
  if (text.size() > len) std::fprintf(out_, "\r%s", text.substr(0, len).c_str());
  std::fflush(out_);
  shown_len_ = len;
}

void ProgressLine::Clear() {
  if (shown_len_ == 0) return;
  std::fprintf(out_, "\r%s\r", std::string(shown_len_, ' ').c_str());
  std::fflush(out_);
  shown_len_ = 0;
}

}  // namespace sluice::particles

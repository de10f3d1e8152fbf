// ProgressLine: the "step 1200/5000 (24%), 830 steps/s, ETA 0:04" line a
// long run keeps up to date on a terminal.
//
// The caller decides where it goes (ParticlesMain: stderr, and only when
// stderr is a terminal, so pipes and files never see it). The line appears
// once the run has taken kShowAfter, is rewritten in place with '\r' at most
// every kRefreshEvery, is cut to the terminal's width (a wrapped line could
// not be rewritten), and Clear() erases it before anything else is printed.
// Not thread-safe: one caller (the coordinator's step observer).
#ifndef SLUICE_PARTICLES_PROGRESS_LINE_H_
#define SLUICE_PARTICLES_PROGRESS_LINE_H_

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace sluice::particles {

// The text of the line (without '\r'): step `step` of `total` after
// `seconds` of running.
std::string FormatProgress(std::int64_t step, std::int64_t total, double seconds);

class ProgressLine {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds kShowAfter{1000};
  static constexpr std::chrono::milliseconds kRefreshEvery{250};

  // `width`: the terminal's columns (0: unknown, taken as 80).
  ProgressLine(std::FILE* out, std::int64_t total_steps, int width, Clock::time_point start = Clock::now());

  // After step `step`; draws when due. `now` is for tests.
  void Update(std::int64_t step, Clock::time_point now = Clock::now());
  // Erases the line if it is shown (the next Update draws it again).
  void Clear();
  bool shown() const { return shown_len_ > 0; }

 private:
  std::FILE* out_;
  std::int64_t total_;
  std::size_t width_;
  Clock::time_point start_, last_draw_;
  std::size_t shown_len_ = 0;
  bool drawn_ = false;
};

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_PROGRESS_LINE_H_

// See legend.h.
#include "particles/legend.h"

namespace sluice::particles {

std::vector<LegendEntry> WorkerLegend(Mode mode, std::size_t workers) {
  if (mode == Mode::kSerial || workers <= 1) {
    const char* one = mode == Mode::kSerial ? "serial" : mode == Mode::kThreads ? "thread 0" : "process 0";
    return {LegendEntry{kWorkerColors[0], one}};
  }
  const std::string noun = mode == Mode::kThreads ? "thread" : "process";
  const std::string nouns = mode == Mode::kThreads ? "threads" : "processes";
  std::vector<LegendEntry> entries;
  for (std::size_t c = 0; c < 8 && c < workers; ++c) {
    const std::size_t count = (workers - c + 7) / 8;  // workers c, c + 8, ... below `workers`
    const std::size_t last = c + 8 * (count - 1);
    std::string label;
    if (count == 1) {
      label = noun + " " + std::to_string(c);
    } else if (count <= 3) {
      label = nouns + " " + std::to_string(c);
      for (std::size_t w = c + 8; w < workers; w += 8) label += ", " + std::to_string(w);
    } else {
      label = nouns + " " + std::to_string(c) + ", " + std::to_string(c + 8) + ", ..., " + std::to_string(last) + " (" +
              std::to_string(count) + ")";
    }
    entries.push_back(LegendEntry{kWorkerColors[c], label});
  }
  return entries;
}

}  // namespace sluice::particles

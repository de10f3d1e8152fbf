// The legend of the pictures (PNG and HTML player): which colour is which
// worker. Worker w is drawn in kWorkerColors[w % 8], so with more than 8
// workers one colour stands for several of them.
#ifndef SLUICE_PARTICLES_LEGEND_H_
#define SLUICE_PARTICLES_LEGEND_H_

#include <cstddef>
#include <string>
#include <vector>

#include "particles/png_writer.h"
#include "particles/simulation.h"

namespace sluice::particles {

struct LegendEntry {
  Rgb color;
  std::string label;  // "serial", "thread 2", "processes 1, 9", "threads 0, 8, ..., 56 (8)"
};

// One entry per colour in use, in worker order.
std::vector<LegendEntry> WorkerLegend(Mode mode, std::size_t workers);

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_LEGEND_H_

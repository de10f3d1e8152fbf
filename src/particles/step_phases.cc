// See step_phases.h.
#include "particles/step_phases.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "particles/force_kernel.h"

namespace sluice::particles {

void NaiveForces(const Physics& ph, ParticleSet& s, Block targets) {
  for (std::size_t k = targets.begin; k < targets.end; ++k) {
    s.ax[k] = 0;
    s.ay[k] = 0;
  }
  ForceTargets t{s.x.data() + targets.begin, s.y.data() + targets.begin, s.ax.data() + targets.begin,
                 s.ay.data() + targets.begin, targets.size()};
  AccumulateForces(ph, t, ForceSources{s.x.data(), s.y.data(), s.size()});
}

bool MoveBlock(const Physics& ph, double correction, ParticleSet& s, Block block, std::vector<double>& energy) {
  bool ok = true;
  for (std::size_t k = block.begin; k < block.end; ++k) {
    ok &= MoveParticle(ph, correction, s.x[k], s.y[k], s.vx[k], s.vy[k], s.ax[k], s.ay[k]);
  }
  // energy[k] = KineticEnergy(ph, vx, vy), with the squares done in batches.
  double sx[256], sy[256];
  for (std::size_t at = block.begin; at < block.end; at += 256) {
    const std::size_t m = std::min<std::size_t>(256, block.end - at);
    PythonSquares(s.vx.data() + at, sx, m);
    PythonSquares(s.vy.data() + at, sy, m);
    for (std::size_t i = 0; i < m; ++i) energy[at + i] = 0.5 * ph.mass * (sx[i] + sy[i]);
  }
  return ok;
}

double SumEnergy(const std::vector<double>& energy) {
  double total = 0;
  for (double e : energy) total += e;
  return total;
}

void CellsOfBlock(const CellGrid& grid, const ParticleSet& s, Block block, std::vector<std::uint32_t>& cell_of) {
  for (std::size_t k = block.begin; k < block.end; ++k) cell_of[k] = grid.CellOf(s.x[k], s.y[k]);
}

namespace {
std::string Shortest(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}
}  // namespace

Status EnergyMonitor::AfterStep(std::int64_t step, bool moves_ok, double energy) {
  const std::string where = "simulation blew up at step " + std::to_string(step) + " of " + std::to_string(steps_);
  const char* hint = " (try a smaller --dt, or --normalize)";
  if (!std::isfinite(energy)) return Status::Corruption(where + ": the kinetic energy is " + Shortest(energy) + hint);
  if (!moves_ok) {
    return Status::Corruption(where + ": a particle moved too far outside the box to reflect back" + hint);
  }
  if (normalize_) {
    if (energy == 0) {
      return Status::Corruption("cannot normalise energy after step " + std::to_string(step) +
                                ": the kinetic energy is 0");
    }
    correction_ = std::sqrt(initial_energy_ / energy);
  }
  return Status::OK();
}

}  // namespace sluice::particles

// Serial mode: the chapter's serial_simulation, the reference every other
// mode must match bit for bit.
#include <chrono>
#include <vector>

#include "particles/drivers.h"
#include "particles/step_phases.h"

namespace sluice::particles {

Status RunSerial(const SimulationOptions& o, const Physics& ph, const StepObserver& observer, SimulationResult& r) {
  ParticleSet& s = r.final_state;
  const std::size_t n = s.size();
  const Block all{0, n};
  const bool cells = o.algorithm == Algorithm::kCells;
  CellGrid grid(ph);
  std::vector<std::uint32_t> cell_of(cells ? n : 0);
  std::vector<double> energies(n);
  if (cells) CellsOfBlock(grid, s, all, cell_of);
  EnergyMonitor monitor(o, r.initial_energy);
  double energy = r.initial_energy;

  const auto start = std::chrono::steady_clock::now();
  for (std::int64_t step = 1; step <= o.steps; ++step) {
    if (cells) {
      grid.Build(s, cell_of);
      grid.ComputeForces(ph, 0, n, s);
    } else {
      NaiveForces(ph, s, all);
    }
    const bool ok = MoveBlock(ph, monitor.correction(), s, all, energies);
    if (cells) CellsOfBlock(grid, s, all, cell_of);
    energy = SumEnergy(energies);
    Status st = monitor.AfterStep(step, ok, energy);
    if (!st.ok()) return st;
    if (observer) observer(step, energy, s);
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.final_energy = energy;
  return Status::OK();
}

}  // namespace sluice::particles

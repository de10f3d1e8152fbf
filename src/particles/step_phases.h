// The phases of one step, shared by the serial, threads and processes
// drivers so that every mode runs literally the same arithmetic.
//
//   forces:  NaiveForces (all-pairs) or CellGrid::ComputeForces
//   move:    MoveBlock (+ CellsOfBlock for the next grid)
//   check:   EnergyMonitor::AfterStep (coordinator only)
#ifndef SLUICE_PARTICLES_STEP_PHASES_H_
#define SLUICE_PARTICLES_STEP_PHASES_H_

#include <cstdint>
#include <vector>

#include "particles/blocks.h"
#include "particles/cell_grid.h"
#include "particles/particle_set.h"
#include "particles/physics.h"
#include "particles/simulation.h"
#include "sluice/status.h"

namespace sluice::particles {

// Resets the accelerations of targets and adds the forces of all n
// particles, in index order.
void NaiveForces(const Physics& ph, ParticleSet& s, Block targets);

// Moves the particles of `block` and stores each one's kinetic energy in
// energy[k] (so workers share the pow calls; the coordinator only adds).
// False if one of them blew up.
bool MoveBlock(const Physics& ph, double correction, ParticleSet& s, Block block, std::vector<double>& energy);

// The total of per-particle energies, added in index order from 0 (as the
// chapter's reduce): equal to TotalEnergy() of the state they came from.
double SumEnergy(const std::vector<double>& energy);

// cell_of[k] = grid.CellOf(particle k) for k in block.
void CellsOfBlock(const CellGrid& grid, const ParticleSet& s, Block block, std::vector<std::uint32_t>& cell_of);

// The coordinator's end-of-step bookkeeping: blow-up detection and the
// energy-normalisation factor.
class EnergyMonitor {
 public:
  EnergyMonitor(const SimulationOptions& options, double initial_energy)
      : normalize_(options.normalize), steps_(options.steps), initial_energy_(initial_energy) {}

  // After step `step` (1-based) left total energy `energy`; moves_ok is
  // false if some particle could not be reflected back into the box.
  // Corruption naming the step if the run blew up.
  Status AfterStep(std::int64_t step, bool moves_ok, double energy);

  // The factor the next move applies to velocities (1 unless normalising).
  double correction() const { return correction_; }

 private:
  bool normalize_;
  std::int64_t steps_;
  double initial_energy_;
  double correction_ = 1;
};

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_STEP_PHASES_H_

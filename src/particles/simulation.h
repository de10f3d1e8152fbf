// The particle simulator (chapter 4.8): options, the run, its outcome.
//
// RunSimulation builds the chapter's initial state and advances it `steps`
// times in one of three modes:
//   serial     one loop: forces, move, energy (the reference)
//   threads    N worker threads own contiguous blocks of particles and meet
//              the coordinator at a Barrier: forces phase, barrier, move
//              phase, barrier (thread_simulation.cc)
//   processes  N forked processes in a ring of one-way pipes pass their
//              blocks' positions around; the coordinator gathers positions
//              and energy every step (process_simulation.cc)
// with the force computed all-pairs (naive) or from a cell grid (cells).
// Every mode and worker count gives bitwise the results of serial with the
// same algorithm; naive and cells differ only by summation order.
//
// Energy normalisation: after each step the coordinator sets correction =
// sqrt(E0 / E), which scales every velocity at the end of the next move.
//
// Errors: InvalidArgument for bad options (see Validate); Corruption when
// the run blows up (non-finite energy, or a particle too far outside the
// box to reflect back), naming the step; IOError when a worker process
// fails.
#ifndef SLUICE_PARTICLES_SIMULATION_H_
#define SLUICE_PARTICLES_SIMULATION_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "particles/initial_state.h"
#include "particles/particle_set.h"
#include "particles/physics.h"
#include "sluice/result.h"
#include "sluice/status.h"

namespace sluice::particles {

enum class Mode { kSerial, kThreads, kProcesses };
enum class Algorithm { kNaive, kCells };

// Above this many particles `cells` is the default algorithm.
inline constexpr std::size_t kCellsDefaultAbove = 2000;
inline constexpr std::size_t kMaxParticles = 20'000'000;

struct SimulationOptions {
  std::size_t n = 20;
  std::int64_t steps = 1000;
  Mode mode = Mode::kSerial;
  std::size_t workers = 1;  // threads or processes; 1 for serial
  Algorithm algorithm = Algorithm::kNaive;
  bool normalize = false;
  std::int64_t seed = kDefaultSeed;
  InitKind init = InitKind::kGrid;
  double dt = Physics::kDefaultDt;
};

// Called by the coordinator with the state after step `step` (1-based;
// also once with step 0 and the initial state before the clock starts).
// Positions and velocities are valid, accelerations are not. It runs
// while workers compute the next forces, so it must only read.
using StepObserver = std::function<void(std::int64_t step, double energy, const ParticleSet& state)>;

struct SimulationResult {
  double initial_energy = 0;
  double final_energy = 0;
  double seconds = 0;  // the step loop only, as the chapter times it
  ParticleSet final_state;
};

// OK, or InvalidArgument naming the bad option and why.
Status Validate(const SimulationOptions& options);

Result<SimulationResult> RunSimulation(const SimulationOptions& options, const StepObserver& observer = {});

const char* ModeName(Mode mode);            // "serial", "threads", "processes"
const char* ModeAdjective(Mode mode);       // "serial", "multithreaded", "multiprocess"
const char* AlgorithmName(Algorithm algo);  // "naive", "cells"

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_SIMULATION_H_

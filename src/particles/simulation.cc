// RunSimulation: validation, the initial state, and dispatch to a driver.
#include "particles/simulation.h"

#include <cmath>
#include <string>

#include "particles/drivers.h"

namespace sluice::particles {

Status Validate(const SimulationOptions& o) {
  if (o.n == 0) return Status::InvalidArgument("the number of particles must be at least 1 (got 0)");
  if (o.n > kMaxParticles) {
    return Status::InvalidArgument("too many particles: " + std::to_string(o.n) + " (at most " +
                                   std::to_string(kMaxParticles) + ")");
  }
  if (o.steps < 0)
    return Status::InvalidArgument("the number of steps must not be negative (got " + std::to_string(o.steps) + ")");
  if (!(o.dt > 0) || !std::isfinite(o.dt)) {
    return Status::InvalidArgument("the time step dt must be a positive finite number");
  }
  if (o.workers == 0) return Status::InvalidArgument("the number of workers (-j) must be at least 1");
  if (o.mode == Mode::kSerial && o.workers != 1) {
    return Status::InvalidArgument("-j " + std::to_string(o.workers) +
                                   " needs --mode threads or --mode processes (serial runs one worker)");
  }
  if (o.workers > o.n) {
    return Status::InvalidArgument("-j " + std::to_string(o.workers) + " is larger than the number of particles (" +
                                   std::to_string(o.n) + "): every worker must own at least one particle");
  }
  return Status::OK();
}

Result<SimulationResult> RunSimulation(const SimulationOptions& options, const StepObserver& observer) {
  Status valid = Validate(options);
  if (!valid.ok()) return valid;
  const Physics ph = Physics::ForCount(options.n, options.dt);
  SimulationResult r;
  r.final_state = MakeParticles(options.n, ph, options.init, options.seed);
  r.initial_energy = TotalEnergy(ph, r.final_state);
  r.final_energy = r.initial_energy;
  if (observer) observer(0, r.initial_energy, r.final_state);
  Status st;
  switch (options.mode) {
    case Mode::kSerial: st = RunSerial(options, ph, observer, r); break;
    case Mode::kThreads: st = RunThreads(options, ph, observer, r); break;
    case Mode::kProcesses: st = RunProcesses(options, ph, observer, r); break;
  }
  if (!st.ok()) return st;
  return r;
}

const char* ModeName(Mode mode) {
  switch (mode) {
    case Mode::kSerial: return "serial";
    case Mode::kThreads: return "threads";
    case Mode::kProcesses: return "processes";
  }
  return "?";
}

const char* ModeAdjective(Mode mode) {
  switch (mode) {
    case Mode::kSerial: return "serial";
    case Mode::kThreads: return "multithreaded";
    case Mode::kProcesses: return "multiprocess";
  }
  return "?";
}

const char* AlgorithmName(Algorithm algo) { return algo == Algorithm::kCells ? "cells" : "naive"; }

}  // namespace sluice::particles

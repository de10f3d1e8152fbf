// The three drivers behind RunSimulation (simulation.h). Internal.
//
// Each receives the validated options, the initial state and its energy,
// runs the step loop (timing it into result.seconds) and fills in
// final_energy and final_state. `observer` may be empty.
#ifndef SLUICE_PARTICLES_DRIVERS_H_
#define SLUICE_PARTICLES_DRIVERS_H_

#include "particles/simulation.h"

namespace sluice::particles {

Status RunSerial(const SimulationOptions& o, const Physics& ph, const StepObserver& observer, SimulationResult& r);
Status RunThreads(const SimulationOptions& o, const Physics& ph, const StepObserver& observer, SimulationResult& r);
Status RunProcesses(const SimulationOptions& o, const Physics& ph, const StepObserver& observer, SimulationResult& r);

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_DRIVERS_H_

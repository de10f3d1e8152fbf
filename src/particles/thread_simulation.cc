// Threads mode: the chapter's thread_simulation. N workers own contiguous
// blocks of particles; with the coordinator they are N + 1 parties of one
// Barrier that separates the phases of every step:
//
//   worker:       forces on my block | A | move my block | B |
//   coordinator:                     | A |               | B | energy, check, observer
//
// Forces read every position and write only the worker's own
// accelerations; moves write only the worker's own particles (and their
// energy terms); the coordinator adds the energies and reads positions and
// velocities after B while the workers compute the next forces (reads
// only), and sets the energy correction, which workers read after the next
// A.
//
// With `cells` the grid is rebuilt every step by all workers together, in
// two more phases (cell_grid.h, BuildCount / BuildScatter, each worker on
// its own rows of cells) while the coordinator checks the energy:
//
//   worker:       forces | A | move | B | count my rows | C | scatter my rows | D
//   coordinator:         | A |      | B | energy, check, observer | C |      | D
//
// Forces are then split by ranges of the cell-sorted order (balanced and
// cache-friendly); moves still by owned block. A blow-up aborts the
// barrier: every worker's next wait returns Cancelled and it returns.
#include <chrono>
#include <thread>
#include <vector>

#include "particles/drivers.h"
#include "particles/step_phases.h"
#include "sluice/parallel/barrier.h"

namespace sluice::particles {

Status RunThreads(const SimulationOptions& o, const Physics& ph, const StepObserver& observer, SimulationResult& r) {
  ParticleSet& s = r.final_state;
  const std::size_t n = s.size();
  const std::size_t workers = o.workers;
  const bool cells = o.algorithm == Algorithm::kCells;
  CellGrid grid(ph);
  std::vector<std::uint32_t> cell_of(cells ? n : 0);
  if (cells) {
    CellsOfBlock(grid, s, Block{0, n}, cell_of);
    grid.Build(s, cell_of);
    grid.Prepare(n, workers);
  }
  std::vector<double> energies(n);
  EnergyMonitor monitor(o, r.initial_energy);
  double correction = 1;                // written by the coordinator between B and A
  std::vector<char> moved_ok(workers);  // one slot per worker (char: no vector<bool> bit sharing)
  parallel::Barrier barrier(workers + 1);

  auto work = [&](std::size_t w) {
    const Block mine = BlockOf(n, workers, w);
    const Block sorted_range = BlockOf(n, workers, w);  // of the cell-sorted order
    for (std::int64_t step = 1; step <= o.steps; ++step) {
      if (cells) {
        grid.ComputeForces(ph, sorted_range.begin, sorted_range.end, s);
      } else {
        NaiveForces(ph, s, mine);
      }
      if (!barrier.arrive_and_wait().ok()) return;  // A
      moved_ok[w] = MoveBlock(ph, correction, s, mine, energies);
      if (cells) CellsOfBlock(grid, s, mine, cell_of);
      if (!barrier.arrive_and_wait().ok()) return;  // B
      if (cells && step < o.steps) {
        grid.BuildCount(cell_of, w);
        if (!barrier.arrive_and_wait().ok()) return;  // C
        grid.BuildScatter(s, cell_of, w);
        if (!barrier.arrive_and_wait().ok()) return;  // D
      }
    }
  };

  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  threads.reserve(workers);
  for (std::size_t w = 0; w < workers; ++w) threads.emplace_back(work, w);

  Status status;
  double energy = r.initial_energy;
  for (std::int64_t step = 1; step <= o.steps; ++step) {
    (void)barrier.arrive_and_wait();  // A: all forces computed
    (void)barrier.arrive_and_wait();  // B: all particles moved
    bool ok = true;
    for (char m : moved_ok) ok &= m != 0;
    energy = SumEnergy(energies);
    status = monitor.AfterStep(step, ok, energy);
    if (!status.ok()) {
      barrier.abort();
      break;
    }
    correction = monitor.correction();
    if (observer) observer(step, energy, s);
    if (cells && step < o.steps) {
      (void)barrier.arrive_and_wait();  // C: cells counted
      (void)barrier.arrive_and_wait();  // D: grid built
    }
  }
  for (std::thread& t : threads) t.join();
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.final_energy = energy;
  return status;
}

}  // namespace sluice::particles

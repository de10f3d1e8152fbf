// Processes mode: the chapter's process_simulation. N forked workers, each
// owning a contiguous block, sit in a ring of one-way pipes: worker i writes
// ring[i], which worker i-1 reads, and reads ring[i+1]. Each step a worker
// puts its block's positions in its stage and the stages go once round the
// ring (N - 1 exchanges), so every worker sees every block; the worker
// applies the forces from each stage onto its own particles, then moves
// them. The coordinator gathers every block's positions and velocities each
// step (pipe up[i]), with their energy terms, adds up the energy and sends each worker the energy
// correction for its next move, or "stop" (pipe down[i]).
//
// Bitwise agreement with serial: serial adds the forces on a particle in
// index order 0..n-1. Worker i receives the blocks in the order i, i+1, ...,
// N-1, 0, ..., i-1, so it applies a block as soon as every block before it
// has been applied, keeping the rest (each is a few KB of positions) until
// then: worker 0 applies every stage as it comes, the others catch up when
// block 0 arrives. With `cells` the worker bins all gathered positions and
// computes its particles' forces from the grid, again exactly as serial.
// The coordinator sums the energy particle by particle in index order.
//
// Deadlock freedom: a stage larger than the pipe buffer (64 KiB, ~4000
// particles) blocks its writer until the neighbour reads, so if every
// worker wrote first the ring would wait on itself. Even-numbered workers
// therefore send then receive, odd-numbered ones receive then send; worker 1
// always receives first, which breaks the cycle. The coordinator only ever
// waits for workers' step messages, which workers send before waiting on
// anything of the next step.
#include <algorithm>
#include <chrono>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include <signal.h>

#include "particles/drivers.h"
#include "particles/force_kernel.h"
#include "particles/step_phases.h"
#include "sluice/parallel/pipe.h"

namespace sluice::particles {

namespace {

using parallel::ChildProcess;
using parallel::Pipe;

// Coordinator -> worker, before every move after the first.
struct Command {
  double correction;
  std::uint64_t stop;  // 1: the run is over, exit
};

Status SendDoubles(Pipe& pipe, const std::vector<double>& v) {
  return pipe.send(std::as_bytes(std::span<const double>(v)));
}

// Receives a message of exactly `count` doubles into `out`.
Status RecvDoubles(Pipe& pipe, std::size_t count, std::vector<double>& out, const char* what) {
  auto msg = pipe.recv();
  if (!msg.ok()) return msg.status();
  if (!msg->has_value()) return Status::Closed(std::string(what) + ": the other end closed the pipe");
  const std::vector<std::byte>& bytes = **msg;
  if (bytes.size() != count * sizeof(double)) {
    return Status::Corruption(std::string(what) + ": expected " + std::to_string(count * sizeof(double)) +
                              " bytes, got " + std::to_string(bytes.size()));
  }
  out.resize(count);
  std::memcpy(out.data(), bytes.data(), bytes.size());
  return Status::OK();
}

struct Pipes {
  std::vector<Pipe> ring, up, down;
};

// One worker process: owns block `me` of the state it inherited at fork.
// Returns the exit code: 0 after the last step or a stop, 1 on a pipe error.
int WorkerMain(const SimulationOptions& o, const Physics& ph, ParticleSet& s, Pipes& pipes, std::size_t me) {
  const std::size_t n = s.size();
  const std::size_t workers = o.workers;
  const Block mine = BlockOf(n, workers, me);
  Pipe& to_left = pipes.ring[me];
  Pipe& from_right = pipes.ring[(me + 1) % workers];
  Pipe& up = pipes.up[me];
  Pipe& down = pipes.down[me];
  const bool cells = o.algorithm == Algorithm::kCells;
  CellGrid grid(ph);
  std::vector<std::uint32_t> cell_of(cells ? n : 0);
  std::vector<double> stage, received, report, energies(n);
  std::vector<char> have(workers);
  double correction = 1;

  // Positions of block b from a stage message laid out as [x..., y...].
  auto store_stage = [&](std::size_t b, const std::vector<double>& msg) {
    const Block blk = BlockOf(n, workers, b);
    std::copy(msg.begin(), msg.begin() + static_cast<std::ptrdiff_t>(blk.size()), s.x.begin() + blk.begin);
    std::copy(msg.begin() + static_cast<std::ptrdiff_t>(blk.size()), msg.end(), s.y.begin() + blk.begin);
  };
  std::size_t next_block = 0;  // the next source block to apply, in serial order
  auto apply_ready = [&] {
    while (!cells && next_block < workers && have[next_block]) {
      const Block src = BlockOf(n, workers, next_block);
      ForceTargets t{s.x.data() + mine.begin, s.y.data() + mine.begin, s.ax.data() + mine.begin,
                     s.ay.data() + mine.begin, mine.size()};
      AccumulateForces(ph, t, ForceSources{s.x.data() + src.begin, s.y.data() + src.begin, src.size()});
      ++next_block;
    }
  };

  for (std::int64_t step = 1; step <= o.steps; ++step) {
    // My stage: my block's positions.
    stage.assign(s.x.begin() + mine.begin, s.x.begin() + mine.end);
    stage.insert(stage.end(), s.y.begin() + mine.begin, s.y.begin() + mine.end);
    std::fill(have.begin(), have.end(), 0);
    std::fill(s.ax.begin() + mine.begin, s.ax.begin() + mine.end, 0.0);
    std::fill(s.ay.begin() + mine.begin, s.ay.begin() + mine.end, 0.0);
    next_block = 0;
    have[me] = 1;
    apply_ready();
    for (std::size_t round = 1; round < workers; ++round) {
      const std::size_t b = (me + round) % workers;  // the block arriving this round
      const std::size_t count = 2 * BlockOf(n, workers, b).size();
      if (me % 2 == 0) {
        if (!SendDoubles(to_left, stage).ok()) return 1;
        if (!RecvDoubles(from_right, count, received, "ring").ok()) return 1;
      } else {
        if (!RecvDoubles(from_right, count, received, "ring").ok()) return 1;
        if (!SendDoubles(to_left, stage).ok()) return 1;
      }
      stage.swap(received);
      store_stage(b, stage);
      have[b] = 1;
      apply_ready();
    }
    if (cells) {
      CellsOfBlock(grid, s, Block{0, n}, cell_of);
      grid.Build(s, cell_of);
      grid.ComputeForcesOfParticles(ph, mine.begin, mine.end, s);
    }
    if (step > 1) {
      auto cmd = down.recv_value<Command>();
      if (!cmd.ok() || !cmd->has_value()) return 1;
      if ((*cmd)->stop) return 0;
      correction = (*cmd)->correction;
    }
    const bool ok = MoveBlock(ph, correction, s, mine, energies);
    // Report: [x..., y..., vx..., vy..., energy..., ok].
    report.clear();
    for (const std::vector<double>* field : {&s.x, &s.y, &s.vx, &s.vy, &energies}) {
      report.insert(report.end(), field->begin() + mine.begin, field->begin() + mine.end);
    }
    report.push_back(ok ? 1.0 : 0.0);
    if (!SendDoubles(up, report).ok()) return 1;
  }
  return 0;
}

// Keeps only the pipe ends worker `me` uses (or, for me == workers, the
// coordinator's), so every reader sees end-of-file when its writer dies.
void KeepOwnEnds(Pipes& p, std::size_t me, std::size_t workers) {
  for (std::size_t i = 0; i < workers; ++i) {
    const bool coordinator = me == workers;
    if (coordinator || i != me) p.ring[i].close_write();
    if (coordinator || (i + workers - 1) % workers != me || workers == 1) p.ring[i].close_read();
    if (coordinator || i != me) {
      p.up[i].close_write();
      p.down[i].close_read();
    }
    if (!coordinator || i == me) {
      p.up[i].close_read();
      p.down[i].close_write();
    }
  }
}

}  // namespace

Status RunProcesses(const SimulationOptions& o, const Physics& ph, const StepObserver& observer, SimulationResult& r) {
  ParticleSet& s = r.final_state;
  const std::size_t n = s.size();
  const std::size_t workers = o.workers;
  Pipes pipes;
  for (auto* group : {&pipes.ring, &pipes.up, &pipes.down}) {
    for (std::size_t i = 0; i < workers; ++i) {
      auto pipe = Pipe::create();
      if (!pipe.ok()) return pipe.status();
      group->push_back(std::move(*pipe));
    }
  }

  const auto start = std::chrono::steady_clock::now();
  std::vector<ChildProcess> children;
  auto stop_all = [&] {
    for (ChildProcess& c : children) (void)c.kill(SIGKILL);
    for (ChildProcess& c : children) (void)c.wait();
  };
  for (std::size_t w = 0; w < workers; ++w) {
    auto child = parallel::fork_child([&, w] {
      KeepOwnEnds(pipes, w, workers);
      return WorkerMain(o, ph, s, pipes, w);
    });
    if (!child.ok()) {
      stop_all();
      return child.status();
    }
    children.push_back(std::move(*child));
  }
  KeepOwnEnds(pipes, workers, workers);

  EnergyMonitor monitor(o, r.initial_energy);
  Status status;
  double energy = r.initial_energy;
  std::vector<double> report, energies(n);
  for (std::int64_t step = 1; step <= o.steps && status.ok(); ++step) {
    bool ok = true;
    for (std::size_t w = 0; w < workers && status.ok(); ++w) {
      const Block blk = BlockOf(n, workers, w);
      Status got = RecvDoubles(pipes.up[w], 5 * blk.size() + 1, report, "worker report");
      if (!got.ok()) {
        status = Status::IOError("worker process " + std::to_string(w) + " failed at step " + std::to_string(step) +
                                 ": " + got.message());
        break;
      }
      auto field = report.begin();
      for (std::vector<double>* dst : {&s.x, &s.y, &s.vx, &s.vy, &energies}) {
        std::copy(field, field + static_cast<std::ptrdiff_t>(blk.size()), dst->begin() + blk.begin);
        field += static_cast<std::ptrdiff_t>(blk.size());
      }
      ok &= *field != 0;
    }
    if (!status.ok()) break;
    energy = SumEnergy(energies);
    status = monitor.AfterStep(step, ok, energy);
    if (observer && status.ok()) observer(step, energy, s);
    if (step == o.steps) break;  // the workers have finished
    const Command cmd{monitor.correction(), status.ok() ? 0u : 1u};
    for (std::size_t w = 0; w < workers; ++w) {
      Status sent = pipes.down[w].send_value(cmd);
      if (!sent.ok() && status.ok()) {
        status = Status::IOError("worker process " + std::to_string(w) + " is gone: " + sent.message());
      }
    }
  }
  if (!status.ok() && status.code() == StatusCode::kIOError) {
    stop_all();
  } else {
    for (std::size_t w = 0; w < workers; ++w) {
      auto code = children[w].wait();
      if (status.ok() && (!code.ok() || *code != 0)) {
        status = Status::IOError("worker process " + std::to_string(w) + " exited with status " +
                                 (code.ok() ? std::to_string(*code) : code.status().message()));
      }
    }
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.final_energy = energy;
  return status;
}

}  // namespace sluice::particles

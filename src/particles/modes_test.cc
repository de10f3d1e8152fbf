// Threads and processes against serial: bitwise identical final states and
// energies for several n, worker counts, step counts, both algorithms, with
// and without energy normalisation; and the per-step energies agree too.
#include <gtest/gtest.h>

#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "particles/simulation.h"

namespace sluice::particles {
namespace {

bool BitwiseEqual(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

struct RunRecord {
  SimulationResult result;
  std::vector<double> energies;  // per step, from the observer
};

RunRecord Simulate(SimulationOptions o) {
  RunRecord run;
  auto r = RunSimulation(o, [&](std::int64_t, double e, const ParticleSet&) { run.energies.push_back(e); });
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (r.ok()) run.result = std::move(*r);
  return run;
}

void ExpectSame(const RunRecord& want, const RunRecord& got, const std::string& what) {
  EXPECT_TRUE(BitwiseEqual(want.energies, got.energies)) << what;
  EXPECT_EQ(std::memcmp(&want.result.final_energy, &got.result.final_energy, sizeof(double)), 0) << what;
  const ParticleSet& a = want.result.final_state;
  const ParticleSet& b = got.result.final_state;
  EXPECT_TRUE(BitwiseEqual(a.x, b.x)) << what << ": x";
  EXPECT_TRUE(BitwiseEqual(a.y, b.y)) << what << ": y";
  EXPECT_TRUE(BitwiseEqual(a.vx, b.vx)) << what << ": vx";
  EXPECT_TRUE(BitwiseEqual(a.vy, b.vy)) << what << ": vy";
}

struct Case {
  std::size_t n;
  std::int64_t steps;
  Algorithm algorithm;
  bool normalize;
  InitKind init = InitKind::kGrid;
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << "n=" << c.n << " steps=" << c.steps << " " << AlgorithmName(c.algorithm) << (c.normalize ? " normalized" : "")
      << (c.init == InitKind::kRandom ? " random" : "");
}

class ModesTest : public ::testing::TestWithParam<Case> {};

TEST_P(ModesTest, ThreadsAndProcessesAreBitwiseSerial) {
  const Case c = GetParam();
  SimulationOptions o;
  o.n = c.n;
  o.steps = c.steps;
  o.algorithm = c.algorithm;
  o.normalize = c.normalize;
  o.init = c.init;
  const RunRecord serial = Simulate(o);
  ASSERT_EQ(serial.energies.size(), static_cast<std::size_t>(c.steps) + 1);
  for (Mode mode : {Mode::kThreads, Mode::kProcesses}) {
    for (std::size_t workers : {1u, 2u, 3u, 5u}) {
      if (workers > c.n) continue;
      o.mode = mode;
      o.workers = workers;
      std::ostringstream what;
      what << ModeName(mode) << " -j " << workers << " n=" << c.n;
      ExpectSame(serial, Simulate(o), what.str());
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ModesTest,
    ::testing::Values(Case{20, 200, Algorithm::kNaive, false}, Case{20, 100, Algorithm::kNaive, true},
                      Case{3, 50, Algorithm::kNaive, false}, Case{101, 40, Algorithm::kNaive, false},
                      // blocks above the 64 KiB pipe buffer: the ring must not deadlock
                      Case{9000, 2, Algorithm::kNaive, false}, Case{500, 30, Algorithm::kCells, false},
                      Case{2500, 8, Algorithm::kCells, true}, Case{7, 0, Algorithm::kNaive, false},
                      // Random starts put several particles within the cutoff of one another from the
                      // first step, so a force sum in any other order than serial's shows up here.
                      Case{300, 20, Algorithm::kNaive, false, InitKind::kRandom},
                      Case{1000, 10, Algorithm::kNaive, true, InitKind::kRandom},
                      Case{1000, 10, Algorithm::kCells, false, InitKind::kRandom}),
    [](const ::testing::TestParamInfo<Case>& info) {
      std::ostringstream name;
      name << "n" << info.param.n << "_s" << info.param.steps << "_" << AlgorithmName(info.param.algorithm)
           << (info.param.normalize ? "_normalized" : "") << (info.param.init == InitKind::kRandom ? "_random" : "");
      return name.str();
    });

TEST(ModesBlowUpTest, EveryModeStopsAndNamesTheStep) {
  for (Mode mode : {Mode::kSerial, Mode::kThreads, Mode::kProcesses}) {
    for (Algorithm algo : {Algorithm::kNaive, Algorithm::kCells}) {
      SimulationOptions o;
      o.mode = mode;
      o.workers = mode == Mode::kSerial ? 1 : 3;
      o.algorithm = algo;
      o.dt = 1e200;
      auto r = RunSimulation(o);
      ASSERT_FALSE(r.ok()) << ModeName(mode);
      EXPECT_NE(r.status().message().find("blew up at step 1 of 1000"), std::string::npos)
          << ModeName(mode) << ": " << r.status().message();
    }
  }
}

}  // namespace
}  // namespace sluice::particles

// The serial simulator against the chapter's Python program: its
// reference numbers for n = 20 plus figures produced by the same program for
// n = 50 and with energy normalisation. Exact equality: the point is that
// our doubles ARE Python's.
#include <gtest/gtest.h>

#include <string>

#include "particles/initial_state.h"
#include "particles/simulation.h"

namespace sluice::particles {
namespace {

std::size_t IndexOfId(const ParticleSet& s, std::int64_t id) {
  for (std::size_t k = 0; k < s.size(); ++k) {
    if (s.id[k] == id) return k;
  }
  return s.size();
}

TEST(ReferenceTest, InitialStateForTwentyParticles) {
  const Physics ph = Physics::ForCount(20);
  const ParticleSet s = MakeParticles(20, ph);
  EXPECT_EQ(TotalEnergy(ph, s), 0.07021567704180778);
  const std::size_t p0 = IndexOfId(s, 0);
  ASSERT_LT(p0, s.size());
  EXPECT_EQ(s.x[p0], 0.016666666666666666);
  EXPECT_EQ(s.y[p0], 0.02);
  EXPECT_EQ(s.vx[p0], 0.9814164893947117);
  EXPECT_EQ(s.vy[p0], 0.42047727727484907);
  // The list is shuffled: its first particle is id 16 (Python: l[0].id).
  EXPECT_EQ(s.id[0], 16);
  EXPECT_EQ(s.x[0], 0.03333333333333333);
  EXPECT_EQ(s.y[0], 0.084);
}

TEST(ReferenceTest, EnergyAfterThousandSerialSteps) {
  SimulationOptions o;  // n = 20, 1000 steps, serial, naive: the chapter's defaults
  auto r = RunSimulation(o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->initial_energy, 0.07021567704180778);
  EXPECT_EQ(r->final_energy, 0.08004530744909366);
  EXPECT_EQ(r->final_state.x[0], 0.044273911261108294);
  EXPECT_EQ(r->final_state.y[0], 0.060536257062801364);
  EXPECT_EQ(r->final_state.vx[0], -0.6715161055384872);
  EXPECT_EQ(r->final_state.vy[0], 1.0607180720593379);
}

TEST(ReferenceTest, NormalizedEnergy) {
  SimulationOptions o;
  o.normalize = true;
  auto r = RunSimulation(o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->final_energy, 0.07021567704180777);
  EXPECT_EQ(r->final_state.x[0], 0.07638050600205896);
  EXPECT_EQ(r->final_state.vy[0], -0.0725360408190589);
}

TEST(ReferenceTest, FiftyParticles) {
  SimulationOptions o;
  o.n = 50;
  o.steps = 300;
  auto r = RunSimulation(o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->initial_energy, 0.1724414405676525);
  EXPECT_EQ(r->final_energy, 0.173713457409327);
  EXPECT_EQ(r->final_state.x[0], 0.1362790004331958);
  EXPECT_EQ(r->final_state.vx[0], 1.4014034617378834);
  o.normalize = true;
  auto normalized = RunSimulation(o);
  ASSERT_TRUE(normalized.ok());
  EXPECT_EQ(normalized->final_energy, 0.173099684905647);
}

TEST(ReferenceTest, ObserverSeesEveryStepFromZero) {
  SimulationOptions o;
  o.steps = 5;
  std::vector<std::int64_t> seen;
  auto r = RunSimulation(o, [&](std::int64_t step, double, const ParticleSet&) { seen.push_back(step); });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(seen, (std::vector<std::int64_t>{0, 1, 2, 3, 4, 5}));
}

TEST(ReferenceTest, ZeroStepsKeepTheInitialState) {
  SimulationOptions o;
  o.steps = 0;
  auto r = RunSimulation(o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->final_energy, r->initial_energy);
}

TEST(ReferenceTest, BadOptionsAreRejected) {
  auto expect_invalid = [](SimulationOptions o, const std::string& fragment) {
    Status st = Validate(o);
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << fragment;
    EXPECT_NE(st.message().find(fragment), std::string::npos) << st.message();
    EXPECT_FALSE(RunSimulation(o).ok());
  };
  SimulationOptions o;
  o.n = 0;
  expect_invalid(o, "at least 1");
  o = {};
  o.steps = -1;
  expect_invalid(o, "must not be negative");
  o = {};
  o.dt = 0;
  expect_invalid(o, "positive");
  o.dt = -1;
  expect_invalid(o, "positive");
  o = {};
  o.mode = Mode::kThreads;
  o.workers = 21;
  expect_invalid(o, "larger than the number of particles");
  o.mode = Mode::kProcesses;
  expect_invalid(o, "larger than the number of particles");
  o = {};
  o.workers = 2;
  expect_invalid(o, "needs --mode threads");
}

TEST(ReferenceTest, BlowUpNamesTheStep) {
  SimulationOptions o;
  o.dt = 1e200;  // velocities overflow in the first step
  auto r = RunSimulation(o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_NE(r.status().message().find("blew up at step 1 of 1000"), std::string::npos) << r.status().message();
}

TEST(ReferenceTest, SeedAndRandomInitChangeTheStart) {
  const Physics ph = Physics::ForCount(100);
  const ParticleSet a = MakeParticles(100, ph, InitKind::kGrid, 1000);
  const ParticleSet b = MakeParticles(100, ph, InitKind::kGrid, 7);
  const ParticleSet c = MakeParticles(100, ph, InitKind::kRandom, 1000);
  EXPECT_NE(a.vx, b.vx);
  EXPECT_NE(a.x, c.x);
  for (std::size_t k = 0; k < c.size(); ++k) {
    EXPECT_GE(c.x[k], 0);
    EXPECT_LT(c.x[k], ph.box_size);
    EXPECT_GE(c.y[k], 0);
    EXPECT_LT(c.y[k], ph.box_size);
  }
}

}  // namespace
}  // namespace sluice::particles

// Force kernels and the cell grid: the AVX2 kernel is bit-for-bit the
// scalar loop; cells agree with naive up to summation order.
#include "particles/force_kernel.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "particles/blocks.h"
#include "particles/cell_grid.h"
#include "particles/initial_state.h"
#include "particles/simulation.h"
#include "particles/step_phases.h"

namespace sluice::particles {
namespace {

// Random positions in a box of n particles, with some exact duplicates
// and some pairs closer than sqrt(min_r2), the kernel's special cases.
ParticleSet Scatter(std::size_t n, unsigned seed) {
  const Physics ph = Physics::ForCount(n);
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<double> u(0, ph.box_size);
  ParticleSet s;
  s.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    s.x[k] = u(gen);
    s.y[k] = u(gen);
    if (k % 7 == 3) {  // duplicate
      s.x[k] = s.x[k - 1];
      s.y[k] = s.y[k - 1];
    } else if (k % 11 == 5) {  // closer than min_r2
      s.x[k] = s.x[k - 1] + 1e-6;
      s.y[k] = s.y[k - 1];
    } else if (k % 13 == 6) {  // within the cutoff
      s.x[k] = s.x[k - 1] + 0.004;
      s.y[k] = s.y[k - 1] - 0.003;
    }
  }
  return s;
}

TEST(ForceKernelTest, Avx2IsBitwiseTheScalarLoop) {
  if (!Avx2KernelAvailable()) GTEST_SKIP() << "no AVX2 on this CPU";
  for (std::size_t n : {1u, 3u, 4u, 7u, 8u, 9u, 15u, 64u, 301u, 1000u}) {
    const Physics ph = Physics::ForCount(n);
    ParticleSet s = Scatter(n, static_cast<unsigned>(n));
    std::vector<double> ax1(n, 0.5), ay1(n, -0.25), ax2(n, 0.5), ay2(n, -0.25);
    AccumulateForcesScalar(ph, ForceTargets{s.x.data(), s.y.data(), ax1.data(), ay1.data(), n},
                           ForceSources{s.x.data(), s.y.data(), n});
    AccumulateForcesAvx2(ph, ForceTargets{s.x.data(), s.y.data(), ax2.data(), ay2.data(), n},
                         ForceSources{s.x.data(), s.y.data(), n});
    int nonzero = 0;
    for (std::size_t k = 0; k < n; ++k) {
      ASSERT_EQ(std::memcmp(&ax1[k], &ax2[k], sizeof(double)), 0) << "n=" << n << " k=" << k;
      ASSERT_EQ(std::memcmp(&ay1[k], &ay2[k], sizeof(double)), 0) << "n=" << n << " k=" << k;
      nonzero += ax1[k] != 0.5;
    }
    if (n >= 64) {
      EXPECT_GT(nonzero, 0) << "the test must exercise in-range pairs";
    }
  }
}

TEST(ForceKernelTest, ScalarKernelIsTheChapterLoop) {
  const std::size_t n = 200;
  const Physics ph = Physics::ForCount(n);
  ParticleSet s = Scatter(n, 9);
  std::vector<double> ax(n, 0), ay(n, 0);
  AccumulateForces(ph, ForceTargets{s.x.data(), s.y.data(), ax.data(), ay.data(), n},
                   ForceSources{s.x.data(), s.y.data(), n});
  for (std::size_t i = 0; i < n; ++i) {
    double want_x = 0, want_y = 0;
    for (std::size_t j = 0; j < n; ++j) {
      const double dx = s.x[j] - s.x[i], dy = s.y[j] - s.y[i];
      if (dx == 0 && dy == 0) continue;
      const double r2 = std::max(dx * dx + dy * dy, ph.min_r2);
      if (r2 > ph.cutoff * ph.cutoff) continue;
      const double coef = (1 - ph.cutoff / std::sqrt(r2)) / r2 / ph.mass;
      want_x += coef * dx;
      want_y += coef * dy;
    }
    ASSERT_EQ(ax[i], want_x) << i;
    ASSERT_EQ(ay[i], want_y) << i;
  }
}

TEST(CellGridTest, CellsAgreeWithNaiveWithinRounding) {
  for (std::size_t n : {1u, 2u, 50u, 999u, 3000u}) {
    const Physics ph = Physics::ForCount(n);
    ParticleSet naive = Scatter(n, static_cast<unsigned>(n) + 1);
    ParticleSet cells = naive;
    NaiveForces(ph, naive, Block{0, n});
    CellGrid grid(ph);
    std::vector<std::uint32_t> cell_of(n);
    CellsOfBlock(grid, cells, Block{0, n}, cell_of);
    grid.Build(cells, cell_of);
    grid.ComputeForces(ph, 0, n, cells);
    double scale = 0;
    for (std::size_t k = 0; k < n; ++k) scale = std::max({scale, std::abs(naive.ax[k]), std::abs(naive.ay[k])});
    for (std::size_t k = 0; k < n; ++k) {
      ASSERT_NEAR(cells.ax[k], naive.ax[k], 1e-12 * scale + 1e-300) << "n=" << n << " k=" << k;
      ASSERT_NEAR(cells.ay[k], naive.ay[k], 1e-12 * scale + 1e-300) << "n=" << n << " k=" << k;
    }
    // The same forces, bit for bit, by particle index (the processes mode's
    // entry point) and from ranges split anywhere (the threads mode's).
    ParticleSet by_index = cells;
    grid.ComputeForcesOfParticles(ph, 0, n, by_index);
    EXPECT_EQ(std::memcmp(by_index.ax.data(), cells.ax.data(), n * sizeof(double)), 0) << "n=" << n;
    EXPECT_EQ(std::memcmp(by_index.ay.data(), cells.ay.data(), n * sizeof(double)), 0) << "n=" << n;
    ParticleSet split = cells;
    for (std::size_t part = 0; part < 3 && part < n; ++part) {
      const Block range = BlockOf(n, std::min<std::size_t>(3, n), part);
      grid.ComputeForces(ph, range.begin, range.end, split);
    }
    EXPECT_EQ(std::memcmp(split.ax.data(), cells.ax.data(), n * sizeof(double)), 0) << "n=" << n;
  }
}

TEST(CellGridTest, WholeRunsAgreeWithNaiveWithinTolerance) {
  SimulationOptions o;
  o.n = 400;
  o.steps = 200;  // the grid start: a random one is chaotic enough to amplify rounding to O(1)
  auto naive = RunSimulation(o);
  o.algorithm = Algorithm::kCells;
  auto cells = RunSimulation(o);
  ASSERT_TRUE(naive.ok() && cells.ok());
  EXPECT_NEAR(cells->final_energy, naive->final_energy, 1e-9 * naive->final_energy);
  for (std::size_t k = 0; k < o.n; ++k) {
    ASSERT_NEAR(cells->final_state.x[k], naive->final_state.x[k], 1e-9) << k;
    ASSERT_NEAR(cells->final_state.vy[k], naive->final_state.vy[k], 1e-7) << k;
  }
}

TEST(BlocksTest, ChapterDivision) {
  // divide_items([1..9], 3) and divide_items([1..8], 3).
  EXPECT_EQ(BlockOf(9, 3, 2).begin, 6u);
  EXPECT_EQ(BlockOf(8, 3, 1).end, 6u);
  EXPECT_EQ(BlockOf(8, 3, 2).size(), 2u);
  for (std::size_t n : {1u, 7u, 20u, 101u}) {
    for (std::size_t parts = 1; parts <= n && parts <= 9; ++parts) {
      std::size_t next = 0;
      for (std::size_t p = 0; p < parts; ++p) {
        const Block b = BlockOf(n, parts, p);
        EXPECT_EQ(b.begin, next);
        EXPECT_EQ(b.size(), n / parts + (p < n % parts ? 1 : 0));
        for (std::size_t k = b.begin; k < b.end; ++k) EXPECT_EQ(OwnerOf(n, parts, k), p);
        next = b.end;
      }
      EXPECT_EQ(next, n);
    }
  }
}

}  // namespace
}  // namespace sluice::particles

// See initial_state.h.
#include "particles/initial_state.h"

#include <cmath>
#include <numeric>
#include <span>
#include <vector>

#include "particles/py_random.h"

namespace sluice::particles {

ParticleSet MakeParticles(std::size_t n, const Physics& physics, InitKind kind, std::int64_t seed) {
  PyRandom rng(seed);
  // sx = ceil(sqrt(n)) as Python computes it: math.sqrt then ceil.
  const auto sx = static_cast<std::int64_t>(std::ceil(std::sqrt(static_cast<double>(n))));
  const std::int64_t sy = (static_cast<std::int64_t>(n) + sx - 1) / sx;
  const double size = physics.box_size;

  std::vector<std::int64_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  rng.shuffle(std::span<std::int64_t>(order));

  ParticleSet s;
  s.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    const std::int64_t i = order[k];
    s.id[k] = i;
    if (kind == InitKind::kGrid) {
      s.x[k] = size * static_cast<double>(1 + i % sx) / static_cast<double>(1 + sx);
      s.y[k] = size * (1 + static_cast<double>(i) / static_cast<double>(sx)) / static_cast<double>(1 + sy);
    } else {
      s.x[k] = size * rng.random();
      s.y[k] = size * rng.random();
    }
    s.vx[k] = rng.random() * 2 - 1;
    s.vy[k] = rng.random() * 2 - 1;
    s.ax[k] = 0;
    s.ay[k] = 0;
  }
  return s;
}

}  // namespace sluice::particles

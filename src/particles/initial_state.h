// The initial particles: the chapter's make_particles(n), or uniformly
// random positions for other experiments.
//
// grid (the chapter's): seed the generator, shuffle the particle list, then
// for each particle in list order: i = its id, x = size (1 + i mod sx) /
// (1 + sx), y = size (1 + i / sx) / (1 + sy) (true division), sx =
// ceil(sqrt n), sy = ceil(n / sx); vx = 2 random() - 1, vy = 2 random() - 1.
// random: the same shuffle, then per particle in list order x = size
// random(), y = size random(), vx, vy as above.
#ifndef SLUICE_PARTICLES_INITIAL_STATE_H_
#define SLUICE_PARTICLES_INITIAL_STATE_H_

#include <cstddef>
#include <cstdint>

#include "particles/particle_set.h"
#include "particles/physics.h"

namespace sluice::particles {

enum class InitKind { kGrid, kRandom };

inline constexpr std::int64_t kDefaultSeed = 1000;  // the chapter's seed(1000)

// REQUIRES: n >= 1. Accelerations start at 0.
ParticleSet MakeParticles(std::size_t n, const Physics& physics, InitKind kind = InitKind::kGrid,
                          std::int64_t seed = kDefaultSeed);

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_INITIAL_STATE_H_

// ParticleSet: the simulation state, one array per field (structure of
// arrays, so the force kernels can load four x's at once).
//
// Index k is the particle's place in the chapter's shuffled list: workers
// own contiguous blocks of it (see blocks.h) and every sum over particles
// (forces on one particle, the total energy) runs in index order, which is
// what makes all modes agree bit for bit. id[k] is the particle's place on
// the initial grid (the chapter's Particle.id); "particle 0" of the reference
// numbers (from the chapter's Python program) is the one with id 0.
#ifndef SLUICE_PARTICLES_PARTICLE_SET_H_
#define SLUICE_PARTICLES_PARTICLE_SET_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "particles/physics.h"

namespace sluice::particles {

struct ParticleSet {
  std::vector<double> x, y, vx, vy, ax, ay;
  std::vector<std::int64_t> id;

  std::size_t size() const { return x.size(); }

  void resize(std::size_t n) {
    x.resize(n);
    y.resize(n);
    vx.resize(n);
    vy.resize(n);
    ax.resize(n);
    ay.resize(n);
    id.resize(n);
  }
};

// Total kinetic energy, summed in index order from 0 (as the chapter's
// reduce(lambda x, p: x + p.energy, particles, 0)).
inline double TotalEnergy(const Physics& ph, const ParticleSet& s) {
  double e = 0;
  for (std::size_t k = 0; k < s.size(); ++k) e += KineticEnergy(ph, s.vx[k], s.vy[k]);
  return e;
}

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_PARTICLE_SET_H_

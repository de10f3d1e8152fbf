// Physics: the constants of the chapter's simulator (CS267's particle
// assignment) and the two per-particle rules every mode shares.
//
// Box of side sqrt(density * n), mass 0.01, cutoff 0.01,
// min_r2 = (cutoff / 100)^2, dt 0.0005 unless --dt. The force of o on p is
//   dx = o.x - p.x, dy = o.y - p.y; nothing when dx == dy == 0;
//   r2 = max(dx^2 + dy^2, min_r2); nothing when r2 > cutoff^2;
//   coef = (1 - cutoff / r) / r2 / mass with r = sqrt(r2); a += coef * (dx, dy)
// evaluated in exactly this order (no FMA contraction: the module is built
// with -ffp-contract=off) so results match the Python program bit for bit.
#ifndef SLUICE_PARTICLES_PHYSICS_H_
#define SLUICE_PARTICLES_PHYSICS_H_

#include <cmath>
#include <cstddef>

namespace sluice::particles {

struct Physics {
  static constexpr double kDensity = 0.0005;
  static constexpr double kDefaultDt = 0.0005;

  double box_size = 0;  // sqrt(kDensity * n)
  double mass = 0.01;
  double cutoff = 0.01;
  double min_r2 = (0.01 / 100) * (0.01 / 100);
  double dt = kDefaultDt;

  double cutoff2() const { return cutoff * cutoff; }

  static Physics ForCount(std::size_t n, double dt = kDefaultDt) {
    Physics p;
    p.box_size = std::sqrt(kDensity * static_cast<double>(n));
    p.dt = dt;
    return p;
  }
};

// Adds the force of a particle at (ox, oy) on one at (px, py) to (ax, ay).
inline void ApplyForce(const Physics& ph, double px, double py, double ox, double oy, double& ax, double& ay) {
  const double dx = ox - px;
  const double dy = oy - py;
  if (dx == 0 && dy == 0) return;  // no direction from a particle at the same place
  double r2 = dx * dx + dy * dy;
  if (r2 < ph.min_r2) r2 = ph.min_r2;  // Python's max(r2, min_r2)
  if (r2 > ph.cutoff * ph.cutoff) return;
  const double r = std::sqrt(r2);
  const double coef = (1 - ph.cutoff / r) / r2 / ph.mass;
  ax += coef * dx;
  ay += coef * dy;
}

// Python's v ** 2: CPython calls the C library's pow(v, 2.0), which is not
// always v * v (glibc's pow is accurate to ~0.52 ulp, not correctly
// rounded: about 1 in 1000 random velocities differ in the last bit). The
// energy feeds the normalisation factor, so we call pow too, out of line
// with an exponent the compiler cannot see (it would fold pow(v, 2.0) into
// v * v).
double PythonSquare(double v);
// out[i] = PythonSquare(v[i]) for i < n, faster (vectorised common case).
void PythonSquares(const double* v, double* out, std::size_t n);

// Kinetic energy 0.5 m v^2 of one particle, as the chapter computes it.
inline double KineticEnergy(const Physics& ph, double vx, double vy) {
  return 0.5 * ph.mass * (PythonSquare(vx) + PythonSquare(vy));
}

// Most reflections a move may need before we call the position unusable
// (the chapter's `while outside: reflect` never ends for an infinite
// position and takes ~|x|/size turns for a huge one).
inline constexpr int kMaxReflections = 1000;

// Folds coordinate x (and its velocity) back into [0, size] by reflecting at
// the walls, as the chapter does. Returns false when x is not finite or
// would need more than kMaxReflections: the simulation has blown up.
inline bool Reflect(double size, double& x, double& v) {
  if (!std::isfinite(x)) return false;
  for (int turns = 0; x < 0 || x > size; ++turns) {
    if (turns == kMaxReflections) return false;
    x = x < 0 ? -x : 2 * size - x;
    v = -v;
  }
  return true;
}

// One particle's move: v += a dt, x += v dt, walls, then the energy
// correction factor (1 unless --normalize) scales the velocity. Returns
// false when the particle left the box beyond repair (see Reflect).
inline bool MoveParticle(const Physics& ph, double correction, double& x, double& y, double& vx, double& vy, double ax,
                         double ay) {
  vx += ax * ph.dt;
  vy += ay * ph.dt;
  x += vx * ph.dt;
  y += vy * ph.dt;
  const bool ok = Reflect(ph.box_size, x, vx) && Reflect(ph.box_size, y, vy);
  vx *= correction;
  vy *= correction;
  return ok;
}

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_PHYSICS_H_

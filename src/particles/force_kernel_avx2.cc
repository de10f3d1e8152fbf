// The AVX2 force kernel (compiled with -mavx2 and only called when the CPU
// has AVX2; see force_kernel.h).
//
// Twelve targets live in three pairs of registers while the sources stream
// past, each broadcast to all lanes. Most pairs of a box this sparse are
// beyond the cutoff, so the common path is the distance test alone (sub,
// sub, mul, mul, add, compare: 6 instructions per 4 pairs); the clamp, the
// same-place test, sqrt and the divisions run only for a group of four
// with a lane in range. Per lane the operations are exactly
// ApplyForce's, in the same order (no FMA: -ffp-contract=off and no -mfma),
// and lanes that must skip keep their sums untouched (blend, not add 0).
#include <immintrin.h>

#include "particles/force_kernel.h"

namespace sluice::particles {

namespace {

struct Constants {
  __m256d min_r2, cutoff2, cutoff, one, mass, zero;
};

// The squared distances from targets (px, py) to the source (ox, oy), and
// the lanes that MAY be in range: d2 <= cutoff^2 (or NaN, which the scalar
// rule does not skip either). Since min_r2 < cutoff^2, max(d2, min_r2) >
// cutoff^2 exactly when d2 > cutoff^2, so the clamp can wait for the slow path.
inline __m256d Near(const Constants& c, __m256d px, __m256d py, __m256d ox, __m256d oy, __m256d& dx, __m256d& dy,
                    __m256d& d2) {
  dx = _mm256_sub_pd(ox, px);
  dy = _mm256_sub_pd(oy, py);
  d2 = _mm256_add_pd(_mm256_mul_pd(dx, dx), _mm256_mul_pd(dy, dy));
  return _mm256_cmp_pd(d2, c.cutoff2, _CMP_NGT_UQ);  // not (d2 > cutoff^2)
}

// The slow path, for lanes `near`: ApplyForce's remaining rules, in order.
inline void Apply(const Constants& c, __m256d near, __m256d dx, __m256d dy, __m256d d2, double* ax_at, double* ay_at) {
  const __m256d same = _mm256_and_pd(_mm256_cmp_pd(dx, c.zero, _CMP_EQ_OQ), _mm256_cmp_pd(dy, c.zero, _CMP_EQ_OQ));
  const __m256d mask = _mm256_andnot_pd(same, near);
  const __m256d r2 = _mm256_max_pd(c.min_r2, d2);  // min_r2 > d2 ? min_r2 : d2, as max(d2, min_r2)
  const __m256d r = _mm256_sqrt_pd(r2);
  const __m256d coef = _mm256_div_pd(_mm256_div_pd(_mm256_sub_pd(c.one, _mm256_div_pd(c.cutoff, r)), r2), c.mass);
  const __m256d ax = _mm256_loadu_pd(ax_at), ay = _mm256_loadu_pd(ay_at);
  _mm256_storeu_pd(ax_at, _mm256_blendv_pd(ax, _mm256_add_pd(ax, _mm256_mul_pd(coef, dx)), mask));
  _mm256_storeu_pd(ay_at, _mm256_blendv_pd(ay, _mm256_add_pd(ay, _mm256_mul_pd(coef, dy)), mask));
}

}  // namespace

void AccumulateForcesAvx2(const Physics& ph, const ForceTargets& t, const ForceSources& s) {
  const Constants c{_mm256_set1_pd(ph.min_r2), _mm256_set1_pd(ph.cutoff * ph.cutoff),
                    _mm256_set1_pd(ph.cutoff), _mm256_set1_pd(1.0),
                    _mm256_set1_pd(ph.mass),   _mm256_setzero_pd()};
  // Accumulators stay in memory (t.ax/t.ay, L1-resident): only the rare
  // slow path touches them, which frees registers for 12 targets at once.
  std::size_t i = 0;
  for (; i + 12 <= t.count; i += 12) {
    const __m256d px0 = _mm256_loadu_pd(t.x + i), py0 = _mm256_loadu_pd(t.y + i);
    const __m256d px1 = _mm256_loadu_pd(t.x + i + 4), py1 = _mm256_loadu_pd(t.y + i + 4);
    const __m256d px2 = _mm256_loadu_pd(t.x + i + 8), py2 = _mm256_loadu_pd(t.y + i + 8);
    for (std::size_t j = 0; j < s.count; ++j) {
      const __m256d ox = _mm256_broadcast_sd(s.x + j), oy = _mm256_broadcast_sd(s.y + j);
      __m256d dx0, dy0, d20, dx1, dy1, d21, dx2, dy2, d22;
      const __m256d m0 = Near(c, px0, py0, ox, oy, dx0, dy0, d20);
      const __m256d m1 = Near(c, px1, py1, ox, oy, dx1, dy1, d21);
      const __m256d m2 = Near(c, px2, py2, ox, oy, dx2, dy2, d22);
      if (_mm256_movemask_pd(_mm256_or_pd(_mm256_or_pd(m0, m1), m2)) == 0) continue;
      if (_mm256_movemask_pd(m0)) Apply(c, m0, dx0, dy0, d20, t.ax + i, t.ay + i);
      if (_mm256_movemask_pd(m1)) Apply(c, m1, dx1, dy1, d21, t.ax + i + 4, t.ay + i + 4);
      if (_mm256_movemask_pd(m2)) Apply(c, m2, dx2, dy2, d22, t.ax + i + 8, t.ay + i + 8);
    }
  }
  for (; i + 4 <= t.count; i += 4) {
    const __m256d px = _mm256_loadu_pd(t.x + i), py = _mm256_loadu_pd(t.y + i);
    for (std::size_t j = 0; j < s.count; ++j) {
      const __m256d ox = _mm256_broadcast_sd(s.x + j), oy = _mm256_broadcast_sd(s.y + j);
      __m256d dx, dy, d2;
      const __m256d m = Near(c, px, py, ox, oy, dx, dy, d2);
      if (_mm256_movemask_pd(m) == 0) continue;
      Apply(c, m, dx, dy, d2, t.ax + i, t.ay + i);
    }
  }
  if (i < t.count) {
    ForceTargets rest{t.x + i, t.y + i, t.ax + i, t.ay + i, t.count - i};
    AccumulateForcesScalar(ph, rest, s);
  }
}

}  // namespace sluice::particles

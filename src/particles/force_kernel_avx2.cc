// The AVX2 force kernel (compiled with -mavx2 and only called when the CPU
// has AVX2; see force_kernel.h).
//
// Eight targets live in two pairs of registers while the sources stream
// past, each broadcast to all lanes. Most pairs of a box this sparse are
// beyond the cutoff, so the common path is the cutoff test alone (sub, sub,
// mul, mul, add, max, compare); sqrt and the two divisions run only when
// some lane of the eight is in range. Per lane the operations are exactly
// ApplyForce's, in the same order (no FMA: -ffp-contract=off and no -mfma),
// and lanes that must skip keep their sums untouched (blend, not add 0).
#include <immintrin.h>

#include "particles/force_kernel.h"

namespace sluice::particles {

namespace {

struct Constants {
  __m256d min_r2, cutoff2, cutoff, one, mass, zero;
};

// Lanes of (px, py) that the source (ox, oy) acts on, and their r2.
inline __m256d InRange(const Constants& c, __m256d px, __m256d py, __m256d ox, __m256d oy, __m256d& dx, __m256d& dy,
                       __m256d& r2) {
  dx = _mm256_sub_pd(ox, px);
  dy = _mm256_sub_pd(oy, py);
  const __m256d d2 = _mm256_add_pd(_mm256_mul_pd(dx, dx), _mm256_mul_pd(dy, dy));
  r2 = _mm256_max_pd(c.min_r2, d2);  // min_r2 > d2 ? min_r2 : d2, as max(d2, min_r2)
  const __m256d within = _mm256_cmp_pd(r2, c.cutoff2, _CMP_NGT_UQ);  // not (r2 > cutoff^2)
  const __m256d same = _mm256_and_pd(_mm256_cmp_pd(dx, c.zero, _CMP_EQ_OQ), _mm256_cmp_pd(dy, c.zero, _CMP_EQ_OQ));
  return _mm256_andnot_pd(same, within);
}

inline void Apply(const Constants& c, __m256d mask, __m256d dx, __m256d dy, __m256d r2, __m256d& ax, __m256d& ay) {
  const __m256d r = _mm256_sqrt_pd(r2);
  const __m256d coef = _mm256_div_pd(_mm256_div_pd(_mm256_sub_pd(c.one, _mm256_div_pd(c.cutoff, r)), r2), c.mass);
  ax = _mm256_blendv_pd(ax, _mm256_add_pd(ax, _mm256_mul_pd(coef, dx)), mask);
  ay = _mm256_blendv_pd(ay, _mm256_add_pd(ay, _mm256_mul_pd(coef, dy)), mask);
}

}  // namespace

void AccumulateForcesAvx2(const Physics& ph, const ForceTargets& t, const ForceSources& s) {
  const Constants c{_mm256_set1_pd(ph.min_r2), _mm256_set1_pd(ph.cutoff * ph.cutoff), _mm256_set1_pd(ph.cutoff),
                    _mm256_set1_pd(1.0),       _mm256_set1_pd(ph.mass),                _mm256_setzero_pd()};
  std::size_t i = 0;
  for (; i + 8 <= t.count; i += 8) {
    const __m256d px0 = _mm256_loadu_pd(t.x + i), py0 = _mm256_loadu_pd(t.y + i);
    const __m256d px1 = _mm256_loadu_pd(t.x + i + 4), py1 = _mm256_loadu_pd(t.y + i + 4);
    __m256d ax0 = _mm256_loadu_pd(t.ax + i), ay0 = _mm256_loadu_pd(t.ay + i);
    __m256d ax1 = _mm256_loadu_pd(t.ax + i + 4), ay1 = _mm256_loadu_pd(t.ay + i + 4);
    for (std::size_t j = 0; j < s.count; ++j) {
      const __m256d ox = _mm256_broadcast_sd(s.x + j), oy = _mm256_broadcast_sd(s.y + j);
      __m256d dx0, dy0, r20, dx1, dy1, r21;
      const __m256d m0 = InRange(c, px0, py0, ox, oy, dx0, dy0, r20);
      const __m256d m1 = InRange(c, px1, py1, ox, oy, dx1, dy1, r21);
      if (_mm256_movemask_pd(_mm256_or_pd(m0, m1)) == 0) continue;
      Apply(c, m0, dx0, dy0, r20, ax0, ay0);
      Apply(c, m1, dx1, dy1, r21, ax1, ay1);
    }
    _mm256_storeu_pd(t.ax + i, ax0);
    _mm256_storeu_pd(t.ay + i, ay0);
    _mm256_storeu_pd(t.ax + i + 4, ax1);
    _mm256_storeu_pd(t.ay + i + 4, ay1);
  }
  for (; i + 4 <= t.count; i += 4) {
    const __m256d px = _mm256_loadu_pd(t.x + i), py = _mm256_loadu_pd(t.y + i);
    __m256d ax = _mm256_loadu_pd(t.ax + i), ay = _mm256_loadu_pd(t.ay + i);
    for (std::size_t j = 0; j < s.count; ++j) {
      const __m256d ox = _mm256_broadcast_sd(s.x + j), oy = _mm256_broadcast_sd(s.y + j);
      __m256d dx, dy, r2;
      const __m256d m = InRange(c, px, py, ox, oy, dx, dy, r2);
      if (_mm256_movemask_pd(m) == 0) continue;
      Apply(c, m, dx, dy, r2, ax, ay);
    }
    _mm256_storeu_pd(t.ax + i, ax);
    _mm256_storeu_pd(t.ay + i, ay);
  }
  if (i < t.count) {
    ForceTargets rest{t.x + i, t.y + i, t.ax + i, t.ay + i, t.count - i};
    AccumulateForcesScalar(ph, rest, s);
  }
}

}  // namespace sluice::particles

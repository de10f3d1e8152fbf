// PythonSquares' common case, four values at a time (compiled with -mavx2,
// called only when the CPU has AVX2; see physics.cc for why p = v * v is
// pow's answer when the flag is set). Lanes without the flag get pow.
#include <immintrin.h>

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "particles/physics.h"

namespace sluice::particles {

void PythonSquaresAvx2(const double* v, double* out, std::size_t n, double (*slow)(double)) {
  const __m256d sign = _mm256_set1_pd(-0.0);
  const __m256d splitter = _mm256_set1_pd(134217729.0);  // 2^27 + 1
  const __m256d two = _mm256_set1_pd(2.0);
  const __m256d tiny = _mm256_set1_pd(0x1p-400), huge = _mm256_set1_pd(0x1p400);
  const __m256d margin = _mm256_set1_pd(0.45);
  const __m256i mantissa_mask = _mm256_set1_epi64x((std::int64_t{1} << 52) - 1);
  const __m256i one = _mm256_set1_epi64x(1);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d x = _mm256_loadu_pd(v + i);
    const __m256d p = _mm256_mul_pd(x, x);
    const __m256d a = _mm256_andnot_pd(sign, x);
    const __m256d split = _mm256_mul_pd(a, splitter);
    const __m256d hi = _mm256_sub_pd(split, _mm256_sub_pd(split, a));
    const __m256d lo = _mm256_sub_pd(a, hi);
    const __m256d err =
        _mm256_add_pd(_mm256_add_pd(_mm256_sub_pd(_mm256_mul_pd(hi, hi), p), _mm256_mul_pd(_mm256_mul_pd(two, hi), lo)),
                      _mm256_mul_pd(lo, lo));
    const __m256i bits = _mm256_castpd_si256(p);
    const __m256d ulp = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_add_epi64(bits, one)), p);
    const __m256i no_mantissa = _mm256_cmpeq_epi64(_mm256_and_si256(bits, mantissa_mask), _mm256_setzero_si256());
    __m256d sure = _mm256_and_pd(_mm256_cmp_pd(a, tiny, _CMP_GT_OQ), _mm256_cmp_pd(a, huge, _CMP_LT_OQ));
    sure = _mm256_and_pd(sure, _mm256_cmp_pd(_mm256_andnot_pd(sign, err), _mm256_mul_pd(margin, ulp), _CMP_LT_OQ));
    sure = _mm256_andnot_pd(_mm256_castsi256_pd(no_mantissa), sure);
    _mm256_storeu_pd(out + i, p);
    const int mask = _mm256_movemask_pd(sure);
    if (mask != 0xf) {
      for (int lane = 0; lane < 4; ++lane) {
        if (!(mask & (1 << lane))) out[i + lane] = slow(v[i + lane]);
      }
    }
  }
  for (; i < n; ++i) out[i] = PythonSquare(v[i]);
}

}  // namespace sluice::particles

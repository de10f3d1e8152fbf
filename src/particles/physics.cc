// See physics.h.
#include "particles/physics.h"

#include <bit>
#include <cstdint>

namespace sluice::particles {

namespace {
// volatile: read at run time, so pow(v, two) stays a call to the C library.
volatile double two = 2.0;
}  // namespace

// pow is ~20 ns; most of the time its answer is v * v, and we can tell when:
// glibc's pow (2.28 and later, the one CPython links here) is documented to
// be within 0.52 ulp of the exact x^y. Let e be the exact rounding error of
// p = v * v (Dekker's product, exact in double arithmetic). If |e| < 0.45
// ulp(p), every other double is more than 0.55 ulp from the exact square, so
// pow must return p as well. Only the ~10% of squares closer to a rounding
// midpoint (and specials: zero, subnormal, huge, powers of two) pay for the
// call. particles_test checks this against pow for millions of values.
//
// Returns p and sets `sure` when p is pow's answer. Branch-free, so the
// batch loop below vectorises.
static inline double SquareIfSure(double v, bool& sure) {
  const double p = v * v;
  const double a = v < 0 ? -v : v;
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(p);
  const std::uint64_t mantissa = bits & ((std::uint64_t{1} << 52) - 1);
  // Veltkamp split: a = hi + lo, each with at most 26 significant bits.
  const double split = a * 134217729.0;  // 2^27 + 1
  const double hi = split - (split - a);
  const double lo = a - hi;
  const double err = ((hi * hi - p) + 2 * hi * lo) + lo * lo;  // p + err == a * a exactly (in range)
  const double ulp = std::bit_cast<double>(bits + 1) - p;
  sure = (a > 0x1p-400) & (a < 0x1p400) & (mantissa != 0) & ((err < 0 ? -err : err) < 0.45 * ulp);
  return p;
}

double PythonSquare(double v) {
  bool sure;
  const double p = SquareIfSure(v, sure);
  return sure ? p : std::pow(v, two);
}

#if defined(SLUICE_PARTICLES_HAVE_AVX2)
// squares_avx2.cc. REQUIRES: the CPU has AVX2.
void PythonSquaresAvx2(const double* v, double* out, std::size_t n, double (*slow)(double));
#endif

static double PowTwo(double v) { return std::pow(v, two); }

void PythonSquares(const double* v, double* out, std::size_t n) {
#if defined(SLUICE_PARTICLES_HAVE_AVX2)
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) {
    PythonSquaresAvx2(v, out, n, &PowTwo);
    return;
  }
#endif
  bool sure[256];
  for (std::size_t at = 0; at < n; at += 256) {
    const std::size_t m = n - at < 256 ? n - at : 256;
    for (std::size_t i = 0; i < m; ++i) out[at + i] = SquareIfSure(v[at + i], sure[i]);
    for (std::size_t i = 0; i < m; ++i) {
      if (!sure[i]) out[at + i] = PowTwo(v[at + i]);
    }
  }
}

}  // namespace sluice::particles

// The scalar kernel and the run-time dispatch (see force_kernel.h).
#include "particles/force_kernel.h"

namespace sluice::particles {

void AccumulateForcesScalar(const Physics& ph, const ForceTargets& t, const ForceSources& s) {
  for (std::size_t i = 0; i < t.count; ++i) {
    const double px = t.x[i];
    const double py = t.y[i];
    double ax = t.ax[i];
    double ay = t.ay[i];
    for (std::size_t j = 0; j < s.count; ++j) ApplyForce(ph, px, py, s.x[j], s.y[j], ax, ay);
    t.ax[i] = ax;
    t.ay[i] = ay;
  }
}

#if !defined(SLUICE_PARTICLES_HAVE_AVX2)
void AccumulateForcesAvx2(const Physics& ph, const ForceTargets& t, const ForceSources& s) {
  AccumulateForcesScalar(ph, t, s);  // never selected: Avx2KernelAvailable() is false
}
#endif

bool Avx2KernelAvailable() {
#if defined(SLUICE_PARTICLES_HAVE_AVX2)
  static const bool available = __builtin_cpu_supports("avx2");
  return available;
#else
  return false;
#endif
}

KernelKind ActiveKernel() { return Avx2KernelAvailable() ? KernelKind::kAvx2 : KernelKind::kScalar; }

const char* KernelName(KernelKind kind) { return kind == KernelKind::kAvx2 ? "avx2" : "scalar"; }

void AccumulateForces(const Physics& ph, const ForceTargets& t, const ForceSources& s) {
  if (Avx2KernelAvailable()) {
    AccumulateForcesAvx2(ph, t, s);
  } else {
    AccumulateForcesScalar(ph, t, s);
  }
}

}  // namespace sluice::particles

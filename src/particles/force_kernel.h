// Force kernels: add the forces of a run of source particles onto a run of
// target particles (the all-pairs inner loop of the chapter).
//
// Contract shared by every kernel: for each target t, the sources are
// applied in order 0, 1, ..., count-1, each by ApplyForce (physics.h), onto
// the target's current (ax, ay). Results are therefore bit-for-bit those of
// the chapter's scalar loop, whichever kernel runs: the AVX2 kernel
// vectorises ACROSS TARGETS (four targets per register, each lane still
// walking the sources in order) rather than across sources, which would
// reorder each target's sum. Targets and sources may be the same arrays
// (a particle's own position gives dx == dy == 0 and is skipped).
//
// Dispatch: AccumulateForces picks the AVX2 kernel at run time when the CPU
// has AVX2 (and it was compiled in), else the scalar one.
#ifndef SLUICE_PARTICLES_FORCE_KERNEL_H_
#define SLUICE_PARTICLES_FORCE_KERNEL_H_

#include <cstddef>

#include "particles/physics.h"

namespace sluice::particles {

struct ForceTargets {
  const double* x;
  const double* y;
  double* ax;  // accumulated into, not reset
  double* ay;
  std::size_t count;
};

struct ForceSources {
  const double* x;
  const double* y;
  std::size_t count;
};

enum class KernelKind { kScalar, kAvx2 };

void AccumulateForcesScalar(const Physics& ph, const ForceTargets& t, const ForceSources& s);
// REQUIRES: Avx2KernelAvailable().
void AccumulateForcesAvx2(const Physics& ph, const ForceTargets& t, const ForceSources& s);

// True when the AVX2 kernel was compiled in and the CPU supports AVX2.
bool Avx2KernelAvailable();
// The kernel AccumulateForces uses on this machine.
KernelKind ActiveKernel();
const char* KernelName(KernelKind kind);

// The fastest kernel this CPU runs.
void AccumulateForces(const Physics& ph, const ForceTargets& t, const ForceSources& s);

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_FORCE_KERNEL_H_

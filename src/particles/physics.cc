// See physics.h.
#include "particles/physics.h"

namespace sluice::particles {

namespace {
// volatile: read at run time, so pow(v, two) stays a call to the C library.
volatile double two = 2.0;
}  // namespace

double PythonSquare(double v) { return std::pow(v, two); }

}  // namespace sluice::particles

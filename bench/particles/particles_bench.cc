// Benchmarks of the particle simulator, anchors side by side in
// one run, with a ratio summary printed after Google Benchmark's table.
//
//  1. Machine peak: an FMA-throughput microbenchmark (12 independent chains
//     of vfmadd231pd on ymm registers, and on zmm where the CPU has
//     AVX-512), one core. Peak = 2 flops x lanes x FMAs per second.
//  2. Pair interactions per second for n = 4096 (one all-pairs force pass,
//     n^2 pairs, one core): the chapter-faithful loop (array of Particle
//     objects, p1.apply_force(p2) for every pair, the Python program's
//     structure), our scalar SoA kernel and the AVX2 kernel. A pair costs 5
//     floating-point operations on the common path (dx, dy, dx^2, dy^2, sum;
//     the cutoff compare not counted), which converts pairs/s into a
//     fraction of the peak.
//  3. Steps per second for n = 10^6 with cells on 2 threads (goal >= 10).
//  4. Speed-up of threads and processes (2 workers) over serial for
//     n = 20, 2000, 20000 (naive, the chapter's algorithm; and cells).
#include <benchmark/benchmark.h>
#include <immintrin.h>

#include <time.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "particles/force_kernel.h"
#include "particles/initial_state.h"
#include "particles/simulation.h"

namespace {

using namespace sluice::particles;

// Rates measured by the benchmarks themselves (wall clock), by name, for
// the summary. Google Benchmark's rate counters divide by the main
// thread's CPU time, which says nothing for threads and processes.
std::map<std::string, double>& Results() {
  static std::map<std::string, double> results;
  return results;
}

// CPU time of the calling thread: the single-core benchmarks (peak, pairs)
// are rated by it, so that other work on the shared machine, which steals
// wall-clock time, does not count against either side of the ratio.
double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// ---------------------------------------------------------------- peak ---

constexpr int kChains = 12;  // > FMA latency (4) x ports (2): throughput-bound

__attribute__((noinline, target("avx2,fma"))) double FmaLoopAvx2(std::int64_t iterations) {
  __m256d acc[kChains];
  for (int c = 0; c < kChains; ++c) acc[c] = _mm256_set1_pd(1.0 + c * 1e-3);
  const __m256d a = _mm256_set1_pd(0.999999), b = _mm256_set1_pd(1e-7);
  for (std::int64_t i = 0; i < iterations; ++i) {
    for (int c = 0; c < kChains; ++c) acc[c] = _mm256_fmadd_pd(acc[c], a, b);
  }
  __m256d sum = acc[0];
  for (int c = 1; c < kChains; ++c) sum = _mm256_add_pd(sum, acc[c]);
  double out[4];
  _mm256_storeu_pd(out, sum);
  return out[0] + out[1] + out[2] + out[3];
}

// gcc 12's _mm512_set1_pd trips -Wuninitialized inside its own header.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
__attribute__((noinline, target("avx512f"))) double FmaLoopAvx512(std::int64_t iterations) {
  __m512d acc[kChains];
  for (int c = 0; c < kChains; ++c) acc[c] = _mm512_set1_pd(1.0 + c * 1e-3);
  const __m512d a = _mm512_set1_pd(0.999999), b = _mm512_set1_pd(1e-7);
  for (std::int64_t i = 0; i < iterations; ++i) {
    for (int c = 0; c < kChains; ++c) acc[c] = _mm512_fmadd_pd(acc[c], a, b);
  }
  __m512d sum = acc[0];
  for (int c = 1; c < kChains; ++c) sum = _mm512_add_pd(sum, acc[c]);
  return _mm512_reduce_add_pd(sum);
}
#pragma GCC diagnostic pop

void BM_FmaPeakAvx2(benchmark::State& state) {
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) {
    state.SkipWithError("no AVX2+FMA");
    return;
  }
  std::int64_t iterations = 1 << 22;
  const double start = ThreadCpuSeconds();
  for (auto _ : state) {
    benchmark::DoNotOptimize(iterations);  // an opaque input: the call cannot be hoisted
    benchmark::DoNotOptimize(FmaLoopAvx2(iterations));
  }
  const double flops = static_cast<double>(state.iterations()) * iterations * kChains * 4 * 2;
  Results()["peak_avx2"] = flops / (ThreadCpuSeconds() - start);
  state.counters["flops"] = benchmark::Counter(flops, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FmaPeakAvx2);

void BM_FmaPeakAvx512(benchmark::State& state) {
  if (!__builtin_cpu_supports("avx512f")) {
    state.SkipWithError("no AVX-512");
    return;
  }
  std::int64_t iterations = 1 << 22;
  const double start = ThreadCpuSeconds();
  for (auto _ : state) {
    benchmark::DoNotOptimize(iterations);  // an opaque input: the call cannot be hoisted
    benchmark::DoNotOptimize(FmaLoopAvx512(iterations));
  }
  const double flops = static_cast<double>(state.iterations()) * iterations * kChains * 8 * 2;
  Results()["peak_avx512"] = flops / (ThreadCpuSeconds() - start);
  state.counters["flops"] = benchmark::Counter(flops, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FmaPeakAvx512);

// --------------------------------------------------------------- pairs ---

constexpr std::size_t kPairsN = 4096;
constexpr double kFlopsPerPair = 5;

// The chapter's Particle class, as directly as C++ allows.
struct ChapterParticle {
  double x, y, vx, vy, ax, ay;
  static constexpr double mass = 0.01, cutoff = 0.01, min_r2 = (0.01 / 100) * (0.01 / 100);

  void apply_force(const ChapterParticle& other) { apply_force_from_coords(other.x, other.y); }
  void apply_force_from_coords(double ox, double oy) {
    const double dx = ox - x, dy = oy - y;
    if (dx == dy && dy == 0) return;
    const double r2 = std::max(dx * dx + dy * dy, min_r2);
    if (r2 > cutoff * cutoff) return;
    const double r = std::sqrt(r2);
    const double coef = (1 - cutoff / r) / r2 / mass;
    ax += coef * dx;
    ay += coef * dy;
  }
};

// The state the pair benchmarks run on: the chapter's start, after it has
// had time to mix (positions from a short run), so some pairs interact.
const ParticleSet& PairState() {
  static const ParticleSet state = [] {
    SimulationOptions o;
    o.n = kPairsN;
    o.steps = 200;
    o.algorithm = Algorithm::kCells;
    return RunSimulation(o)->final_state;
  }();
  return state;
}

void SetPairCounters(benchmark::State& state, const char* key, double start) {
  const double pairs = static_cast<double>(state.iterations()) * kPairsN * kPairsN;
  Results()[key] = pairs / (ThreadCpuSeconds() - start);
  state.counters["pairs"] = benchmark::Counter(pairs, benchmark::Counter::kIsRate);
  state.counters["flops"] = benchmark::Counter(pairs * kFlopsPerPair, benchmark::Counter::kIsRate);
}

void BM_PairsChapterLoop(benchmark::State& state) {
  const ParticleSet& s = PairState();
  std::vector<ChapterParticle> particles(kPairsN);
  for (std::size_t k = 0; k < kPairsN; ++k) particles[k] = {s.x[k], s.y[k], s.vx[k], s.vy[k], 0, 0};
  const double start = ThreadCpuSeconds();
  for (auto _ : state) {
    for (ChapterParticle& p1 : particles) {
      p1.ax = p1.ay = 0;
      for (const ChapterParticle& p2 : particles) p1.apply_force(p2);
    }
    benchmark::DoNotOptimize(particles.data());
    benchmark::ClobberMemory();
  }
  SetPairCounters(state, "BM_PairsChapterLoop", start);
}
BENCHMARK(BM_PairsChapterLoop)->Unit(benchmark::kMillisecond);

template <void (*Kernel)(const Physics&, const ForceTargets&, const ForceSources&)>
void BM_PairsKernel(benchmark::State& state) {
  if (Kernel == &AccumulateForcesAvx2 && !Avx2KernelAvailable()) {
    state.SkipWithError("no AVX2");
    return;
  }
  const ParticleSet& s = PairState();
  const Physics ph = Physics::ForCount(kPairsN);
  std::vector<double> ax(kPairsN), ay(kPairsN);
  const double start = ThreadCpuSeconds();
  for (auto _ : state) {
    std::fill(ax.begin(), ax.end(), 0.0);
    std::fill(ay.begin(), ay.end(), 0.0);
    Kernel(ph, ForceTargets{s.x.data(), s.y.data(), ax.data(), ay.data(), kPairsN},
           ForceSources{s.x.data(), s.y.data(), kPairsN});
    benchmark::DoNotOptimize(ax.data());
    benchmark::ClobberMemory();
  }
  SetPairCounters(state, Kernel == &AccumulateForcesAvx2 ? "BM_PairsAvx2Kernel" : "BM_PairsScalarKernel", start);
}
BENCHMARK_TEMPLATE(BM_PairsKernel, AccumulateForcesScalar)->Name("BM_PairsScalarKernel")->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_PairsKernel, AccumulateForcesAvx2)->Name("BM_PairsAvx2Kernel")->Unit(benchmark::kMillisecond);

// --------------------------------------------------------------- steps ---

// Runs the simulator; the reported time is its step loop only.
void RunSteps(benchmark::State& state, SimulationOptions o, const std::string& key) {
  double seconds = 0;
  for (auto _ : state) {
    auto r = RunSimulation(o);
    if (!r.ok()) {
      state.SkipWithError(r.status().message().c_str());
      return;
    }
    state.SetIterationTime(r->seconds);
    seconds += r->seconds;
  }
  const double steps_per_second = static_cast<double>(state.iterations()) * static_cast<double>(o.steps) / seconds;
  Results()[key] = steps_per_second;
  state.counters["steps/s"] = steps_per_second;
}

void BM_Cells1M(benchmark::State& state) {
  SimulationOptions o;
  o.n = 1'000'000;
  o.steps = 10;
  o.algorithm = Algorithm::kCells;
  o.mode = state.range(0) == 1 ? Mode::kSerial : Mode::kThreads;
  o.workers = static_cast<std::size_t>(state.range(0));
  RunSteps(state, o, "cells1m/" + std::to_string(state.range(0)));
}
BENCHMARK(BM_Cells1M)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

// Args: mode (0 serial, 1 threads, 2 processes), n, algorithm (0 naive, 1 cells).
void BM_Mode(benchmark::State& state) {
  SimulationOptions o;
  o.mode = static_cast<Mode>(state.range(0));
  o.workers = o.mode == Mode::kSerial ? 1 : 2;
  o.n = static_cast<std::size_t>(state.range(1));
  o.algorithm = state.range(2) ? Algorithm::kCells : Algorithm::kNaive;
  // About the same work per run: n^2 * steps ~ 4e8 pairs for naive.
  o.steps = o.n <= 20 ? 2000 : o.n <= 2000 ? 100 : 4;
  if (o.algorithm == Algorithm::kCells) o.steps = o.n <= 20 ? 2000 : o.n <= 2000 ? 1000 : 200;
  RunSteps(state, o,
           "mode/" + std::to_string(state.range(0)) + "/" + std::to_string(state.range(1)) + "/" +
               std::to_string(state.range(2)));
}
void ModeArgs(benchmark::internal::Benchmark* b) {
  b->ArgNames({"mode", "n", "cells"});
  for (int cells : {0, 1}) {
    for (int n : {20, 2000, 20000}) {
      for (int mode : {0, 1, 2}) b->Args({mode, n, cells});
    }
  }
}
BENCHMARK(BM_Mode)->Apply(ModeArgs)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

// ------------------------------------------------------------- summary ---

double Get(const std::string& key) {
  auto it = Results().find(key);
  return it == Results().end() ? NAN : it->second;
}

void PrintSummary() {
  std::printf("\n=== particles summary (peak and pairs: one core, per CPU-second; steps: wall clock)\n");
  const double peak2 = Get("peak_avx2");
  const double peak512 = Get("peak_avx512");
  std::printf("peak, AVX2 FMA (ymm):     %7.2f GFLOP/s\n", peak2 / 1e9);
  std::printf("peak, AVX-512 FMA (zmm):  %7.2f GFLOP/s\n", peak512 / 1e9);
  const char* pair_names[] = {"BM_PairsChapterLoop", "BM_PairsScalarKernel", "BM_PairsAvx2Kernel"};
  const double chapter = Get(pair_names[0]);
  for (const char* name : pair_names) {
    const double pairs = Get(name);
    std::printf("%-21s n=%zu: %6.3f G pairs/s  %5.2fx chapter loop  %5.1f%% of AVX2 peak  %5.1f%% of AVX-512 peak\n",
                name, kPairsN, pairs / 1e9, pairs / chapter, 100 * pairs * kFlopsPerPair / peak2,
                100 * pairs * kFlopsPerPair / peak512);
  }
  for (int threads : {1, 2}) {
    std::printf("cells, n = 10^6, %d thread(s): %6.2f steps/s\n", threads, Get("cells1m/" + std::to_string(threads)));
  }
  std::printf("speed-up over serial with 2 workers (steps/s ratios):\n");
  for (int cells : {0, 1}) {
    for (int n : {20, 2000, 20000}) {
      auto rate = [&](int mode) {
        return Get("mode/" + std::to_string(mode) + "/" + std::to_string(n) + "/" + std::to_string(cells));
      };
      std::printf("  %-5s n = %-6d serial %10.1f steps/s   threads %5.2fx   processes %5.2fx\n",
                  cells ? "cells" : "naive", n, rate(0), rate(1) / rate(0), rate(2) / rate(0));
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  PrintSummary();
  benchmark::Shutdown();
  return 0;
}

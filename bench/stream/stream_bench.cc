// stream_bench: what laziness costs. The same computation -- the sum of the
// squares of the even numbers below N (N = 10^8, arithmetic mod 2^64) -- is
// written as
//   (a) a hand-written loop,
//   (b) sluice::views adaptors: range | filter(even) | map(square),
//   (c) a Generator feeding the same adaptors, and a Generator doing it all,
// and the per-element cost of the memoised Stream<T> is measured by walking
// integers_from(0). Items processed = candidate integers examined (N), so
// Google Benchmark's items_per_second inverts to ns per element.
//
// The hand loop's bound is laundered through benchmark::DoNotOptimize and its
// result consumed by it, so the compiler can neither precompute nor delete
// the loop. Run a Release build (-O3): the goal is views within 1.5x of (a).
#include <cstdint>
#include <ranges>

#include "benchmark/benchmark.h"
#include "sluice/generator.h"
#include "sluice/stream.h"

namespace {

using sluice::Generator;
using sluice::Stream;
namespace views = sluice::views;

constexpr std::int64_t kN = 100'000'000;

constexpr auto kEven = [](std::uint64_t x) { return x % 2 == 0; };
constexpr auto kSquare = [](std::uint64_t x) { return x * x; };

void BM_SumSquaresEven_HandLoop(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  for (auto _ : state) {
    std::uint64_t limit = n;
    benchmark::DoNotOptimize(limit);
    std::uint64_t sum = 0;
    for (std::uint64_t i = 0; i < limit; ++i) {
      if (i % 2 == 0) sum += i * i;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SumSquaresEven_HandLoop)->Arg(kN)->Unit(benchmark::kMillisecond);

// Note on (b): GCC -O3 tracks the low bit through filter's test and the
// range's increment and turns the pipeline into a stride-2 loop, which beats
// the plain loop above (GCC keeps its per-element branch). clang 14 instead
// vectorizes the plain loop and cannot vectorize the filter's nested skip
// loop, so there the hand loop wins; see src/stream/README.md.
void BM_SumSquaresEven_Views(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  for (auto _ : state) {
    std::uint64_t limit = n;
    benchmark::DoNotOptimize(limit);
    std::uint64_t sum = 0;
    for (std::uint64_t x : views::range(std::uint64_t{0}, limit) | views::filter(kEven) | views::map(kSquare)) {
      sum += x;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SumSquaresEven_Views)->Arg(kN)->Unit(benchmark::kMillisecond);

#if !defined(__clang__) || __clang_major__ >= 15  // clang 14 cannot build libstdc++ 12's iota_view
void BM_SumSquaresEven_ViewsOverStdIota(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  for (auto _ : state) {
    std::uint64_t limit = n;
    benchmark::DoNotOptimize(limit);
    std::uint64_t sum = 0;
    for (std::uint64_t x : std::views::iota(std::uint64_t{0}, limit) | views::filter(kEven) | views::map(kSquare)) {
      sum += x;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SumSquaresEven_ViewsOverStdIota)->Arg(kN)->Unit(benchmark::kMillisecond);
#endif

Generator<std::uint64_t> Below(std::uint64_t limit) {
  for (std::uint64_t i = 0; i < limit; ++i) co_yield i;
}

void BM_SumSquaresEven_GeneratorThroughViews(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  for (auto _ : state) {
    std::uint64_t limit = n;
    benchmark::DoNotOptimize(limit);
    std::uint64_t sum = 0;
    for (std::uint64_t x : Below(limit) | views::filter(kEven) | views::map(kSquare)) sum += x;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SumSquaresEven_GeneratorThroughViews)->Arg(kN)->Unit(benchmark::kMillisecond);

Generator<std::uint64_t> SquaresOfEvensBelow(std::uint64_t limit) {
  for (std::uint64_t i = 0; i < limit; ++i) {
    if (i % 2 == 0) co_yield i* i;
  }
}

void BM_SumSquaresEven_GeneratorAlone(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  for (auto _ : state) {
    std::uint64_t limit = n;
    benchmark::DoNotOptimize(limit);
    std::uint64_t sum = 0;
    for (std::uint64_t x : SquaresOfEvensBelow(limit)) sum += x;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SumSquaresEven_GeneratorAlone)->Arg(kN)->Unit(benchmark::kMillisecond);

// Stream<T>: one node per element -- an allocation, the claim/publish of the
// memoised rest, and the release of the node the walk leaves behind.
// Walk N elements of integers_from(0), freeing each node as the walk leaves it:
// (1) the plain walk `s = s.rest()` (copies the rest handle, drops the old one)
void BM_StreamWalk(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  for (auto _ : state) {
    std::int64_t sum = 0;
    Stream<std::int64_t> s = sluice::integers_from<std::int64_t>(0);
    for (std::int64_t i = 0; i < n; ++i) {
      sum += s.first();
      s = s.rest();
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_StreamWalk)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// (2) range-for over drain(), which consumes its handle (rest() &&).
void BM_StreamDrain(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  for (auto _ : state) {
    std::int64_t sum = 0;
    for (std::int64_t x : sluice::drain(sluice::integers_from<std::int64_t>(0)) | views::take(n)) sum += x;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_StreamDrain)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// The same walk holding the head: all N nodes stay memoised, then the head is
// dropped and the chain destroyed iteratively (inside the timed region).
void BM_StreamWalkKeepingHead(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  for (auto _ : state) {
    std::int64_t sum = 0;
    Stream<std::int64_t> head = sluice::integers_from<std::int64_t>(0);
    for (std::int64_t x : head | views::take(n)) sum += x;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_StreamWalkKeepingHead)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// The chapter's style end to end: map(square, filter(even, integers_from(0)))
// as memoised Streams, summing the results for candidates below N.
void BM_SumSquaresEven_Streams(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  for (auto _ : state) {
    std::uint64_t sum = 0;
    for (std::uint64_t x :
         sluice::drain(sluice::map(kSquare, sluice::filter(kEven, sluice::integers_from<std::uint64_t>(0)))) |
             views::take(n / 2)) {
      sum += x;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_SumSquaresEven_Streams)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

#!/usr/bin/env bash
# Builds the benchmark preset and runs every Google Benchmark program in it.
# Results are printed (and kept in build/bench/results/*.json); ratios are
# recorded by hand in bench/README.md. Benchmarks are never part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset bench >/dev/null
cmake --build --preset bench
mkdir -p build/bench/results
for b in $(find build/bench/bench -maxdepth 2 -type f -executable -name '*_bench' | sort); do
  name=$(basename "$b")
  echo "=== $name"
  "$b" --benchmark_out="build/bench/results/$name.json" --benchmark_out_format=json "$@"
done

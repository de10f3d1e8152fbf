#!/usr/bin/env bash
# Checks the source (layout, includes), then builds and runs every test in
# three configurations (CMakePresets.json):
#   release  - gcc, optimised: all tests
#   asan     - gcc, AddressSanitizer + UndefinedBehaviorSanitizer: all tests
#   tsan     - clang, ThreadSanitizer and -Wthread-safety: the tests labelled tsan
# Every configuration runs even if an earlier one failed, so one run shows all
# problems; the output ends with each configuration's ctest summary and a
# total line "N passed, N failed". Exit status 0 only when everything passed.
#
# SLUICE_TEST_PRESETS="release asan" limits the configurations (for quick local runs).
set -uo pipefail
cd "$(dirname "$0")/.."

presets=${SLUICE_TEST_PRESETS:-"release asan tsan"}
llvm_symbolizer=/usr/lib/llvm-14/bin/llvm-symbolizer
if [ -x "$llvm_symbolizer" ]; then
  export ASAN_SYMBOLIZER_PATH=$llvm_symbolizer TSAN_SYMBOLIZER_PATH=$llvm_symbolizer
  export TSAN_OPTIONS="external_symbolizer_path=$llvm_symbolizer"
fi
# Let ccache hit across clones in different directories (CI uses a fresh
# clone each time): paths are hashed relative to the checkout.
export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=true
mkdir -p build
summary=()
total_pass=0
total_fail=0
status=0

# The source checks: layout (.clang-format) and each module's includes
# against the "Allowed dependencies" of its README. Each counts as one test.
for check in "tools/check_format.sh" "python3 tools/check_includes.py"; do
  echo "=== [source] $check"
  if $check | tail -20; [ "${PIPESTATUS[0]}" -eq 0 ]; then
    summary+=("source: $check passed")
    total_pass=$((total_pass + 1))
  else
    summary+=("source: $check FAILED")
    total_fail=$((total_fail + 1))
    status=1
  fi
done
for preset in $presets; do
  echo "=== [$preset] configure + build"
  log=build/ctest-$preset.log
  if ! { cmake --preset "$preset" >/dev/null && cmake --build --preset "$preset"; }; then
    summary+=("$preset: BUILD FAILED")
    total_fail=$((total_fail + 1))
    status=1
    continue
  fi
  echo "=== [$preset] test"
  ctest --preset "$preset" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  line=$(grep -E '^[0-9]+% tests passed' "$log" | tail -1)
  if [ -z "$line" ]; then
    line="no tests ran (ctest exit $rc)"
    rc=1
  fi
  summary+=("$preset: $line")
  if [[ $line =~ ([0-9]+)\ tests\ failed\ out\ of\ ([0-9]+) ]]; then
    total_fail=$((total_fail + BASH_REMATCH[1]))
    total_pass=$((total_pass + BASH_REMATCH[2] - BASH_REMATCH[1]))
  fi
  [ "$rc" -eq 0 ] || status=1
done

echo
echo "=== summary (ctest, per configuration)"
for s in "${summary[@]}"; do echo "$s"; done
echo "$total_pass passed, $total_fail failed"
exit $status

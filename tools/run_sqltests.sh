#!/usr/bin/env bash
# Turso's .sqltest conformance suite (../shared/sqltests) as sluice's
# yardstick. The tests that count ("applicable") are those sqlite3 3.40.1
# passes, listed in tests/sqltests/sqlite3_passing.txt; the applicable
# tests sluice fails today are tests/sqltests/sluice_known_failures.txt.
#
#   tools/run_sqltests.sh [counts] [SLUICE]  per-directory figures: applicable,
#                                            passed, failed (`make sqltests`)
#   tools/run_sqltests.sh files [SLUICE]     the same per file, most failures first
#   tools/run_sqltests.sh check [SLUICE]     the ctest: every applicable test runs;
#                                            fails when one not in the known-failures
#                                            list fails; names listed ones that now
#                                            pass (trim the list: known-failures)
#   tools/run_sqltests.sh known-failures [SLUICE]   rewrites the known-failures list
#   tools/run_sqltests.sh sqlite3-list [SLUICE]     rewrites sqlite3_passing.txt by
#                                            running every test through /usr/bin/sqlite3
#
# SLUICE defaults to build/release/sluice; SQLTESTS (default
# ../shared/sqltests) is the corpus. Failure details of the last run are
# kept in SQLTESTS_LOG (default build/sqltests.log; the sqlite3 run:
# build/sqltests-sqlite3.log).
set -uo pipefail
cd "$(dirname "$0")/.."
mode=counts
case "${1:-}" in
  counts|files|check|known-failures|sqlite3-list) mode=$1; shift ;;
esac
sluice=${1:-build/release/sluice}
corpus=${SQLTESTS:-../shared/sqltests}
passing=tests/sqltests/sqlite3_passing.txt
known=tests/sqltests/sluice_known_failures.txt
[ -x "$sluice" ] || { echo "run_sqltests: no binary at $sluice (build first)" >&2; exit 2; }
[ -d "$corpus/cases" ] || { echo "run_sqltests: no corpus at $corpus (cases/ missing)" >&2; exit 2; }
log=${SQLTESTS_LOG:-build/sqltests.log}
mkdir -p build "$(dirname "$log")"
results=$(mktemp)
trap 'rm -f "$results"' EXIT

if [ "$mode" = sqlite3-list ]; then
  version=$(/usr/bin/sqlite3 -version | cut -d' ' -f1)
  [ "$version" = 3.40.1 ] || echo "run_sqltests: warning: /usr/bin/sqlite3 is $version, the list is for 3.40.1" >&2
  "$sluice" slt --engine sqlite3 --results "$results" "$corpus/cases" >build/sqltests-sqlite3.log 2>&1
  {
    echo "# The .sqltest tests sqlite3 $version passes (file:test, relative to the corpus root)."
    echo "# Regenerate: tools/run_sqltests.sh sqlite3-list"
    grep '^pass ' "$results" | cut -c6- | LC_ALL=C sort
  } >"$passing"
  echo "$(grep -c '^pass ' "$results") of $(wc -l <"$results") tests pass on sqlite3 $version: $passing"
  exit 0
fi

[ -f "$passing" ] || { echo "run_sqltests: $passing missing (tools/run_sqltests.sh sqlite3-list)" >&2; exit 2; }
"$sluice" slt --only "$passing" --results "$results" "$corpus/cases" >"$log" 2>&1
applicable=$(grep -vc '^#' "$passing")
ran=$(wc -l <"$results")
if [ "$ran" -ne "$applicable" ]; then
  # A listed test that no longer exists (or was skipped) would silently
  # shrink the yardstick.
  echo "run_sqltests: $applicable applicable tests listed, but $ran ran (corpus and list out of step?)" >&2
  [ "$mode" = known-failures ] || exit 1
fi

case "$mode" in
  counts)
    printf '%-24s %10s %8s %8s %7s\n' directory applicable passed failed pass%
    awk '
      { key = $2; file = key; sub(/\.sqltest:.*$/, ".sqltest", file)
        dir = file; if (!sub(/\/[^\/]*$/, "", dir)) dir = "."
        sub(/^cases\/?/, "", dir); if (dir == "") dir = "(top level)"
        n[dir]++; if ($1 == "pass") p[dir]++; else f[dir]++ }
      END { for (d in n) printf "%-24s %10d %8d %8d %6.1f%%\n", d, n[d], p[d], f[d], 100 * p[d] / n[d] }' \
      "$results" | LC_ALL=C sort
    awk '{ n++; if ($1 == "pass") p++ }
      END { printf "%-24s %10d %8d %8d %6.1f%%\n", "total", n, p, n - p, n ? 100 * p / n : 0 }' "$results"
    ;;
  files)
    printf '%-64s %10s %8s %8s\n' file applicable passed failed
    awk '
      { file = $2; sub(/\.sqltest:.*$/, ".sqltest", file); n[file]++; if ($1 == "pass") p[file]++ }
      END { for (f in n) printf "%-64s %10d %8d %8d\n", f, n[f], p[f], n[f] - p[f] }' "$results" |
      LC_ALL=C sort -k4,4nr -k1,1
    ;;
  known-failures)
    {
      echo "# Applicable .sqltest tests (tests/sqltests/sqlite3_passing.txt) that sluice fails."
      echo "# This list may only shrink. Regenerate: tools/run_sqltests.sh known-failures"
      grep -v '^pass ' "$results" | cut -d' ' -f2- | LC_ALL=C sort
    } >"$known"
    echo "$(grep -vc '^#' "$known") known failures of $applicable applicable tests: $known"
    ;;
  check)
    [ -f "$known" ] || { echo "run_sqltests: $known missing" >&2; exit 2; }
    grep -v '^#' "$known" | LC_ALL=C sort >"$results.known"
    grep -v '^pass ' "$results" | cut -d' ' -f2- | LC_ALL=C sort >"$results.failed"
    new=$(LC_ALL=C comm -13 "$results.known" "$results.failed")
    fixed=$(LC_ALL=C comm -23 "$results.known" "$results.failed")
    rm -f "$results.known" "$results.failed"
    passed=$(grep -c '^pass ' "$results")
    echo "$passed of $applicable applicable tests pass"
    if [ -n "$fixed" ]; then
      echo "Known failures that now pass ($(printf '%s\n' "$fixed" | wc -l)); trim $known" \
        "(tools/run_sqltests.sh known-failures):"
      printf '  %s\n' $fixed | head -50
    fi
    if [ -n "$new" ]; then
      echo "FAIL: applicable tests that fail and are not known failures ($(printf '%s\n' "$new" | wc -l)):"
      printf '%s\n' "$new" | sed 's/^/  /' | head -100
      echo "Details: $log"
      exit 1
    fi
    ;;
esac
exit 0

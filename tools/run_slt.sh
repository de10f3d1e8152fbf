#!/usr/bin/env bash
# Runs `sluice slt` over every .test file of SQLite's sqllogictest corpus
# (../shared/sqllogictest by default) and prints the record counts per
# directory, then the total as "N passed, N failed, N skipped".
#
#   tools/run_slt.sh [SLUICE_BINARY] [CORPUS_DIR]
#
# Default binary: build/release/sluice. Exit status 0 only when no record
# failed. Failure details are left out (--quiet) unless SLT_VERBOSE=1; the
# per-file output is kept in build/slt-corpus.log. SLT_FILE_DB=1 runs on
# file databases reopened before every query (build/slt-corpus-file.log).
set -uo pipefail
cd "$(dirname "$0")/.."
sluice=${1:-build/release/sluice}
corpus=${2:-../shared/sqllogictest}
[ -x "$sluice" ] || { echo "run_slt: no binary at $sluice (build first)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "run_slt: no corpus at $corpus" >&2; exit 2; }
mkdir -p build
log=build/slt-corpus.log
: >"$log"
verbose=(--quiet)
[ "${SLT_VERBOSE:-0}" = 1 ] && verbose=()
# SLT_FILE_DB=1: every test file on a file database (emptied per file),
# closed and reopened before every query (`make slt-file`).
if [ "${SLT_FILE_DB:-0}" = 1 ]; then
  verbose+=(--db build/slt-file.db --reopen)
  log=build/slt-corpus-file.log
  : >"$log"
fi

declare -A dir_pass dir_fail dir_skip
status=0
while IFS= read -r file; do
  rel=${file#"$corpus"/}
  dir=$(dirname "$rel")
  out=$("$sluice" slt "${verbose[@]}" "$file" 2>&1)
  rc=$?
  printf '%s\n' "$out" >>"$log"
  last=$(printf '%s\n' "$out" | tail -1)
  if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
    dir_pass[$dir]=$(( ${dir_pass[$dir]:-0} + BASH_REMATCH[1] ))
    dir_fail[$dir]=$(( ${dir_fail[$dir]:-0} + BASH_REMATCH[2] ))
    dir_skip[$dir]=$(( ${dir_skip[$dir]:-0} + BASH_REMATCH[3] ))
  else
    # The runner crashed or was killed: count the file as one failure.
    echo "run_slt: $rel: no summary line (exit $rc)" | tee -a "$log" >&2
    dir_fail[$dir]=$(( ${dir_fail[$dir]:-0} + 1 ))
  fi
  [ $rc -eq 0 ] || status=1
done < <(find "$corpus" -name '*.test' | sort)

total_pass=0 total_fail=0 total_skip=0
printf '%-32s %10s %8s %8s %8s\n' directory passed failed skipped pass%
for dir in $(printf '%s\n' "${!dir_pass[@]}" "${!dir_fail[@]}" | sort -u); do
  p=${dir_pass[$dir]:-0} f=${dir_fail[$dir]:-0} s=${dir_skip[$dir]:-0}
  total_pass=$((total_pass + p)) total_fail=$((total_fail + f)) total_skip=$((total_skip + s))
  pct=$(awk -v p="$p" -v f="$f" 'BEGIN { if (p + f) printf "%.2f", 100 * p / (p + f); else print "-" }')
  printf '%-32s %10d %8d %8d %8s\n' "$dir" "$p" "$f" "$s" "$pct"
done
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
exit $status

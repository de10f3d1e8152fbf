# Shared helpers of the tests/mapreduce/*_test.sh scripts (sourced).
# Usage in a test: source lib.sh; then $SLUICE, $WORK (a scratch dir removed
# on exit), $PROGS (tests/mapreduce/programs), $CHAPTER, check/fail helpers.
set -uo pipefail
export LC_ALL=C
SLUICE=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROGS=$HERE/programs
REPO=$(cd "$HERE/../.." && pwd)
# The chapter's own files when ../shared is there, else the verbatim copies.
if [ -d "$REPO/../shared/chapter/mapreduce" ]; then CHAPTER=$REPO/../shared/chapter/mapreduce; else CHAPTER=$HERE/chapter; fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mr_test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# same FILE_A FILE_B WHAT
same() {
  if cmp -s "$1" "$2"; then ok "$3"; else fail "$3"; diff -u "$1" "$2" | head -20; fi
}

# mr OUTDIR ARGS... : runs `sluice mr run ... --output OUTDIR --quiet`,
# leaving stderr in OUTDIR.err and the exit status in $rc.
mr() {
  local out=$1; shift
  "$SLUICE" mr run --quiet "$@" --output "$out" 2>"$out.err"
  rc=$?
}

# All part files of a job, concatenated in part order.
parts() { cat "$1"/part-*; }

# A deterministic text corpus of N lines (words w0..w299, some with bytes >= 0x80).
corpus() {
  awk -v n="$1" 'BEGIN { srand(7); for (i = 0; i < n; i++) { k = 1 + int(rand() * 8); line = "";
    for (j = 0; j < k; j++) { w = "w" int(rand() * rand() * 300); if (rand() < 0.05) w = w "\303\251";
      line = line (j ? " " : "") w } print line } }'
}

# word<TAB>count lines, as `sort | uniq -c` counts them.
reference_counts() { tr -s ' ' '\n' <"$1" | grep -v '^$' | sort | uniq -c | awk '{print $2 "\t" $1}'; }

finish() {
  if [ "$failures" -eq 0 ]; then echo "all checks passed"; exit 0; fi
  echo "$failures check(s) failed"; exit 1
}

#!/usr/bin/env bash
# particles_interrupt.sh SLUICE_BINARY
# Interrupts `sluice particles --png/--html` runs (SIGINT, SIGTERM, SIGKILL)
# while they simulate and while they write their files. Each output file
# must afterwards be the previous file untouched, or (for a file that did
# not exist) absent, or the complete new file; never a 0-byte or partial
# file, and no temporary file may be left in the directory.
# (sluice once truncated the files before simulating: any interrupted run
# left 0-byte files in their place.)
set -uo pipefail
sluice=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
printf 'previous png' >"$tmp/previous.png"
kept=0 replaced=0 absent=0 written=0

# A background job of a non-interactive shell ignores SIGINT: give it back
# the default action, as a program started from a terminal has.
start_sluice() { env --default-signal=INT "$sluice" "$@" & }

# check DIR WHAT: keep.png is "previous png" or a whole PNG; new.html is
# absent or a whole page; nothing else is in DIR.
check() {
  local dir=$1 what=$2
  local png=$dir/keep.png html=$dir/new.html
  if [ ! -e "$png" ]; then
    fail "$what: the previous keep.png is gone"
  elif cmp -s "$png" "$tmp/previous.png"; then
    kept=$((kept + 1))
  elif [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
    [ "$(tail -c 12 "$png" | head -c 8 | tail -c 4)" = IEND ]; then
    replaced=$((replaced + 1))
  else
    fail "$what: keep.png is neither the previous file nor a whole PNG ($(stat -c %s "$png") bytes)"
  fi
  if [ ! -e "$html" ]; then
    absent=$((absent + 1))
  elif [ "$(tail -c 8 "$html")" = "</html>" ]; then
    written=$((written + 1))
  else
    fail "$what: new.html is a partial page ($(stat -c %s "$html") bytes)"
  fi
  local others
  others=$(ls -A "$dir" | grep -vx -e keep.png -e new.html)
  [ -z "$others" ] || fail "$what: left behind: $others"
}

# 1. Killed while simulating: the files must be exactly as before the run.
n=0
for mode in serial threads processes; do
  for sig in INT TERM KILL; do
    n=$((n + 1))
    dir=$tmp/sim$n
    mkdir "$dir"
    printf 'previous png' >"$dir/keep.png"
    jobs=()
    [ "$mode" = serial ] || jobs=(-j 2)
    start_sluice particles -n 20000 -s 1000000 --mode "$mode" "${jobs[@]}" --png "$dir/keep.png" \
      --html "$dir/new.html" --html-every 100000 >/dev/null 2>&1
    pid=$!
    sleep 1
    kill -"$sig" "$pid"
    { wait "$pid"; } 2>/dev/null
    status=$?
    [ "$status" -eq $((128 + $(kill -l "$sig"))) ] || fail "$mode, SIG$sig: exit status $status"
    check "$dir" "$mode run killed by SIG$sig while simulating"
    cmp -s "$dir/keep.png" "$tmp/previous.png" || fail "$mode, SIG$sig while simulating: keep.png was changed"
    [ -e "$dir/new.html" ] && fail "$mode, SIG$sig while simulating: new.html exists ($(stat -c %s "$dir/new.html") bytes)"
  done
done
echo "killed while simulating: $n runs checked"

# 2. Killed around the end, while the files are written (a 20 MB page): at
# each moment the files are the old ones or the whole new ones.
args=(particles -n 20000 -s 60 --html-every 1)
dir=$tmp/timing
mkdir "$dir"
start=$(date +%s%N)
"$sluice" "${args[@]}" --png "$dir/keep.png" --html "$dir/new.html" >/dev/null || fail "the full run failed"
total_ms=$((($(date +%s%N) - start) / 1000000))
echo "a full run takes ${total_ms} ms"
k=0
for percent in 40 60 70 80 85 90 95 100 105 110; do
  for sig in KILL INT; do
    k=$((k + 1))
    dir=$tmp/end$k
    mkdir "$dir"
    printf 'previous png' >"$dir/keep.png"
    start_sluice "${args[@]}" --png "$dir/keep.png" --html "$dir/new.html" >/dev/null 2>&1
    pid=$!
    sleep "$(awk -v t="$total_ms" -v p="$percent" 'BEGIN { printf "%.3f", t * p / 100000 }')"
    kill -"$sig" "$pid" 2>/dev/null
    { wait "$pid"; } 2>/dev/null
    check "$dir" "run killed by SIG$sig at ${percent}% of its time"
  done
done
echo "killed around the write: $k runs checked (overall: keep.png kept $kept, replaced $replaced;" \
  "new.html absent $absent, written $written)"

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)" >&2; exit 1; fi
echo "sluice held"

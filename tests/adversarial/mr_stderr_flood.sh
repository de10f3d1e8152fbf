#!/usr/bin/env bash
# mr_stderr_flood.sh SLUICE_BINARY
# A task's stderr once went through a line splitter that held a line whole:
# a mapper writing 300 MB on stderr without a newline made sluice take
# 536 MB of memory, and the attempt's log in OUTPUT/_logs grew as big as
# whatever the task wrote. Now stderr is streamed to the log through a
# bounded buffer, and the log is capped (16 MiB) with a note saying how
# much was dropped: sluice's memory must stay small whatever the line length.
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
seq 1 1000 >in.txt
# Under AddressSanitizer freed memory waits in a quarantine (256 MB by
# default) before reuse, which is RSS that the program does not hold: keep
# it small so the bound measures sluice, in every build.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=4:thread_local_quarantine_size_kb=64"
max_log=$((17 * 1024 * 1024))

# run NAME MAPPER: runs a job under /usr/bin/time; sets $rc and $rss (KB).
run() {
  local name=$1 mapper=$2
  /usr/bin/time -o "$name.time" -f '%M' "$sluice" mr run --quiet --mapper "$mapper" --reducer cat --input in.txt \
    --max-attempts 1 --output "$name" 2>"$name.err"
  rc=$?
  rss=$(tail -1 "$name.time")
}

# The bound: the same job without the flood, plus 64 MB (the flood once
# took 536 MB). Relative, because the binary's own footprint differs by
# build (about 14 MB in release, 110 MB under AddressSanitizer).
run quiet "cat"
[ "$rc" -eq 0 ] || fail "the job without stderr failed: exit $rc: $(head -c 2000 quiet.err)"
max_rss_kb=$((rss + 64 * 1024))

# 1. 300 MB on stderr without a newline, then success.
run line "cat; head -c 300000000 /dev/zero | tr '\\0' x >&2"
[ "$rc" -eq 0 ] || fail "one 300 MB stderr line: exit $rc: $(head -c 2000 line.err)"
[ "$rss" -lt "$max_rss_kb" ] || fail "one 300 MB stderr line: sluice's max RSS was ${rss} KB (limit ${max_rss_kb} KB)"
log=line/_logs/attempt_local_0001_m_000000_0.log
if [ -f "$log" ]; then
  size=$(stat -c %s "$log")
  [ "$size" -lt "$max_log" ] || fail "one 300 MB stderr line: the log holds $size bytes"
  tail -c 300 "$log" | grep -q '\.\.\. \[truncated, [0-9]* bytes dropped' \
    || fail "one 300 MB stderr line: the log does not say it was truncated"
else
  fail "one 300 MB stderr line: no log $log"
fi
[ "$(cut -f1 line/part-* | sort -n | cmp - in.txt && echo same)" = same ] || fail "one 300 MB stderr line: wrong output"

# 2. 200 MB of short stderr lines, then failure: the log is capped the same
# way, and the failure message shows only a short tail.
run lines "cat; yes 'some warning from the mapper' | head -c 200000000 >&2; echo 'the real error' >&2; exit 4"
[ "$rc" -eq 1 ] || fail "200 MB of stderr lines then exit 4: exit $rc (expected 1)"
[ "$rss" -lt "$max_rss_kb" ] || fail "200 MB of stderr lines: sluice's max RSS was ${rss} KB (limit ${max_rss_kb} KB)"
grep -q "the real error" lines.err || fail "200 MB of stderr lines: the failure message lacks the last stderr line"
[ "$(stat -c %s lines.err)" -lt 20000 ] || fail "200 MB of stderr lines: sluice's own stderr took $(stat -c %s lines.err) bytes"
log=lines/_logs/attempt_local_0001_m_000000_0.log
if [ -f "$log" ]; then
  size=$(stat -c %s "$log")
  [ "$size" -lt "$max_log" ] || fail "200 MB of stderr lines: the log holds $size bytes"
  grep -q '^\.\.\. \[truncated, [0-9]* bytes dropped' "$log" \
    || fail "200 MB of stderr lines: the log does not say it was truncated"
else
  fail "200 MB of stderr lines: no log $log"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "mr stderr flood checks passed"

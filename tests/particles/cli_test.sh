#!/usr/bin/env bash
# cli_test.sh SLUICE_BINARY
# `sluice particles` from the shell: the chapter's closing line and the
# reference energy, all modes printing the same energy, --stats, --png,
# --html, and every bad input rejected with exit 2 (a blow-up with 1) and a
# message that names the problem.
set -uo pipefail
sluice=$1
failures=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out err=$tmp/err

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect STATUS STDOUT_REGEX STDERR_REGEX -- ARGS...   ("EMPTY": stream must be empty)
expect() {
  local want_status=$1 want_out=$2 want_err=$3; shift 4
  "$sluice" particles "$@" >"$out" 2>"$err"
  local status=$?
  if [ "$status" -ne "$want_status" ]; then
    fail "sluice particles $* exited $status, want $want_status"; cat "$out" "$err"; return
  fi
  if [ "$want_out" = EMPTY ]; then [ -s "$out" ] && { fail "sluice particles $*: unexpected stdout"; cat "$out"; return; }
  elif ! grep -Eq -- "$want_out" "$out"; then fail "sluice particles $*: stdout lacks /$want_out/"; cat "$out"; return; fi
  if [ "$want_err" = EMPTY ]; then [ -s "$err" ] && { fail "sluice particles $*: unexpected stderr"; cat "$err"; return; }
  elif ! grep -Eq -- "$want_err" "$err"; then fail "sluice particles $*: stderr lacks /$want_err/"; cat "$err"; return; fi
  echo "ok: sluice particles $* -> $status"
}

# The chapter's run and the energies its Python program prints, in every mode.
expect 0 '^serial simulation took [0-9.]+ seconds$' EMPTY --
grep -q '^final energy: 0.08004530744909366 (initial 0.07021567704180778;' "$out" || fail "serial energy: $(cat "$out")"
expect 0 '^multithreaded simulation took [0-9.]+ seconds$' EMPTY -- --mode threads -j 3
grep -q '^final energy: 0.08004530744909366 ' "$out" || fail "threads energy: $(cat "$out")"
expect 0 '^multiprocess simulation took [0-9.]+ seconds$' EMPTY -- --mode processes -j 4
grep -q '^final energy: 0.08004530744909366 ' "$out" || fail "processes energy: $(cat "$out")"
expect 0 '^final energy: 0.07021567704180777 ' EMPTY -- --normalize

# Cells is the default above 2000 particles, naive below; both can be forced.
expect 0 ', cells, ' EMPTY -- -n 2001 -s 2
expect 0 ', naive \((avx2|scalar) kernel\), ' EMPTY -- -n 2000 -s 2
expect 0 ', naive \((avx2|scalar) kernel\), ' EMPTY -- -n 2001 -s 2 --algorithm naive
expect 0 ', cells, ' EMPTY -- -n 50 -s 2 --algorithm cells

# --stats K: one line every K steps (and the start).
expect 0 '^step 250: energy ' EMPTY -- --stats 250
[ "$(grep -c '^step ' "$out")" -eq 5 ] || fail "--stats 250 over 1000 steps should print 5 lines: $(cat "$out")"

# --seed and --init change the start.
expect 0 'initial 0.07021567704180778' EMPTY -- -s 1 --seed 1000
expect 0 'final energy' EMPTY -- -s 1 --seed 7
grep -q 'initial 0.07021567704180778' "$out" && fail "--seed 7 gave the seed-1000 start"
expect 0 'final energy' EMPTY -- -s 1 --init random

# Pictures.
expect 0 'final energy' EMPTY -- -n 100 -s 20 --mode threads -j 2 --png "$tmp/a.png" --html "$tmp/a.html" --html-every 5
[ "$(head -c 8 "$tmp/a.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "--png did not write a PNG"
grep -q 'steps: \[0,5,10,15,20\]' "$tmp/a.html" || fail "--html frames are not every 5 steps"

# Bad input: exit 2, nothing run, a message naming the option.
expect 2 EMPTY 'number of particles must be at least 1 \(got 0\)' -- -n 0
expect 2 EMPTY 'number of particles must be at least 1 \(got -4\)' -- -n -4
expect 2 EMPTY 'steps must not be negative \(got -1\)' -- -s -1
expect 2 EMPTY 'time step must be positive \(got 0\)' -- --dt 0
expect 2 EMPTY 'time step must be positive \(got -0.5\)' -- --dt -0.5
expect 2 EMPTY '-j 21 is larger than the number of particles \(20\)' -- --mode threads -j 21
expect 2 EMPTY '-j 21 is larger than the number of particles \(20\)' -- --mode processes -j 21
expect 2 EMPTY 'number of workers must be at least 1' -- --mode threads -j 0
expect 2 EMPTY 'needs --mode threads or --mode processes' -- -j 2
expect 2 EMPTY "--png: cannot write '$tmp/no/such/dir/a.png'" -- --png "$tmp/no/such/dir/a.png"
expect 2 EMPTY "--html: cannot write '$tmp/no/such/dir/a.html'" -- --html "$tmp/no/such/dir/a.html"
expect 2 EMPTY 'stats: K must be positive' -- --stats -1
expect 2 EMPTY 'not in \{serial,threads,processes\}' -- --mode fast
expect 2 EMPTY 'not in \{naive,cells\}' -- --algorithm quad
expect 2 EMPTY 'not in \{grid,random\}' -- --init hex
expect 2 EMPTY 'too many particles' -- -n 100000000000
expect 2 EMPTY 'page too large' -- -n 1000000 -s 100000 --html-every 1 --html "$tmp/big.html"
expect 2 EMPTY 'page too large' -- -n 20000000 -s 9000000000000000000 --html-every 1 --html "$tmp/big.html"

# Output files are written whole after the run, through a temporary file
# renamed into place: the path is checked first without being touched.
expect 2 EMPTY "--png: cannot write '$tmp': Is a directory" -- --png "$tmp"
expect 2 EMPTY "--png and --html name the same file '$tmp/same'" -- --png "$tmp/same" --html "$tmp/same"
[ -e "$tmp/same" ] && fail "a refused run created its output file"
expect 0 'final energy' EMPTY -- -s 5 --png /dev/null --html /dev/null
[ -c /dev/null ] || fail "--png /dev/null replaced the device"
ln -s a.png "$tmp/link.png"
expect 0 'final energy' EMPTY -- -s 5 --png "$tmp/link.png"
[ -L "$tmp/link.png" ] || fail "--png through a symlink replaced the link"
[ "$(ls -A "$tmp" | grep -c tmp)" -eq 0 ] || fail "temporary files left: $(ls -A "$tmp")"

# Blow-ups stop with exit 1 and name the step; no half-written pictures
# stay, and a picture from an earlier run is left as it was.
expect 1 EMPTY 'blew up at step 1 of 1000: the kinetic energy is inf' -- --init random --dt 1e150 --png "$tmp/b.png"
[ -e "$tmp/b.png" ] && fail "a failed run left its --png file behind"
printf 'earlier picture' >"$tmp/c.png"
expect 1 EMPTY 'blew up at step 1 of 1000' -- --init random --dt 1e150 --png "$tmp/c.png" --html "$tmp/c.html"
[ "$(cat "$tmp/c.png" 2>/dev/null)" = 'earlier picture' ] || fail "a failed run destroyed the earlier --png file"
[ -e "$tmp/c.html" ] && fail "a failed run left its --html file behind"
expect 1 EMPTY 'blew up at step 1 of 1000: the kinetic energy is inf' -- --init random -n 200 --dt 1e150 --mode processes -j 2
expect 1 EMPTY 'blew up at step 1 of 1000: the kinetic energy is inf' -- --init random -n 200 --dt 1e150 --mode threads -j 2
expect 1 EMPTY 'blew up at step 1 of 1000: a particle moved too far outside the box' -- --dt 1e200

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "all passed"

#!/usr/bin/env bash
# usage_test.sh SLUICE_BINARY
# The command-line contract of `sluice`: help and version succeed; unknown
# subcommands, bad flags and a missing subcommand are usage errors (exit 2)
# with a message on stderr that names the problem.
set -uo pipefail
sluice=$1
failures=0
out=$(mktemp); err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

# expect STATUS STDOUT_REGEX STDERR_REGEX -- ARGS...
# A regex of "EMPTY" requires the stream to be empty; "ANY" accepts anything.
matches() {
  case $1 in
    EMPTY) [ ! -s "$2" ] ;;
    ANY) true ;;
    *) grep -Eq -- "$1" "$2" ;;
  esac
}

expect() {
  local want_status=$1 want_out=$2 want_err=$3; shift 4
  "$sluice" "$@" >"$out" 2>"$err"
  local status=$?
  if [ "$status" -ne "$want_status" ]; then
    echo "FAIL: sluice $* exited $status, want $want_status"; cat "$err"; failures=$((failures + 1)); return
  fi
  if ! matches "$want_out" "$out"; then
    echo "FAIL: sluice $*: stdout lacks /$want_out/:"; cat "$out"; failures=$((failures + 1)); return
  fi
  if ! matches "$want_err" "$err"; then
    echo "FAIL: sluice $*: stderr lacks /$want_err/:"; cat "$err"; failures=$((failures + 1)); return
  fi
  echo "ok: sluice $* -> $status"
}

expect 0 'Usage: sluice' ANY -- --help
expect 0 'demo' ANY -- --help
expect 0 '^sluice [0-9]+\.[0-9]+\.[0-9]+$' ANY -- --version
expect 0 '^sluice [0-9]+\.[0-9]+\.[0-9]+$' ANY -- -V
expect 0 'Usage: sluice demo' ANY -- demo --help
expect 2 EMPTY 'no-such-command' -- no-such-command
expect 2 EMPTY "--frobnicate" -- --frobnicate
expect 2 EMPTY "--frobnicate" -- demo --frobnicate
expect 2 EMPTY 'subcommand' --
expect 2 EMPTY "Run 'sluice --help'" -- bogus

[ $failures -eq 0 ] || { echo "$failures failure(s)"; exit 1; }

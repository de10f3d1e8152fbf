#!/usr/bin/env bash
# usage_test.sh SLUICE_BINARY
# The command-line contract of `sluice`: help and version succeed; unknown
# subcommands, bad flags and a missing subcommand are usage errors (exit 2)
# with a message on stderr that names the problem and suggests the close
# real names; each --help is free of the parser's type noise and gives the
# subcommand's exit statuses.
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

# Did-you-mean: a mistyped subcommand or option is named, with the real
# ones it is close to; nothing is suggested when nothing is close.
expect 2 EMPTY "unknown subcommand 'sqll' \(did you mean 'sql'\?\)" -- sqll
expect 2 EMPTY "unknown subcommand 'particle' \(did you mean 'particles'\?\)" -- particle
expect 2 EMPTY "unknown subcommand 'logic'$" -- logic
expect 2 EMPTY "unknown option '--hepl' \(did you mean '--help'\?\)" -- --hepl
expect 2 EMPTY "unknown option '--mappers' \(did you mean '--mapper'\?\)" -- \
  mr run --mappers cat --reducer cat --input in --output out
expect 2 EMPTY "unknown option '--paralel' \(did you mean '--parallel'\?\)" -- \
  mr run --mapper cat --reducer cat --input in --output out --paralel 2
expect 2 EMPTY "unknown option '-mappers' \(did you mean '--mapper'\?\)" -- mr run -mappers cat -input in -output out
expect 2 EMPTY "^sluice crawl: unknown option '--paralel'$" -- crawl --paralel 2 http://127.0.0.1:9/
expect 2 EMPTY "unknown option '--conc' \(did you mean '--concurrency'\?\)" -- crawl --conc 2 http://127.0.0.1:9/
expect 2 EMPTY "unknown option '--step' \(did you mean '--steps'\?\)" -- particles --step 3
expect 2 EMPTY "^sluice slt: unknown option '--verbos'" -- slt --verbos x.test
expect 2 EMPTY "Run 'sluice particles --help'" -- particles --frobnicate

# Help: one plain placeholder per option, no parser types or validator text
# (UINT:INT in [0 to 100000], TEXT:{text,json}, REQUIRED); ranges in words.
help_is_plain() {
  local name=$1; shift
  if "$sluice" "$@" --help | grep -Eq '\b(U?INT|FLOAT|TEXT|REQUIRED)\b|in \[|:\{'; then
    echo "FAIL: sluice $* --help shows the parser's types:"
    "$sluice" "$@" --help | grep -E '\b(U?INT|FLOAT|TEXT|REQUIRED)\b|in \[|:\{'
    failures=$((failures + 1))
  else
    echo "ok: sluice $* --help is plain"
  fi
}
for cmd in demo slt crawl particles "mr run"; do help_is_plain "$cmd" $cmd; done
expect 0 '--concurrency N +Requests in flight in total, 1 to 1024' ANY -- crawl --help
expect 0 '--timeout SECONDS +Seconds allowed for one request, 0.001 to 86400' ANY -- crawl --help
expect 0 '--reducers N +Number of reduce tasks = part files, 0 to 100000' ANY -- mr run --help
expect 0 '--input PATH\.\.\. \(required\)' ANY -- mr run --help
expect 0 'TESTFILE\.\.\. \(required\)' ANY -- slt --help

# Each subcommand's help gives the exit statuses its program returns.
expect 0 'Exit status: 0 no dead link found; 1 dead links found' ANY -- crawl --help
expect 0 'Exit status: 0 every record passed.*; 1 a record failed' ANY -- slt --help
expect 0 'Exit status: 0 the run finished; 1 it failed' ANY -- particles --help
expect 0 "Exit status of 'sluice mr run': 0 the job succeeded; 1 it failed" ANY -- mr --help
expect 0 '130 interrupted' ANY -- mr run --help
expect 0 'Exit status: 0 after the whole tour' ANY -- demo --help
expect 0 "subcommand's --help says what its statuses mean" ANY -- --help
expect 0 "'sluice sql' exits as sqlite3 does: 1 when" ANY -- --help
# ... and it does.
expect 19 EMPTY 'UNIQUE constraint failed' -- sql :memory: "CREATE TABLE t(x UNIQUE); INSERT INTO t VALUES (1), (1)"
expect 1 EMPTY 'no such table' -- sql -bail :memory: "SELECT * FROM nosuch"
expect 7 EMPTY EMPTY -- sql :memory: ".exit 7"

[ $failures -eq 0 ] || { echo "$failures failure(s)"; exit 1; }

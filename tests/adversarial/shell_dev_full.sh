#!/usr/bin/env bash
# shell_dev_full.sh SLUICE_BINARY
# Output that cannot be written must not end in exit status 0: `sluice sql`
# with its rows sent to /dev/full (every write fails with ENOSPC) once
# printed nothing on stderr and exited 0, so a script writing a report to a
# full disk believed it had one. Checked for SQL arguments, a script on
# stdin, and other subcommands' stdout (help and version texts).
set -uo pipefail
sluice=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
[ -w /dev/full ] || { echo "shell_dev_full: /dev/full is not available" >&2; exit 1; }

check() {  # check NAME COMMAND...: COMMAND's stdout goes to /dev/full
  local name=$1
  shift
  "$@" >/dev/full 2>"$dir/err" </dev/null
  local status=$?
  if [ "$status" -eq 0 ]; then
    echo "shell_dev_full: $name: exit status 0 although stdout could not be written" >&2
    failures=$((failures + 1))
  fi
  if ! grep -q "standard output" "$dir/err"; then
    echo "shell_dev_full: $name: no error on stderr (got: $(head -c 200 "$dir/err"))" >&2
    failures=$((failures + 1))
  fi
}

check "sql with an SQL argument" "$sluice" sql :memory: "select 1"
check "sql with many rows" "$sluice" sql :memory: "create table t(x); insert into t values (1),(2),(3)" \
  "select a.x from t a, t b, t c, t d, t e, t f, t g, t h"
printf 'select 1;\nselect 2;\n' >"$dir/script.sql"
check "sql with a script on stdin" bash -c "\"\$0\" sql :memory: <\"\$1\"" "$sluice" "$dir/script.sql"
check "sql -help" "$sluice" sql -help
check "--version" "$sluice" --version
check "--help" "$sluice" --help

# Writable output still exits 0 (the check must not fire on success).
if ! "$sluice" sql :memory: "select 1" >"$dir/out" 2>"$dir/err" || [ "$(cat "$dir/out")" != 1 ] || [ -s "$dir/err" ]; then
  echo "shell_dev_full: a normal run failed or printed an error: $(cat "$dir/err")" >&2
  failures=$((failures + 1))
fi
exit $((failures > 0))

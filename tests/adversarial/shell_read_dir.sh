#!/usr/bin/env bash
# shell_read_dir.sh SLUICE_BINARY
# `.read DIR` once succeeded silently (fopen opens a directory on Linux, and
# reading it looked like an empty file), so a script that meant to run a
# file ran nothing and exited 0. sqlite3 says `Error: cannot open "DIR"`
# and counts an error; so must we, in a script, as an SQL argument, and
# under .bail (which must stop the script there).
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
mkdir "$dir/scripts"

fail() {
  echo "shell_read_dir: $*" >&2
  failures=$((failures + 1))
}

cd "$dir" || exit 1
printf '.read scripts\nselect 1;\n' | "$sluice" sql >out 2>err
status=$?
[ "$status" -eq 1 ] || fail "script: exit status $status, want 1"
[ "$(cat err)" = 'Error: cannot open "scripts"' ] || fail "script: stderr is '$(cat err)'"
[ "$(cat out)" = 1 ] || fail "script: the next statement did not run: '$(cat out)'"

"$sluice" sql :memory: ".read scripts" >out 2>err
status=$?
[ "$status" -eq 1 ] || fail "argument: exit status $status, want 1"
[ "$(cat err)" = 'Error: cannot open "scripts"' ] || fail "argument: stderr is '$(cat err)'"

printf '.bail on\n.read scripts\nselect 1;\n' | "$sluice" sql >out 2>err
status=$?
[ "$status" -eq 1 ] || fail ".bail: exit status $status, want 1"
[ ! -s out ] || fail ".bail: the script went on after the failed .read: '$(cat out)'"

# A regular file still reads.
printf 'select 42;\n' >scripts/ok.sql
"$sluice" sql :memory: ".read scripts/ok.sql" >out 2>err
[ "$(cat out)" = 42 ] && [ ! -s err ] || fail "a regular file: '$(cat out)' / '$(cat err)'"
exit $((failures > 0))

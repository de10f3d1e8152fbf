#!/usr/bin/env bash
# sqlite_file_test.sh SLUICE_BINARY
# `sluice sql FILE` and `.open FILE` on an SQLite database file (data/
# made_by_sqlite3.sqlite, written by sqlite3 3.40.1: two rows in `cities`)
# say what the file is and how to convert it, rather than only "file is
# not a database"; and the conversion they name works (when sqlite3 is
# installed). A file that merely is not a database gets no such advice.
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
data=$(cd "$(dirname "$0")/data" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "sqlite_file_test: $*" >&2
  failures=$((failures + 1))
}
cd "$dir" || exit 1
cp "$data/made_by_sqlite3.sqlite" data.sqlite

"$sluice" sql data.sqlite "select 1" >out 2>err
status=$?
[ "$status" -eq 1 ] || fail "startup: exit status $status, want 1"
[ ! -s out ] || fail "startup: stdout '$(cat out)'"
grep -q '^Error: unable to open database "data.sqlite": ' err || fail "startup: no error line: $(cat err)"
grep -q 'data.sqlite is an SQLite database file' err || fail "startup: the file is not named as SQLite's: $(cat err)"
grep -q 'sqlite3 data.sqlite .dump | sluice sql new.db' err || fail "startup: no conversion: $(cat err)"

printf '.open data.sqlite\nselect 2;\n' | "$sluice" sql >out 2>err
grep -q 'data.sqlite is an SQLite database file' err || fail ".open: the file is not named as SQLite's: $(cat err)"
[ "$(cat out)" = 2 ] || fail ".open: the shell did not go on with an in-memory database: '$(cat out)'"

# A name that needs quoting in the suggested command.
cp data.sqlite "my data.sqlite"
"$sluice" sql "my data.sqlite" >out 2>err </dev/null
grep -q "sqlite3 'my data.sqlite' .dump | sluice sql new.db" err || fail "quoted name: $(cat err)"

# Not SQLite: no advice.
printf 'hello, this is text and not any database at all\n' >notes.txt
"$sluice" sql notes.txt "select 1" >out 2>err
grep -q 'file is not a database' err || fail "text file: $(cat err)"
! grep -q 'SQLite database file' err || fail "text file called an SQLite file: $(cat err)"

# The conversion it names.
if command -v sqlite3 >/dev/null; then
  sqlite3 data.sqlite .dump | "$sluice" sql new.db >out 2>err || fail "conversion failed: $(cat err)"
  [ "$("$sluice" sql new.db 'select name, pop from cities order by pop')" = $'Bergen|291000\nOslo|709000' ] ||
    fail "converted rows: $("$sluice" sql new.db 'select * from cities' 2>&1)"
fi
exit $((failures > 0))

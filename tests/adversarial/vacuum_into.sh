#!/usr/bin/env bash
# vacuum_into.sh SLUICE_BINARY
# `VACUUM INTO 'copy.db'` used to be accepted and write nothing. Now, as in
# sqlite3 3.40, it writes a copy that opens with every committed row (from
# an in-memory and from a file database), refuses to overwrite a non-empty
# file ("output file already exists", the file unchanged), and leaves no
# file behind when it fails.
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "vacuum_into: $*" >&2
  failures=$((failures + 1))
}
cd "$dir" || exit 1

{
  echo "create table t(a integer primary key, b text);"
  for i in $(seq 1 2000); do echo "insert into t(b) values ('row $i');"; done
  echo "delete from t where a % 3 = 0;"
  echo "vacuum into 'mem_copy.db';"
} | "$sluice" sql :memory: 2>err || fail "in memory: $(cat err)"
[ -s mem_copy.db ] || fail "in memory: no copy written"
got=$("$sluice" sql mem_copy.db "select count(*), sum(a), max(b) from t" 2>&1)
[ "$got" = "1334|1334667|row 998" ] || fail "in memory: copy holds '$got'"

"$sluice" sql src.db "create table s(x); insert into s values (1), (2), (3); delete from s where x = 2;" 2>err ||
  fail "file setup: $(cat err)"
"$sluice" sql src.db "vacuum into 'file_copy.db'" 2>err || fail "from file: $(cat err)"
got=$("$sluice" sql file_copy.db "select group_concat(x) from s" 2>&1)
[ "$got" = "1,3" ] || fail "from file: copy holds '$got'"

printf 'precious notes\n' >notes.txt
"$sluice" sql src.db "vacuum into 'notes.txt'" >out 2>err
status=$?
[ "$status" -eq 1 ] || fail "existing file: exit status $status, want 1"
grep -q 'output file already exists' err || fail "existing file: error '$(cat err)'"
[ "$(cat notes.txt)" = "precious notes" ] || fail "existing file overwritten"

"$sluice" sql src.db "begin; vacuum into 'txn.db'" >out 2>err
grep -q 'cannot VACUUM from within a transaction' err || fail "in transaction: error '$(cat err)'"
[ ! -e txn.db ] || fail "in transaction: txn.db written"
exit $((failures > 0))

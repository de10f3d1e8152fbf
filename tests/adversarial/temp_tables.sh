#!/usr/bin/env bash
# temp_tables.sh SLUICE_BINARY
# CREATE TEMP TABLE used to make an ordinary table, stored in the database
# file and seen by every later connection. A TEMP table (and view, trigger,
# index) must work within its connection, mixed with main tables, and
# never reach the file: not after commit, close, checkpoint, VACUUM INTO
# or .backup; and a ROLLBACK must take back one created in the transaction.
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "temp_tables: $*" >&2
  failures=$((failures + 1))
}
cd "$dir" || exit 1

got=$("$sluice" sql db 2>&1 <<'SQL'
create table m(a);
insert into m values (1), (2);
create temp table secret(x);
insert into secret select a * 100 from m;
create temp view sv as select x from secret;
create index temp_ix on secret(x);
create temp trigger st after insert on m begin insert into secret values (new.a * 100); end;
insert into m values (3);
insert into m select x from secret where x = 300;
begin; create temp table gone(y); insert into secret values (999); rollback;
select group_concat(x) from (select x from sv order by x);
pragma wal_checkpoint;
vacuum into 'copy.db';
.backup bak.db
SQL
)
[ "$got" = $'100,200,300,30000\n0|0|0' ] || fail "first connection: '$got'"

for f in db copy.db bak.db; do
  out=$("$sluice" sql "$f" "select group_concat(a) from m; select count(*) from sqlite_schema where name <> 'm';
    select count(*) from sqlite_temp_schema; select * from secret;" 2>&1)
  want=$'1,2,3,300\n0\n0\nError: in prepare, no such table: secret'
  [ "$out" = "$want" ] || fail "$f after close: '$out'"
  for word in secret sv temp_ix st gone 999; do
    if grep -qa "$word" "$f" "$f-wal" 2>/dev/null; then fail "$f holds '$word'"; fi
  done
done

# A second connection, while the first still holds its TEMP table, sees
# nothing of it; the first keeps it across the other's commit.
coproc S { "$sluice" sql db 2>&1; }
pid=$S_PID
echo "create temp table held(v); insert into held values (42); select 'ready';" >&"${S[1]}"
read -r -t 20 line <&"${S[0]}"
[ "$line" = ready ] || fail "first connection did not start: '$line'"
"$sluice" sql db "insert into m values (4)" 2>&1 || fail "second connection could not write"
other=$("$sluice" sql db "select * from held" 2>&1)
[ "$other" = "Error: in prepare, no such table: held" ] || fail "second connection saw held: '$other'"
echo "select v from held; select count(*) from m;" >&"${S[1]}"
exec {S[1]}>&-
first=$(timeout 20 cat <&"${S[0]}")
wait "$pid" 2>/dev/null
[ "$first" = $'42\n5' ] || fail "first connection after the other's commit: '$first'"
exit $((failures > 0))

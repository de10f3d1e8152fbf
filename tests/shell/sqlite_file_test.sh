#!/usr/bin/env bash
# sqlite_file_test.sh SLUICE_BINARY
# SQLite database files in the shell, against sqlite3 3.40.1 itself:
# - `sluice sql FILE` and `.open FILE` on data/made_by_sqlite3.sqlite
#   (written by sqlite3: two rows in `cities`) read it, and refuse writes
#   with the error and exit status of `sqlite3 -readonly FILE`;
# - a richer file made here by sqlite3 (sparse rowids, WITHOUT ROWID,
#   generated columns, reals, blobs, NULLs, quoted names, an index, a view,
#   a trigger, AUTOINCREMENT) reads as sqlite3 reads it, and
#   `.import-sqlite` copies it into a sluice database that keeps it after
#   a reopen; anything the engine refuses is named, never dropped in
#   silence;
# - the files of ../shared/sqltests/database read as sqlite3 reads them;
# - a text file is still "file is not a database".
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
data=$here/data
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "sqlite_file_test: $*" >&2
  failures=$((failures + 1))
}
cd "$dir" || exit 1
cp "$data/made_by_sqlite3.sqlite" data.sqlite
cp data.sqlite before.sqlite

# Reading, at startup and with .open.
got=$("$sluice" sql data.sqlite "select name, pop from cities order by pop" 2>err)
[ "$got" = $'Bergen|291000\nOslo|709000' ] || fail "startup: '$got' $(cat err)"
[ ! -s err ] || fail "startup: stderr '$(cat err)'"
got=$(printf '.open data.sqlite\nselect count(*) from cities;\n' | "$sluice" sql 2>err)
[ "$got" = 2 ] || fail ".open: '$got' $(cat err)"

# Writes are refused as by sqlite3 -readonly (message, code, exit status),
# and the file is never changed.
for sql in "insert into cities values ('Tromso', 77000)" "delete from cities" "create table x(a)" \
  "update cities set pop = 0" "drop table cities"; do
  "$sluice" sql data.sqlite "$sql" >out 2>err
  status=$?
  [ "$status" -eq 8 ] || fail "'$sql': exit status $status, want 8 (sqlite3 -readonly's)"
  [ "$(cat err)" = "Error: stepping, attempt to write a readonly database (8)" ] || fail "'$sql': '$(cat err)'"
done
cmp -s data.sqlite before.sqlite || fail "the SQLite file changed"
[ ! -e data.sqlite-wal ] || fail "a -wal was written next to the SQLite file"

# Not SQLite: as before.
printf 'hello, this is text and not any database at all\n' >notes.txt
"$sluice" sql notes.txt "select 1" >out 2>err
grep -q 'file is not a database' err || fail "text file: $(cat err)"

command -v sqlite3 >/dev/null || {
  echo "sqlite_file_test: sqlite3 not installed: comparisons skipped" >&2
  exit $((failures > 0))
}

# The same errors as sqlite3 -readonly, compared directly.
for sql in "insert into cities values (1, 2)" "select * from cities; create index i on cities(pop)"; do
  sqlite3 -readonly data.sqlite "$sql" >want.out 2>want.err
  want_status=$?
  "$sluice" sql data.sqlite "$sql" >got.out 2>got.err
  got_status=$?
  cmp -s want.out got.out && cmp -s want.err got.err && [ "$got_status" = "$want_status" ] ||
    fail "'$sql': sqlite3 -readonly gave $want_status '$(cat want.out want.err)', sluice $got_status '$(cat got.out got.err)'"
done

sqlite3 rich.sqlite "
create table t(a integer primary key, b text, c real, d blob);
insert into t values (3, 'three', 3.5, x'00ff'), (10, NULL, 1e300, NULL), (-7, 'neg', -0.0, x'');
create table plain(x, y);
insert into plain(rowid, x, y) values (5, 1, 'a'), (9, 2.0, 'b'), (100, '3', NULL);
create table wr(k text primary key, v int) without rowid;
insert into wr values ('b', 2), ('a', 1);
create table g(a int, b int generated always as (a * 2) virtual, c int generated always as (a + 1) stored);
insert into g(a) values (1), (20);
create index plain_y on plain(y);
create unique index t_b on t(b);
create view v as select a, b from t where a > 0;
create table log(msg text);
create trigger tr after insert on plain begin insert into log values ('ins ' || new.x); end;
create table \"odd \"\"name\"(\"col one\" int, rowid_ text);
insert into \"odd \"\"name\" values (1, 'r');
create table ai(id integer primary key autoincrement, s text);
insert into ai(s) values ('x'), ('y'), ('z');
delete from ai where id = 3;
" || fail "sqlite3 could not make rich.sqlite"
queries="select rowid, a, b, c, hex(d), typeof(c) from t order by rowid;
select rowid, x, y, typeof(x) from plain order by rowid;
select * from wr;
select * from g;
select * from v order by a;
select rowid, * from \"odd \"\"name\";
select * from ai;
select count(*) from plain where y = 'b';
select type, name, tbl_name from sqlite_schema where type in ('table', 'view') and name not like 'sqlite_%' order by name;"
want=$(sqlite3 rich.sqlite "$queries" 2>&1)
got=$("$sluice" sql rich.sqlite "$queries" 2>err)
[ "$got" = "$want" ] || fail "rich.sqlite read: $(diff <(echo "$want") <(echo "$got"))"
# What the engine could not load is named on stderr (a trigger it cannot
# run, the AUTOINCREMENT counters without sqlite_sequence), nothing else.
while IFS= read -r line; do
  case "$line" in
    "Warning: rich.sqlite: trigger tr of the SQLite file not loaded: "*) ;;
    "Warning: rich.sqlite: table sqlite_sequence of the SQLite file not loaded: "*) ;;
    *) fail "rich.sqlite: unexpected stderr line '$line'" ;;
  esac
done <err
if ! grep -q "trigger tr" err; then
  # Loaded: then it must fire as in sqlite3 (not here: read-only), and be in the schema.
  "$sluice" sql rich.sqlite "select name from sqlite_schema where type = 'trigger'" | grep -qx tr ||
    fail "rich.sqlite: trigger tr neither loaded nor reported"
fi
want=$(sqlite3 rich.sqlite .schema)
got=$("$sluice" sql rich.sqlite .schema 2>/dev/null)
# The schema lists the same CREATE texts in the same order, less what the
# warnings named.
filtered=$(echo "$want" | grep -v -e '^CREATE TRIGGER tr ' -e '^CREATE TABLE sqlite_sequence')
got_filtered=$(echo "$got" | grep -v -e '^CREATE TRIGGER tr ' -e '^CREATE TABLE sqlite_sequence')
[ "$got_filtered" = "$filtered" ] || fail "rich.sqlite .schema: $(diff <(echo "$filtered") <(echo "$got_filtered"))"

# .import-sqlite into a sluice file database, then reopened.
printf '.import-sqlite rich.sqlite\n' | "$sluice" sql copy.db >out 2>err
status=$?
while IFS= read -r line; do
  case "$line" in
    "Error: rich.sqlite: trigger tr not copied: "*) ;;
    "Error: rich.sqlite: table sqlite_sequence not copied: "*) ;;
    *) fail ".import-sqlite: unexpected stderr line '$line'" ;;
  esac
done <err
if [ -s err ]; then [ "$status" -eq 1 ] || fail ".import-sqlite: refusals but exit status $status"; fi
got=$("$sluice" sql copy.db "$queries" 2>&1)
want_rows=$(sqlite3 rich.sqlite "$queries" 2>&1)
[ "$got" = "$want_rows" ] || fail ".import-sqlite copy: $(diff <(echo "$want_rows") <(echo "$got"))"
# The copy is sluice's own file: writable, indexes enforced.
got=$("$sluice" sql copy.db "insert into t values (4, 'three', 0, null)" 2>&1)
[ "$got" = "Error: stepping, UNIQUE constraint failed: t.b (19)" ] || fail ".import-sqlite: unique index lost: '$got'"
# A second import: every object is taken, each reported, nothing changed.
printf '.import-sqlite rich.sqlite\n' | "$sluice" sql copy.db >out 2>err
grep -q '^Error: rich.sqlite: table t not copied: table t already exists$' err || fail "second import: $(cat err)"
got=$("$sluice" sql copy.db "select count(*) from plain" 2>&1)
[ "$got" = 3 ] || fail "second import changed plain: '$got'"
# Not an SQLite file.
printf '.import-sqlite notes.txt\n' | "$sluice" sql copy.db >out 2>err
[ "$(cat err)" = "Error: notes.txt is not an SQLite database file" ] || fail ".import-sqlite notes.txt: '$(cat err)'"

# The SQLite files of the shared sqltests corpus (made by sqlite3).
shared=$here/../../../shared/sqltests/database
if [ -d "$shared" ]; then
  for f in "$shared"/*.db; do
    want=$(sqlite3 "$f" .schema 2>&1)
    sqlite3 "$f" "select count(*) from sqlite_schema" >/dev/null 2>&1 || continue  # sqlite3 cannot read it either
    got=$("$sluice" sql "$f" .schema 2>&1)
    [ "$got" = "$want" ] || fail "$(basename "$f") .schema: $(diff <(echo "$want") <(echo "$got") | head -5)"
    for t in $(sqlite3 "$f" "select name from sqlite_schema where type in ('table', 'view') and name not like 'sqlite_%'"); do
      q="select * from \"$t\"; select count(*) from \"$t\""
      [ "$(sqlite3 "$f" "$q" | md5sum)" = "$("$sluice" sql "$f" "$q" 2>&1 | md5sum)" ] ||
        fail "$(basename "$f"): table $t reads differently"
    done
  done
fi
exit $((failures > 0))

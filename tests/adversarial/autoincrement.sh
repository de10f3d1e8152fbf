#!/usr/bin/env bash
# autoincrement.sh SLUICE_BINARY
# INTEGER PRIMARY KEY AUTOINCREMENT was parsed and ignored: after deleting
# the newest rows, new rows got their ids again (an id handed out twice,
# say for an invoice), and there was no sqlite_sequence. Ids must never be
# reused — across statements, reopening the file database, a rolled back
# transaction, rows brought in by .import — and sqlite_sequence must hold
# what sqlite3 holds.
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "autoincrement: $*" >&2
  failures=$((failures + 1))
}
cd "$dir" || exit 1

setup="create table inv(id integer primary key autoincrement, what text);
insert into inv(what) values ('a'), ('b'), ('c');
delete from inv where id >= 2;"
"$sluice" sql db "$setup" 2>err || fail "setup: $(cat err)"
# A new process: the counter must come from the file.
"$sluice" sql db "insert into inv(what) values ('d');" 2>err || fail "insert after reopen: $(cat err)"
"$sluice" sql db "begin; insert into inv(what) values ('gone'); rollback;
insert into inv(what) values ('e'); delete from inv; insert into inv(what) values ('f');" 2>err ||
  fail "transaction: $(cat err)"
got=$("$sluice" sql db "select id, what from inv; select name, seq from sqlite_sequence;" 2>&1)
want="6|f
inv|6"
if command -v sqlite3 >/dev/null; then
  sqlite3 sq.db "$setup" && sqlite3 sq.db "insert into inv(what) values ('d');" &&
    sqlite3 sq.db "begin; insert into inv(what) values ('gone'); rollback;
insert into inv(what) values ('e'); delete from inv; insert into inv(what) values ('f');"
  want=$(sqlite3 sq.db "select id, what from inv; select name, seq from sqlite_sequence;" 2>&1)
fi
[ "$got" = "$want" ] || fail "ids reused: got '$got', want '$want'"
[ "$("$sluice" sql db "pragma integrity_check" 2>&1)" = ok ] || fail "integrity_check fails"

# Rows brought in by .import count too: after deleting them, their ids
# must not come back.
printf '5,a\n7,b\n' >ids.csv
"$sluice" sql imp "create table t(id integer primary key autoincrement, v text);" 2>err || fail "import setup: $(cat err)"
"$sluice" sql imp ".import --csv ids.csv t" 2>err || fail ".import: $(cat err)"
got=$("$sluice" sql imp "delete from t; insert into t(v) values ('after'); select id from t; select seq from sqlite_sequence;" 2>&1)
[ "$got" = "8
8" ] || fail "after .import and delete: got '$got', want id 8 and counter 8 (sqlite3)"
exit $((failures > 0))

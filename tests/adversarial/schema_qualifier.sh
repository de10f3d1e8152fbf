#!/usr/bin/env bash
# schema_qualifier.sh SLUICE_BINARY
# A schema qualifier other than main used to be dropped in silence:
# `DELETE FROM aux.t` emptied main.t, `CREATE TABLE aux.t` made main.t,
# `DROP TABLE IF EXISTS aux.t` dropped main.t, and `CREATE TEMP TABLE`
# wrote a table into the database file. With no database attached, these
# must fail as in sqlite3 3.40 (or, for DROP ... IF EXISTS, do nothing)
# and leave main's rows alone, on a file database across a reopen.
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "schema_qualifier: $*" >&2
  failures=$((failures + 1))
}
cd "$dir" || exit 1

"$sluice" sql db "create table t(a); insert into t values (1), (2), (3);" 2>err || fail "setup: $(cat err)"
check() {  # SQL WANT_STDERR
  "$sluice" sql db "$1" >out 2>err
  [ "$(cat err)" = "$2" ] || fail "'$1': stderr '$(cat err)', want '$2'"
}
check "delete from aux.t" "Error: in prepare, no such table: aux.t"
check "update temp.t set a = 0" "Error: in prepare, no such table: temp.t"
check "insert into aux.t values (9)" "Error: in prepare, no such table: aux.t"
check "drop table aux.t" "Error: in prepare, no such table: aux.t"
check "drop table if exists aux.t" ""
check "select aux.t.a from t" $'Error: in prepare, no such column: aux.t.a\n  select aux.t.a from t\n         ^--- error here'
check "create table aux.u(x)" $'Error: in prepare, unknown database aux\n  create table aux.u(x)\n               ^--- error here'
# A TEMP table works but never reaches the file (temp_tables.sh has more).
check "create temp table tt(x); insert into temp.tt values (1)" ""
got=$("$sluice" sql db "select count(*), sum(a) from t; select group_concat(name) from sqlite_schema" 2>&1)
[ "$got" = $'3|6\nt' ] || fail "main changed: '$got'"
exit $((failures > 0))

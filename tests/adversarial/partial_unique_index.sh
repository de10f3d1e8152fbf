#!/usr/bin/env bash
# partial_unique_index.sh SLUICE_BINARY
# `CREATE UNIQUE INDEX ... WHERE` was accepted and its WHERE ignored: rows
# outside the WHERE were refused as duplicates. Uniqueness must hold only
# among the covered rows, on INSERT, UPDATE (rows moving in and out), INSERT
# OR REPLACE and after reopening a file database; queries must still see
# every row; a missing INDEXED BY index, once accepted in silence, must be
# sqlite3's "no such index".
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "partial_unique_index: $*" >&2
  failures=$((failures + 1))
}
cd "$dir" || exit 1

run() { "$sluice" sql "$@" 2>&1; }
out=$(run :memory: "create table t(k, live, note); create unique index one_live on t(k) where live = 1;
  insert into t values (1, 0, 'a'), (1, 0, 'b'), (1, 1, 'c'); select count(*) from t;")
[ "$out" = 3 ] || fail ":memory:: rows outside the partial index were refused: '$out'"
for db in file.db; do
  out=$(run "$db" "create table t(k, live, note);
    create unique index one_live on t(k) where live = 1;
    insert into t values (1, 0, 'old'), (1, 0, 'older'), (1, 1, 'current');
    select count(*) from t where k = 1;")
  [ "$out" = 3 ] || fail "$db: rows outside the partial index were refused: '$out'"
  out=$(run "$db" "insert into t values (1, 1, 'second live')")
  [ "$out" = "Error: stepping, UNIQUE constraint failed: t.k (19)" ] ||
    fail "$db: a second covered duplicate was not refused: '$out'"
  out=$(run "$db" "update t set live = 1 where note = 'old'")
  [ "$out" = "Error: stepping, UNIQUE constraint failed: t.k (19)" ] ||
    fail "$db: an UPDATE moving a duplicate into the index was not refused: '$out'"
  out=$(run "$db" "update t set live = 0 where note = 'current'; update t set live = 1 where note = 'old';
    select note from t where live = 1; select count(*) from t where k = 1;")
  [ "$out" = "old
3" ] || fail "$db: rows moving out of and into the index: '$out'"
  out=$(run "$db" "insert or replace into t values (1, 1, 'newest'); select note from t order by rowid;")
  [ "$out" = "older
current
newest" ] || fail "$db: INSERT OR REPLACE did not replace only the covered row: '$out'"
  out=$(run "$db" "select count(*) from t indexed by nosuch")
  [ "$out" = "Error: in prepare, no such index: nosuch" ] || fail "$db: INDEXED BY a missing index: '$out'"
done
exit $((failures > 0))

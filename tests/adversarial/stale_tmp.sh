#!/usr/bin/env bash
# stale_tmp.sh SLUICE_BINARY
# A checkpoint killed before its rename left the whole new image in
# DB.tmp until the next checkpoint overwrote it, which may be never for a
# database only read. Opening the database now removes a stale DB.tmp
# (garbage, a complete image, next to a log that still holds commits,
# through a symlink) with every row intact; but only when it can take the
# writer lock (another process's checkpoint may be writing DB.tmp right
# now), and never a directory of that name or what a symlink of that name
# points to.
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
holder=
trap '[ -n "$holder" ] && kill -9 "$holder" 2>/dev/null; rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "stale_tmp: $*" >&2
  failures=$((failures + 1))
}
cd "$dir" || exit 1

rows=500
want="$rows|$((rows * (rows + 1) / 2))|ok"
fill() {  # fill DB: a table of $rows rows, each insert its own commit
  {
    echo "create table t(a integer primary key, b);"
    for i in $(seq 1 $rows); do echo "insert into t(b) values($i);"; done
  } | "$sluice" sql "$1" 2>err || fail "fill $1: $(cat err)"
}
check() {  # check WHAT DB: every row there, DB.tmp gone
  local got
  got=$("$sluice" sql "$2" "select count(*), sum(b) from t; pragma integrity_check" 2>err | tr '\n' '|')
  [ "$got" = "$want|" ] || fail "$1: rows '$got', stderr '$(cat err)'"
  [ ! -e "$2.tmp" ] || fail "$1: $2.tmp is still there"
}

# Garbage, large and small.
fill db
head -c 70000 /dev/urandom >db.tmp
check "garbage db.tmp" db
head -c 100 /dev/urandom >db.tmp
check "a short db.tmp" db

# A complete image (another database's) as db.tmp: never taken for db.
"$sluice" sql other "create table t(a integer primary key, b); insert into t values(1, 1);" 2>err || fail "other: $(cat err)"
cp other db.tmp
check "another database as db.tmp" db

# A read-only use removes it too.
head -c 5000 /dev/urandom >db.tmp
"$sluice" sql db "select count(*) from t" >out 2>err
[ "$(cat out)" = "$rows" ] || fail "select with a stale db.tmp: '$(cat out)' / '$(cat err)'"
[ ! -e db.tmp ] || fail "a read-only open left db.tmp"

# A killed checkpoint: the writer is killed with its commits in the log
# (a clean close would checkpoint), and db.tmp lies beside them.
mkfifo in
make_killed() {  # make_killed DB
  rm -f out
  "$sluice" sql "$1" <in >out 2>&1 &
  holder=$!
  exec 3>in
  {
    echo "create table t(a integer primary key, b);"
    echo "pragma wal_checkpoint;"
    for i in $(seq 1 $rows); do echo "insert into t(b) values($i);"; done
    echo "select 'ready';"
  } >&3
  for _ in $(seq 1 400); do
    grep -qx ready out 2>/dev/null && break
    sleep 0.05
  done
  kill -9 "$holder" 2>/dev/null
  wait "$holder" 2>/dev/null
  holder=
  exec 3>&-
  grep -qx ready out || fail "the killed writer did not get ready: $(head -c 300 out)"
}
make_killed killed
[ "$(stat -c %s killed-wal)" -gt 1000 ] || fail "the killed writer's log is empty: the test sets up nothing"
head -c 70000 /dev/urandom >killed.tmp
check "a killed checkpoint's killed.tmp beside a log with commits" killed

# Through a symlink: the temporary beside the real file goes.
mkdir real
fill real/db
ln -s real/db link
head -c 5000 /dev/urandom >real/db.tmp
check "real/db.tmp, opened through a link" link
[ ! -e real/db.tmp ] || fail "real/db.tmp is still there after an open through the link"
[ -L link ] || fail "the link was replaced"

# While another process holds the writer lock, db.tmp may be its
# checkpoint's: it must be left alone.
"$sluice" sql db "pragma wal_checkpoint" >/dev/null 2>&1
"$sluice" sql db </dev/null >/dev/null 2>&1
rm -f out
"$sluice" sql db <in >out 2>&1 &
holder=$!
exec 3>in
echo "begin; insert into t(b) values(0); select 'ready';" >&3
for _ in $(seq 1 200); do
  grep -qx ready out 2>/dev/null && break
  sleep 0.05
done
grep -qx ready out || fail "the lock holder did not get ready: $(cat out)"
head -c 5000 /dev/urandom >db.tmp
cp db.tmp live.tmp
"$sluice" sql db "select count(*) from t" >out2 2>err
[ "$(cat out2)" = "$rows" ] || fail "a reader beside a writer: '$(cat out2)' / '$(cat err)'"
cmp -s db.tmp live.tmp || fail "db.tmp was removed or changed while another process held the writer lock"
echo "rollback;" >&3
exec 3>&-
wait "$holder"
holder=
check "after the lock holder left" db

# A directory of that name is not ours to remove; a symlink of that name
# may go, but what it points to must survive, also a checkpoint after it.
mkdir db.tmp
touch db.tmp/keep
"$sluice" sql db "select count(*) from t" >/dev/null 2>&1
[ -f db.tmp/keep ] || fail "a directory named db.tmp was removed"
rm -rf db.tmp
echo precious >precious
ln -s precious db.tmp
"$sluice" sql db "insert into t(b) values(0); pragma wal_checkpoint;" >/dev/null 2>err || fail "a write beside a db.tmp symlink: $(cat err)"
[ "$(cat precious)" = precious ] || fail "the target of a symlink named db.tmp was overwritten"
[ -f db ] && [ ! -L db ] || fail "db is no longer a regular file: $(ls -l db)"
[ "$("$sluice" sql db "select count(*) from t" 2>&1)" = $((rows + 1)) ] || fail "rows after a checkpoint beside a db.tmp symlink"
exit $((failures > 0))

#!/usr/bin/env bash
# symlink_db.sh SLUICE_BINARY
# Through a symlink, the first checkpoint renamed the new image over the
# link (so later commits never reached the target), and the link and the
# target locked different -wal files (so two writers could run at once).
# Now the path is resolved once at open: commits through the link reach
# the target, checkpoints (PRAGMA wal_checkpoint, the automatic one once
# the log holds 64 MiB, a transaction too big for one log record, a clean
# close) keep the link a link, and a writer through either name makes a
# writer through the other get sqlite3's "database is locked".
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
holder=
trap '[ -n "$holder" ] && kill -9 "$holder" 2>/dev/null; rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "symlink_db: $*" >&2
  failures=$((failures + 1))
}
cd "$dir" || exit 1
mkdir real
ln -s real/db link
real=real/db

check_link() {
  [ -L link ] && [ "$(readlink link)" = "$real" ] || fail "$1: the link was replaced: $(ls -l link)"
  [ -f "$real" ] && [ ! -L "$real" ] || fail "$1: the target is not a regular file: $(ls -l "$real")"
  local stray
  stray=$(ls -A | grep -v -x -e real -e link -e in -e holder.out -e out -e err)
  [ -z "$stray" ] || fail "$1: files beside the link: $stray"
}

# One commit per line; the clean close checkpoints.
"$sluice" sql link "create table t(a integer primary key, b); insert into t(b) values('r1');" >out 2>err ||
  fail "create through the link: $(cat err)"
"$sluice" sql link "insert into t(b) values('r2'); pragma wal_checkpoint;" >out 2>err ||
  fail "checkpoint through the link: $(cat err)"
[ "$(cat out)" = "0|0|0" ] || fail "pragma wal_checkpoint printed '$(cat out)', want 0|0|0"
check_link "after PRAGMA wal_checkpoint"
"$sluice" sql link "insert into t(b) values('r3');" 2>err || fail "insert through the link: $(cat err)"
[ "$("$sluice" sql "$real" "select group_concat(b) from t" 2>&1)" = "r1,r2,r3" ] ||
  fail "the target does not hold the commits made through the link"
check_link "after clean closes"

# A session kept open through the link: 9 commits of 8 MB (incompressible)
# pass the 64 MiB log limit, so a checkpoint runs mid-session; then one
# 20 MB transaction, too big for a log record, commits by checkpoint.
mkfifo in
"$sluice" sql link <in >holder.out 2>&1 &
holder=$!
exec 3>in
wait_for() {  # wait_for WORD: until the holder printed WORD (10 s at most)
  for _ in $(seq 1 200); do
    grep -qx "$1" holder.out && return 0
    sleep 0.05
  done
  fail "the session through the link did not print '$1': $(head -c 500 holder.out)"
  return 1
}
for i in $(seq 1 9); do echo "insert into t(b) values(randomblob(8000000));" >&3; done
echo "select 'logged';" >&3
wait_for logged
wal_size=$(stat -c %s "$real-wal")
[ "$wal_size" -lt $((64 * 1024 * 1024)) ] || fail "the log holds $wal_size bytes: no automatic checkpoint"
check_link "after the automatic checkpoint"
echo "insert into t(b) values(randomblob(20000000)); select 'big';" >&3
wait_for big
check_link "after a transaction committed by checkpoint"
[ "$("$sluice" sql "$real" "select count(*), sum(length(b)) from t" 2>&1)" = "13|92000006" ] ||
  fail "the target does not hold the session's rows: $("$sluice" sql "$real" "select count(*), sum(length(b)) from t" 2>&1)"
# The session sees what another process committed through the real path.
"$sluice" sql "$real" "delete from t where length(b) > 2" 2>err || fail "delete through the real path: $(cat err)"
echo "select count(*) from t;" >&3
echo "select 'counted';" >&3
wait_for counted
grep -qx 3 holder.out || fail "the session through the link did not see the delete: $(tail -c 200 holder.out)"
exec 3>&-
wait "$holder"
holder=
check_link "after the session closed"
[ "$("$sluice" sql "$real" "select group_concat(b) from t" 2>&1)" = "r1,r2,r3" ] ||
  fail "rows after the session: $("$sluice" sql "$real" "select group_concat(b) from t" 2>&1)"

# One writer at a time, whichever name it used. sqlite3 prints
# "Error: stepping, database is locked (5)" and exits 5.
locked() {  # locked HOLDER_PATH OTHER_PATH
  rm -f in holder.out
  mkfifo in
  "$sluice" sql "$1" <in >holder.out 2>&1 &
  holder=$!
  exec 3>in
  echo "begin; insert into t(b) values('held'); select 'ready';" >&3
  wait_for ready || return
  timeout 30 "$sluice" sql "$2" "insert into t(b) values('second')" >out 2>err
  local status=$?
  [ "$status" -eq 5 ] || fail "writer through $2 while $1 holds a transaction: exit status $status, want 5"
  [ "$(cat err)" = "Error: stepping, database is locked (5)" ] ||
    fail "writer through $2 while $1 holds a transaction: stderr '$(cat err)'"
  echo "commit; select 'done';" >&3
  wait_for done
  exec 3>&-
  wait "$holder"
  holder=
  "$sluice" sql "$2" "insert into t(b) values('after')" 2>err || fail "writer through $2 after the commit: $(cat err)"
}
locked link "$real"
locked "$real" link
[ "$("$sluice" sql link "select group_concat(b) from t" 2>&1)" = "r1,r2,r3,held,after,held,after" ] ||
  fail "rows after the lock checks: $("$sluice" sql link "select group_concat(b) from t" 2>&1)"
check_link "at the end"
exit $((failures > 0))

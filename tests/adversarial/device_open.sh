#!/usr/bin/env bash
# device_open.sh SLUICE_BINARY
# A database at /dev/null (or any character device or FIFO) was taken for
# an empty file, and the first checkpoint renamed a new image over it: as
# root, `sluice sql /dev/null "create table t(a)"` replaced /dev/null with
# a regular file. Now a device, a FIFO or a directory is refused at once
# with sqlite3's "Error: unable to open database "PATH"" and the reason,
# exit 1, never blocking (a FIFO's open would wait for a writer); the
# device, FIFO and directory stay what they were, also through a symlink,
# and nothing (PATH-wal, PATH.tmp) appears beside them. sqlite3 is only the
# model for the message: it hangs on a FIFO and leaves /dev/null-journal.
# A private device node (mknod c 1 3, when allowed) is attacked first, and
# the real /dev/null only if that node was refused: a broken build must
# not take the machine's /dev/null with it.
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "device_open: $*" >&2
  failures=$((failures + 1))
}
cd "$dir" || exit 1

# Files beside /dev/null before the attack: any new one is sluice's.
ls -d /dev/null* | sort >before

mkfifo fifo
mkdir folder
# A private copy of /dev/null's device node takes the attacks first: a
# broken build would, as root, replace the machine's /dev/null itself.
devnode=
mknod nulldev c 1 3 2>/dev/null && devnode=nulldev
# refused NAME PATH HOW...: runs `sluice sql ...` with PATH and checks the refusal.
refused() {
  local name=$1 path=$2
  shift 2
  timeout 10 "$@" >out 2>err </dev/null
  local status=$?
  if [ "$status" -eq 124 ]; then
    fail "$name: hung (killed after 10 s)"
    return
  fi
  [ "$status" -eq 1 ] || fail "$name: exit status $status, want 1 (stderr: $(cat err))"
  grep -qF "Error: unable to open database \"$path\"" err ||
    fail "$name: stderr is '$(cat err)', want sqlite3's 'Error: unable to open database \"$path\"...'"
  [ ! -s out ] || fail "$name: printed '$(cat out)'"
}
attack() {  # attack PATH: every way to open PATH as a database
  local path=$1 status
  refused "$path (create)" "$path" "$sluice" sql "$path" "create table t(a)"
  refused "$path (insert after create)" "$path" "$sluice" sql "$path" "create table t(a); insert into t values(1);"
  refused "$path (read)" "$path" "$sluice" sql "$path" "select 1"
  refused "$path (vacuum)" "$path" "$sluice" sql "$path" "vacuum"
  refused "$path (checkpoint)" "$path" "$sluice" sql "$path" "pragma wal_checkpoint"
  # No SQL at all: the shell still opens the database at start.
  refused "$path (shell, empty input)" "$path" "$sluice" sql "$path"
  # .open inside a script: the same error (the script goes on, as in sqlite3).
  printf '.open %s\ncreate table t(a);\n' "$path" | timeout 10 "$sluice" sql >out 2>err
  status=$?
  [ "$status" -ne 124 ] || fail ".open $path: hung"
  grep -qF "Error: unable to open database \"$path\"" err || fail ".open $path: stderr is '$(cat err)'"
}

for path in $devnode fifo folder; do attack "$path"; done
[ -z "$devnode" ] || [ -c "$devnode" ] || fail "$devnode is no longer a character device: $(ls -l "$devnode")"
if [ "$failures" -eq 0 ]; then
  attack /dev/null
else
  echo "device_open: not attacking the real /dev/null: the private device node was not refused" >&2
fi

[ -c /dev/null ] || fail "/dev/null is no longer a character device: $(ls -l /dev/null)"
[ -p fifo ] || fail "fifo is no longer a FIFO: $(ls -l fifo)"
[ -d folder ] || fail "folder is no longer a directory: $(ls -ld folder)"
[ -z "$(ls -A folder)" ] || fail "files appeared inside folder: $(ls -A folder)"
ls -d /dev/null* | sort >after
cmp -s before after || fail "files appeared beside /dev/null: $(comm -13 before after | tr '\n' ' ')"
extra=$(ls -A | grep -v -x -e fifo -e folder -e nulldev -e before -e after -e out -e err)
[ -z "$extra" ] || fail "files appeared beside the FIFO, the folder and the device: $extra"

# Through a symlink the target is what counts.
ln -s fifo fifo_link
if [ -n "$devnode" ] || [ "$failures" -eq 0 ]; then
  ln -s "${devnode:-/dev/null}" null_link
  refused "symlink to a device" null_link "$sluice" sql null_link "create table t(a)"
else
  ln -s /nonexistent null_link  # keeps the check below simple
fi
refused "symlink to a FIFO" fifo_link "$sluice" sql fifo_link "create table t(a)"
[ -L null_link ] && [ -L fifo_link ] || fail "a symlink was replaced: $(ls -l null_link fifo_link)"
[ -p fifo ] || fail "fifo is no longer a FIFO after the symlink attack"

# A regular file still opens (the refusal is not of everything).
"$sluice" sql real.db "create table t(a); insert into t values(7);" >out 2>err ||
  fail "a regular database: $(cat err)"
[ "$("$sluice" sql real.db "select a from t" 2>&1)" = 7 ] || fail "a regular database lost its row"
exit $((failures > 0))

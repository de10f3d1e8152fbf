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

for path in /dev/null fifo folder; do
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
done

[ -c /dev/null ] || fail "/dev/null is no longer a character device: $(ls -l /dev/null)"
[ -p fifo ] || fail "fifo is no longer a FIFO: $(ls -l fifo)"
[ -d folder ] || fail "folder is no longer a directory: $(ls -ld folder)"
[ -z "$(ls -A folder)" ] || fail "files appeared inside folder: $(ls -A folder)"
ls -d /dev/null* | sort >after
cmp -s before after || fail "files appeared beside /dev/null: $(comm -13 before after | tr '\n' ' ')"
extra=$(ls -A | grep -v -x -e fifo -e folder -e before -e after -e out -e err)
[ -z "$extra" ] || fail "files appeared beside the FIFO and the folder: $extra"

# Through a symlink the target is what counts.
ln -s /dev/null null_link
ln -s fifo fifo_link
refused "symlink to /dev/null" null_link "$sluice" sql null_link "create table t(a)"
refused "symlink to a FIFO" fifo_link "$sluice" sql fifo_link "create table t(a)"
[ -L null_link ] && [ -L fifo_link ] || fail "a symlink was replaced: $(ls -l null_link fifo_link)"
[ -p fifo ] || fail "fifo is no longer a FIFO after the symlink attack"

# A regular file still opens (the refusal is not of everything).
"$sluice" sql real.db "create table t(a); insert into t values(7);" >out 2>err ||
  fail "a regular database: $(cat err)"
[ "$("$sluice" sql real.db "select a from t" 2>&1)" = 7 ] || fail "a regular database lost its row"
exit $((failures > 0))

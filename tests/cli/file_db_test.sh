#!/usr/bin/env bash
# file_db_test.sh SLUICE_BINARY
# `sluice sql FILE` across processes: what one process commits the next
# one reads; an unfinished transaction is gone; .backup and .dump make
# databases the next process opens; a second writer is told "database is
# locked"; a file that is not a database is refused with exit status 1, and
# so are a FIFO and a device (left as they are); a database reached through
# a symlink is its target's; a stale PATH.tmp is removed on open; .backup
# keeps a file that is not a database.
set -uo pipefail
sluice=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0

check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" != "$3" ]; then
    echo "FAIL: $1"; echo "  expected: $(printf '%q' "$2")"; echo "  got:      $(printf '%q' "$3")"
    failures=$((failures + 1))
  fi
}

db=$dir/shop.db
printf 'create table items(name text, price real);\ninsert into items values (%s);\n' "'tea', 2.5), ('jam', 4" |
  "$sluice" sql "$db"
printf "begin;\ninsert into items values ('lost', 0);\n" | "$sluice" sql "$db"  # ends without COMMIT
check "reopen sees committed rows only" $'tea|2.5\njam|4.0' "$(echo 'select * from items;' | "$sluice" sql "$db")"

echo ".backup $dir/copy.db" | "$sluice" sql "$db"
check ".backup makes a database" "2" "$(echo 'select count(*) from items;' | "$sluice" sql "$dir/copy.db")"

echo ".dump" | "$sluice" sql "$db" | "$sluice" sql "$dir/restored.db"
check ".dump | sluice sql FILE round-trips" "$(echo .dump | "$sluice" sql "$db")" \
  "$(echo .dump | "$sluice" sql "$dir/restored.db")"

# A writer holding a transaction open (its stdin stays open until we close it).
mkfifo "$dir/fifo"
"$sluice" sql "$db" <"$dir/fifo" >/dev/null 2>&1 &
holder=$!
exec 3>"$dir/fifo"
echo "begin; insert into items values ('held', 1);" >&3
sleep 0.5
got=$(printf ".timeout 100\ninsert into items values ('other', 1);\n" | "$sluice" sql "$db" 2>&1)
case $got in
  *"database is locked"*) ;;
  *) echo "FAIL: second writer: expected 'database is locked', got: $got"; failures=$((failures + 1)) ;;
esac
echo "commit;" >&3
exec 3>&-
wait "$holder"
check "the holder's transaction committed" "3" "$(echo 'select count(*) from items;' | "$sluice" sql "$db")"

printf 'name,price\ntea,2.5\n' >"$dir/items.csv"
err=$(echo 'select 1;' | "$sluice" sql "$dir/items.csv" 2>&1 >/dev/null)
status=$?
check "not a database: exit status" "1" "$status"
case $err in
  *"file is not a database"*"$dir/items.csv"* | *"$dir/items.csv"*"file is not a database"*) ;;
  *) echo "FAIL: not a database: message was: $err"; failures=$((failures + 1)) ;;
esac

# A FIFO or a character device is refused and left as it is (a checkpoint
# would rename a new image over it). timeout: opening a FIFO for reading
# blocks.
mkfifo "$dir/pipe"
specials=("$dir/pipe")
if mknod "$dir/null" c 1 3 2>/dev/null; then specials+=("$dir/null"); fi  # needs root
for special in "${specials[@]}"; do
  err=$(echo 'create table t(x);' | timeout 10 "$sluice" sql "$special" 2>&1 >/dev/null)
  status=$?
  check "$special: exit status" "1" "$status"
  check "$special: message" "Error: unable to open database \"$special\": $special: not a regular file" "$err"
  [ -f "$special" ] && { echo "FAIL: $special was replaced by a regular file"; failures=$((failures + 1)); }
done

# Through a symlink (dangling until the database is created) the target is
# the database: the link stays a link and both paths lock the same log.
ln -s linked.db "$dir/link.db"
printf 'create table t(x);\ninsert into t values (7);\n' | "$sluice" sql "$dir/link.db"
[ -L "$dir/link.db" ] || { echo "FAIL: the symlink was replaced"; failures=$((failures + 1)); }
check "write via the link, read via the target" "7" "$(echo 'select x from t;' | "$sluice" sql "$dir/linked.db")"
"$sluice" sql "$dir/link.db" <"$dir/fifo" >/dev/null 2>&1 &
holder=$!
exec 3>"$dir/fifo"
echo "begin; insert into t values (8);" >&3
sleep 0.5
got=$(printf ".timeout 100\ninsert into t values (9);\n" | "$sluice" sql "$dir/linked.db" 2>&1)
case $got in
  *"database is locked"*) ;;
  *) echo "FAIL: writer via the target while one holds the link: got: $got"; failures=$((failures + 1)) ;;
esac
echo "commit;" >&3
exec 3>&-
wait "$holder"
check "the link's transaction committed" $'7\n8' "$(echo 'select x from t;' | "$sluice" sql "$dir/linked.db")"

# A temporary image left by a killed checkpoint is removed on open.
echo "half an image" >"$dir/shop.db.tmp"
echo 'select 1;' | "$sluice" sql "$db" >/dev/null
[ -e "$dir/shop.db.tmp" ] && { echo "FAIL: stale shop.db.tmp kept"; failures=$((failures + 1)); }

# .backup keeps a file that is not a database.
echo "my notes" >"$dir/notes.txt"
err=$(echo ".backup $dir/notes.txt" | "$sluice" sql "$db" 2>&1)
check ".backup onto notes: message" "Error: file is not a database" "$err"
check ".backup onto notes: file kept" "my notes" "$(cat "$dir/notes.txt")"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "file database checks passed"

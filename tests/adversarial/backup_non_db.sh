#!/usr/bin/env bash
# backup_non_db.sh SLUICE_BINARY
# `.backup notes.txt` silently replaced the notes with a database. Like
# sqlite3 3.40, .backup now keeps an existing non-empty file that does not
# start like a database and fails with "Error: file is not a database"
# (exit 1, and the script goes on); a new path, an empty file or an
# existing database is (re)written, and the copy opens with every row.
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "backup_non_db: $*" >&2
  failures=$((failures + 1))
}
cd "$dir" || exit 1

"$sluice" sql db "create table t(a integer primary key, b text);
  insert into t(b) values('one'), ('two'), ('three');" 2>err || fail "setup: $(cat err)"
want="1|one
2|two
3|three"

printf 'my notes\nline 2 of them\n' >notes.txt
cp notes.txt notes.orig
head -c 5000 /dev/urandom >noise.bin
cp noise.bin noise.orig
for target in notes.txt noise.bin; do
  orig=${target%.*}.orig
  "$sluice" sql db ".backup $target" >out 2>err
  status=$?
  [ "$status" -eq 1 ] || fail ".backup $target: exit status $status, want 1"
  [ "$(cat err)" = "Error: file is not a database" ] ||
    fail ".backup $target: stderr '$(cat err)', want sqlite3's 'Error: file is not a database'"
  cmp -s "$target" "$orig" || fail ".backup $target changed it"
  # The same from a script: the error is counted, the next line runs.
  printf '.backup main %s\nselect count(*) from t;\n' "$target" | "$sluice" sql db >out 2>err
  status=$?
  [ "$status" -eq 1 ] || fail "scripted .backup $target: exit status $status, want 1"
  [ "$(cat err)" = "Error: file is not a database" ] || fail "scripted .backup $target: stderr '$(cat err)'"
  [ "$(cat out)" = 3 ] || fail "scripted .backup $target: the next statement printed '$(cat out)'"
  cmp -s "$target" "$orig" || fail "scripted .backup $target changed it"
  for suffix in -wal .tmp -wal.corrupt; do
    [ ! -e "$target$suffix" ] || fail ".backup $target left $target$suffix"
  done
done

# sqlite3 agrees on the message (when it is installed).
if command -v sqlite3 >/dev/null; then
  sqlite3 sq.db "create table t(a)" &&
    sqlite3 sq.db ".backup notes.txt" 2>err >/dev/null
  [ "$(cat err)" = "Error: file is not a database" ] || fail "sqlite3 now says '$(cat err)': update this script"
  cmp -s notes.txt notes.orig || fail "sqlite3 changed notes.txt"
fi

# Where a backup may be written, it is, and opens with every row.
: >empty
"$sluice" sql db2 "create table other(x); insert into other values(5);" 2>err || fail "setup db2: $(cat err)"
for target in copy.db empty db2 sub/dir/x.db; do
  case $target in sub/*) mkdir -p sub/dir ;; esac
  "$sluice" sql db ".backup $target" >out 2>err || fail ".backup $target: exit status $?, stderr '$(cat err)'"
  [ "$("$sluice" sql "$target" "select * from t order by a" 2>&1)" = "$want" ] ||
    fail ".backup $target: the copy holds '$("$sluice" sql "$target" "select * from t order by a" 2>&1)'"
  [ "$("$sluice" sql "$target" "pragma integrity_check" 2>&1)" = ok ] || fail ".backup $target: integrity_check fails"
done
[ "$("$sluice" sql db2 ".tables" 2>&1)" = t ] || fail "the backup over db2 kept its old tables: $("$sluice" sql db2 ".tables" 2>&1)"
# The source is untouched.
[ "$("$sluice" sql db "select * from t order by a" 2>&1)" = "$want" ] || fail "the source database changed"
exit $((failures > 0))

#!/usr/bin/env bash
# database_list.sh SLUICE_BINARY
# PRAGMA database_list was accepted and returned nothing. As in sqlite3
# 3.40 it lists main with the absolute path of its file ("" in memory), a
# symlink resolved; `.databases` prints it as sqlite3 does.
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "database_list: $*" >&2
  failures=$((failures + 1))
}
cd "$dir" || exit 1
real=$(pwd -P)
got=$("$sluice" sql :memory: "pragma database_list" 2>&1)
[ "$got" = "0|main|" ] || fail "in memory: '$got'"
got=$("$sluice" sql db.sluice "pragma database_list" 2>&1)
[ "$got" = "0|main|$real/db.sluice" ] || fail "file: '$got'"
mkdir sub && ln -s ../db.sluice sub/link.db
got=$(cd sub && "$sluice" sql link.db "pragma database_list" 2>&1)
[ "$got" = "0|main|$real/db.sluice" ] || fail "symlink: '$got'"
got=$(printf '.databases\n' | "$sluice" sql db.sluice 2>&1)
[ "$got" = "main: $real/db.sluice r/w" ] || fail ".databases: '$got'"
got=$(printf '.databases\n' | "$sluice" sql 2>&1)
[ "$got" = 'main: "" r/w' ] || fail ".databases in memory: '$got'"
exit $((failures > 0))

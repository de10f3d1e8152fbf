#!/usr/bin/env bash
# case_sensitive_like.sh SLUICE_BINARY
# PRAGMA case_sensitive_like = ON was accepted and ignored: LIKE went on
# matching 'x' LIKE 'X', so a query meant to tell case apart returned the
# wrong rows with exit 0. It must apply to the LIKE operator, like(), a
# CHECK constraint and a statement prepared before the PRAGMA, and OFF (or
# a new connection) must bring the default back, as in sqlite3.
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "case_sensitive_like: $*" >&2
  failures=$((failures + 1))
}
cd "$dir" || exit 1
check() {  # SQL WANT
  local got
  got=$("$sluice" sql -bail db "$1" 2>&1)
  [ "$got" = "$2" ] || fail "$1: got '$got', want '$2'"
}
"$sluice" sql db "create table n(s); insert into n values ('apple'), ('Apple'), ('APPLE');" || fail "setup"
check "select count(*) from n where s like 'a%'" 3
check "pragma case_sensitive_like = on; select count(*) from n where s like 'a%'" 1
check "pragma case_sensitive_like = on; select like('A%', s) from n order by rowid" "0
1
1"
check "pragma case_sensitive_like = on; select 'x' like 'X', 'x' like 'x', 'X' glob 'x'" "0|1|0"
check "pragma case_sensitive_like = on; pragma case_sensitive_like = off; select 'x' like 'X'" 1
check "pragma case_sensitive_like = 1; create table c(s check (s like 'A%')); insert into c values ('abc');" \
  "Error: stepping, CHECK constraint failed: s like 'A%' (19)"
check "pragma case_sensitive_like = on" ""
check "select 'x' like 'X'" 1  # a setting of the connection only
if command -v sqlite3 >/dev/null; then
  got=$(sqlite3 :memory: "pragma case_sensitive_like = on; select 'x' like 'X', 'x' like 'x'")
  [ "$got" = "0|1" ] || fail "sqlite3 now says '$got': update this script"
fi
exit $((failures > 0))

#!/usr/bin/env bash
# recursive_triggers.sh SLUICE_BINARY
# PRAGMA recursive_triggers was accepted and ignored (it returned nothing,
# and triggers that did something were refused). Now, as in sqlite3 3.40:
# the pragma reads back its value; off, a trigger does not fire itself
# again; on, it does, to 1000 levels, and the 1001st fails with "too many
# levels of trigger recursion" undoing the statement and every write of its
# triggers — also in a file database, where the triggers still fire after
# reopening and a failed statement leaves nothing in the files.
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "recursive_triggers: $*" >&2
  failures=$((failures + 1))
}
cd "$dir" || exit 1

check() {  # check NAME WANT SQL: the output of SQL on db must be WANT
  local got
  got=$("$sluice" sql db "$3" 2>&1)
  [ "$got" = "$2" ] || fail "$1: got '$got', want '$2'"
}

check "pragma default" 0 "pragma recursive_triggers;"
check "pragma set" 1 "pragma recursive_triggers = on; pragma recursive_triggers;"
"$sluice" sql db "create table r(n); create table side(x);
  create trigger r_ai after insert on r when new.n < 1000 begin
    insert into side values (new.n); insert into r values (new.n + 1); end;" 2>err || fail "setup: $(cat err)"
check "off: no recursion" "2|1" "insert into r values (1); select count(*), (select count(*) from side) from r;"
check "on: 1000 levels" "1000|999" "delete from r; delete from side; pragma recursive_triggers = 1;
  insert into r values (1); select count(*), (select count(*) from side) from r;"
# After reopening, the same triggers fire.
check "reopened" "1002|1000" "pragma recursive_triggers = 1; insert into r values (999); select count(*), (select count(*) from side) from r;"
# One level more fails, and nothing of the statement stays.
"$sluice" sql db "drop trigger r_ai; delete from r; delete from side;
  create trigger r_ai after insert on r when new.n < 1001 begin
    insert into side values (new.n); insert into r values (new.n + 1); end;" 2>err || fail "setup 2: $(cat err)"
out=$("$sluice" sql db "pragma recursive_triggers = 1; insert into r values (1);" 2>&1)
status=$?
[ "$status" -eq 1 ] || fail "1001 levels: exit status $status, want 1"
case $out in *"too many levels of trigger recursion"*) ;; *) fail "1001 levels: '$out'" ;; esac
check "undone" "0|0" "select count(*), (select count(*) from side) from r;"
check "integrity" ok "pragma integrity_check;"
exit $((failures > 0))

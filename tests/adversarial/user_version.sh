#!/usr/bin/env bash
# user_version.sh SLUICE_BINARY
# PRAGMA user_version = N and application_id = N were accepted and
# forgotten (reading them printed nothing), so an application's schema
# migrations re-ran on every open. They must be kept as sqlite3 keeps them:
# read back, durable in the file across reopen, seen by a second
# connection, taken back by ROLLBACK and ROLLBACK TO, and left out of a
# backup never.
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "user_version: $*" >&2
  failures=$((failures + 1))
}
cd "$dir" || exit 1
q() { "$sluice" sql "$@" 2>&1; }

[ "$(q db "pragma user_version; pragma application_id")" = "0
0" ] || fail "a new database reads '$(q db "pragma user_version; pragma application_id")', want 0 and 0"
q db "create table t(x); insert into t values (1); pragma user_version = 7; pragma application_id = 1234" >out ||
  fail "setting them: $(cat out)"
[ "$(q db "pragma user_version; pragma application_id")" = "7
1234" ] || fail "after reopen: '$(q db "pragma user_version; pragma application_id")', want 7 and 1234"
[ "$(q db "select * from pragma_user_version")" = 7 ] || fail "pragma_user_version: '$(q db "select * from pragma_user_version")'"

# Taken back with the transaction (the file is reopened after each).
q db "begin; pragma user_version = 8; rollback;" >/dev/null
[ "$(q db "pragma user_version")" = 7 ] || fail "ROLLBACK kept user_version $(q db "pragma user_version")"
q db "savepoint s; pragma user_version = 9; rollback to s; release s;" >/dev/null
[ "$(q db "pragma user_version")" = 7 ] || fail "ROLLBACK TO kept user_version $(q db "pragma user_version")"
q db "begin; pragma user_version = 10; insert into t values (2); commit;" >/dev/null
[ "$(q db "pragma user_version; select count(*) from t")" = "10
2" ] || fail "COMMIT: '$(q db "pragma user_version; select count(*) from t")', want 10 and 2"

# A second connection, open while the first writes, sees the commit.
printf 'pragma user_version;\n.shell "%s" sql db "pragma user_version = 11"\npragma user_version;\n' "$sluice" |
  "$sluice" sql db >out 2>&1
[ "$(cat out)" = "10
11" ] || fail "a second connection's commit: '$(cat out)', want 10 then 11"

# A backup carries them.
q db ".backup copy.db" >/dev/null
[ "$(q copy.db "pragma user_version; pragma application_id")" = "11
1234" ] || fail "the backup reads '$(q copy.db "pragma user_version; pragma application_id")'"
[ "$(q db "pragma integrity_check")" = ok ] || fail "integrity_check: $(q db "pragma integrity_check")"
exit $((failures > 0))

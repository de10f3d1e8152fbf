#!/usr/bin/env bash
# check_constraint.sh SLUICE: rows that break a CHECK constraint were stored
# without a word. They must be refused through every write path: INSERT,
# INSERT ... SELECT, UPDATE, .import (the Appender), and again after the
# file database is reopened (the constraint comes back from the schema text).
set -uo pipefail
sluice=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
printf '5\n-5\n' >rows.csv
fail() { echo "FAIL: $*" >&2; exit 1; }

"$sluice" sql db.sluice >out 2>err <<'SQL'
CREATE TABLE t(x INT CHECK (x > 0), CONSTRAINT small CHECK (x < 100));
INSERT INTO t VALUES (-1);
INSERT INTO t SELECT 200;
INSERT INTO t VALUES (1);
UPDATE t SET x = 0;
.import --csv rows.csv t
SQL
grep -qF "CHECK constraint failed: x > 0" err || fail "INSERT of -1 not refused: $(cat err)"
grep -qF "CHECK constraint failed: small" err || fail "INSERT ... SELECT 200 not refused: $(cat err)"
[ "$(grep -c 'CHECK constraint failed' err)" -eq 4 ] || fail "want 4 refusals (INSERT, SELECT, UPDATE, .import row 2): $(cat err)"

# Reopened: the constraints still hold.
"$sluice" sql db.sluice >out 2>err <<'SQL'
INSERT INTO t VALUES (-7);
UPDATE t SET x = 1000 WHERE x = 5;
SELECT group_concat(x, ',') FROM (SELECT x FROM t ORDER BY x);
SQL
[ "$(grep -c 'CHECK constraint failed' err)" -eq 2 ] || fail "reopened database does not enforce CHECK: $(cat err)"
[ "$(cat out)" = "1,5" ] || fail "rows stored: want 1,5, got '$(cat out)'"
exit 0

#!/usr/bin/env bash
# conflict_clauses.sh SLUICE: conflict clauses behaved as ABORT (or were
# refused): INSERT OR FAIL undid the rows before the failing one, INSERT OR
# REPLACE failed on a NULL in a NOT NULL column that has a DEFAULT, UPDATE
# OR IGNORE failed instead of skipping the row, UPDATE OR REPLACE failed
# instead of deleting the rows whose key or rowid it takes.
set -uo pipefail
sluice=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$("$sluice" sql 2>err <<'SQL'
CREATE TABLE t(k INTEGER PRIMARY KEY, v UNIQUE, n NOT NULL DEFAULT 'dflt');
INSERT INTO t VALUES (1, 'a', 'x');
INSERT OR FAIL INTO t VALUES (2, 'b', 'x'), (3, 'a', 'x'), (4, 'd', 'x');
SELECT 'fail:' || group_concat(k) FROM t;
INSERT OR REPLACE INTO t VALUES (5, 'e', NULL);
SELECT 'replace:' || n FROM t WHERE k = 5;
UPDATE OR IGNORE t SET v = 'a';
SELECT 'ignore:' || group_concat(v) FROM (SELECT v FROM t ORDER BY k);
UPDATE OR REPLACE t SET v = 'b' WHERE k = 5;
SELECT 'replace-key:' || group_concat(k) FROM t;
UPDATE OR REPLACE t SET k = 1 WHERE k = 5;
SELECT 'replace-rowid:' || group_concat(k || v) FROM t;
SQL
)
want="fail:1,2
replace:dflt
ignore:a,b,e
replace-key:1,5
replace-rowid:1b"
[ "$out" = "$want" ] || fail "want
$want
got
$out
$(cat err)"
[ "$(grep -c 'UNIQUE constraint failed: t.v' err)" -eq 1 ] || fail "want one error (the OR FAIL): $(cat err)"
exit 0

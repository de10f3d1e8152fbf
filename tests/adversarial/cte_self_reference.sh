#!/usr/bin/env bash
# cte_self_reference.sh SLUICE: a WITH (without RECURSIVE) whose table
# named itself in its body read the real table of that name instead, and
# answered with other rows than sqlite3 (which takes it as a reference to
# itself): a compound one such as the usual counter must be refused (not
# supported), any other must fail with "circular reference: NAME", in
# SELECT, UPDATE ... FROM and DELETE alike, and change nothing.
set -uo pipefail
sluice=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
fail() { echo "FAIL: $*" >&2; exit 1; }

"$sluice" sql db.sluice >out 2>err <<'SQL'
CREATE TABLE n(a INTEGER PRIMARY KEY, b TEXT);
INSERT INTO n VALUES (1, 'x');
CREATE TABLE t(id INTEGER PRIMARY KEY, v INTEGER);
INSERT INTO t VALUES (1, 10);
WITH n(a, b) AS (SELECT 1, 2 UNION ALL SELECT a + 1, b FROM n WHERE a < 3) SELECT * FROM n;
WITH n(a, b) AS (SELECT a, b FROM n) SELECT * FROM n;
WITH n(a, b) AS (SELECT a * 10, b FROM n) UPDATE t SET v = n.a FROM n WHERE t.id = 1;
WITH n(a, b) AS (SELECT a, b FROM n WHERE a IN (SELECT a FROM n)) DELETE FROM t WHERE id IN (SELECT a FROM n);
SELECT * FROM t;
SQL
grep -qF "recursive common table expressions are not supported" err || fail "compound self-reference not refused: $(cat err)"
[ "$(grep -c 'circular reference: n' err)" -eq 3 ] || fail "want 3 'circular reference: n': $(cat err)"
[ "$(cat out)" = "1|10" ] || fail "rows returned or changed: '$(cat out)'"
exit 0

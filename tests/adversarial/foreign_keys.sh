#!/usr/bin/env bash
# foreign_keys.sh SLUICE: with PRAGMA foreign_keys=ON, rows that break a
# FOREIGN KEY were stored without a word (the clause was parsed and
# ignored). They must be refused with sqlite3's "FOREIGN KEY constraint
# failed" through INSERT, UPDATE, DELETE of a parent, .import, a deferred
# key at COMMIT, and again after the file database is reopened; an ON
# DELETE CASCADE must reach the file.
set -uo pipefail
sluice=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
printf '2\n5\n' >rows.csv
fail() { echo "FAIL: $*" >&2; exit 1; }

"$sluice" sql db.sluice >out 2>err <<'SQL'
PRAGMA foreign_keys = ON;
CREATE TABLE p(id INTEGER PRIMARY KEY);
CREATE TABLE c(pid INT REFERENCES p(id) ON DELETE CASCADE);
CREATE TABLE k(pid INT REFERENCES p(id));
CREATE TABLE d(pid INT REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED);
INSERT INTO p VALUES (1), (2);
INSERT INTO c VALUES (5);
INSERT INTO c VALUES (1), (2), (6);
INSERT INTO c VALUES (1), (2);
UPDATE c SET pid = 9 WHERE pid = 2;
INSERT INTO k VALUES (2);
DELETE FROM p WHERE id = 2;
.import --csv rows.csv k
BEGIN;
INSERT INTO d VALUES (7);
COMMIT;
ROLLBACK;
DELETE FROM p WHERE id = 1;
SQL
[ "$(grep -c 'FOREIGN KEY constraint failed' err)" -eq 6 ] ||
  fail "want 6 refusals (INSERT 5, INSERT (6), UPDATE, DELETE parent, .import 5, COMMIT): $(cat err)"

# Reopened: the keys come back from the schema text; the cascade was durable.
"$sluice" sql db.sluice >out 2>err <<'SQL'
PRAGMA foreign_keys = ON;
INSERT INTO c VALUES (3);
SELECT count(*) FROM c;
SELECT group_concat(pid) FROM k;
SELECT count(*) FROM d;
PRAGMA foreign_key_check;
SQL
grep -qF "FOREIGN KEY constraint failed" err || fail "reopened database does not enforce the key: $(cat err)"
[ "$(cat out)" = "$(printf '1\n2,2\n0')" ] || fail "rows stored: want c 1 row, k 2,2, d empty; got '$(cat out)'"
exit 0
